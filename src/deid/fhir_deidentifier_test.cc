// FHIR de-identified as a receiving system and a privacy officer would check it: the output is
// JSON that Ward's FHIR scanner reads without errors, the patient's name, identifiers, birth date,
// address and phone are nowhere (not even in base64 notes), every reference that resolved inside
// the Bundle still resolves, dates keep their intervals under a keyed policy, Safe Harbor codes
// come from the vault, and changed resources can carry meta.security labels.
#include "deid/fhir_deidentifier.h"

#include <chrono>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "deid/deid_testing.h"
#include "phi/formats/fhir_phi_scan.h"
#include "testing/shared_data.h"

namespace ward::deid {
namespace {

using Json = nlohmann::json;
using phi::InputFormat;
using phi::PhiType;

constexpr std::string_view kBundle = "synthea/Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json";

// Every "reference" string anywhere in `value`.
void references(const Json& value, std::vector<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, v] : value.items())
      if (key == "reference" && v.is_string()) out.push_back(v.get<std::string>());
      else references(v, out);
  } else if (value.is_array()) {
    for (const Json& v : value) references(v, out);
  }
}

// How many references resolve to an entry's fullUrl of the Bundle.
std::size_t resolved(const Json& bundle) {
  std::set<std::string> urls;
  for (const Json& e : bundle["entry"]) urls.insert(e["fullUrl"].get<std::string>());
  std::vector<std::string> refs;
  references(bundle, refs);
  std::size_t n = 0;
  for (const std::string& r : refs) n += urls.count(r);
  return n;
}

const Json& patient_of(const Json& bundle) {
  for (const Json& e : bundle["entry"])
    if (e["resource"]["resourceType"] == "Patient") return e["resource"];
  throw std::runtime_error("no Patient");
}

// The Bundle's text after de-identification, and its scan by Ward's own FHIR reader.
void expect_reads_back(const std::string& text) {
  auto fields = phi::FieldScanner::make(phi::testing::shared_scanner());
  ASSERT_TRUE(fields);
  auto scanned = phi::scan_fhir(text, *fields);
  ASSERT_TRUE(scanned);
  EXPECT_TRUE(scanned->errors.empty()) << scanned->errors.front().message;
}

TEST(FhirDeidentifier, SafeHarborBundleKeepsNoPatientIdentifierAndEveryLink) {
  const std::string in = ward::testing::read_file(ward::testing::shared_data(kBundle));
  const Json before = Json::parse(in);
  ward::testing::TempDir dir;
  auto vault = VaultLinker::open(dir.path() / "vault.db");
  ASSERT_TRUE(vault);
  const Deidentified out = testing::run(InputFormat::fhir, safe_harbor_policy(), **vault, in, "bundle.json");
  expect_reads_back(out.text);
  const Json after = Json::parse(out.text);
  ASSERT_EQ(after["entry"].size(), before["entry"].size());

  // The patient's own values, taken from the input: none is left anywhere in the output.
  const Json& p = patient_of(before);
  std::vector<std::string> identifying;
  for (const Json* v : {&p["birthDate"], &p["address"][0]["line"][0], &p["address"][0]["postalCode"], &p["telecom"][0]["value"],
                        &p["id"]})
    identifying.push_back(v->get<std::string>());
  // Synthea's names carry digits ("Carolee951"); the letters are the name.
  auto letters = [](const Json& name) {
    const std::string s = name.get<std::string>();
    return s.substr(0, s.find_first_of("0123456789"));
  };
  for (const Json& name : p["name"]) {
    identifying.push_back(letters(name["family"]));
    for (const Json& g : name["given"]) identifying.push_back(letters(g));
  }
  for (const Json& id : p["identifier"]) identifying.push_back(id["value"].get<std::string>());
  for (const std::string& value : identifying)
    EXPECT_EQ(out.text.find(value), std::string::npos) << value << " is still in the output";
  // The notes are base64: decoded, the name is gone from them too.
  std::size_t notes = 0;
  for (const Json& e : after["entry"]) {
    if (e["resource"]["resourceType"] != "DocumentReference") continue;
    std::string note;
    ASSERT_TRUE(decode_base64(e["resource"]["content"][0]["attachment"]["data"].get<std::string>(), note, 1 << 20));
    EXPECT_EQ(note.find("Carolee"), std::string::npos) << note;
    ++notes;
  }
  EXPECT_GT(notes, 0u);
  const Json& q = patient_of(after);
  EXPECT_EQ(q["birthDate"], "1969") << "a birth date keeps its year only";
  EXPECT_EQ(q["address"][0]["state"], "WA") << "the state stays";
  EXPECT_EQ(q["address"][0]["postalCode"], "980**");
  EXPECT_FALSE(q["address"][0].contains("extension")) << "the geolocation is removed";
  EXPECT_EQ(q["gender"], "female") << "what is not PHI stays";
  // Links: every reference that resolved to an entry before resolves to one after.
  EXPECT_GT(resolved(before), 500u);
  EXPECT_EQ(resolved(after), resolved(before));
  EXPECT_EQ(after["entry"][0]["request"], (Json{{"method", "POST"}, {"url", "Patient"}})) << "a transaction's type stays";
  EXPECT_GE(testing::changed(out, PhiType::name), 4u);
  EXPECT_GE(testing::changed(out, PhiType::date), 100u) << "encounter, observation and claim dates too";
}

