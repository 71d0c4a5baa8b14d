// The HL7 v2 PHI field table and what follows from it (hl7v2_phi_fields.h).
#include "phi/formats/hl7v2_phi_fields.h"

#include <array>

#include "phi/formats/field_scanner.h"

namespace ward::phi {
namespace {

using ingest::Hl7v2Message;
using L = Hl7v2Layout;

constexpr std::array kPhiFields = {
    // Dates of the patient's care are Safe Harbor dates as much as the birth date: when the
    // event a message reports happened, was recorded, was planned.
    Hl7v2PhiField{"MSH", 7, L::time, PhiType::date, "message date/time field (MSH-7)"},
    Hl7v2PhiField{"EVN", 2, L::time, PhiType::date, "recorded date/time field (EVN-2)"},
    Hl7v2PhiField{"EVN", 3, L::time, PhiType::date, "planned event date/time field (EVN-3)"},
    Hl7v2PhiField{"EVN", 6, L::time, PhiType::date, "event occurred field (EVN-6)"},
    Hl7v2PhiField{"PID", 2, L::id, PhiType::mrn, "patient ID field (PID-2)"},
    Hl7v2PhiField{"PID", 3, L::id, PhiType::mrn, "patient identifier list field (PID-3)"},
    Hl7v2PhiField{"PID", 4, L::id, PhiType::other_id, "alternate patient ID field (PID-4)"},
    Hl7v2PhiField{"PID", 5, L::name, PhiType::name, "patient name field (PID-5)"},
    Hl7v2PhiField{"PID", 6, L::name, PhiType::name, "mother's maiden name field (PID-6)"},
    Hl7v2PhiField{"PID", 7, L::time, PhiType::date, "date of birth field (PID-7)"},
    Hl7v2PhiField{"PID", 9, L::name, PhiType::name, "patient alias field (PID-9)"},
    Hl7v2PhiField{"PID", 11, L::address, PhiType::geography, "patient address field (PID-11)"},
    Hl7v2PhiField{"PID", 12, L::whole, PhiType::geography, "county code field (PID-12)"},
    Hl7v2PhiField{"PID", 13, L::phone, PhiType::phone, "home phone field (PID-13)"},
    Hl7v2PhiField{"PID", 14, L::phone, PhiType::phone, "business phone field (PID-14)"},
    Hl7v2PhiField{"PID", 18, L::id, PhiType::account, "patient account number field (PID-18)"},
    Hl7v2PhiField{"PID", 19, L::whole, PhiType::ssn, "SSN field (PID-19)"},
    Hl7v2PhiField{"PID", 20, L::id, PhiType::license, "driver's licence field (PID-20)"},
    Hl7v2PhiField{"PID", 21, L::id, PhiType::other_id, "mother's identifier field (PID-21)"},
    Hl7v2PhiField{"PID", 29, L::time, PhiType::date, "death date field (PID-29)"},
    Hl7v2PhiField{"MRG", 1, L::id, PhiType::mrn, "prior patient identifier field (MRG-1)"},
    Hl7v2PhiField{"NK1", 2, L::name, PhiType::name, "next of kin name field (NK1-2)"},
    Hl7v2PhiField{"NK1", 4, L::address, PhiType::geography, "next of kin address field (NK1-4)"},
    Hl7v2PhiField{"NK1", 5, L::phone, PhiType::phone, "next of kin phone field (NK1-5)"},
    Hl7v2PhiField{"NK1", 6, L::phone, PhiType::phone, "next of kin business phone field (NK1-6)"},
    Hl7v2PhiField{"NK1", 16, L::time, PhiType::date, "next of kin birth date field (NK1-16)"},
    Hl7v2PhiField{"NK1", 30, L::name, PhiType::name, "contact person's name field (NK1-30)"},
    Hl7v2PhiField{"NK1", 31, L::phone, PhiType::phone, "contact person's phone field (NK1-31)"},
    Hl7v2PhiField{"NK1", 32, L::address, PhiType::geography, "contact person's address field (NK1-32)"},
    Hl7v2PhiField{"NK1", 33, L::id, PhiType::other_id, "next of kin identifiers field (NK1-33)"},
    Hl7v2PhiField{"NK1", 37, L::whole, PhiType::ssn, "contact person's SSN field (NK1-37)"},
    Hl7v2PhiField{"PV1", 19, L::id, PhiType::other_id, "visit number field (PV1-19)"},
    Hl7v2PhiField{"PV1", 44, L::time, PhiType::date, "admit date field (PV1-44)"},
    Hl7v2PhiField{"PV1", 45, L::time, PhiType::date, "discharge date field (PV1-45)"},
    Hl7v2PhiField{"PV1", 50, L::id, PhiType::other_id, "alternate visit ID field (PV1-50)"},
    Hl7v2PhiField{"PV2", 8, L::time, PhiType::date, "expected admit date/time field (PV2-8)"},
    Hl7v2PhiField{"PV2", 9, L::time, PhiType::date, "expected discharge date/time field (PV2-9)"},
    Hl7v2PhiField{"ORC", 9, L::time, PhiType::date, "date/time of transaction field (ORC-9)"},
    Hl7v2PhiField{"OBR", 7, L::time, PhiType::date, "observation date/time field (OBR-7)"},
    Hl7v2PhiField{"OBR", 8, L::time, PhiType::date, "observation end date/time field (OBR-8)"},
    Hl7v2PhiField{"OBR", 14, L::time, PhiType::date, "specimen received date/time field (OBR-14)"},
    Hl7v2PhiField{"OBX", 14, L::time, PhiType::date, "date/time of the observation field (OBX-14)"},
    Hl7v2PhiField{"AL1", 6, L::time, PhiType::date, "identification date field (AL1-6)"},
    Hl7v2PhiField{"DG1", 5, L::time, PhiType::date, "diagnosis date/time field (DG1-5)"},
    Hl7v2PhiField{"PR1", 5, L::time, PhiType::date, "procedure date/time field (PR1-5)"},
    Hl7v2PhiField{"GT1", 2, L::id, PhiType::account, "guarantor number field (GT1-2)"},
    Hl7v2PhiField{"GT1", 3, L::name, PhiType::name, "guarantor name field (GT1-3)"},
    Hl7v2PhiField{"GT1", 5, L::address, PhiType::geography, "guarantor address field (GT1-5)"},
    Hl7v2PhiField{"GT1", 6, L::phone, PhiType::phone, "guarantor phone field (GT1-6)"},
    Hl7v2PhiField{"GT1", 7, L::phone, PhiType::phone, "guarantor business phone field (GT1-7)"},
    Hl7v2PhiField{"GT1", 8, L::time, PhiType::date, "guarantor birth date field (GT1-8)"},
    Hl7v2PhiField{"GT1", 12, L::whole, PhiType::ssn, "guarantor SSN field (GT1-12)"},
    Hl7v2PhiField{"IN1", 16, L::name, PhiType::name, "insured's name field (IN1-16)"},
    Hl7v2PhiField{"IN1", 18, L::time, PhiType::date, "insured's birth date field (IN1-18)"},
    Hl7v2PhiField{"IN1", 19, L::address, PhiType::geography, "insured's address field (IN1-19)"},
    Hl7v2PhiField{"IN1", 36, L::whole, PhiType::health_plan, "policy number field (IN1-36)"},
    Hl7v2PhiField{"IN1", 49, L::id, PhiType::health_plan, "insured's ID number field (IN1-49)"},
    Hl7v2PhiField{"IN2", 2, L::whole, PhiType::ssn, "insured's SSN field (IN2-2)"},
};

}  // namespace

std::span<const Hl7v2PhiField> hl7v2_phi_fields() { return kPhiFields; }

std::vector<Hl7v2PhiComponent> hl7v2_phi_components(const Hl7v2PhiField& f, const Hl7v2Message& message,
                                                    std::string_view repetition) {
  auto component = [&](std::size_t c) { return message.component(repetition, c); };
  switch (f.layout) {
    case L::whole: return {{0, f.type}};
    case L::time: return {{1, f.type}};
    case L::name: return {{1, f.type}, {2, f.type}, {3, f.type}};
    case L::address: return {{1, f.type}, {2, f.type}, {3, f.type}, {5, f.type}, {9, f.type}};
    case L::phone: {
      const PhiType number_type = component(3) == "FX" ? PhiType::fax : f.type;
      const bool is_email = component(4).find('@') != std::string_view::npos;
      std::vector<Hl7v2PhiComponent> out = {{1, number_type}, {4, is_email ? PhiType::email : number_type}};
      if (component(1).empty()) out.push_back({7, number_type});
      return out;
    }
    case L::id: {
      const std::string_view kind = component(5);
      return {{1, kind == "SS" ? PhiType::ssn : kind == "DL" ? PhiType::license : f.type}};
    }
  }
  return {};
}

std::string hl7v2_component_text(const Hl7v2Message& message, std::string_view raw) {
  std::string out;
  const char separator = message.delimiters().subcomponent;
  for (;;) {
    const std::size_t at = raw.find(separator);
    const std::string_view piece = raw.substr(0, at);
    if (!piece.empty()) {
      if (!out.empty()) out += ' ';
      message.append_decoded(piece, out);
    }
    if (at == std::string_view::npos) return out;
    raw.remove_prefix(at + 1);
  }
}

std::size_t hl7v2_free_text_field(const Hl7v2Message& message, std::string_view segment) {
  const std::string_view name = Hl7v2Message::segment_name(segment);
  if (name == "NTE") return 3;
  if (name != "OBX") return 0;
  const std::string_view type = message.field(segment, 2);
  return type == "TX" || type == "FT" || type == "ST" || type.empty() ? 5 : 0;
}

void add_hl7v2_known_values(const Hl7v2Message& message, std::vector<KnownValue>& known) {
  for (std::string_view segment : message.segments()) {
    if (Hl7v2Message::segment_name(segment) != "PID") continue;
    const std::string_view name = message.repetition(message.field(segment, 5), 1);
    const std::string given = message.decode(message.component(name, 2));
    const std::string family = message.decode(message.subcomponent(message.component(name, 1), 1));
    add_known(PhiType::name, given.empty() ? family : given + " " + family, known);
    for (std::size_t f : {2, 3, 4}) {
      const std::string_view ids = message.field(segment, f);
      for (std::size_t r = 1; r <= message.repetition_count(ids); ++r)
        add_known(PhiType::mrn, message.decode(message.component(message.repetition(ids, r), 1)), known);
    }
    const std::string_view address = message.repetition(message.field(segment, 11), 1);
    add_known(PhiType::geography, message.decode(message.component(address, 1)), known);
    add_known(PhiType::ssn, message.decode(message.field(segment, 19)), known);
    add_known(PhiType::phone, message.decode(message.component(message.repetition(message.field(segment, 13), 1), 1)), known);
  }
}

std::string hl7v2_patient_id(const Hl7v2Message& message) {
  for (std::size_t f : {3, 2}) {
    const std::string id = message.decode(message.component(message.repetition(message.field_of("PID", f), 1), 1));
    if (!trim_whitespace(id).empty()) return std::string(trim_whitespace(id));
  }
  return {};
}

}  // namespace ward::phi
