// DirectoryIndex::apply: a commit's records update the lookups in place, and it names exactly
// the people whose records, encounters or staff match changed.
#include "privacy/directory_index.h"

#include <gtest/gtest.h>

namespace ward::privacy {
namespace {

PatientRecord directory_patient(std::string id, std::string mrn, std::string name, std::string birth_date) {
  PatientRecord p;
  p.id = std::move(id);
  p.mrn = std::move(mrn);
  p.name = std::move(name);
  p.birth_date = std::move(birth_date);
  return p;
}

WorkforceMember member(std::string id, std::string employee_id, std::string name, std::string birth_date,
                       std::string department) {
  WorkforceMember w;
  w.id = std::move(id);
  w.employee_id = std::move(employee_id);
  w.name = std::move(name);
  w.birth_date = std::move(birth_date);
  w.department = std::move(department);
  return w;
}

EncounterRecord encounter(std::string id, std::string patient_id) {
  EncounterRecord e;
  e.id = std::move(id);
  e.patient_id = std::move(patient_id);
  return e;
}

std::vector<std::string> encounter_ids(const DirectoryIndex& d, std::string_view patient) {
  std::vector<std::string> ids;
  const PatientRecord* p = d.patient(patient);
  if (p == nullptr) return ids;
  for (const EncounterRecord* e : d.encounters_of(*p)) ids.push_back(e->id);
  return ids;
}

class DirectoryIndexApply : public ::testing::Test {
 protected:
  void SetUp() override {
    store::DirectorySnapshot s;
    s.workforce.push_back(member("prac-1", "E1", "Dana Ruiz", "1980-02-03", "Oncology"));
    s.patients.push_back(directory_patient("pat-1", "MRN1", "Ann Bell", "1950-01-01"));
    s.patients.push_back(directory_patient("pat-2", "MRN2", "Dana Ruiz", "1980-02-03"));  // the nurse
    s.encounters.push_back(encounter("enc-1", "pat-1"));
    s.encounters.push_back(encounter("enc-2", "MRN2"));
    s.encounters.push_back(encounter("enc-9", "pat-9"));  // a patient not known yet
    directory = std::make_unique<DirectoryIndex>(std::move(s));
  }
  std::unique_ptr<DirectoryIndex> directory;
};

TEST_F(DirectoryIndexApply, AnUpdatedEncounterIsThePatientsOnlyOnce) {
  EXPECT_EQ(encounter_ids(*directory, "pat-1"), std::vector<std::string>{"enc-1"});
  store::DirectorySnapshot adt;
  adt.encounters.push_back(encounter("enc-1", "pat-1"));   // the same visit again (A08)
  adt.encounters.push_back(encounter("enc-3", "MRN1"));    // a new one, by MRN
  const auto changes = directory->apply(std::move(adt));
  EXPECT_EQ(encounter_ids(*directory, "pat-1"), (std::vector<std::string>{"enc-1", "enc-3"}));
  EXPECT_EQ(changes.patients, std::vector<std::size_t>{0});
  EXPECT_TRUE(changes.users.empty());
  EXPECT_TRUE(changes.new_ids.empty());
}

TEST_F(DirectoryIndexApply, AnEncounterMovedToAnotherPatientLeavesTheFirst) {
  store::DirectorySnapshot adt;
  adt.encounters.push_back(encounter("enc-1", "pat-2"));  // a merge or a correction
  const auto changes = directory->apply(std::move(adt));
  EXPECT_TRUE(encounter_ids(*directory, "pat-1").empty());
  EXPECT_EQ(encounter_ids(*directory, "pat-2"), (std::vector<std::string>{"enc-1", "enc-2"}));
  EXPECT_EQ(changes.patients, (std::vector<std::size_t>{0, 1}));
}

TEST_F(DirectoryIndexApply, APatientArrivingLateGetsTheEncountersThatNamedThem) {
  EXPECT_EQ(directory->patient("pat-9"), nullptr);
  store::DirectorySnapshot registration;
  registration.patients.push_back(directory_patient("pat-9", "MRN9", "Bo Chen", "1960-01-01"));
  const auto changes = directory->apply(std::move(registration));
  EXPECT_EQ(encounter_ids(*directory, "pat-9"), std::vector<std::string>{"enc-9"});
  EXPECT_EQ(encounter_ids(*directory, "MRN9"), std::vector<std::string>{"enc-9"});
  EXPECT_EQ(changes.patients, std::vector<std::size_t>{2});
  EXPECT_EQ(changes.new_ids, (std::vector<std::string>{"pat-9", "MRN9"}));
}

TEST_F(DirectoryIndexApply, AStaffRecordChangeReachesThePatientWhoIsThatEmployee) {
  const PatientRecord* nurse_as_patient = directory->patient("pat-2");
  ASSERT_NE(nurse_as_patient, nullptr);
  ASSERT_NE(directory->employee_as(*nurse_as_patient), nullptr);
  EXPECT_EQ(directory->employee_as(*nurse_as_patient)->department, "Oncology");

  store::DirectorySnapshot transfer;
  transfer.workforce.push_back(member("prac-1", "E1", "Dana Ruiz", "1980-02-03", "Cardiology"));
  auto changes = directory->apply(std::move(transfer));
  EXPECT_EQ(changes.users, std::vector<std::size_t>{0});
  EXPECT_EQ(changes.patients, std::vector<std::size_t>{1});  // pat-2, whose coworker finding names the department
  EXPECT_EQ(directory->employee_as(*directory->patient("pat-2"))->department, "Cardiology");

  // A new birth date: no longer the same person.
  store::DirectorySnapshot correction;
  correction.workforce.push_back(member("prac-1", "E1", "Dana Ruiz", "1981-02-03", "Cardiology"));
  changes = directory->apply(std::move(correction));
  EXPECT_EQ(changes.patients, std::vector<std::size_t>{1});
  EXPECT_EQ(directory->employee_as(*directory->patient("pat-2")), nullptr);
}

TEST_F(DirectoryIndexApply, ManyNewEncountersKeepEveryPatientsListRight) {
  store::DirectorySnapshot adt;
  for (int i = 0; i < 1000; ++i) adt.encounters.push_back(encounter("new-" + std::to_string(i), i % 2 == 0 ? "pat-1" : "MRN2"));
  directory->apply(std::move(adt));  // the encounters move in memory: the lists follow
  const auto one = encounter_ids(*directory, "pat-1");
  const auto two = encounter_ids(*directory, "pat-2");
  ASSERT_EQ(one.size(), 501u);
  ASSERT_EQ(two.size(), 501u);
  EXPECT_EQ(one.front(), "enc-1");
  EXPECT_EQ(one.back(), "new-998");
  EXPECT_EQ(two.front(), "enc-2");
  EXPECT_EQ(two.back(), "new-999");
}

}  // namespace
}  // namespace ward::privacy
