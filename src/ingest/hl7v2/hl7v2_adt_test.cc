#include "ingest/hl7v2/hl7v2_adt.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/time.h"

namespace ward::ingest {
namespace {

// A segment with the given fields set and the others empty, e.g. segment("PV1", {{2, "I"}}).
std::string segment(std::string_view name, const std::map<int, std::string>& fields) {
  std::string s(name);
  int last = fields.empty() ? 0 : fields.rbegin()->first;
  for (int n = 1; n <= last; ++n) {
    s += '|';
    if (auto it = fields.find(n); it != fields.end()) s += it->second;
  }
  return s + "\r";
}

std::string msh(std::string_view type, std::string_view time = "20240301101500",
                std::string_view control_id = "CTRL1") {
  return "MSH|^~\\&|ADT1|HOSP|WARD|HOSP|" + std::string(time) + "||" + std::string(type) + "|" +
         std::string(control_id) + "|P|2.5.1\r";
}

const std::map<int, std::string> kPid = {
    {1, "1"},
    {3, "X99^^^SSA^SS~MRN42^^^HOSP^MR"},
    {5, "DOE&VAN^JANE^Q~ALIAS^JJ"},
    {7, "19800102"},
    {8, "F"},
    {11, "12 Elm St^Apt 4^Springfield^MA^01101^USA~1 Other Rd^^Boston^MA"},
};

const std::map<int, std::string> kPv1 = {
    {1, "1"},
    {2, "I"},
    {3, "4E^401^B^HOSP"},
    {7, "D100^Welby^Marcus~D101^Kildare"},
    {8, "R200^Referrer"},
    {9, "C300^Consult~^NoId~C301^Consult2"},
    {10, "CAR"},
    {17, "A400^Admitter"},
    {19, "V777^^^HOSP^VN"},
    {44, "20240301093000"},
};

std::map<int, std::string> with(std::map<int, std::string> fields, int n, std::string value) {
  fields[n] = std::move(value);
  return fields;
}

Result<Hl7v2DirectoryRecords> map(const std::string& text, const date::time_zone* zone = nullptr) {
  auto m = Hl7v2Message::parse(text);
  EXPECT_TRUE(m) << m.error().describe();
  std::string_view msh9 = m->field_of("MSH", 9);
  return map_hl7v2_message(*m, m->component(msh9, 1), m->component(msh9, 2),
                           Hl7v2MapOptions{"adt.hl7", zone});
}

Hl7v2DirectoryRecords mapped(const std::string& text, const date::time_zone* zone = nullptr) {
  auto r = map(text, zone);
  EXPECT_TRUE(r) << r.error().describe();
  return r ? std::move(*r) : Hl7v2DirectoryRecords{};
}

Error rejected(const std::string& text) {
  auto r = map(text);
  EXPECT_FALSE(r);
  return r ? Error{} : r.error();
}

std::string iso(TimeNs t) { return t == 0 ? "" : format_iso8601(t); }

TEST(Hl7v2Adt, MapsAnAdmitToPatientAndEncounter) {
  auto ny = find_time_zone("America/New_York");
  ASSERT_TRUE(ny);
  auto r = mapped(msh("ADT^A01^ADT_A01") + "EVN|A01|20240301101000\r" + segment("PID", kPid) +
                      segment("PV1", kPv1),
                  *ny);
  ASSERT_EQ(r.patients.size(), 1u);
  const PatientRecord& p = r.patients[0];
  EXPECT_EQ(p.id, "MRN42");
  EXPECT_EQ(p.mrn, "MRN42");
  EXPECT_EQ(p.name, "JANE DOE");
  EXPECT_EQ(p.address, "12 Elm St Apt 4, Springfield, MA 01101");
  EXPECT_EQ(p.birth_date, "1980-01-02");
  EXPECT_FALSE(p.confidential);
  EXPECT_EQ(p.source, "adt.hl7");
  ASSERT_EQ(r.encounters.size(), 1u);
  const EncounterRecord& e = r.encounters[0];
  EXPECT_EQ(e.id, "V777");
  EXPECT_EQ(e.visit_number, "V777");
  EXPECT_EQ(e.patient_id, "MRN42");
  EXPECT_EQ(e.class_code, "IMP");
  EXPECT_EQ(e.status, "in-progress");
  EXPECT_EQ(e.location, "4E / 401 / B");
  EXPECT_EQ(e.department, "CAR");
  EXPECT_EQ(iso(e.start), "2024-03-01T14:30:00Z");  // 09:30 in New York (EST)
  EXPECT_EQ(e.end, 0);
  EXPECT_EQ(e.source, "adt.hl7");
  std::vector<std::pair<std::string, std::string>> participants;
  for (const auto& x : e.participants) participants.emplace_back(x.role, x.user_id);
  EXPECT_EQ(participants, (std::vector<std::pair<std::string, std::string>>{
                              {"ATND", "D100"}, {"ATND", "D101"}, {"REF", "R200"},
                              {"CON", "C300"}, {"CON", "C301"}, {"ADM", "A400"}}));
}

TEST(Hl7v2Adt, UsesTheFirstIdentifierWhenNoneIsAMedicalRecordNumber) {
  auto r = mapped(msh("ADT^A08") + segment("PID", with(kPid, 3, "X99^^^SSA^SS~Y1^^^H^PI")));
  ASSERT_EQ(r.patients.size(), 1u);
  EXPECT_EQ(r.patients[0].id, "X99");
  EXPECT_EQ(r.patients[0].mrn, "");
}

TEST(Hl7v2Adt, AcceptsMrnAsTheIdentifierTypeSimulatedHospitalSends) {
  auto r = mapped(msh("ADT^A08") + segment("PID", with(kPid, 3, "N1^^^NHS^NH~M1^^^SIM^MRN")));
  ASSERT_EQ(r.patients.size(), 1u);
  EXPECT_EQ(r.patients[0].id, "M1");
  EXPECT_EQ(r.patients[0].mrn, "M1");
}

TEST(Hl7v2Adt, FallsBackToPid2WhenPid3IsEmpty) {
  auto pid = with(with(kPid, 3, ""), 2, "EXT5^^^OLD");
  auto r = mapped(msh("ADT^A08") + segment("PID", pid));
  ASSERT_EQ(r.patients.size(), 1u);
  EXPECT_EQ(r.patients[0].id, "EXT5");
}

TEST(Hl7v2Adt, RejectsAPatientWithoutAnyIdentifier) {
  Error e = rejected(msh("ADT^A01") + segment("PID", with(kPid, 3, "^^^HOSP^MR")));
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_EQ(e.field, "PID-3");
  EXPECT_NE(e.message.find("segment 2"), std::string::npos) << e.message;
}

TEST(Hl7v2Adt, KeepsTheBirthDateAsWritten) {
  auto birth = [](std::string pid7) {
    auto r = mapped(msh("ADT^A08") + segment("PID", with(kPid, 7, pid7)));
    return r.patients.empty() ? std::string("?") : r.patients[0].birth_date;
  };
  EXPECT_EQ(birth("198808181126+0215"), "1988-08-18");  // no shift to UTC
  EXPECT_EQ(birth("19890118000000"), "1989-01-18");
  EXPECT_EQ(birth("198001"), "1980-01");
  EXPECT_EQ(birth("1980"), "1980");
  EXPECT_EQ(birth("19800102^D"), "1980-01-02");  // 2.3 TS with precision
  EXPECT_EQ(birth(""), "");
}

TEST(Hl7v2Adt, RejectsAnInvalidBirthDateWithoutShowingIt) {
  for (std::string bad : {"19801345", "1980013", "yesterday", "19800102XYZ"}) {
    Error e = rejected(msh("ADT^A01") + segment("PID", with(kPid, 7, bad)));
    EXPECT_EQ(e.code, ErrorCode::invalid_input);
    EXPECT_EQ(e.field, "PID-7") << bad;
    EXPECT_EQ(e.message.find(bad), std::string::npos) << e.message;
  }
}

TEST(Hl7v2Adt, DecodesEscapesInNamesAndAddresses) {
  auto pid = with(with(kPid, 5, "O\\S\\NEIL&X^MARY"), 11, "1 A\\T\\E Rd^^Leeds^^LS1");
  auto r = mapped(msh("ADT^A08") + segment("PID", pid));
  ASSERT_EQ(r.patients.size(), 1u);
  EXPECT_EQ(r.patients[0].name, "MARY O^NEIL");
  EXPECT_EQ(r.patients[0].address, "1 A&E Rd, Leeds, LS1");
}

TEST(Hl7v2Adt, MarksVipAndProtectedPatientsConfidential) {
  auto confidential = [](const std::string& extra) {
    auto r = mapped(msh("ADT^A08") + segment("PID", kPid) + extra);
    return !r.patients.empty() && r.patients[0].confidential;
  };
  EXPECT_TRUE(confidential(segment("PV1", with(kPv1, 16, "VIP^Very Important Person"))));
  EXPECT_FALSE(confidential(segment("PV1", with(kPv1, 16, "N"))));
  EXPECT_TRUE(confidential(segment("PD1", {{12, "Y"}})));
  EXPECT_FALSE(confidential(segment("PD1", {{12, "N"}})));
  EXPECT_FALSE(confidential(segment("PV1", kPv1)));
}

TEST(Hl7v2Adt, StartsAnAdmitAtTheEventTimeWhenPv1HasNoAdmitTime) {
  auto pv1 = with(kPv1, 44, "");
  auto a01 = mapped(msh("ADT^A01") + "EVN|A01|20240301101000\r" + segment("PID", kPid) +
                    segment("PV1", pv1));
  ASSERT_EQ(a01.encounters.size(), 1u);
  EXPECT_EQ(iso(a01.encounters[0].start), "2024-03-01T10:10:00Z");
  // Without EVN the message time (MSH-7) stands in.
  auto a04 = mapped(msh("ADT^A04", "20240302080000") + segment("PID", kPid) + segment("PV1", pv1));
  ASSERT_EQ(a04.encounters.size(), 1u);
  EXPECT_EQ(iso(a04.encounters[0].start), "2024-03-02T08:00:00Z");
  // A transfer does not invent an admit time.
  auto a02 = mapped(msh("ADT^A02") + "EVN|A02|20240301101000\r" + segment("PID", kPid) +
                    segment("PV1", pv1));
  ASSERT_EQ(a02.encounters.size(), 1u);
  EXPECT_EQ(a02.encounters[0].start, 0);
}

TEST(Hl7v2Adt, DischargeFinishesTheEncounter) {
  auto with_end = mapped(msh("ADT^A03") + "EVN|A03|20240305120000\r" + segment("PID", kPid) +
                         segment("PV1", with(kPv1, 45, "20240304170000")));
  ASSERT_EQ(with_end.encounters.size(), 1u);
  EXPECT_EQ(with_end.encounters[0].status, "finished");
  EXPECT_EQ(iso(with_end.encounters[0].end), "2024-03-04T17:00:00Z");
  auto from_event = mapped(msh("ADT^A03") + "EVN|A03|20240305120000\r" + segment("PID", kPid) +
                           segment("PV1", kPv1));
  ASSERT_EQ(from_event.encounters.size(), 1u);
  EXPECT_EQ(iso(from_event.encounters[0].end), "2024-03-05T12:00:00Z");
}

TEST(Hl7v2Adt, CancelledDischargeReopensTheEncounter) {
  auto r = mapped(msh("ADT^A13") + segment("PID", kPid) +
                  segment("PV1", with(kPv1, 45, "20240304170000")));
  ASSERT_EQ(r.encounters.size(), 1u);
  EXPECT_EQ(r.encounters[0].status, "in-progress");
  EXPECT_EQ(r.encounters[0].end, 0);
}

TEST(Hl7v2Adt, TriggerEventsSetTheStatus) {
  auto status = [](std::string type) {
    auto r = mapped(msh(type) + segment("PID", kPid) + segment("PV1", kPv1));
    return r.encounters.empty() ? std::string("none") : r.encounters[0].status;
  };
  EXPECT_EQ(status("ADT^A01"), "in-progress");
  EXPECT_EQ(status("ADT^A02"), "in-progress");
  EXPECT_EQ(status("ADT^A04"), "in-progress");
  EXPECT_EQ(status("ADT^A05"), "planned");
  EXPECT_EQ(status("ADT^A06"), "in-progress");
  EXPECT_EQ(status("ADT^A07"), "in-progress");
  EXPECT_EQ(status("ADT^A08"), "in-progress");
  EXPECT_EQ(status("ADT^A11"), "cancelled");
  EXPECT_EQ(status("ADT^A38"), "cancelled");
  // Events about the person, not a visit, give the patient only.
  EXPECT_EQ(status("ADT^A28"), "none");
  EXPECT_EQ(status("ADT^A31"), "none");
  EXPECT_EQ(status("ADT^A34"), "none");
  EXPECT_EQ(status("ADT^A99"), "none");
  // Other message types never give encounters, even with a PV1.
  EXPECT_EQ(status("ORU^R01"), "none");
  EXPECT_EQ(status("SIU^S12"), "none");
}

TEST(Hl7v2Adt, MapsPatientClassToEncounterClass) {
  EXPECT_EQ(encounter_class("I"), "IMP");
  EXPECT_EQ(encounter_class("O"), "AMB");
  EXPECT_EQ(encounter_class("E"), "EMER");
  EXPECT_EQ(encounter_class("P"), "PRENC");
  EXPECT_EQ(encounter_class("R"), "AMB");
  EXPECT_EQ(encounter_class("B"), "IMP");
  EXPECT_EQ(encounter_class("N"), "N");
  EXPECT_EQ(encounter_class(""), "");
}

TEST(Hl7v2Adt, BuildsLocationAndDepartmentFromWhatIsThere) {
  auto pv1 = with(with(kPv1, 3, "ICU&1.2.3&ISO^^7"), 10, "");
  auto r = mapped(msh("ADT^A02") + segment("PID", kPid) + segment("PV1", pv1));
  ASSERT_EQ(r.encounters.size(), 1u);
  EXPECT_EQ(r.encounters[0].location, "ICU / 7");
  EXPECT_EQ(r.encounters[0].department, "ICU");
}

TEST(Hl7v2Adt, NamesTheEncounterAfterTheMessageWithoutAVisitNumber) {
  auto r = mapped(msh("ADT^A01", "20240301101500", "CTRL9") + segment("PID", kPid) +
                  segment("PV1", with(kPv1, 19, "")));
  ASSERT_EQ(r.encounters.size(), 1u);
  EXPECT_EQ(r.encounters[0].id, "CTRL9");
  EXPECT_EQ(r.encounters[0].visit_number, "");
  Error e = rejected(msh("ADT^A01", "20240301101500", "") + segment("PID", kPid) +
                     segment("PV1", with(kPv1, 19, "")));
  EXPECT_EQ(e.field, "PV1-19");
}

TEST(Hl7v2Adt, PairsEachPidWithItsOwnPv1) {
  auto r = mapped(msh("ADT^A17") + segment("PID", kPid) + segment("PV1", kPv1) +
                  segment("PID", with(kPid, 3, "OTHER^^^H^MR")) +
                  segment("PV1", with(with(kPv1, 19, "V2"), 3, "5W^1^A")));
  ASSERT_EQ(r.patients.size(), 2u);
  ASSERT_EQ(r.encounters.size(), 2u);
  EXPECT_EQ(r.encounters[0].patient_id, "MRN42");
  EXPECT_EQ(r.encounters[0].location, "4E / 401 / B");
  EXPECT_EQ(r.encounters[1].patient_id, "OTHER");
  EXPECT_EQ(r.encounters[1].id, "V2");
  EXPECT_EQ(r.encounters[1].location, "5W / 1 / A");
}

TEST(Hl7v2Adt, RejectsBadVisitAndEventTimesNamingTheField) {
  struct Case {
    std::string text;
    std::string field;
  } cases[] = {
      {msh("ADT^A01") + segment("PID", kPid) + segment("PV1", with(kPv1, 44, "2024130112")),
       "PV1-44"},
      {msh("ADT^A03") + segment("PID", kPid) + segment("PV1", with(kPv1, 45, "soon")),
       "PV1-45"},
      {msh("ADT^A01") + "EVN|A01|20240231\r" + segment("PID", kPid) + segment("PV1", kPv1),
       "EVN-2"},
      {msh("ADT^A08") + "EVN|A08|20240301|||x|2024X\r" + segment("PID", kPid), "EVN-6"},
      {msh("ADT^A03", "notatime") + segment("PID", kPid) + segment("PV1", kPv1), "MSH-7"},
  };
  for (const auto& c : cases) {
    Error e = rejected(c.text);
    EXPECT_EQ(e.code, ErrorCode::invalid_input);
    EXPECT_EQ(e.field, c.field) << e.message;
  }
}

TEST(Hl7v2Adt, RejectsAVisitWithoutAPatient) {
  Error e = rejected(msh("ADT^A01") + segment("PV1", kPv1) + segment("PID", kPid));
  EXPECT_EQ(e.field, "PID");
}

TEST(Hl7v2Adt, GivesNothingForAMessageWithoutPid) {
  auto r = mapped(msh("ADT^A20") + "NPU|4E^401^B|K\r");
  EXPECT_TRUE(r.patients.empty());
  EXPECT_TRUE(r.encounters.empty());
}

}  // namespace
}  // namespace ward::ingest
