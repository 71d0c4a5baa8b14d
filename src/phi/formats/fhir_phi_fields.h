// Which FHIR fields hold PHI: the one place `ward scan` (fhir_phi_scan.h) and `ward deid`
// (deid/fhir_deidentifier.h) learn that a Patient's name.family is a name, an identifier with
// type SS an SSN, or a note's text free text. Fields are named by their "shape": the JSON path
// inside the resource without indices ("name.given", "contact.address.line").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "phi/finding.h"

namespace ward::phi {

// Resources that describe a person whose details are PHI: Patient, Person, RelatedPerson.
bool is_fhir_person(std::string_view resource_type);

// The PHI type of a person resource's string field by its shape (name, birthDate, address,
// contact, birthPlace extension), or nullopt. Identifiers and telecom depend on their siblings:
// see fhir_identifier_type and fhir_telecom_type.
std::optional<PhiType> fhir_person_field_type(std::string_view shape);

// An identifier's type by its type code (v2-0203: SS, MR, DL, MB…) or system.
PhiType fhir_identifier_type(std::string_view type_code, std::string_view system);
// A ContactPoint's type by its system (email, fax, url; phone otherwise).
PhiType fhir_telecom_type(std::string_view system);

// Of a person's extensions (by url) only these hold identifiers: the mother's maiden name (a
// name in valueString) and the birth place (an address); the others are coded demographics.
bool is_fhir_maiden_name_extension(std::string_view url);
bool is_fhir_birth_place_extension(std::string_view url);

// Whether the string under `key` at `shape` is free text to scan: valueString, valueMarkdown,
// narrative div, comment, description, conclusion, an Annotation's text (note.text) and the
// patient's display in a reference (subject.display, patient.display).
bool is_fhir_free_text(std::string_view key, std::string_view shape);

// XHTML with every tag blanked out (same length, so spans stay where they were).
std::string fhir_narrative_without_tags(std::string_view xhtml);

}  // namespace ward::phi
