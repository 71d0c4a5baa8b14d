// The FHIR PHI fields (fhir_phi_fields.h).
#include "phi/formats/fhir_phi_fields.h"

#include <array>

namespace ward::phi {
namespace {

struct PersonField {
  std::string_view shape;
  PhiType type;
};
constexpr std::array kPersonFields = {
    PersonField{"name.family", PhiType::name},           PersonField{"name.given", PhiType::name},
    PersonField{"name.text", PhiType::name},             PersonField{"birthDate", PhiType::date},
    PersonField{"deceasedDateTime", PhiType::date},      PersonField{"address.line", PhiType::geography},
    PersonField{"address.city", PhiType::geography},     PersonField{"address.district", PhiType::geography},
    PersonField{"address.postalCode", PhiType::geography}, PersonField{"address.text", PhiType::geography},
    PersonField{"contact.name.family", PhiType::name},   PersonField{"contact.name.given", PhiType::name},
    PersonField{"contact.name.text", PhiType::name},     PersonField{"contact.address.line", PhiType::geography},
    PersonField{"contact.address.city", PhiType::geography}, PersonField{"contact.address.postalCode", PhiType::geography},
    PersonField{"extension.valueAddress.line", PhiType::geography},  // patient-birthPlace
    PersonField{"extension.valueAddress.city", PhiType::geography},
    PersonField{"extension.valueAddress.postalCode", PhiType::geography},
};

}  // namespace

bool is_fhir_person(std::string_view type) { return type == "Patient" || type == "Person" || type == "RelatedPerson"; }

std::optional<PhiType> fhir_person_field_type(std::string_view shape) {
  for (const PersonField& f : kPersonFields)
    if (f.shape == shape) return f.type;
  return std::nullopt;
}

PhiType fhir_identifier_type(std::string_view code, std::string_view system) {
  if (code == "SS" || system == "http://hl7.org/fhir/sid/us-ssn") return PhiType::ssn;
  if (code == "MR") return PhiType::mrn;
  if (code == "DL") return PhiType::license;
  if (code == "MB" || code == "MC" || code == "MA" || code == "SN") return PhiType::health_plan;
  return PhiType::other_id;
}

PhiType fhir_telecom_type(std::string_view system) {
  if (system == "email") return PhiType::email;
  if (system == "fax") return PhiType::fax;
  if (system == "url") return PhiType::url;
  return PhiType::phone;
}

bool is_fhir_maiden_name_extension(std::string_view url) { return url.ends_with("patient-mothersMaidenName"); }
bool is_fhir_birth_place_extension(std::string_view url) { return url.ends_with("patient-birthPlace"); }

bool is_fhir_free_text(std::string_view key, std::string_view shape) {
  if (key == "valueString" || key == "valueMarkdown" || key == "div" || key == "comment" || key == "description" ||
      key == "conclusion")
    return true;
  if (key == "text" && shape.ends_with("note.text")) return true;
  return key == "display" && (shape.ends_with("subject.display") || shape.ends_with("patient.display"));
}

std::string fhir_narrative_without_tags(std::string_view xhtml) {
  std::string out(xhtml);
  bool in_tag = false;
  for (char& c : out) {
    if (c == '<') in_tag = true;
    const bool closes = in_tag && c == '>';
    if (in_tag) c = ' ';
    if (closes) in_tag = false;
  }
  return out;
}

}  // namespace ward::phi
