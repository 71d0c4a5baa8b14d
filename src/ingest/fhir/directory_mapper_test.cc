// Patient, Practitioner, PractitionerRole and Encounter -> directory records, on the FHIR
// specification's examples, the STU3 samples and the Synthea bundles.
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/fhir/fhir_test_support.h"
#include "testing/instants.h"

namespace ward::ingest {
namespace {

using fhir_testing::parse_shared;
using fhir_testing::parse_text;

using ward::testing::at;

TEST(FhirPatient, ReadsIdMrnNameAddressAndBirthDate) {
  auto parsed = parse_shared("fhir/r4_examples/patient-example.json");
  ASSERT_EQ(parsed.sink.patients.size(), 1u);
  const PatientRecord& p = parsed.sink.patients[0];
  EXPECT_EQ(p.id, "example");
  EXPECT_EQ(p.mrn, "12345");
  EXPECT_EQ(p.name, "Peter James Chalmers");
  EXPECT_EQ(p.address, "534 Erewhon St, PleasantVille, Vic 3999");
  EXPECT_EQ(p.birth_date, "1974-12-25");
  EXPECT_FALSE(p.confidential);
  EXPECT_NE(p.source.find("patient-example.json"), std::string::npos);
}

TEST(FhirPatient, NameFallsBackToTextAndMrnToTheFirstIdentifier) {
  auto chinese = parse_shared("fhir/r4_examples/patient-example-chinese.json");
  ASSERT_EQ(chinese.sink.patients.size(), 1u);
  EXPECT_EQ(chinese.sink.patients[0].name, "张无忌");
  EXPECT_EQ(chinese.sink.patients[0].address, "马当路190号, 上海市, 200000");

  auto pieter = parse_shared("fhir/r4_examples/patient-example-f001-pieter.json");
  ASSERT_EQ(pieter.sink.patients.size(), 1u);
  EXPECT_EQ(pieter.sink.patients[0].mrn, "738472983");  // no MR identifier: the first one
  EXPECT_EQ(pieter.sink.patients[0].name, "Pieter van de Heuvel");
}

TEST(FhirPatient, RestrictedOrVeryRestrictedSecurityLabelMarksConfidential) {
  auto parsed = parse_text(R"({"resourceType":"Bundle","type":"collection","entry":[
    {"resource":{"resourceType":"Patient","id":"vip","meta":{"security":[
      {"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"V"}]}}},
    {"resource":{"resourceType":"Patient","id":"r","meta":{"security":[{"code":"R"}]}}},
    {"resource":{"resourceType":"Patient","id":"normal","meta":{"security":[
      {"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}]}}},
    {"resource":{"resourceType":"Patient","id":"test","meta":{"security":[
      {"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HTEST"}]}}}]})");
  ASSERT_EQ(parsed.sink.patients.size(), 4u);
  EXPECT_TRUE(parsed.sink.patients[0].confidential);
  EXPECT_TRUE(parsed.sink.patients[1].confidential);
  EXPECT_FALSE(parsed.sink.patients[2].confidential);
  EXPECT_FALSE(parsed.sink.patients[3].confidential);
}

TEST(FhirPatient, Latin1BundleIsReadAsLatin1) {
  // samples/Json__bundle.json carries "du Marché" in Latin-1, which is not valid JSON text.
  auto parsed = parse_shared("fhir/samples/Json__bundle.json");
  EXPECT_TRUE(parsed.sink.rejections.empty());
  ASSERT_EQ(parsed.sink.patients.size(), 1u);
  EXPECT_EQ(parsed.sink.patients[0].id, "example");
  EXPECT_EQ(parsed.counts("Observation").skipped, 2u);
}

TEST(FhirPractitioner, ReadsEmployeeIdNameAddressAndBirthDate) {
  for (std::string_view file : {"fhir/r4_examples/practitioner-example-f001-evdb.json",
                                "fhir/samples/Stu3__Practitioner.json",
                                "fhir/converter_r4/Stu3ToR4_expected__Practitioner.json"}) {
    auto parsed = parse_shared(file);
    ASSERT_EQ(parsed.sink.workforce.size(), 1u) << file;
    const WorkforceMember& w = parsed.sink.workforce[0];
    EXPECT_EQ(w.id, "f001") << file;
    EXPECT_EQ(w.employee_id, "938273695") << file;
    EXPECT_EQ(w.name, "Eric van den broek") << file;
    EXPECT_EQ(w.address, "Galapagosweg 91, Den Burg, 9105 PZ, NLD") << file;
    EXPECT_EQ(w.birth_date, "1975-12-07") << file;
  }
}

TEST(FhirPractitioner, NpiIsPreferredAsEmployeeId) {
  auto parsed = parse_shared("fhir/r4_examples/practitioner-examples-general.json");
  ASSERT_EQ(parsed.sink.workforce.size(), 59u);
  EXPECT_EQ(parsed.sink.workforce[0].id, "1");
  EXPECT_EQ(parsed.sink.workforce[0].employee_id, "1122334499");  // after an SSN identifier
}

TEST(FhirPractitionerRole, GivesRoleAndDepartmentForTheReferencedPractitioner) {
  auto parsed = parse_shared("fhir/r4_examples/practitionerrole-example.json");
  ASSERT_EQ(parsed.sink.workforce.size(), 1u);
  const WorkforceMember& w = parsed.sink.workforce[0];
  EXPECT_EQ(w.id, "example");  // Practitioner/example, not the role's own id
  EXPECT_EQ(w.role, "RP");     // the coding has no display
  EXPECT_EQ(w.department, "General medical practice");
  EXPECT_EQ(w.name, "");
  EXPECT_EQ(w.employee_id, "");
}

TEST(FhirPractitionerRole, DepartmentFallsBackToSpecialtyTextAndOrganization) {
  auto parsed = parse_shared("fhir/r4_examples/practitionerrole-examples-general.json");
  ASSERT_EQ(parsed.sink.workforce.size(), 15u);
  std::map<std::string, const WorkforceMember*> by_id;
  for (const WorkforceMember& w : parsed.sink.workforce) by_id.emplace(w.id, &w);
  ASSERT_TRUE(by_id.count("xcda1"));
  EXPECT_EQ(by_id["xcda1"]->department, "Orthopedic");
  ASSERT_TRUE(by_id.count("f003"));
  EXPECT_EQ(by_id["f003"]->role, "Arts");
  EXPECT_EQ(by_id["f003"]->department, "Cardiothoracal surgery");
}

TEST(FhirEncounter, HomeVisitWithItsPractitioner) {
  auto parsed = parse_shared("fhir/r4_examples/encounter-example-home.json");
  ASSERT_EQ(parsed.sink.encounters.size(), 1u);
  const EncounterRecord& enc = parsed.sink.encounters[0];
  EXPECT_EQ(enc.id, "home");
  EXPECT_EQ(enc.patient_id, "example");
  EXPECT_EQ(enc.class_code, "HH");
  EXPECT_EQ(enc.status, "finished");
  EXPECT_EQ(enc.location, "Client's home");
  EXPECT_EQ(enc.start, at("2015-01-17T06:00:00Z"));
  EXPECT_EQ(enc.end, at("2015-01-17T06:30:00Z"));
  ASSERT_EQ(enc.participants.size(), 1u);
  EXPECT_EQ(enc.participants[0].user_id, "example");
}

TEST(FhirEncounter, OpenEmergencyEncounterHasNoEnd) {
  auto parsed = parse_shared("fhir/r4_examples/encounter-example-emerg.json");
  ASSERT_EQ(parsed.sink.encounters.size(), 1u);
  const EncounterRecord& enc = parsed.sink.encounters[0];
  EXPECT_EQ(enc.class_code, "IMP");
  EXPECT_EQ(enc.status, "in-progress");
  EXPECT_EQ(enc.start, at("2017-01-31T21:15:00Z"));
  EXPECT_EQ(enc.end, 0);
  EXPECT_EQ(enc.location, "Emergency Waiting Room");
}

TEST(FhirEncounter, Stu3EncounterWithoutPeriod) {
  auto parsed = parse_shared("fhir/samples/Stu3__Encounter.json");
  ASSERT_EQ(parsed.sink.encounters.size(), 1u);
  const EncounterRecord& enc = parsed.sink.encounters[0];
  EXPECT_EQ(enc.id, "f202");
  EXPECT_EQ(enc.patient_id, "f201");
  EXPECT_EQ(enc.class_code, "AMB");
  EXPECT_EQ(enc.visit_number, "Encounter_Roel_20130128");
  EXPECT_EQ(enc.start, 0);
  ASSERT_EQ(enc.participants.size(), 1u);
  EXPECT_EQ(enc.participants[0].user_id, "f201");
}

TEST(FhirEncounter, ParticipantTypeIsTheRoleAndConditionalReferencesGiveTheNpi) {
  auto parsed = parse_text(R"({"resourceType":"Bundle","type":"transaction","entry":[
    {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Practitioner","id":"p1",
      "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"9999941"}]}},
    {"resource":{"resourceType":"Encounter","id":"e1","subject":{"reference":"urn:uuid:pat-1"},
      "serviceType":{"coding":[{"code":"394802001","display":"General medicine"}]},
      "participant":[{"type":[{"coding":[{"code":"ATND"}]}],
        "individual":{"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999941"}}]}}]})");
  ASSERT_EQ(parsed.sink.encounters.size(), 1u);
  const EncounterRecord& enc = parsed.sink.encounters[0];
  EXPECT_EQ(enc.patient_id, "pat-1");
  EXPECT_EQ(enc.department, "General medicine");
  ASSERT_EQ(enc.participants.size(), 1u);
  EXPECT_EQ(enc.participants[0].user_id, "9999941");
  EXPECT_EQ(enc.participants[0].role, "ATND");
  ASSERT_EQ(parsed.sink.workforce.size(), 1u);
  EXPECT_EQ(parsed.sink.workforce[0].employee_id, "9999941");
}

// --- Synthea -----------------------------------------------------------------------------------

TEST(FhirSynthea, EveryPatientBundleImportsWithEncountersLinkedToPractitioners) {
  int bundles = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ward::testing::shared_data("synthea"))) {
    std::string name = entry.path().filename().string();
    if (name.find('_') == std::string::npos || entry.path().extension() == ".txt") continue;
    SCOPED_TRACE(name);
    ++bundles;
    auto parsed = parse_shared("synthea/" + name);
    ASSERT_TRUE(parsed.result.has_value());
    EXPECT_TRUE(parsed.sink.rejections.empty());
    ASSERT_EQ(parsed.sink.patients.size(), 1u);
    const PatientRecord& patient = parsed.sink.patients[0];
    EXPECT_EQ(patient.mrn, patient.id);  // Synthea's MR identifier is the resource id
    EXPECT_FALSE(patient.name.empty());
    EXPECT_FALSE(patient.birth_date.empty());
    EXPECT_GT(parsed.sink.encounters.size(), 10u);
    EXPECT_EQ(parsed.counts("Encounter").accepted, parsed.sink.encounters.size());
    EXPECT_EQ(parsed.counts("Practitioner").accepted, parsed.counts("PractitionerRole").accepted);

    std::set<std::string> practitioners;
    for (const WorkforceMember& w : parsed.sink.workforce) {
      if (!w.employee_id.empty()) practitioners.insert(w.id);
      if (!w.employee_id.empty()) practitioners.insert(w.employee_id);
    }
    for (const EncounterRecord& enc : parsed.sink.encounters) {
      EXPECT_EQ(enc.patient_id, patient.id) << enc.id;
      EXPECT_NE(enc.start, 0) << enc.id;
      ASSERT_FALSE(enc.participants.empty()) << enc.id;
      for (const EncounterParticipant& p : enc.participants)
        EXPECT_TRUE(practitioners.count(p.user_id)) << enc.id << " -> " << p.user_id;
    }
  }
  EXPECT_EQ(bundles, 10);
}

TEST(FhirSynthea, FirstEncounterOfCarolee) {
  auto parsed = parse_shared("synthea/Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json");
  ASSERT_EQ(parsed.sink.patients.size(), 1u);
  EXPECT_EQ(parsed.sink.patients[0].name, "Carolee951 Sanford861");
  EXPECT_EQ(parsed.sink.patients[0].address, "117 Orn Bypass, Redmond, WA 98053, US");
  EXPECT_EQ(parsed.sink.patients[0].birth_date, "1969-03-27");
  ASSERT_EQ(parsed.sink.encounters.size(), 14u);
  const EncounterRecord& enc = parsed.sink.encounters[0];
  EXPECT_EQ(enc.id, "50737a3f-23a5-44c2-9152-4747cb372a27");
  EXPECT_EQ(enc.patient_id, "d88f994a-5efa-421d-9c40-5f116d2114a6");
  EXPECT_EQ(enc.class_code, "AMB");
  EXPECT_EQ(enc.status, "finished");
  EXPECT_EQ(enc.start, at("2003-06-12T19:26:53Z"));
  EXPECT_EQ(enc.end, at("2003-06-12T19:56:53Z"));
  EXPECT_EQ(enc.location, "REDICLINIC OF WA LLC");
  EXPECT_EQ(enc.department, "REDICLINIC OF WA LLC");
  ASSERT_EQ(enc.participants.size(), 1u);
  EXPECT_EQ(enc.participants[0].user_id, "00000170-a2f3-ce01-0000-00000000d142");
}

TEST(FhirSynthea, ProviderDirectoryGivesPractitionersWithRoles) {
  auto parsed = parse_shared("synthea/practitionerInformation1583281853074.json");
  EXPECT_EQ(parsed.counts("Practitioner").accepted, 19u);
  EXPECT_EQ(parsed.counts("PractitionerRole").accepted, 19u);
  std::set<std::string> ids;
  for (const WorkforceMember& w : parsed.sink.workforce)
    if (!w.employee_id.empty()) ids.insert(w.id);
  EXPECT_EQ(ids.size(), 19u);
  for (const WorkforceMember& w : parsed.sink.workforce) {
    if (!w.employee_id.empty()) continue;
    EXPECT_TRUE(ids.count(w.id)) << w.id;  // each role names a practitioner of the file
    EXPECT_EQ(w.role, "General Practice");
    EXPECT_FALSE(w.department.empty());
  }
  auto hospitals = parse_shared("synthea/hospitalInformation1583281853074.json");
  EXPECT_EQ(hospitals.counts("Organization").skipped, 19u);
  EXPECT_EQ(hospitals.counts("Location").skipped, 19u);
  EXPECT_EQ(hospitals.summary.accepted(), 0u);
}

}  // namespace
}  // namespace ward::ingest
