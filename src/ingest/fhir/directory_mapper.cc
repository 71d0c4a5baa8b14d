#include "ingest/fhir/directory_mapper.h"

#include <string>

#include "core/time.h"
#include "ingest/fhir/fhir_values.h"

namespace ward::ingest::fhir {
namespace {

void append_word(std::string& out, std::string_view word, std::string_view separator) {
  if (word.empty()) return;
  if (!out.empty()) out += separator;
  out += word;
}

// "given… family" of one HumanName (family is a list in DSTU2), else its text.
std::string one_name(Element name) {
  std::string out;
  for_each_item(name["given"], [&](Element g) { append_word(out, text(g), " "); });
  for_each_item(name["family"], [&](Element f) { append_word(out, text(f), " "); });
  if (out.empty()) out = text(name["text"]);
  return out;
}

// The first HumanName that has something to show.
std::string human_name(MaybeElement names) {
  std::string out;
  for_each_item(names, [&](Element name) {
    if (out.empty()) out = one_name(name);
  });
  return out;
}

// "12 Elm St, Springfield, MA 01101, US" from the first Address; its text when it has no parts.
std::string one_line_address(MaybeElement addresses) {
  MaybeElement a = first(addresses);
  std::string out;
  for_each_item(a["line"], [&](Element line) { append_word(out, text(line), ", "); });
  append_word(out, text(a["city"]), ", ");
  std::string region(text(a["state"]));
  append_word(region, text(a["postalCode"]), " ");
  append_word(out, region, ", ");
  append_word(out, text(a["country"]), ", ");
  if (out.empty()) out = text(a["text"]);
  return out;
}

bool identifier_has_type(Element identifier, std::string_view code) {
  bool match = false;
  for_each_item(identifier["type"]["coding"], [&](Element c) { match |= text(c["code"]) == code; });
  return match;
}

// The value of the first identifier of type `code` (or whose system ends with `system_suffix`),
// else of the first identifier that has a value.
std::string_view pick_identifier(MaybeElement identifiers, std::string_view code,
                                 std::string_view system_suffix = {}) {
  std::string_view preferred, any;
  for_each_item(identifiers, [&](Element id) {
    std::string_view value = text(id["value"]);
    if (value.empty()) return;
    if (any.empty()) any = value;
    if (preferred.empty() &&
        (identifier_has_type(id, code) ||
         (!system_suffix.empty() && text(id["system"]).ends_with(system_suffix))))
      preferred = value;
  });
  return preferred.empty() ? any : preferred;
}

// FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.
bool is_fhir_date(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
  if (s.size() == 10)
    return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  return false;
}

Result<std::string> birth_date(Element resource) {
  std::string_view s = text(resource["birthDate"]);
  if (!s.empty() && !is_fhir_date(s))
    return fail(ErrorCode::invalid_input,
                "birthDate is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)", "birthDate");
  return std::string(s);
}

// meta.security carries v3-Confidentiality R (restricted) or V (very restricted).
bool is_confidential(Element resource) {
  bool restricted = false;
  for_each_item(resource["meta"]["security"], [&](Element label) {
    std::string_view system = text(label["system"]);
    std::string_view code = text(label["code"]);
    const bool confidentiality = system.empty() || system.ends_with("v3-Confidentiality") ||
                                 system == "urn:oid:2.16.840.1.113883.5.25";
    if ((code == "R" || code == "V") && confidentiality) restricted = true;
  });
  return restricted;
}

// A period bound: 0 when absent, an error naming `field` when it is not a dateTime.
Result<TimeNs> period_bound(MaybeElement value, std::string_view field, const ParseContext& ctx) {
  if (value.error() == simdjson::NO_SUCH_FIELD) return TimeNs{0};
  std::string_view s = text(value);
  if (s.empty())
    return fail(ErrorCode::invalid_input, std::string(field) + " is not a dateTime string",
                std::string(field));
  Result<TimeNs> t = parse_iso8601(s, ctx.options().local_zone);
  if (!t)
    return fail(ErrorCode::invalid_input,
                std::string(field) + " is not a valid dateTime: " + t.error().message,
                std::string(field));
  return t;
}

}  // namespace

Result<void> map_patient(Element r, ParseContext& ctx) {
  PatientRecord p;
  p.mrn = pick_identifier(r["identifier"], "MR");
  p.id = text(r["id"]);
  if (p.id.empty()) p.id = p.mrn;
  if (p.id.empty())
    return fail(ErrorCode::invalid_input, "Patient has neither an id nor an identifier", "id");
  Result<std::string> born = birth_date(r);
  if (!born) return tl::unexpected(born.error());
  p.birth_date = std::move(*born);
  p.name = human_name(r["name"]);
  p.address = one_line_address(r["address"]);
  p.confidential = is_confidential(r);
  p.source = ctx.source();
  ctx.out().patients.push_back(std::move(p));
  return {};
}

Result<void> map_practitioner(Element r, ParseContext& ctx) {
  WorkforceMember w;
  // Synthea encounters point at practitioners by NPI, so the NPI wins as the employee id.
  w.employee_id = pick_identifier(r["identifier"], "NPI", "/us-npi");
  w.id = text(r["id"]);
  if (w.id.empty()) w.id = w.employee_id;
  if (w.id.empty())
    return fail(ErrorCode::invalid_input, "Practitioner has neither an id nor an identifier", "id");
  Result<std::string> born = birth_date(r);
  if (!born) return tl::unexpected(born.error());
  w.birth_date = std::move(*born);
  w.name = human_name(r["name"]);
  w.address = one_line_address(r["address"]);
  w.source = ctx.source();
  ctx.out().workforce.push_back(std::move(w));
  return {};
}

Result<void> map_practitioner_role(Element r, ParseContext& ctx) {
  WorkforceMember w;
  w.id = reference_id(text(r["practitioner"]["reference"]));
  if (w.id.empty())
    w.id = text(r["practitioner"]["identifier"]["value"]);
  if (w.id.empty())
    return fail(ErrorCode::invalid_input, "PractitionerRole does not reference a practitioner",
                "practitioner");
  w.role = label_of(r["code"]);
  w.department = label_of(r["specialty"]);
  if (w.department.empty()) w.department = text(r["organization"]["display"]);
  if (w.department.empty()) w.department = text(first(r["location"])["display"]);
  w.source = ctx.source();
  ctx.out().workforce.push_back(std::move(w));
  return {};
}

Result<void> map_encounter(Element r, ParseContext& ctx) {
  EncounterRecord enc;
  enc.id = text(r["id"]);
  if (enc.id.empty()) return fail(ErrorCode::invalid_input, "Encounter has no id", "id");
  MaybeElement period = r["period"];
  if (period.error() == simdjson::NO_SUCH_FIELD) period = r["actualPeriod"];  // R5
  Result<TimeNs> start = period_bound(period["start"], "period.start", ctx);
  if (!start) return tl::unexpected(start.error());
  Result<TimeNs> end = period_bound(period["end"], "period.end", ctx);
  if (!end) return tl::unexpected(end.error());
  enc.start = *start;
  enc.end = *end;

  std::string_view subject = text(r["subject"]["reference"]);
  if (subject.empty()) subject = text(r["patient"]["reference"]);  // DSTU2
  enc.patient_id = reference_id(subject);
  enc.visit_number = pick_identifier(r["identifier"], "VN");
  enc.class_code = code_of(r["class"]);
  enc.status = text(r["status"]);
  MaybeElement location = first(r["location"])["location"];
  enc.location = text(location["display"]);
  if (enc.location.empty()) enc.location = text(location["reference"]);
  enc.department = label_of(r["serviceType"]);
  if (enc.department.empty()) enc.department = text(r["serviceProvider"]["display"]);
  for_each_item(r["participant"], [&](Element participant) {
    std::string_view who = text(participant["individual"]["reference"]);
    if (who.empty()) who = text(participant["actor"]["reference"]);  // R5
    std::string_view id = reference_id(who);
    if (id.empty()) return;
    enc.participants.push_back({std::string(id), std::string(code_of(participant["type"]))});
  });
  enc.source = ctx.source();
  ctx.out().encounters.push_back(std::move(enc));
  return {};
}

}  // namespace ward::ingest::fhir
