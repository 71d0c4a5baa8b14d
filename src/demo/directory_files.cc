// practitioners.ndjson, roster.csv, patients.ndjson and encounters.ndjson: the directory that
// explains accesses (who works where, who the patients are, who cares for whom).
#include <nlohmann/json.hpp>

#include "demo/audit_event_json.h"
#include "demo/built_in_names.h"
#include "demo/hospital_files.h"
#include "demo/output_file.h"

namespace ward::demo {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kMrnSystem = "urn:oid:2.16.840.1.113883.3.9999.2";

Json fhir_name(const Person& p) {
  return Json::array({{{"use", "official"}, {"family", family_name(p)}, {"given", Json::array({given_name(p)})}}});
}

Json fhir_address(const Address& a) {
  const Town& t = towns()[static_cast<std::size_t>(a.town)];
  return Json::array({{{"use", "home"}, {"line", Json::array({street_line(a)})}, {"city", t.name},
                       {"state", t.state}, {"postalCode", t.zip}, {"country", "US"}}});
}

std::string_view fhir_gender(const Person& p) { return p.sex == 'F' ? "female" : "male"; }

void append_line(OutputFile& out, const Json& j) {
  out.buffer() += j.dump();
  out.buffer() += '\n';
  out.maybe_flush();
}

Json coding(std::string_view system, std::string_view code, std::string_view display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

Json participant(const Hospital& h, std::string_view code, std::string_view display, int staff) {
  const StaffMember& s = h.staff[static_cast<std::size_t>(staff)];
  return {{"type", Json::array({{{"coding", Json::array({coding(
                                   "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code, display)})}}})},
          {"individual", {{"reference", "Practitioner/" + s.practitioner_id}, {"display", full_name(s.person)}}}};
}

Json encounter_json(const Hospital& h, const LocalClock& clock, const Encounter& e) {
  static constexpr std::string_view kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  Json klass;
  switch (e.klass) {
    case EncounterClass::inpatient: klass = coding(kActCode, "IMP", "inpatient encounter"); break;
    case EncounterClass::emergency: klass = coding(kActCode, "EMER", "emergency"); break;
    case EncounterClass::ambulatory: klass = coding(kActCode, "AMB", "ambulatory"); break;
  }
  Json participants = Json::array();
  participants.push_back(participant(h, "ATND", "attender", e.attending));
  if (e.admitting >= 0) participants.push_back(participant(h, "ADM", "admitter", e.admitting));
  for (int n : e.nurses) participants.push_back(participant(h, "PPRF", "primary performer", n));

  Json period = {{"start", clock.iso(e.start)}};
  if (e.finished) period["end"] = clock.iso(e.end);
  const std::string_view current = e.finished ? "completed" : "active";
  Json locations = Json::array();
  if (e.transfer != 0) {
    Json here = {{"start", clock.iso(e.transfer)}};
    if (e.finished) here["end"] = clock.iso(e.end);
    locations.push_back({{"location", {{"display", location_display(e)}}}, {"status", current}, {"period", here}});
    locations.push_back({{"location", {{"display", location_display(e, true)}}},
                         {"status", "completed"},
                         {"period", {{"start", clock.iso(e.start)}, {"end", clock.iso(e.transfer)}}}});
  } else {
    locations.push_back({{"location", {{"display", location_display(e)}}}, {"status", current}, {"period", period}});
  }
  const Patient& p = h.patients[static_cast<std::size_t>(e.patient)];
  return {{"resourceType", "Encounter"},
          {"id", e.id},
          {"status", e.finished ? "finished" : "in-progress"},
          {"class", klass},
          {"serviceType", {{"coding", Json::array({{{"display", info(e.dept).name}}})}}},
          {"subject", {{"reference", "Patient/" + p.id}}},
          {"participant", participants},
          {"period", period},
          {"location", locations},
          {"serviceProvider", {{"display", kHospitalName}}}};
}

template <class WriteAll>
Result<std::uint64_t> write_file(const std::filesystem::path& file, WriteAll&& write_all) {
  auto out = OutputFile::create(file);
  if (!out) return tl::unexpected(out.error());
  std::uint64_t n = 0;
  try {
    n = write_all(*out);
  } catch (const nlohmann::json::exception& e) {
    return tl::unexpected(Error{ErrorCode::internal, std::string("JSON writer failed: ") + e.what(),
                                file.string(), 0, 0, {}});
  }
  if (auto closed = out->close(); !closed) return tl::unexpected(closed.error());
  return n;
}

}  // namespace

Result<std::uint64_t> write_practitioners(const Hospital& h, const std::filesystem::path& file) {
  return write_file(file, [&](OutputFile& out) {
    for (const StaffMember& s : h.staff) {
      Json prac = {{"resourceType", "Practitioner"},
                   {"id", s.practitioner_id},
                   {"identifier", Json::array({{{"system", kEmployeeIdSystem}, {"value", s.employee_id}}})},
                   {"active", !s.terminated},
                   {"name", fhir_name(s.person)},
                   {"gender", fhir_gender(s.person)},
                   {"birthDate", format_date(s.person.birth_day)},
                   {"address", fhir_address(s.person.address)}};
      append_line(out, prac);
      Json period = {{"start", format_date(s.hire_day)}};
      if (s.terminated) period["end"] = format_date(s.termination_day);
      const RoleInfo& role = info(s.role);
      Json pr = {{"resourceType", "PractitionerRole"},
                 {"id", s.practitioner_id + "-role"},
                 {"active", !s.terminated},
                 {"period", period},
                 {"practitioner", {{"reference", "Practitioner/" + s.practitioner_id}, {"display", full_name(s.person)}}},
                 {"organization", {{"display", kHospitalName}}},
                 {"code", Json::array({{{"coding", Json::array({coding(
                              "http://terminology.hl7.org/CodeSystem/practitioner-role", role.code, role.display)})}}})},
                 {"specialty", Json::array({{{"coding", Json::array({{{"display", info(s.dept).name}}})}}})}};
      append_line(out, pr);
    }
    return static_cast<std::uint64_t>(h.staff.size());
  });
}

Result<std::uint64_t> write_roster(const Hospital& h, const std::filesystem::path& file) {
  return write_file(file, [&](OutputFile& out) {
    std::string& b = out.buffer();
    b += "id,practitioner_id,name,role,department,address,birth_date,hire_date,termination_date\n";
    for (const StaffMember& s : h.staff) {
      for (std::string_view field :
           {std::string_view(s.employee_id), std::string_view(s.practitioner_id)}) {
        append_csv_field(b, field);
        b += ',';
      }
      append_csv_field(b, full_name(s.person));
      b += ',';
      append_csv_field(b, info(s.role).display);
      b += ',';
      append_csv_field(b, info(s.dept).name);
      b += ',';
      append_csv_field(b, address_line(s.person.address));
      b += ',';
      b += format_date(s.person.birth_day);
      b += ',';
      b += format_date(s.hire_day);
      b += ',';
      if (s.terminated) b += format_date(s.termination_day);
      b += '\n';
      out.maybe_flush();
    }
    return static_cast<std::uint64_t>(h.staff.size());
  });
}

Result<std::uint64_t> write_patients(const Hospital& h, const std::filesystem::path& file) {
  return write_file(file, [&](OutputFile& out) {
    for (const Patient& p : h.patients) {
      Json j = {{"resourceType", "Patient"}, {"id", p.id}};
      if (p.confidential)
        j["meta"] = {{"security", Json::array({coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
                                                      "R", "restricted")})}};
      j["identifier"] = Json::array(
          {{{"use", "usual"},
            {"type", {{"coding", Json::array({coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR",
                                                     "Medical record number")})}}},
            {"system", kMrnSystem},
            {"value", p.mrn}}});
      j["active"] = true;
      j["name"] = fhir_name(p.person);
      j["telecom"] = Json::array({{{"system", "phone"}, {"value", phone_number(p.person)}, {"use", "home"}}});
      j["gender"] = fhir_gender(p.person);
      j["birthDate"] = format_date(p.person.birth_day);
      j["address"] = fhir_address(p.person.address);
      append_line(out, j);
    }
    return static_cast<std::uint64_t>(h.patients.size());
  });
}

Result<std::uint64_t> write_encounters(const Hospital& h, const LocalClock& clock,
                                       const std::filesystem::path& file) {
  return write_file(file, [&](OutputFile& out) {
    for (const Encounter& e : h.encounters) append_line(out, encounter_json(h, clock, e));
    return static_cast<std::uint64_t>(h.encounters.size());
  });
}

}  // namespace ward::demo
