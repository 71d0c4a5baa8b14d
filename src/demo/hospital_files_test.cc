// What each generated file looks like to the parsers that will read it.
#include <map>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "core/time.h"
#include "demo/generated_hospital_testing.h"

namespace ward::demo {
namespace {

using testing_support::default_hospital;
using testing_support::medium_hospital;
using testing_support::id_of;
using testing_support::split;
using Json = nlohmann::json;

const std::set<std::string> kDepartments = {"ED", "ICU", "Cardiology", "Oncology", "Pediatrics",
                                            "Labor & Delivery", "Radiology", "Lab", "Pharmacy",
                                            "Registration", "Billing", "HIM", "IT"};
const std::set<std::string> kRoleDisplays = {
    "Physician", "Registered Nurse", "Pharmacist", "Registration Clerk", "Billing Specialist",
    "Health Information Management", "Lab Technician", "Radiology Technician", "IT Support"};

std::set<std::string> ids_of(const std::vector<Json>& resources) {
  std::set<std::string> ids;
  for (const Json& r : resources) ids.insert(r["id"].get<std::string>());
  return ids;
}

TEST(PractitionersFile, PractitionersCarryEmployeeIdNameAddressAndBirthDate) {
  const auto& h = medium_hospital();
  const std::regex id(R"(prac-\d{4})"), employee(R"(E1\d{4})"), date(R"(\d{4}-\d{2}-\d{2})");
  for (const Json& p : h.practitioners()) {
    ASSERT_EQ(p["resourceType"], "Practitioner");
    EXPECT_TRUE(std::regex_match(p["id"].get<std::string>(), id));
    EXPECT_EQ(p["identifier"][0]["system"], "urn:oid:2.16.840.1.113883.3.9999.1");
    EXPECT_TRUE(std::regex_match(p["identifier"][0]["value"].get<std::string>(), employee));
    EXPECT_FALSE(p["name"][0]["family"].get<std::string>().empty());
    EXPECT_FALSE(p["name"][0]["given"][0].get<std::string>().empty());
    EXPECT_EQ(p["address"][0]["state"], "MA");
    EXPECT_EQ(p["address"][0]["postalCode"].get<std::string>().size(), 5u);
    EXPECT_TRUE(std::regex_match(p["birthDate"].get<std::string>(), date));
  }
}

TEST(PractitionersFile, EachPractitionerHasOneRoleWithCodeAndDepartment) {
  const auto& h = medium_hospital();
  const auto practitioners = ids_of(h.practitioners());
  std::set<std::string> with_role;
  std::set<std::string> codes;
  for (const Json& r : h.roles()) {
    ASSERT_EQ(r["resourceType"], "PractitionerRole");
    const std::string who = id_of(r["practitioner"]["reference"]);
    EXPECT_TRUE(practitioners.count(who)) << who;
    EXPECT_TRUE(with_role.insert(who).second) << who << " has two roles";
    const Json& coding = r["code"][0]["coding"][0];
    EXPECT_EQ(coding["system"], "http://terminology.hl7.org/CodeSystem/practitioner-role");
    EXPECT_TRUE(kRoleDisplays.count(coding["display"].get<std::string>())) << coding["display"];
    codes.insert(coding["code"].get<std::string>());
    EXPECT_TRUE(kDepartments.count(r["specialty"][0]["coding"][0]["display"].get<std::string>()));
  }
  EXPECT_EQ(with_role, practitioners);
  for (const char* code : {"doctor", "nurse", "pharmacist"}) EXPECT_TRUE(codes.count(code)) << code;
}

TEST(RosterFile, HasOneRowPerPractitionerMatchingTheFhirFile) {
  const auto& h = medium_hospital();
  const auto& t = h.roster();
  EXPECT_EQ(t.header, (std::vector<std::string>{"id", "practitioner_id", "name", "role", "department", "address",
                                                 "birth_date", "hire_date", "termination_date"}));
  ASSERT_EQ(t.rows.size(), h.practitioners().size());
  std::map<std::string, std::string> employee_of;
  for (const Json& p : h.practitioners())
    employee_of[p["id"].get<std::string>()] = p["identifier"][0]["value"].get<std::string>();
  int terminated = 0;
  for (const auto& row : t.rows) {
    const std::string prac = row[t.column("practitioner_id")];
    EXPECT_EQ(employee_of[prac], row[t.column("id")]);
    EXPECT_TRUE(kRoleDisplays.count(row[t.column("role")]));
    EXPECT_TRUE(kDepartments.count(row[t.column("department")]));
    EXPECT_NE(row[t.column("address")].find(", MA 0"), std::string::npos) << row[t.column("address")];
    EXPECT_LT(row[t.column("hire_date")], "2026-11-01");
    const std::string& end = row[t.column("termination_date")];
    if (!end.empty()) {
      ++terminated;
      EXPECT_GT(end, row[t.column("hire_date")]);
      EXPECT_LT(end, "2026-11-08");
    }
  }
  EXPECT_GE(terminated, 2);
  EXPECT_LE(terminated, 10);
}

TEST(PatientsFile, PatientsHaveMrnNameAddressBirthDateAndGender) {
  const auto& h = medium_hospital();
  const std::regex id(R"(pat-\d{6})"), mrn(R"(MRN\d{7})");
  std::size_t restricted = 0;
  for (const Json& p : h.patients()) {
    ASSERT_EQ(p["resourceType"], "Patient");
    EXPECT_TRUE(std::regex_match(p["id"].get<std::string>(), id));
    const Json& ident = p["identifier"][0];
    EXPECT_EQ(ident["type"]["coding"][0]["code"], "MR");
    EXPECT_TRUE(std::regex_match(ident["value"].get<std::string>(), mrn));
    EXPECT_EQ(ident["value"].get<std::string>().substr(3), p["id"].get<std::string>().substr(4).insert(0, "0"));
    EXPECT_FALSE(p["name"][0]["family"].get<std::string>().empty());
    EXPECT_TRUE(p["gender"] == "female" || p["gender"] == "male");
    EXPECT_LE(p["birthDate"].get<std::string>(), "2026-11-01");
    EXPECT_FALSE(p["address"][0]["line"][0].get<std::string>().empty());
    if (p.contains("meta")) {
      EXPECT_EQ(p["meta"]["security"][0]["system"], "http://terminology.hl7.org/CodeSystem/v3-Confidentiality");
      EXPECT_EQ(p["meta"]["security"][0]["code"], "R");
      ++restricted;
    }
  }
  EXPECT_EQ(restricted, h.patients().size() / 100);  // 1%
}

TEST(EncountersFile, EncountersReferenceKnownPatientsAndCareTeams) {
  const auto& h = medium_hospital();
  const auto patients = ids_of(h.patients());
  const auto practitioners = ids_of(h.practitioners());
  const std::regex location(R"([A-Za-z0-9 &]+ / \d+( / [AB])?)");
  std::map<std::string, int> classes;
  for (const Json& e : h.encounters()) {
    ASSERT_EQ(e["resourceType"], "Encounter");
    EXPECT_TRUE(patients.count(id_of(e["subject"]["reference"])));
    EXPECT_EQ(e["class"]["system"], "http://terminology.hl7.org/CodeSystem/v3-ActCode");
    ++classes[e["class"]["code"].get<std::string>()];
    std::set<std::string> roles;
    for (const Json& p : e["participant"]) {
      EXPECT_EQ(p["type"][0]["coding"][0]["system"], "http://terminology.hl7.org/CodeSystem/v3-ParticipationType");
      roles.insert(p["type"][0]["coding"][0]["code"].get<std::string>());
      EXPECT_TRUE(practitioners.count(id_of(p["individual"]["reference"])));
    }
    EXPECT_TRUE(roles.count("ATND") && roles.count("ADM") && roles.count("PPRF"));
    auto start = parse_iso8601(e["period"]["start"].get<std::string>());
    ASSERT_TRUE(start);
    EXPECT_EQ(e["status"] == "finished", e["period"].contains("end"));
    if (e["period"].contains("end")) {
      auto end = parse_iso8601(e["period"]["end"].get<std::string>());
      ASSERT_TRUE(end);
      EXPECT_LT(*start, *end);
    }
    EXPECT_TRUE(std::regex_match(e["location"][0]["location"]["display"].get<std::string>(), location))
        << e["location"][0]["location"]["display"];
    EXPECT_TRUE(kDepartments.count(e["serviceType"]["coding"][0]["display"].get<std::string>()));
  }
  EXPECT_GT(classes["IMP"], 0);
  EXPECT_GT(classes["EMER"], 0);
  EXPECT_GT(classes["AMB"], 0);
}

TEST(AuditEventsFile, EveryEventHasTheBalpShapeAndKnownReferences) {
  const auto& h = medium_hospital();
  const auto patients = ids_of(h.patients());
  const auto practitioners = ids_of(h.practitioners());
  const std::map<std::string, std::string> actions = {
      {"read", "R"}, {"search-type", "E"}, {"create", "C"}, {"update", "U"}, {"delete", "D"}};
  const std::set<std::string> purposes = {"TREAT", "ETREAT", "HPAYMT", "HOPERAT"};
  const std::regex recorded(R"(2026-11-0\dT\d{2}:\d{2}:\d{2}\.\d{3}Z)"), ip(R"(10\.20\.\d+\.\d+)");
  std::set<std::string> subtypes;
  std::size_t failures = 0;
  for (const Json& e : h.audit_events()) {
    ASSERT_EQ(e["resourceType"], "AuditEvent");
    EXPECT_EQ(e["id"].get<std::string>().rfind("ae-42-", 0), 0u);
    EXPECT_EQ(e["type"]["code"], "rest");
    const std::string subtype = e["subtype"][0]["code"].get<std::string>();
    ASSERT_TRUE(actions.count(subtype)) << subtype;
    subtypes.insert(subtype);
    EXPECT_EQ(e["action"], actions.at(subtype));
    EXPECT_TRUE(std::regex_match(e["recorded"].get<std::string>(), recorded)) << e["recorded"];
    const std::string outcome = e["outcome"].get<std::string>();
    EXPECT_TRUE(outcome == "0" || outcome == "4" || outcome == "8");
    failures += outcome != "0";
    EXPECT_TRUE(purposes.count(e["purposeOfEvent"][0]["coding"][0]["code"].get<std::string>()));
    const Json& user = e["agent"][0];
    EXPECT_EQ(user["type"]["coding"][0]["code"], "IRCP");
    EXPECT_EQ(user["requestor"], true);
    EXPECT_TRUE(practitioners.count(id_of(user["who"]["reference"]))) << user["who"]["reference"];
    EXPECT_TRUE(std::regex_match(user["network"]["address"].get<std::string>(), ip));
    EXPECT_EQ(e["agent"][1]["type"]["coding"][0]["code"], "110153");
    EXPECT_EQ(e["source"]["observer"]["display"], "ehr.ward-general.example");
    const Json& patient = e["entity"][0];
    EXPECT_EQ(patient["type"]["code"], "1");
    EXPECT_EQ(patient["role"]["code"], "1");
    EXPECT_TRUE(patients.count(id_of(patient["what"]["reference"]))) << patient["what"]["reference"];
    const Json& data = e["entity"][1];
    EXPECT_EQ(data["type"]["code"], "2");
    if (subtype == "search-type") {
      EXPECT_EQ(data["role"]["code"], "24");
      EXPECT_FALSE(data["query"].get<std::string>().empty());
    } else {
      EXPECT_TRUE(data["what"]["reference"].is_string());
    }
  }
  EXPECT_EQ(subtypes.size(), actions.size()) << "every interaction occurs";
  EXPECT_GT(failures, 0u);
  EXPECT_LT(failures, h.audit_events().size() / 50);
}

TEST(AccessLogFile, RowsNameKnownUsersAndPatientsWithLocalTimes) {
  const auto& h = medium_hospital();
  const auto& t = h.access_log();
  EXPECT_EQ(t.header, (std::vector<std::string>{"event_id", "timestamp", "user_id", "user_name", "role", "department",
                                                 "patient_id", "patient_mrn", "action", "object", "workstation", "ip",
                                                 "purpose"}));
  std::map<std::string, std::string> mrn_of;
  for (const Json& p : h.patients()) mrn_of[p["id"].get<std::string>()] = p["identifier"][0]["value"].get<std::string>();
  std::set<std::string> employees;
  for (const auto& row : h.roster().rows) employees.insert(row[h.roster().column("id")]);
  const std::set<std::string> actions = {"View", "Search", "Edit", "Delete", "Print", "Export"};
  std::set<std::string> seen_actions;
  const std::regex timestamp(R"(2026-11-0\dT\d{2}:\d{2}:\d{2}-0[45]:00)");
  for (const auto& row : t.rows) {
    EXPECT_EQ(row[t.column("event_id")].rfind("al-42-", 0), 0u);
    EXPECT_TRUE(std::regex_match(row[t.column("timestamp")], timestamp)) << row[t.column("timestamp")];
    EXPECT_TRUE(employees.count(row[t.column("user_id")]));
    EXPECT_EQ(mrn_of[row[t.column("patient_id")]], row[t.column("patient_mrn")]);
    EXPECT_TRUE(actions.count(row[t.column("action")]));
    seen_actions.insert(row[t.column("action")]);
    EXPECT_TRUE(kDepartments.count(row[t.column("department")]));
  }
  EXPECT_EQ(seen_actions, actions);
}

TEST(AccessFiles, TimesFollowTheDaylightSavingChange) {
  const auto& t = medium_hospital().access_log();
  const std::size_t ts = t.column("timestamp");
  // Clocks go back at 02:00 on 2026-11-01: EDT before, EST after.
  EXPECT_EQ(t.rows.front()[ts].substr(0, 10), "2026-11-01");
  EXPECT_EQ(t.rows.front()[ts].substr(19), "-04:00");
  EXPECT_EQ(t.rows.back()[ts].substr(19), "-05:00");
  TimeNs previous = 0;
  for (const auto& row : t.rows) {
    auto at = parse_iso8601(row[ts]);
    ASSERT_TRUE(at) << row[ts];
    EXPECT_GE(*at, previous) << "rows are in time order";
    previous = *at;
  }
}

TEST(AccessFiles, AccessesAreSplitBetweenTheTwoSystemsWithoutDuplicates) {
  const auto& h = medium_hospital();
  const double audit = static_cast<double>(h.audit_summary().size());
  const double log = static_cast<double>(h.access_log().rows.size());
  EXPECT_GT(audit / (audit + log), 0.35);
  EXPECT_LT(audit / (audit + log), 0.65);
  std::set<std::string> ids;
  for (const auto& e : h.audit_summary()) EXPECT_TRUE(ids.insert(e.id).second) << e.id;
  for (const auto& row : h.access_log().rows) EXPECT_TRUE(ids.insert(row[0]).second) << row[0];
}

TEST(TruthFile, EveryLabelledEventExistsAndScenariosAreKnown) {
  const auto& h = medium_hospital();
  const auto& t = h.truth();
  EXPECT_EQ(t.header, (std::vector<std::string>{"event_id", "scenario", "explanation"}));
  std::set<std::string> ids;
  for (const auto& e : h.audit_summary()) ids.insert(e.id);
  for (const auto& row : h.access_log().rows) ids.insert(row[0]);
  std::map<std::string, std::size_t> per_scenario;
  for (const auto& row : t.rows) {
    EXPECT_TRUE(ids.count(row[0])) << row[0];
    ++per_scenario[row[1]];
    EXPECT_FALSE(row[2].empty());
  }
  const std::set<std::string> scenarios = {"family", "neighbour", "coworker", "vip", "self", "curiosity",
                                           "bulk_export", "terminated", "covering"};
  for (const auto& [name, n] : per_scenario) EXPECT_TRUE(scenarios.count(name)) << name;
  for (const std::string& name : scenarios) EXPECT_GT(per_scenario[name], 0u) << name;
}

TEST(TruthFile, InjectedSnoopingIsAboutOneToTwoPercentOfAccesses) {
  const auto& h = default_hospital();
  std::size_t snooping = 0, covering = 0;
  for (const auto& row : h.truth().rows) (row[1] == "covering" ? covering : snooping) += 1;
  const double share = static_cast<double>(snooping) / static_cast<double>(h.files.access_events);
  EXPECT_GT(share, 0.01);
  EXPECT_LT(share, 0.02);
  EXPECT_GT(covering, 0u);
}

TEST(AdtFile, MessagesStartWithMshAndCarryPidAndPv1ForKnownEncounters) {
  const auto& h = medium_hospital();
  std::set<std::string> encounters = ids_of(h.encounters()), mrns, employees;
  for (const Json& p : h.patients()) mrns.insert(p["identifier"][0]["value"].get<std::string>());
  for (const auto& row : h.roster().rows) employees.insert(row[0]);
  std::map<std::string, std::set<std::string>> triggers_of;
  ASSERT_FALSE(h.adt().empty());
  ASSERT_EQ(h.adt().back(), '\n');
  auto messages = split(std::string_view(h.adt()).substr(0, h.adt().size() - 1), '\n');
  for (const std::string& message : messages) {
    ASSERT_EQ(message.back(), '\r');
    auto segments = split(std::string_view(message).substr(0, message.size() - 1), '\r');
    ASSERT_EQ(segments.size(), 4u);
    auto msh = split(segments[0], '|');
    ASSERT_EQ(msh[0], "MSH");
    EXPECT_EQ(msh[1], "^~\\&");
    EXPECT_EQ(msh[11], "2.5.1");
    const std::string trigger = split(msh[8], '^')[1];
    EXPECT_TRUE(parse_hl7_time(msh[6])) << msh[6];
    auto evn = split(segments[1], '|');
    EXPECT_EQ(evn[0], "EVN");
    EXPECT_EQ(evn[1], trigger);
    auto pid = split(segments[2], '|');
    ASSERT_EQ(pid[0], "PID");
    auto cx = split(pid[3], '^');
    ASSERT_EQ(cx.size(), 5u);
    EXPECT_TRUE(mrns.count(cx[0]));
    EXPECT_EQ(cx[3], "HOSP");
    EXPECT_EQ(cx[4], "MR");
    EXPECT_FALSE(pid[5].empty());
    EXPECT_TRUE(parse_hl7_time(pid[7])) << pid[7];
    EXPECT_FALSE(pid[11].empty());
    auto pv1 = split(segments[3], '|');
    ASSERT_EQ(pv1[0], "PV1");
    ASSERT_GE(pv1.size(), 45u);
    EXPECT_TRUE(pv1[2] == "I" || pv1[2] == "O" || pv1[2] == "E");
    EXPECT_EQ(split(pv1[3], '^').size(), 3u);
    EXPECT_TRUE(employees.count(split(pv1[7], '^')[0]));
    EXPECT_TRUE(encounters.count(pv1[19]));
    EXPECT_TRUE(parse_hl7_time(pv1[44]));
    if (trigger == "A03") {
      ASSERT_EQ(pv1.size(), 46u);
      EXPECT_TRUE(parse_hl7_time(pv1[45]));
    }
    if (trigger == "A02") {
      EXPECT_FALSE(pv1[6].empty());
    }
    triggers_of[pv1[19]].insert(trigger);
  }
  std::set<std::string> all;
  for (const Json& e : h.encounters()) {
    const std::string id = e["id"].get<std::string>();
    const auto& t = triggers_of[id];
    EXPECT_EQ(t.count(e["class"]["code"] == "IMP" ? "A01" : "A04"), 1u) << id;
    EXPECT_EQ(t.count("A03"), e["status"] == "finished" ? 1u : 0u) << id;
    all.insert(t.begin(), t.end());
  }
  EXPECT_EQ(all, (std::set<std::string>{"A01", "A02", "A03", "A04", "A08"}));
}

TEST(AdtFile, EscapesDelimitersInServiceNames) {
  const auto& adt = medium_hospital().adt();
  EXPECT_NE(adt.find("|Labor \\T\\ Delivery|"), std::string::npos);
  EXPECT_EQ(adt.find("Labor & Delivery"), std::string::npos);
}

}  // namespace
}  // namespace ward::demo
