// Ward's audit entries as FHIR AuditEvents: every member they use is one the specification's R4
// examples or the BALP fixtures use, with the same JSON type, and Ward's own FHIR importer reads
// each one back with the right user, action, time and patient.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "ingest/fhir/fhir_test_support.h"
#include "self_audit/audit_event_fhir.h"

namespace ward::self_audit {
namespace {

using json = nlohmann::ordered_json;

// "agent[].who.identifier.value" → the JSON type of the value, for every leaf of `j`.
void leaf_paths(const json& j, const std::string& path, std::map<std::string, json::value_t>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) leaf_paths(v, path.empty() ? k : path + "." + k, out);
  } else if (j.is_array()) {
    for (const auto& v : j) leaf_paths(v, path + "[]", out);
  } else {
    // FHIR numbers and strings are told apart; integers of either sign are one type here.
    out.emplace(path, j.is_number() ? json::value_t::number_integer : j.type());
  }
}

json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Every leaf path of the specification's R4 AuditEvent examples and of the BALP fixtures.
std::map<std::string, json::value_t> sample_paths() {
  std::map<std::string, json::value_t> paths;
  auto add_dir = [&](const std::filesystem::path& dir, std::string_view name_part) {
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      const std::string name = f.path().filename().string();
      if (f.path().extension() != ".json" || name.find(name_part) == std::string::npos) continue;
      json j = read_json(f.path());
      if (j.value("resourceType", "") == "AuditEvent") leaf_paths(j, "", paths);
    }
  };
  add_dir(ward::testing::shared_data("fhir/r4_examples"), "udit");
  add_dir(ingest::fhir_testing::golden("balp"), "");
  return paths;
}

store::AuditRecord record(std::int64_t seq, store::ApiAuditEntry e) {
  return {seq, std::move(e), std::string(64, '0'), std::string(64, 'a')};
}

std::vector<store::AuditRecord> sample_trail() {
  return {
      record(1, {1'700'000'000'123'456'789LL, 3, "GET", "/api/v1/patients/{id}/accesses", "MRN1", 200, "", "R", "10.0.0.5"}),
      record(2, {1'700'000'001'000'000'000LL, 3, "GET", "/api/v1/events", "MRN1 E7", 200, "", "R", "10.0.0.5"}),
      record(3, {1'700'000'002'000'000'000LL, 0, "POST", "/api/v1/privacy/cases/{case}/review", "case:4", 200,
                 "account:alice", "U", "192.0.2.1"}),
      record(4, {1'700'000'003'000'000'000LL, 0, "CLI", "ward privacy case {id}", "case:4", 0, "cli:bob", "E", ""}),
      record(5, {1'700'000'004'000'000'000LL, 3, "GET", "/api/v1/users/{id}/accesses", "E7", 403, "", "", ""}),
      record(6, {1'700'000'005'000'000'000LL, 3, "GET", "/api/v1/stats", "", 200, "", "", "::1"}),
  };
}

TEST(AuditEventFhir, UsesOnlyMembersAndTypesTheSpecificationSamplesUse) {
  const auto known = sample_paths();
  ASSERT_GT(known.size(), 40u) << "the samples were not found";
  for (const auto& r : sample_trail()) {
    std::map<std::string, json::value_t> ours;
    leaf_paths(audit_event_json(r, "ward.example.org"), "", ours);
    for (const auto& [path, type] : ours) {
      auto it = known.find(path);
      ASSERT_NE(it, known.end()) << "no AuditEvent sample has " << path;
      EXPECT_EQ(it->second, type) << path;
    }
  }
}

TEST(AuditEventFhir, FollowsBalpForARestfulReadOfAPatient) {
  json e = audit_event_json(sample_trail()[0], "ward.example.org");
  EXPECT_EQ(e["resourceType"], "AuditEvent");
  EXPECT_EQ(e["type"]["code"], "rest");
  EXPECT_EQ(e["subtype"][0]["system"], "http://hl7.org/fhir/restful-interaction");
  EXPECT_EQ(e["subtype"][0]["code"], "read");
  EXPECT_EQ(e["action"], "R");
  EXPECT_EQ(e["recorded"], "2023-11-14T22:13:20.123456789Z");
  EXPECT_EQ(e["outcome"], "0");
  EXPECT_EQ(e["agent"][0]["who"]["identifier"]["value"], "token:3");
  EXPECT_EQ(e["agent"][0]["requestor"], true);
  EXPECT_EQ(e["agent"][0]["network"]["address"], "10.0.0.5");
  EXPECT_EQ(e["agent"][1]["type"]["coding"][0]["code"], "110153");
  EXPECT_EQ(e["source"]["site"], "ward.example.org");
  EXPECT_EQ(e["entity"][0]["type"]["code"], "1");
  EXPECT_EQ(e["entity"][0]["role"]["code"], "1");
  EXPECT_EQ(e["entity"][0]["what"]["identifier"]["value"], "MRN1");
}

