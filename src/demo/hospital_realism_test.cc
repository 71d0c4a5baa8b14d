// Whether the demo hospital behaves like one: care teams drive the accesses, people work their
// shifts, and each injected scenario is what truth.csv says it is.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/time.h"
#include "demo/generated_hospital_testing.h"

namespace ward::demo {
namespace {

using testing_support::default_hospital;
using testing_support::id_of;
using testing_support::LoadedHospital;
using Json = nlohmann::json;

struct Person {
  std::string family, given, birth_date, street, city;
  std::string line() const { return street + ", " + city; }
};

std::string house_number(const std::string& street) { return street.substr(0, street.find(' ')); }
std::string street_name(const std::string& street) { return street.substr(street.find(' ') + 1); }

// One access as both files show it, with what the directory says about its user and patient.
struct AccessView {
  std::string id, user, patient, action;
  TimeNs time = 0;
  std::string local_time;  // only for access_log rows
};

struct Directory {
  std::map<std::string, std::string> practitioner_of;  // employee id -> practitioner id
  std::map<std::string, std::string> department;       // practitioner id -> department
  std::map<std::string, std::string> termination;      // practitioner id -> date
  std::map<std::string, Person> staff, patients;       // by practitioner id / patient id
  std::map<std::string, bool> restricted;
  std::map<std::string, std::set<std::string>> care_team, units;  // by patient id
  std::map<std::string, std::string> scenario;                     // by event id
  std::vector<AccessView> accesses;

