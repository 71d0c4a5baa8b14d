// PHI in HL7 v2, FHIR and CSV as a user sees it: findings located by field (message N PID-5.1,
// Patient.name[0].family, row N column), values of known meaning found whatever they look like,
// the record's own values found again in its free text, and bad records reported with the rest
// still scanned. Public samples from ../shared/data; small crafted cases for bad input.
#include "phi/formats/structured_scan.h"

#include <map>
#include <optional>

#include <gtest/gtest.h>

#include "phi/formats/csv_phi_scan.h"
#include "phi/formats/field_report_writers.h"
#include "testing/shared_data.h"

namespace ward::phi {
namespace {

class StructuredScanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto built = Scanner::build();
    ASSERT_TRUE(built) << built.error().message;
    scanner_ = std::make_unique<Scanner>(std::move(*built));
  }
  static void TearDownTestSuite() { scanner_.reset(); }

  StructuredScan scan(InputFormat format, std::string_view data) {
    auto fields = FieldScanner::make(*scanner_);
    EXPECT_TRUE(fields);
    auto scanned = scan_structured(format, data, *fields);
    EXPECT_TRUE(scanned) << scanned.error().message;
    return scanned ? std::move(*scanned) : StructuredScan{};
  }
  StructuredScan scan_file(InputFormat format, std::string_view relative) {
    text_ = ward::testing::read_file(ward::testing::shared_data(relative));
    return scan(format, text_);
  }

  static std::unique_ptr<Scanner> scanner_;
  std::string text_;
};
std::unique_ptr<Scanner> StructuredScanTest::scanner_;

// The finding at `location`, or null.
const FieldFinding* at(const StructuredScan& s, std::string_view location) {
  for (const FieldFinding& f : s.findings)
    if (f.location == location) return &f;
  return nullptr;
}

// One attribute of the finding at `location`; nullopt when there is none (the test then fails
// with the location in its message instead of crashing).
std::optional<PhiType> type_at(const StructuredScan& s, std::string_view location) {
  const FieldFinding* f = at(s, location);
  return f ? std::optional<PhiType>(f->type) : std::nullopt;
}
std::optional<std::string> value_at(const StructuredScan& s, std::string_view location) {
  const FieldFinding* f = at(s, location);
  return f ? std::optional<std::string>(f->value) : std::nullopt;
}
std::optional<std::string> reason_at(const StructuredScan& s, std::string_view location) {
  const FieldFinding* f = at(s, location);
  return f ? std::optional<std::string>(f->reason) : std::nullopt;
}
std::optional<std::uint64_t> line_at(const StructuredScan& s, std::string_view location) {
  const FieldFinding* f = at(s, location);
  return f ? std::optional<std::uint64_t>(f->line) : std::nullopt;
}

std::map<PhiType, std::size_t> count_by_type(const StructuredScan& s) {
  std::map<PhiType, std::size_t> out;
  for (const FieldFinding& f : s.findings) ++out[f.type];
  return out;
}

