// CSAF and KEV parsing on the real files in ../shared/data/vuln_feeds, and malformed documents.
#include "devices/advisory_json.h"

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

TEST(AdvisoryJson, ReadsAnIcsmaDocument) {
  auto file = read_input_file(testing::shared_data("vuln_feeds/csaf/icsma/icsma-17-017-01.json"));
  ASSERT_TRUE(file);
  auto a = parse_csaf(file->view());
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->id, "ICSMA-17-017-01");
  EXPECT_EQ(a->revision, "2");
  ASSERT_EQ(a->products.size(), 1u);
  EXPECT_EQ(a->products[0].vendor, "Becton, Dickinson and Company (BD)");
  EXPECT_EQ(a->products[0].product_name, "Alaris 8000 PC unit");
  EXPECT_EQ(a->products[0].range.kind, VersionRange::Kind::all);
  ASSERT_EQ(a->vulnerabilities.size(), 1u);
  EXPECT_EQ(a->vulnerabilities[0].cve, "CVE-2016-8375");
  EXPECT_EQ(a->vulnerabilities[0].affected, std::vector<std::string>{"CSAFPID-0001"});
  EXPECT_DOUBLE_EQ(a->vulnerabilities[0].cvss_base, 4.9);
  ASSERT_EQ(a->vulnerabilities[0].remediations.size(), 1u);
  EXPECT_TRUE(a->vulnerabilities[0].remediations[0].starts_with("mitigation: BD has released"));
}

TEST(AdvisoryJson, EveryFileOfTheFeedsImportsOrSaysWhy) {
  auto files = advisory_files({testing::shared_data("vuln_feeds/csaf"), testing::shared_data("vuln_feeds/kev")});
  ASSERT_TRUE(files);
  const LoadedAdvisories loaded = load_advisory_files(*files);
  EXPECT_EQ(loaded.loaded.size(), 165u);  // 144 ICSMA + 20 ICSA + the KEV catalogue
  ASSERT_EQ(loaded.errors.size(), 1u);    // the KEV JSON Schema
  EXPECT_EQ(loaded.errors[0].code, ErrorCode::unsupported);
  EXPECT_NE(loaded.errors[0].source.find("schema"), std::string::npos);
  const auto kev = std::find_if(loaded.loaded.begin(), loaded.loaded.end(),
                                [](const LoadedAdvisory& l) { return l.advisory.kind == "kev"; });
  ASSERT_NE(kev, loaded.loaded.end());
  EXPECT_EQ(kev->advisory.revision, "2025.08.25");
  EXPECT_EQ(kev->advisory.vulnerabilities.size(), 1404u);
}

TEST(AdvisoryJson, RelationshipsAndIdentificationHelpers) {
  const auto a = parse_csaf(R"({"document": {"title": "t", "tracking": {"id": "X-1", "version": "3"}},
    "product_tree": {"branches": [{"category": "vendor", "name": "Acme", "branches": [
        {"category": "product_name", "name": "Pump OS", "branches": [
          {"category": "product_version_range", "name": "vers:generic/<2.0",
           "product": {"name": "Pump OS < 2.0", "product_id": "P1",
                       "product_identification_helper": {"cpe": "cpe:2.3:o:acme:pump_os:*:*:*:*:*:*:*:*",
                                                         "model_numbers": ["PX-1"]}}}]}]}],
      "full_product_names": [{"name": "Infusion Pump PX", "product_id": "P2"}],
      "relationships": [{"category": "installed_on", "product_reference": "P1", "relates_to_product_reference": "P2",
                         "full_product_name": {"name": "Pump OS < 2.0 on Infusion Pump PX", "product_id": "P3"}}]},
    "vulnerabilities": [{"cve": "CVE-2024-0001", "product_status": {"known_affected": ["P3"], "fixed": ["P9"],
                         "known_not_affected": ["P2"]}}]})");
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_EQ(a->products.size(), 3u);
  EXPECT_EQ(a->products[0].model_numbers, std::vector<std::string>{"PX-1"});
  EXPECT_EQ(a->products[0].cpes.size(), 1u);
  EXPECT_EQ(a->products[2].product_id, "P3");
  EXPECT_EQ(a->products[2].vendor, "Acme");  // the component's identity
  EXPECT_EQ(a->products[2].product_name, "Pump OS");
  EXPECT_EQ(a->products[2].range.kind, VersionRange::Kind::constraints);
  EXPECT_EQ(a->vulnerabilities[0].fixed, std::vector<std::string>{"P9"});
  EXPECT_EQ(a->vulnerabilities[0].not_affected, std::vector<std::string>{"P2"});
}

TEST(AdvisoryJson, MalformedDocumentsNameThePathAndField) {
  auto wrong_type = parse_csaf(R"({"document": {"tracking": {"id": "X", "version": "1"}},
    "product_tree": {"branches": [{"category": "vendor", "name": 7}]}})");
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().message, "/product_tree/branches/0/name: expected a string");
  EXPECT_EQ(wrong_type.error().field, "name");
  auto missing = parse_csaf(R"({"document": {"tracking": {"version": "1"}}})");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/document/tracking/id"), std::string::npos);
  auto status = parse_csaf(R"({"document": {"tracking": {"id": "X", "version": "1"}},
    "vulnerabilities": [{"cve": "CVE-1", "product_status": {"known_affected": "P1"}}]})");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "/vulnerabilities/0/product_status/known_affected: expected an array");
  auto not_json = parse_advisory("{\"document\": ");
  ASSERT_FALSE(not_json);
  EXPECT_NE(not_json.error().message.find("not JSON"), std::string::npos);
  auto kev = parse_kev(R"({"catalogVersion": "1", "vulnerabilities": [{"cveID": "CVE-1", "vendorProject": "V"}]})");
  ASSERT_FALSE(kev);
  EXPECT_EQ(kev.error().field, "product");
}

}  // namespace
}  // namespace ward::devices
