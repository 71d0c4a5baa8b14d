// Which HL7 v2 fields hold PHI, and in which components: the one table `ward scan` finds PHI by
// (hl7v2_phi_scan.h) and `ward deid` replaces it by (deid/hl7v2_deidentifier.h), with the free-text
// fields (OBX-5, NTE-3) and the patient's own values their text is checked against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/hl7v2/hl7v2_message.h"
#include "phi/finding.h"
#include "phi/known_phi.h"

namespace ward::phi {

// How a field's value is laid out (HL7 v2 data types).
enum class Hl7v2Layout : std::uint8_t {
  whole,    // ST, ID: the field
  name,     // XPN/XCN: family (1, with its own and the partner's surname), given (2), middle (3)
  address,  // XAD: street (1), other designation (2), city (3), ZIP (5), county (9); not state, country
  phone,    // XTN: number (1), e-mail (4), area and local number (6, 7); equipment FX is a fax
  id,       // CX: id (1); identifier type (5) SS is an SSN, DL a driver's licence
  time,     // TS/DTM: the time (1)
};

struct Hl7v2PhiField {
  std::string_view segment;
  std::size_t field;
  Hl7v2Layout layout;
  PhiType type;
  std::string_view reason;
};

// The fields whose value is PHI — of MSH, EVN, PID, MRG, NK1, PV1, PV2, ORC, OBR, OBX, AL1, DG1,
// PR1, GT1, IN1 and IN2 — in segment and field order.
std::span<const Hl7v2PhiField> hl7v2_phi_fields();

// One component of a repetition that holds PHI: `component` 0 is the whole repetition.
struct Hl7v2PhiComponent {
  std::size_t component;
  PhiType type;
};
// The components of `repetition` (one repetition of field `f`) that hold PHI, with their type:
// a phone's component 4 is an e-mail when it holds '@', a CX of type SS an SSN. Empty
// components are listed too (callers skip them).
std::vector<Hl7v2PhiComponent> hl7v2_phi_components(const Hl7v2PhiField& f, const ingest::Hl7v2Message& message,
                                                    std::string_view repetition);

// A component's text: its subcomponents ("1000&Hospital Lane") joined by a space, escapes decoded.
std::string hl7v2_component_text(const ingest::Hl7v2Message& message, std::string_view raw);

// The free-text field of `segment`: 5 for an OBX whose value type (OBX-2) is TX, FT, ST or
// empty, 3 for NTE, 0 for any other segment.
std::size_t hl7v2_free_text_field(const ingest::Hl7v2Message& message, std::string_view segment);

// The patient's own values in every PID (name, identifiers, first street line, SSN, home
// phone), added to `known`: found again, even misspelt, in the message's free text.
void add_hl7v2_known_values(const ingest::Hl7v2Message& message, std::vector<KnownValue>& known);

// The patient a message is about: PID-3's first identifier, else PID-2's; "" when neither.
std::string hl7v2_patient_id(const ingest::Hl7v2Message& message);

}  // namespace ward::phi