  bool related(const AccessView& a) const {
    auto team = care_team.find(a.patient);
    auto unit = units.find(a.patient);
    return (team != care_team.end() && team->second.count(a.user)) ||
           (unit != units.end() && unit->second.count(department.at(a.user)));
  }
};

Person person_of(const Json& r) {
  const Json& addr = r["address"][0];
  return {r["name"][0]["family"].get<std::string>(), r["name"][0]["given"][0].get<std::string>(),
          r["birthDate"].get<std::string>(), addr["line"][0].get<std::string>(), addr["city"].get<std::string>()};
}

Directory read_directory(const LoadedHospital& h) {
  Directory d;
  const auto& r = h.roster();
  for (const auto& row : r.rows) {
    const std::string prac = row[r.column("practitioner_id")];
    d.practitioner_of[row[r.column("id")]] = prac;
    d.department[prac] = row[r.column("department")];
    if (!row[r.column("termination_date")].empty()) d.termination[prac] = row[r.column("termination_date")];
  }
  for (const Json& p : h.practitioners()) d.staff[p["id"].get<std::string>()] = person_of(p);
  for (const Json& p : h.patients()) {
    d.patients[p["id"].get<std::string>()] = person_of(p);
    d.restricted[p["id"].get<std::string>()] = p.contains("meta");
  }
  for (const Json& e : h.encounters()) {
    const std::string patient = id_of(e["subject"]["reference"]);
    d.units[patient].insert(e["serviceType"]["coding"][0]["display"].get<std::string>());
    for (const Json& p : e["participant"]) d.care_team[patient].insert(id_of(p["individual"]["reference"]));
  }
  for (const auto& row : h.truth().rows) d.scenario[row[0]] = row[1];
  for (const auto& e : h.audit_summary()) {
    AccessView a;
    a.id = e.id;
    a.user = e.user;
    a.patient = e.patient;
    a.action = e.action;
    a.time = *parse_iso8601(e.recorded);
    d.accesses.push_back(a);
  }
  const auto& log = h.access_log();
  for (const auto& row : log.rows) {
    AccessView a;
    a.id = row[log.column("event_id")];
    a.user = d.practitioner_of.at(row[log.column("user_id")]);
    a.patient = row[log.column("patient_id")];
    a.action = row[log.column("action")];
    a.local_time = row[log.column("timestamp")];
    a.time = *parse_iso8601(a.local_time);
    d.accesses.push_back(a);
  }
  return d;
}

// Most tests read the medium hospital; the share of explained accesses is checked at the defaults.
const Directory& directory() {
  static const Directory d = read_directory(testing_support::medium_hospital());
  return d;
}

const Directory& default_directory() {
  static const Directory d = read_directory(default_hospital());
  return d;
}

const Person* coworker_with_identity(const Directory& d, const Person& p, std::string* who) {
  for (const auto& [prac, s] : d.staff)
    if (s.family == p.family && s.given == p.given && s.birth_date == p.birth_date) {
      *who = prac;
      return &s;
    }
  return nullptr;
}

TEST(HospitalRealism, MostAccessesAreByTheCareTeamOrThePatientsUnit) {
  const Directory& d = default_directory();
  std::size_t related = 0;
  for (const AccessView& a : d.accesses) related += d.related(a);
  EXPECT_GT(static_cast<double>(related) / static_cast<double>(d.accesses.size()), 0.70);
}

TEST(HospitalRealism, AccessesFollowTheDayMoreThanTheNight) {
  const Directory& d = directory();
  std::array<int, 24> by_hour{};
  for (const AccessView& a : d.accesses)
    if (!a.local_time.empty()) ++by_hour[static_cast<std::size_t>(std::stoi(a.local_time.substr(11, 2)))];
  int night = by_hour[2] + by_hour[3] + by_hour[4], day = by_hour[10] + by_hour[11] + by_hour[12];
  EXPECT_GT(night, 0) << "inpatients are cared for at night too";
  EXPECT_GT(day, night * 3 / 2);
}

TEST(HospitalRealism, EveryUserWithAccessesIsOnTheRoster) {
  const Directory& d = directory();
  std::set<std::string> users;
  for (const AccessView& a : d.accesses) users.insert(a.user);
  EXPECT_GT(users.size(), d.staff.size() * 8 / 10) << "most of the workforce uses the EHR";
  for (const std::string& u : users) EXPECT_TRUE(d.department.count(u)) << u;
}

TEST(HospitalRealism, SnoopingScenariosMatchTheirDefinitions) {
  const Directory& d = directory();
  std::map<std::string, int> checked;
  for (const AccessView& a : d.accesses) {
    auto it = d.scenario.find(a.id);
    if (it == d.scenario.end()) continue;
    const std::string& s = it->second;
    const Person& user = d.staff.at(a.user);
    const Person& patient = d.patients.at(a.patient);
    std::string employee;
    if (s == "family") {
      EXPECT_EQ(user.family, patient.family) << a.id;
      EXPECT_EQ(user.line(), patient.line()) << a.id;
      EXPECT_NE(user.given + user.birth_date, patient.given + patient.birth_date) << a.id;
    } else if (s == "neighbour") {
      EXPECT_EQ(street_name(user.street), street_name(patient.street)) << a.id;
      EXPECT_EQ(user.city, patient.city) << a.id;
      EXPECT_NE(house_number(user.street), house_number(patient.street)) << a.id;
      EXPECT_LE(std::abs(std::stoi(house_number(user.street)) - std::stoi(house_number(patient.street))), 8)
          << a.id;
    } else if (s == "self") {
      ASSERT_TRUE(coworker_with_identity(d, patient, &employee)) << a.id;
      EXPECT_EQ(employee, a.user) << a.id;
    } else if (s == "coworker") {
      ASSERT_TRUE(coworker_with_identity(d, patient, &employee)) << a.id;
      EXPECT_NE(employee, a.user) << a.id;
    } else if (s == "vip") {
      EXPECT_TRUE(d.restricted.at(a.patient)) << a.id;
    } else if (s == "terminated") {
      ASSERT_TRUE(d.termination.count(a.user)) << a.id;
    } else if (s == "covering") {
      EXPECT_TRUE(d.units.at(a.patient).count(d.department.at(a.user))) << "covering stays in the department";
      EXPECT_FALSE(d.care_team.at(a.patient).count(a.user)) << "covering is not on the record";
    }
    if (s != "covering" && s != "terminated" && s != "bulk_export") {
      EXPECT_FALSE(d.related(a)) << a.id << " (" << s << ") has a care relationship";
    }
    ++checked[s];
  }
  EXPECT_EQ(checked.size(), 9u);
}

TEST(HospitalRealism, OneUserExportsMoreThan200RecordsWithinAnHour) {
  const Directory& d = directory();
  std::map<std::string, std::vector<TimeNs>> exports;
  for (const AccessView& a : d.accesses)
    if (a.action == "Export") {
      exports[a.user].push_back(a.time);
      EXPECT_EQ(d.scenario.at(a.id), "bulk_export");
    }
  ASSERT_EQ(exports.size(), 1u);
  auto& times = exports.begin()->second;
  std::sort(times.begin(), times.end());
  EXPECT_GT(times.size(), 200u);
  EXPECT_LE(times.back() - times.front(), 3600 * kNsPerSecond);
}

TEST(HospitalRealism, AccessesAfterTerminationAreExactlyTheLabelledOnes) {
  const Directory& d = directory();
  int after = 0;
  for (const AccessView& a : d.accesses) {
    auto end = d.termination.find(a.user);
    if (end == d.termination.end()) continue;
    auto last_day = parse_iso8601(end->second + "T23:59:59", *find_time_zone("America/New_York"));
    ASSERT_TRUE(last_day);
    auto label = d.scenario.find(a.id);
    const bool labelled = label != d.scenario.end() && label->second == "terminated";
    EXPECT_EQ(a.time > *last_day, labelled) << a.id;
    after += a.time > *last_day;
  }
  EXPECT_GT(after, 0) << "some accounts stay in use after termination";
}

TEST(HospitalRealism, SomeEmployeesAreAlsoPatients) {
  const Directory& d = directory();
  int both = 0;
  std::string who;
  for (const auto& [id, p] : d.patients) both += coworker_with_identity(d, p, &who) != nullptr;
  EXPECT_GE(both, 2);
  EXPECT_LE(both, 20);
}

}  // namespace
}  // namespace ward::demo