TEST(FhirDeidentifier, SafeHarborCodesComeFromTheVaultAndKeyedOnesFromTheKey) {
  const std::string in = ward::testing::read_file(ward::testing::shared_data(kBundle));
  ward::testing::TempDir dir;
  auto run_with_vault = [&](const char* name) {
    auto vault = VaultLinker::open(dir.path() / name);
    EXPECT_TRUE(vault);
    return testing::run(InputFormat::fhir, safe_harbor_policy(), **vault, in).text;
  };
  const std::string first = run_with_vault("a.db");
  EXPECT_EQ(run_with_vault("a.db"), first) << "the same vault: the same codes";
  EXPECT_NE(run_with_vault("b.db"), first) << "another vault: other codes (random, not derived from the values)";

  KeyedLinker key(SecretKey{}), same_key(SecretKey{});
  const Policy research = testing::research_policy();
  EXPECT_EQ(testing::run(InputFormat::fhir, research, key, in).text, testing::run(InputFormat::fhir, research, same_key, in).text)
      << "keyed: the same input and key give the same output";
}

TEST(FhirDeidentifier, KeyedDateShiftKeepsIntervalsAndIdsLinkAcrossFiles) {
  const std::string in = ward::testing::read_file(ward::testing::shared_data(kBundle));
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::fhir, testing::research_policy(), linker, in);
  const Json before = Json::parse(in), after = Json::parse(out.text);
  auto days = [](const std::string& date) {
    using namespace std::chrono;
    return sys_days{year{std::stoi(date.substr(0, 4))} / month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))} /
                    day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
  };
  const std::string birth = patient_of(before)["birthDate"].get<std::string>(),
                    new_birth = patient_of(after)["birthDate"].get<std::string>();
  const auto offset = (days(new_birth) - days(birth)).count();
  EXPECT_TRUE(offset <= -10 && offset >= -100) << offset;
  std::size_t encounters = 0;
  for (std::size_t i = 0; i < before["entry"].size(); ++i) {
    const Json& r = before["entry"][i]["resource"];
    if (r["resourceType"] != "Encounter") continue;
    const std::string start = r["period"]["start"].get<std::string>(),
                      new_start = after["entry"][i]["resource"]["period"]["start"].get<std::string>();
    EXPECT_EQ((days(new_start) - days(start)).count(), offset) << "one offset for the patient's dates";
    EXPECT_EQ(new_start.substr(10), start.substr(10)) << "the time of day stays";
    ++encounters;
  }
  EXPECT_GT(encounters, 5u);
  // Another file that points at the patient: the same pseudonymous id.
  const std::string observation =
      R"({"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/d88f994a-5efa-421d-9c40-5f116d2114a6"}})";
  const Json alone = Json::parse(testing::run(InputFormat::fhir, testing::research_policy(), linker, observation).text);
  EXPECT_EQ(alone["subject"]["reference"], "Patient/" + patient_of(after)["id"].get<std::string>());
}

TEST(FhirDeidentifier, PathRulesNdjsonAndSecurityLabels) {
  const std::string ndjson =
      R"({"resourceType":"Patient","id":"p1","name":[{"use":"official","family":"Whitfield","given":["Jonathan"]}],"birthDate":"1935-02-08","gender":"male"})"
      "\n"
      R"({"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"},"code":{"text":"Jonathan Whitfield's walk test"},"valueString":"Whitfield walked 40 m","note":[{"text":"fine"}]})"
      "\n";
  KeyedLinker linker(SecretKey{});
  const Policy good = testing::policy_from(
      "basis: expert-determination\nmark_changes: true\ntypes: {name: pseudonym, date: date_shift}\n"
      "fhir: {paths: {Patient.name: name, Observation.code.text: text, Observation.note: keep, '*.gender': other_id}}\n");
  const Deidentified out = testing::run(InputFormat::fhir, good, linker, ndjson);
  std::vector<Json> lines;
  for (std::size_t at = 0, eol; (eol = out.text.find('\n', at)) != std::string::npos; at = eol + 1)
    lines.push_back(Json::parse(out.text.substr(at, eol - at)));
  ASSERT_EQ(lines.size(), 2u) << out.text;
  EXPECT_EQ(out.text.find("Whitfield"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("[["), std::string::npos) << "FHIR values are marked in meta, not inside";
  EXPECT_EQ(lines[1]["note"][0]["text"], "fine") << "kept by the policy";
  EXPECT_EQ(lines[0]["name"][0]["use"], "official") << "a rule over a whole element leaves its codes";
  EXPECT_TRUE(lines[0]["name"][0]["family"].get<std::string>().starts_with("[NAME-")) << lines[0]["name"];
  EXPECT_EQ(lines[0]["gender"], "[OTHER_ID]") << "a path rule's type, redacted as the policy says";
  EXPECT_EQ(lines[1]["subject"]["reference"], "Patient/" + lines[0]["id"].get<std::string>());
  const Json& security = lines[0]["meta"]["security"];
  ASSERT_TRUE(security.is_array()) << lines[0];
  std::set<std::string> codes;
  for (const Json& c : security) {
    EXPECT_EQ(c["system"], "http://terminology.hl7.org/CodeSystem/v3-ObservationValue");
    codes.insert(c["code"].get<std::string>());
  }
  EXPECT_TRUE(codes.count("PSEUDED")) << security;
}

TEST(FhirDeidentifier, NarrativeLosesThePatientButKeepsItsTags) {
  const std::string patient =
      R"({"resourceType":"Patient","id":"p1","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Jonathan <b>Whitfield</b>, MRN A7781234</p></div>"},)"
      R"("identifier":[{"type":{"coding":[{"code":"MR"}]},"value":"A7781234"}],"name":[{"family":"Whitfield","given":["Jonathan"]}]})";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::fhir, testing::research_policy(), linker, patient);
  const Json p = Json::parse(out.text);
  const std::string div = p["text"]["div"].get<std::string>();
  for (std::string_view gone : {"Jonathan", "Whitfield", "A7781234"})
    EXPECT_EQ(div.find(gone), std::string::npos) << gone << " in " << div;
  EXPECT_TRUE(div.starts_with("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>")) << div;
  EXPECT_NE(div.find("</b>, MRN [MRN-"), std::string::npos) << div;
  EXPECT_TRUE(div.ends_with("</p></div>")) << div;
  const std::string family = p["name"][0]["family"].get<std::string>();
  EXPECT_NE(div.find("<b>" + family + "</b>"), std::string::npos) << "one surrogate for the family name: " << div;
}

