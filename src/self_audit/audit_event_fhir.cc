// Audit entries as FHIR R4 AuditEvents (see audit_event_fhir.h). The codes are the ones the
// specification's examples and the IHE BALP profiles use (data/fhir/r4_examples, balp_fsh).
#include "self_audit/audit_event_fhir.h"

#include <unistd.h>

#include <array>

#include "core/time.h"

namespace ward::self_audit {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kDcm = "http://dicom.nema.org/resources/ontology/DCM";
constexpr std::string_view kEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
constexpr std::string_view kObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
// Ward's own identifier systems: who did it, and the ids of Ward's own things (case:42).
constexpr std::string_view kActorSystem = "urn:ward:actor";
constexpr std::string_view kCliCommandSystem = "urn:ward:cli-command";

json coding(std::string_view system, std::string_view code, std::string_view display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool is_cli(const store::ApiAuditEntry& e) { return e.method == "CLI"; }

// The restful-interaction code of an API request with `action`.
std::string_view interaction(std::string_view action, std::string_view route) {
  if (action == "R") return route.find('{') != std::string_view::npos ? "read" : "search-type";
  if (action == "C") return "create";
  if (action == "U") return "update";
  if (action == "D") return "delete";
  return "operation";
}

// 0 success, 4 minor failure (refused, not found: the client's), 8 serious failure (Ward's).
std::string_view outcome_code(const store::ApiAuditEntry& e) {
  if (is_cli(e)) return e.status == 0 ? "0" : "4";
  if (e.status < 400) return "0";
  return e.status < 500 ? "4" : "8";
}

json requesting_agent(const store::ApiAuditEntry& e) {
  const std::string who = store::audit_actor(e);
  // A token is a machine's or a script's; accounts and CLI users are people.
  const bool person = !starts_with(who, "token:");
  json agent = {
      {"type", {{"coding", json::array({person ? coding("http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                                                        "humanuser", "human user")
                                               : coding(kDcm, "110150", "Application")})}}},
      {"who", {{"identifier", {{"system", kActorSystem}, {"value", who}}}, {"display", who}}},
      {"requestor", true}};
  if (!e.client_address.empty())
    agent["network"] = {{"address", e.client_address}, {"type", "2"}};  // 2: IP address
  return agent;
}

json server_agent(std::string_view site) {
  return {{"type", {{"coding", json::array({coding(kDcm, "110153", "Source Role ID")})}}},
          {"who", {{"display", "Ward on " + std::string(site)}}},
          {"requestor", false}};
}

// The subject as an entity; null when the entry has none.
json subject_entity(const store::ApiAuditEntry& e) {
  if (e.subject.empty()) return nullptr;
  auto person = [&](std::string_view role, std::string_view display) {
    return json{{"what", {{"identifier", {{"value", e.subject}}}}},
                {"type", coding(kEntityType, "1", "Person")},
                {"role", coding(kObjectRole, role, display)}};
  };
  if (starts_with(e.route, "/api/v1/patients/")) return person("1", "Patient");
  if (starts_with(e.route, "/api/v1/users/")) return person("6", "User");
  if (e.route == "/api/v1/events")  // the user and patient filters of an event search
    return {{"type", coding(kEntityType, "2", "System Object")},
            {"role", coding(kObjectRole, "24", "Query")},
            {"name", e.subject}};
  // One of Ward's own things: "case:42", "alert:7", "rule:…", "proposal:3".
  return {{"what", {{"identifier", {{"value", e.subject}}}}},
          {"type", coding(kEntityType, "2", "System Object")},
          {"role", coding(kObjectRole, "4", "Domain Resource")},
          {"name", e.subject}};
}

}  // namespace

std::string_view action_of_request(std::string_view method, std::string_view route) {
  if (method == "GET" || method == "HEAD") return "R";
  if (method == "POST") return route.find('{') != std::string_view::npos ? "U" : "C";
  if (method == "PUT" || method == "PATCH") return "U";
  if (method == "DELETE") return "D";
  return "E";
}

nlohmann::ordered_json audit_event_json(const store::AuditRecord& record, std::string_view site) {
  const store::ApiAuditEntry& e = record.entry;
  const std::string action = !e.action.empty() ? e.action
                             : is_cli(e)        ? std::string("E")
                                                : std::string(action_of_request(e.method, e.route));
  json event = {{"resourceType", "AuditEvent"}, {"id", "ward-audit-" + std::to_string(record.seq)}};
  if (is_cli(e)) {
    event["type"] = coding(kDcm, "110100", "Application Activity");
    event["subtype"] = json::array({coding(kCliCommandSystem, e.route, e.route)});
  } else {
    event["type"] = coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation");
    const std::string_view code = interaction(action, e.route);
    event["subtype"] = json::array({coding("http://hl7.org/fhir/restful-interaction", code, code)});
  }
  event["action"] = action;
  event["recorded"] = format_iso8601(e.time);
  event["outcome"] = outcome_code(e);
  event["outcomeDesc"] = is_cli(e) ? "exit status " + std::to_string(e.status)
                                   : "HTTP " + std::to_string(e.status) + " " + e.method + " " + e.route;
  event["agent"] = json::array({requesting_agent(e), server_agent(site)});
  event["source"] = {{"site", site},
                     {"observer", {{"display", "Ward on " + std::string(site)}}},
                     {"type", json::array({coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                                                  "4", "Application Server")})}};
  if (json entity = subject_entity(e); !entity.is_null()) event["entity"] = json::array({std::move(entity)});
  return event;
}

std::string ward_site() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "ward";
  return name.data();
}

}  // namespace ward::self_audit
