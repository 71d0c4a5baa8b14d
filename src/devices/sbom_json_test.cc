// SBOM reading and the NTIA check on the public samples (../shared/data/vuln_feeds/sbom).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/file_reader.h"
#include "devices/ntia_check.h"
#include "devices/sbom_json.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

Sbom read_sample(std::string_view relative) {
  auto bytes = read_input_file(testing::shared_data(std::string("vuln_feeds/sbom/") + std::string(relative)));
  EXPECT_TRUE(bytes);
  auto sbom = parse_sbom(bytes->view());
  EXPECT_TRUE(sbom) << sbom.error().describe();
  return sbom ? std::move(*sbom) : Sbom{};
}

const SbomComponent* find(const Sbom& s, std::string_view name) {
  const auto it = std::find_if(s.components.begin(), s.components.end(), [&](const SbomComponent& c) { return c.name == name; });
  return it == s.components.end() ? nullptr : &*it;
}

TEST(SbomJson, ReadsTheMedicalDeviceCycloneDxSbom) {
  const Sbom s = read_sample("medical_device/case-study__extended.sbom.json");
  EXPECT_EQ(s.format, "CycloneDX");
  EXPECT_EQ(s.spec_version, "1.4");
  EXPECT_EQ(s.components.size(), 65u);
  EXPECT_TRUE(s.has_subject);
  EXPECT_EQ(s.subject.name, "REDACTED");
  EXPECT_EQ(s.timestamp, "2025-07-23T20:23:25.191246+00:00");
  const SbomComponent* wolf = find(s, "WolfSSL");
  ASSERT_NE(wolf, nullptr);
  EXPECT_EQ(wolf->version, "4.8.1");
  EXPECT_EQ(wolf->supplier, "wolfSSL");
  EXPECT_EQ(wolf->supplier_source, "publisher");
  ASSERT_EQ(wolf->cpes.size(), 1u);
  EXPECT_EQ(wolf->cpes[0], "cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*");
  EXPECT_EQ(wolf->purls, std::vector<std::string>{"pkg:github/wolfssl/wolfssl"});
  EXPECT_TRUE(wolf->in_dependency_graph);  // declared as a leaf in `dependencies`
  EXPECT_FALSE(wolf->level_of_support.empty());
  EXPECT_FALSE(wolf->end_of_support.empty());
  EXPECT_TRUE(s.problems.empty());
}

TEST(SbomJson, ReadsCycloneDxDependenciesAndHashes) {
  const Sbom s = read_sample("cyclonedx/laravel-7.12.0__bom.1.4.json");
  EXPECT_EQ(s.components.size(), 62u);
  const auto with_edges = std::count_if(s.components.begin(), s.components.end(),
                                        [](const SbomComponent& c) { return !c.depends_on.empty(); });
  EXPECT_GT(with_edges, 0);
}

TEST(SbomJson, ReadsCycloneDx12Hashes) {
  const Sbom s = read_sample("cyclonedx/dropwizard-1.3.15__bom.json");
  EXPECT_EQ(s.spec_version, "1.2");
  EXPECT_EQ(s.components.size(), 167u);
  const auto hashed = std::count_if(s.components.begin(), s.components.end(), [](const SbomComponent& c) { return !c.hashes.empty(); });
  EXPECT_EQ(hashed, 167);
  EXPECT_EQ(s.components[0].hashes[0].algorithm, "MD5");
}

TEST(SbomJson, ReadsSpdx23PackagesRelationshipsAndRefs) {
  const Sbom s = read_sample("spdx/example11__sbom.spdx.json");
  EXPECT_EQ(s.format, "SPDX");
  EXPECT_EQ(s.spec_version, "SPDX-2.3");
  ASSERT_TRUE(s.has_subject);
  EXPECT_EQ(s.subject.name, "hello-server-src");
  EXPECT_EQ(s.subject.depends_on.size(), 3u);
  EXPECT_EQ(s.components.size(), 3u);
  const SbomComponent* tokio = find(s, "tokio");
  ASSERT_NE(tokio, nullptr);
  EXPECT_EQ(tokio->version, "1.19.2");
  EXPECT_EQ(tokio->purls, std::vector<std::string>{"pkg:cargo/tokio@1.19.2"});
  ASSERT_EQ(tokio->hashes.size(), 1u);
  EXPECT_EQ(tokio->hashes[0].algorithm, "SHA256");
  EXPECT_TRUE(tokio->in_dependency_graph);
  EXPECT_EQ(s.tools, std::vector<std::string>{"sigs.k8s.io/bom/pkg/spdx"});
  EXPECT_EQ(s.authors, std::vector<std::string>{"Unknown"});
}