TEST(AuditEventFhir, RefusedRequestsAreMinorFailuresAndCliCommandsApplicationActivity) {
  auto trail = sample_trail();
  EXPECT_EQ(audit_event_json(trail[4], "w")["outcome"], "4");
  json cli = audit_event_json(trail[3], "w");
  EXPECT_EQ(cli["type"]["code"], "110100");
  EXPECT_EQ(cli["subtype"][0]["code"], "ward privacy case {id}");
  EXPECT_EQ(cli["agent"][0]["type"]["coding"][0]["code"], "humanuser");
  EXPECT_FALSE(cli["agent"][0].contains("network"));
  // An entry written before actions were recorded takes its action from the method.
  EXPECT_EQ(audit_event_json(trail[5], "w")["action"], "R");
  EXPECT_EQ(audit_event_json(trail[5], "w")["subtype"][0]["code"], "search-type");
}

TEST(AuditEventFhir, ActionsOfRequests) {
  EXPECT_EQ(action_of_request("GET", "/api/v1/stats"), "R");
  EXPECT_EQ(action_of_request("POST", "/api/v1/rules"), "C");
  EXPECT_EQ(action_of_request("POST", "/api/v1/privacy/cases/{case}/review"), "U");
  EXPECT_EQ(action_of_request("PUT", "/api/v1/x"), "U");
  EXPECT_EQ(action_of_request("DELETE", "/api/v1/rules/{rule}"), "D");
  EXPECT_EQ(action_of_request("OPTIONS", "/api/v1/x"), "E");
}

TEST(AuditEventFhir, WardsOwnImporterReadsEveryEntryBack) {
  std::string ndjson;
  const auto trail = sample_trail();
  for (const auto& r : trail) ndjson += audit_event_json(r, "ward.example.org").dump() + "\n";
  auto parsed = ingest::fhir_testing::parse_text(ndjson, "ward-audit.ndjson");
  ASSERT_TRUE(parsed.result);
  EXPECT_TRUE(parsed.sink.rejections.empty());
  ASSERT_EQ(parsed.sink.events.size(), trail.size());
  struct Expected {
    std::string user;
    Action action;
    EventKind kind;
    std::string patient, ip;
    Outcome outcome;
  };
  const Expected expected[] = {
      {"token:3", Action::read, EventKind::ehr_access, "MRN1", "10.0.0.5", Outcome::success},
      {"token:3", Action::search, EventKind::ehr_access, "", "10.0.0.5", Outcome::success},
      {"account:alice", Action::update, EventKind::ehr_access, "", "192.0.2.1", Outcome::success},
      {"cli:bob", Action::execute, EventKind::audit, "", "", Outcome::success},
      {"token:3", Action::read, EventKind::ehr_access, "", "", Outcome::failure},
      {"token:3", Action::search, EventKind::ehr_access, "", "::1", Outcome::success},
  };
  for (std::size_t i = 0; i < trail.size(); ++i) {
    SCOPED_TRACE(i);
    const auto& e = parsed.sink.events[i];
    EXPECT_EQ(e.id, "ward-audit-" + std::to_string(trail[i].seq));
    EXPECT_EQ(e.time, trail[i].entry.time);
    EXPECT_EQ(e.user_id, expected[i].user);
    EXPECT_EQ(e.action, expected[i].action);
    EXPECT_EQ(e.kind, expected[i].kind);
    EXPECT_EQ(e.patient_id, expected[i].patient);
    EXPECT_EQ(e.ip, expected[i].ip);
    EXPECT_EQ(e.outcome, expected[i].outcome);
  }
  EXPECT_EQ(parsed.sink.events[2].object, "case:4");
}

}  // namespace
}  // namespace ward::self_audit