TEST_F(StructuredScanTest, Hl7v2PidFieldsAreFindingsByTheirField) {
  const StructuredScan s = scan_file(InputFormat::hl7v2, "hl7v2/ADT-A01-01.hl7");
  EXPECT_TRUE(s.errors.empty());
  const FieldFinding* family = at(s, "message 1 PID-5.1");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->type, PhiType::name);
  EXPECT_EQ(family->value, "EVERYMAN Aniston");  // FN.1 and FN.5 (partner's surname)
  EXPECT_EQ(family->line, 4u);
  EXPECT_NE(family->reason.find("PID-5"), std::string::npos);
  ASSERT_NE(at(s, "message 1 PID-5[2].3"), nullptr);  // the second name's middle name
  ASSERT_NE(at(s, "message 1 PID-7.1"), nullptr);
  EXPECT_EQ(type_at(s, "message 1 PID-7.1"), PhiType::date);
  // "PSSN123121234" is no SSN the text scanner would recognise; PID-19 says it is one.
  ASSERT_NE(at(s, "message 1 PID-19"), nullptr);
  EXPECT_EQ(type_at(s, "message 1 PID-19"), PhiType::ssn);
  ASSERT_NE(at(s, "message 1 PID-3[2].1"), nullptr);  // identifier type SS
  EXPECT_EQ(type_at(s, "message 1 PID-3[2].1"), PhiType::ssn);
  EXPECT_EQ(type_at(s, "message 1 PID-3.1"), PhiType::mrn);
  EXPECT_EQ(value_at(s, "message 1 PID-11.1"), "1000 Hospital Lane");  // SAD subcomponents
  EXPECT_EQ(type_at(s, "message 1 PID-11.3"), PhiType::geography);      // city
  EXPECT_EQ(at(s, "message 1 PID-11.4"), nullptr);                     // the state is not PHI
  EXPECT_EQ(type_at(s, "message 1 PID-13.1"), PhiType::phone);
  EXPECT_EQ(type_at(s, "message 1 PID-20.1"), PhiType::license);
  EXPECT_EQ(type_at(s, "message 1 NK1-2.2"), PhiType::name);
  EXPECT_EQ(type_at(s, "message 1 GT1-12"), PhiType::ssn);
  EXPECT_EQ(type_at(s, "message 1 IN1-36"), PhiType::health_plan);
  EXPECT_EQ(value_at(s, "message 1 NK1-30.1"), "Green");  // the contact person
  EXPECT_EQ(type_at(s, "message 1 NK1-16.1"), PhiType::date);
  EXPECT_EQ(value_at(s, "message 1 IN2-2"), "425-57-9745");
  EXPECT_EQ(type_at(s, "message 1 IN2-2"), PhiType::ssn);
}

TEST_F(StructuredScanTest, Hl7v2StreamOfSimulatedHospitalHasEveryPatientAndNoErrors) {
  const StructuredScan s = scan_file(InputFormat::hl7v2, "hl7v2/simhospital-messages.hl7");
  EXPECT_TRUE(s.errors.empty());
  std::size_t names = 0, births = 0;
  for (const FieldFinding& f : s.findings) {
    if (f.location.ends_with(" PID-5.1")) ++names;
    if (f.location.ends_with(" PID-7.1")) ++births;
  }
  EXPECT_EQ(names, 1013u);   // one patient name per message
  EXPECT_EQ(births, 1013u);
  EXPECT_NE(at(s, "message 1013 PID-5.1"), nullptr);
}

TEST_F(StructuredScanTest, Hl7v2PidValuesAreKnownInTheMessagesFreeText) {
  const std::string message =
      "MSH|^~\\&|LAB|H|EHR|H|20240101||ORU^R01|1|P|2.5\r"
      "PID|1||A7781234^^^H^MR||Whitfield^Jonathan||19350208\r"
      "OBX|1|TX|NOTE||Jonathon Whitfeild called about record A7781234.\r"
      "OBX|2|NM|8867-4||72\r"
      "NTE|1||Seen by the Movement Disorders Clinic.\r";
  const StructuredScan s = scan(InputFormat::hl7v2, message);
  std::vector<std::string> in_obx;
  for (const FieldFinding& f : s.findings)
    if (f.location == "message 1 OBX-5") in_obx.push_back(f.value);
  EXPECT_EQ(in_obx, (std::vector<std::string>{"Jonathon Whitfeild", "A7781234"}));
  EXPECT_EQ(line_at(s, "message 1 OBX-5"), 3u);
  EXPECT_EQ(at(s, "message 2 OBX-5"), nullptr);
  EXPECT_EQ(at(s, "message 1 NTE-3"), nullptr);  // no PHI in it
}

TEST_F(StructuredScanTest, Hl7v2BadMessageIsAnErrorAndTheNextIsScanned) {
  const std::string data =
      "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\n"
      "PID|1||111^^^H^MR||Doe^Jane\n"
      "X|broken segment\n"
      "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\n"
      "PID|1||222^^^H^MR||Roe^Richard\n";
  const StructuredScan s = scan(InputFormat::hl7v2, data);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].line, 1u);
  EXPECT_NE(s.errors[0].message.find("message 1"), std::string::npos) << s.errors[0].message;
  EXPECT_EQ(s.errors[0].field, "segment 3");
  EXPECT_EQ(at(s, "message 1 PID-5.1"), nullptr);
  ASSERT_NE(at(s, "message 2 PID-5.1"), nullptr);
  EXPECT_EQ(line_at(s, "message 2 PID-5.1"), 5u);
}