TEST(SbomJson, SpdxSupplierIsTheOrganisationName) {
  const Sbom s = read_sample("spdx/OSS-NA-2023__04-SBOMwSecurity.spdx.json");
  ASSERT_TRUE(s.has_subject);
  EXPECT_EQ(s.subject.supplier, "SPDX");
  const SbomComponent* xlsx = find(s, "xlsx");
  ASSERT_NE(xlsx, nullptr);
  EXPECT_EQ(xlsx->supplier, "Webjar");
  EXPECT_TRUE(xlsx->in_dependency_graph);  // DYNAMIC_LINK
}

TEST(SbomJson, Spdx3AndXmlAreRefusedWithAReason) {
  auto bytes = read_input_file(testing::shared_data("vuln_feeds/sbom/spdx/example11__sbom.spdx3.json"));
  ASSERT_TRUE(bytes);
  auto s = parse_sbom(bytes->view());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::unsupported);
  auto xml = read_input_file(testing::shared_data("vuln_feeds/sbom/cyclonedx/laravel-7.12.0__bom.1.4.xml"));
  ASSERT_TRUE(xml);
  auto x = parse_sbom(xml->view());
  ASSERT_FALSE(x);
  EXPECT_NE(x.error().message.find("not JSON"), std::string::npos);
}

TEST(SbomJson, BadComponentsAndCpesAreProblemsAndTheRestIsRead) {
  auto s = parse_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[
      {"name":"good","version":"1.0","cpe":"cpe:2.3:q:acme:good:1.0:*:*:*:*:*:*:*","purl":"pkg:generic/good@1.0"},
      {"name":7,"version":"1.0"},
      {"name":"third","version":"2.0"}]})");
  ASSERT_TRUE(s) << s.error().describe();
  ASSERT_EQ(s->components.size(), 2u);
  EXPECT_TRUE(s->components[0].cpes.empty());
  EXPECT_EQ(s->components[0].purls.size(), 1u);
  ASSERT_EQ(s->problems.size(), 2u);
  EXPECT_NE(s->problems[0].message.find("/components/0/cpe"), std::string::npos);
  EXPECT_NE(s->problems[0].message.find("unknown CPE part \"q\""), std::string::npos);
  EXPECT_EQ(s->problems[1].field, "name");
  EXPECT_NE(s->problems[1].message.find("/components/1/name: expected a string"), std::string::npos);
}

TEST(SbomJson, AMalformedDependencyGraphIsAProblemAndTheComponentsStay) {
  auto s = parse_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a","version":"1","bom-ref":"a"}],
      "dependencies":[{"ref":"a","dependsOn":"b"}]})");
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->components.size(), 1u);
  ASSERT_EQ(s->problems.size(), 1u);
  EXPECT_NE(s->problems[0].message.find("/dependencies/0/dependsOn: expected an array"), std::string::npos);
}

TEST(SbomJson, MalformedJsonIsAnErrorWithTheOffset) {
  auto s = parse_sbom(R"({"bomFormat":"CycloneDX", "specVersion": )");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("not JSON"), std::string::npos);
  EXPECT_GT(s.error().offset, 0u);
}

TEST(NtiaCheck, MedicalDeviceSbomLacksVersionsOfHardware) {
  const Sbom s = read_sample("medical_device/case-study__narrow.sbom.json");
  const NtiaReport r = check_ntia(s);
  EXPECT_FALSE(r.complete());
  EXPECT_TRUE(r.document_missing.empty());  // authors and timestamp are there
  // Hardware parts carry no version; the redacted subject names no supplier or version.
  EXPECT_GT(r.missing_counts.at("version"), 0u);
  EXPECT_EQ(r.components, s.components.size() + 1);
  const std::string text = format_ntia(r, "narrow.sbom.json");
  EXPECT_NE(text.find("narrow.sbom.json: NTIA minimum elements INCOMPLETE"), std::string::npos);
  EXPECT_NE(text.find("Qualcomm Atheros QCA9563: missing version"), std::string::npos);
  // The case-study SBOM gives the FDA support fields on every component, not on the redacted subject.
  EXPECT_EQ(r.with_level_of_support, s.components.size());
  EXPECT_EQ(r.with_end_of_support, s.components.size());
  EXPECT_NE(text.find("FDA support fields (not NTIA): level of support in 55 of 56 components, end-of-support in 55"),
            std::string::npos);
}

TEST(NtiaCheck, SaysWhatTheDocumentLacks) {
  auto s = parse_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[
      {"name":"zlib","version":"1.2.13","supplier":{"name":"zlib"},"purl":"pkg:generic/zlib@1.2.13"}]})");
  ASSERT_TRUE(s);
  const NtiaReport r = check_ntia(*s);
  EXPECT_EQ(r.document_missing, (std::vector<std::string>{"author", "timestamp", "dependency_relationship"}));
  ASSERT_EQ(r.gaps.size(), 1u);
  EXPECT_EQ(r.gaps[0].missing, std::vector<std::string>{"dependency_relationship"});
}

}  // namespace
}  // namespace ward::devices