TEST(FhirDeidentifier, APatientsPhotoLosesItsData) {
  const std::string patient =
      R"({"resourceType":"Patient","id":"p1","photo":[{"contentType":"image/jpeg","data":"/9j/4AAQSkZJRg==","title":"face"}]})";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::fhir, safe_harbor_policy(), linker, patient);
  const Json p = Json::parse(out.text);
  EXPECT_EQ(p["photo"][0], (Json{{"contentType", "image/jpeg"}, {"title", "face"}}));
  EXPECT_EQ(testing::changed(out, PhiType::biometric), 1u);
}

TEST(FhirDeidentifier, ADocumentWardCannotReadLosesItsData) {
  // A PDF report and a "text" attachment whose data is not base64: what is in them cannot be
  // de-identified, so their data goes (and the hash and size of it); the rest of the attachment stays.
  const std::string report =
      R"({"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"Echo"},)"
      R"("presentedForm":[{"contentType":"application/pdf","data":"JVBERi0xLjQK","size":9,"hash":"abc=","title":"echo.pdf"},)"
      R"({"contentType":"text/plain","data":"not base64 at all!","title":"note"}]})";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::fhir, safe_harbor_policy(), linker, report);
  const Json r = Json::parse(out.text);
  EXPECT_EQ(r["presentedForm"][0], (Json{{"contentType", "application/pdf"}, {"title", "echo.pdf"}}));
  EXPECT_EQ(r["presentedForm"][1], (Json{{"contentType", "text/plain"}, {"title", "note"}}));
  EXPECT_EQ(out.changed.documents_removed, 2u);
  const Deidentified kept = testing::run(InputFormat::fhir, testing::policy_from("basis: limited-data-set\ndefault: keep\n"),
                                         linker, report);
  EXPECT_EQ(Json::parse(kept.text)["presentedForm"][0]["data"], "JVBERi0xLjQK") << "a policy that keeps everything keeps it";
  EXPECT_EQ(kept.changed.documents_removed, 0u);
}

TEST(FhirDeidentifier, DecimalsKeepTheirPrecision) {
  // FHIR decimals carry their precision: a lab value of 1.50 is not 1.5, a range of 0.010 not 0.01.
  const std::string observation =
      R"({"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},)"
      R"("valueQuantity":{"value":1.50,"unit":"mmol/L"},"referenceRange":[{"low":{"value":0.010},"high":{"value":2.0E1}}]})";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::fhir, safe_harbor_policy(), linker, observation + "\n" + observation);
  EXPECT_EQ(out.text.find("\"reference\":\"Patient/p1\""), std::string::npos) << "the reference is still pseudonymised";
  for (const std::string_view decimal : {R"("value":1.50,)", R"("value":0.010})", R"("value":2.0E1})"}) {
    const std::size_t first = out.text.find(decimal);
    ASSERT_NE(first, std::string::npos) << decimal << " in " << out.text;
    EXPECT_NE(out.text.find(decimal, first + 1), std::string::npos) << "both NDJSON lines: " << decimal;
  }
}

TEST(FhirDeidentifier, TextThatIsNotAResourceRefusesTheFile) {
  const Error e = testing::refusal(InputFormat::fhir, "{\"resourceType\":\"Patient\"}\n{not json}\n");
  EXPECT_NE(e.message.find("line 2: not valid JSON"), std::string::npos) << e.message;
}

}  // namespace
}  // namespace ward::deid