TEST_F(StructuredScanTest, FhirSyntheaBundlePatientFieldsByPath) {
  const StructuredScan s = scan_file(InputFormat::fhir, "synthea/Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json");
  EXPECT_TRUE(s.errors.empty());
  const FieldFinding* family = at(s, "entry[0] Patient.name[0].family");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->type, PhiType::name);
  EXPECT_EQ(family->reason, "Patient.name.family field");
  EXPECT_EQ(type_at(s, "entry[0] Patient.birthDate"), PhiType::date);
  EXPECT_EQ(type_at(s, "entry[0] Patient.identifier[1].value"), PhiType::mrn);
  EXPECT_EQ(type_at(s, "entry[0] Patient.identifier[2].value"), PhiType::ssn);
  EXPECT_EQ(type_at(s, "entry[0] Patient.identifier[3].value"), PhiType::license);
  EXPECT_EQ(type_at(s, "entry[0] Patient.telecom[0].value"), PhiType::phone);
  EXPECT_EQ(type_at(s, "entry[0] Patient.address[0].line[0]"), PhiType::geography);
  EXPECT_EQ(at(s, "entry[0] Patient.address[0].state"), nullptr);
  EXPECT_EQ(type_at(s, "entry[0] Patient.extension[2].valueString"), PhiType::name);  // mother's maiden name
  EXPECT_EQ(type_at(s, "entry[0] Patient.extension[4].valueAddress.city"), PhiType::geography);  // birthplace
  EXPECT_EQ(at(s, "entry[0] Patient.extension[1].extension[1].valueString"), nullptr);  // "Not Hispanic or Latino"
  // Every reference to the patient names her: Encounter.subject.display and Claim.patient.display.
  std::size_t displays = 0, notes = 0;
  for (const FieldFinding& f : s.findings) {
    if (f.location.ends_with("Encounter.subject.display") || f.location.ends_with("Claim.patient.display")) ++displays;
    if (f.location.ends_with("DocumentReference.content[0].attachment.data") && f.type == PhiType::name) ++notes;
  }
  EXPECT_EQ(displays, 28u);  // 14 encounters; 14 of the 17 claims carry a display
  EXPECT_EQ(notes, 14u);     // each of the 14 notes names her
  // The clinical note (base64 text) names the patient: found as the Patient's own name.
  bool name_in_note = false;
  for (const FieldFinding& f : s.findings)
    if (f.location == "entry[8] DocumentReference.content[0].attachment.data" && f.type == PhiType::name &&
        f.value == "Carolee951")
      name_in_note = true;
  EXPECT_TRUE(name_in_note);
}

TEST_F(StructuredScanTest, FhirSingleResourceFromTheSpecification) {
  const StructuredScan s = scan_file(InputFormat::fhir, "fhir/r4_examples/patient-example.json");
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(value_at(s, "Patient.name[0].family"), "Chalmers");
  EXPECT_EQ(value_at(s, "Patient.name[0].given[1]"), "James");
  EXPECT_EQ(value_at(s, "Patient.contact[0].name.family"), "du Marché");
  EXPECT_EQ(type_at(s, "Patient.address[0].postalCode"), PhiType::geography);
  EXPECT_EQ(type_at(s, "Patient.telecom[1].value"), PhiType::phone);
  EXPECT_EQ(type_at(s, "Patient.identifier[0].value"), PhiType::mrn);
}

TEST_F(StructuredScanTest, FhirNdjsonBadLineIsAnErrorAndKnownValuesStayInTheirLine) {
  const std::string data =
      R"({"resourceType":"Patient","name":[{"family":"Whitfield","given":["Jonathan"]}],"birthDate":"1935-02-08"})"
      "\n{not json\n"
      R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"Okafor","given":["Adaeze"]}]}},)"
      R"({"resource":{"resourceType":"Observation","valueString":"Adeaze reports no pain","note":[{"text":"call Okafor"}]}}]})"
      "\n[1,2]\n";
  const StructuredScan s = scan(InputFormat::fhir, data);
  ASSERT_EQ(s.errors.size(), 2u);
  EXPECT_EQ(s.errors[0].line, 2u);
  EXPECT_NE(s.errors[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(s.errors[1].line, 4u);
  EXPECT_EQ(line_at(s, "Patient.birthDate"), 1u);
  const FieldFinding* misspelt = at(s, "entry[1] Observation.valueString");
  ASSERT_NE(misspelt, nullptr);
  EXPECT_EQ(misspelt->value, "Adeaze");
  EXPECT_EQ(misspelt->line, 3u);
  EXPECT_EQ(value_at(s, "entry[1] Observation.note[0].text"), "Okafor");
}

TEST_F(StructuredScanTest, CsvColumnsByNameAndFreeTextWithTheRowsValues) {
  const std::string data =
      "MRN,Patient Name,Date of Birth,Ward,Notes\n"
      "A7781234,Jonathan Whitfield,02/08/1935,4 East,Jonathon called twice\n"
      "B1,short row\n"
      "C5550001,Adaeze Okafor,1961-04-30,ICU,stable overnight\n";
  const StructuredScan s = scan(InputFormat::csv, data);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].line, 3u);
  EXPECT_NE(s.errors[0].message.find("2 fields, the header has 5"), std::string::npos) << s.errors[0].message;
  EXPECT_EQ(type_at(s, "row 1 MRN"), PhiType::mrn);
  EXPECT_EQ(type_at(s, "row 1 Patient Name"), PhiType::name);
  EXPECT_EQ(reason_at(s, "row 1 Date of Birth"), "column \"Date of Birth\"");
  EXPECT_EQ(value_at(s, "row 1 Notes"), "Jonathon");
  EXPECT_EQ(at(s, "row 1 Ward"), nullptr);
  EXPECT_EQ(line_at(s, "row 3 Patient Name"), 4u);
  EXPECT_EQ(at(s, "row 3 Notes"), nullptr);
  EXPECT_EQ(count_by_type(s)[PhiType::date], 2u);
}

TEST(ColumnPhiType, ReadsWhatAColumnHoldsFromItsName) {
  EXPECT_EQ(column_phi_type("SSN"), PhiType::ssn);
  EXPECT_EQ(column_phi_type("patient_ssn"), PhiType::ssn);
  EXPECT_EQ(column_phi_type("dob"), PhiType::date);
  EXPECT_EQ(column_phi_type("Home Phone"), PhiType::phone);
  EXPECT_EQ(column_phi_type("last_name"), PhiType::name);
  EXPECT_EQ(column_phi_type("ZIP Code"), PhiType::geography);
  EXPECT_EQ(column_phi_type("DateOfBirth"), PhiType::date);
  EXPECT_EQ(column_phi_type("PatientSSN"), PhiType::ssn);
  EXPECT_EQ(column_phi_type("drug_name"), std::nullopt);
  EXPECT_EQ(column_phi_type("ethnicity"), std::nullopt);  // no "city" in it
  EXPECT_EQ(column_phi_type("province_code"), std::nullopt);  // nor a VIN
  EXPECT_EQ(column_phi_type("template"), std::nullopt);
  EXPECT_EQ(column_phi_type("result"), std::nullopt);
}

TEST(InputFormat, ByExtensionThenContent) {
  EXPECT_EQ(detect_input_format("a.hl7", "anything"), InputFormat::hl7v2);
  EXPECT_EQ(detect_input_format("a.CSV", "x,y"), InputFormat::csv);
  EXPECT_EQ(detect_input_format("a.json", "{\"resourceType\":\"Patient\"}"), InputFormat::fhir);
  EXPECT_EQ(detect_input_format("a.json", "{\"version\":\"2.1.0\"}"), InputFormat::text);
  EXPECT_EQ(detect_input_format("feed.txt", "MSH|^~\\&|A|B\r"), InputFormat::hl7v2);
  EXPECT_EQ(detect_input_format("note.txt", "Patient seen today."), InputFormat::text);
}

TEST_F(StructuredScanTest, JsonOutputNeverHoldsTheValue) {
  const StructuredScan s = scan(InputFormat::csv, "ssn,notes\n460-89-9847,none\n");
  const std::string lines = format_field_json_lines("x.csv", s.findings, false);
  EXPECT_EQ(lines.find("460-89-9847"), std::string::npos);
  EXPECT_NE(lines.find("\"masked\":\"***-**-****\""), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"location\":\"row 1 ssn\""), std::string::npos);
}

}  // namespace
}  // namespace ward::phi
