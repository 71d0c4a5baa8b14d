// CPE 2.3 and purl parsing, and the guards of the identifier comparison.
#include <gtest/gtest.h>

#include "devices/cpe.h"
#include "devices/purl.h"

namespace ward::devices {
namespace {

TEST(Cpe, ParsesTheFormattedStringWithItsEscapes) {
  auto cpe = parse_cpe(R"(cpe:2.3:a:the_legion_of_the_bouncy_castle_inc\.:bouncy\:castle:1.8.1:*:*:*:*:*:*:*)");
  ASSERT_TRUE(cpe) << cpe.error().message;
  EXPECT_EQ(cpe->part, 'a');
  EXPECT_EQ(cpe->vendor().value, "the_legion_of_the_bouncy_castle_inc.");
  EXPECT_EQ(cpe->product().value, "bouncy:castle");  // the escaped colon is a character, not a separator
  EXPECT_EQ(cpe->version().value, "1.8.1");
  EXPECT_TRUE(cpe->update().pattern);
}

TEST(Cpe, ReadsTheUriForm) {
  auto cpe = parse_cpe("cpe:/o:microsoft:windows_10:1809");
  ASSERT_TRUE(cpe);
  EXPECT_EQ(cpe->part, 'o');
  EXPECT_EQ(cpe->product().value, "windows_10");
  EXPECT_EQ(cpe->version().value, "1809");
  EXPECT_TRUE(cpe->update().pattern);
}

TEST(Cpe, RejectsUnknownPartsAndWrongCounts) {
  auto part = parse_cpe("cpe:2.3:x:acme:pump:1.0:*:*:*:*:*:*:*");
  ASSERT_FALSE(part);
  EXPECT_EQ(part.error().field, "part");
  EXPECT_NE(part.error().message.find("\"x\""), std::string::npos);
  auto short_one = parse_cpe("cpe:2.3:a:acme:pump:1.0");
  ASSERT_FALSE(short_one);
  EXPECT_NE(short_one.error().message.find("4 parts"), std::string::npos);
  EXPECT_FALSE(parse_cpe("cpe:2.3:a:acme:pu mp:1.0:*:*:*:*:*:*:*"));
  EXPECT_FALSE(parse_cpe("wolfssl 4.8.1"));
}

TEST(Cpe, WildcardVendorOrProductNeverMatches) {
  const Cpe exact = *parse_cpe("cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*");
  EXPECT_TRUE(same_cpe_product(exact, *parse_cpe("cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*")));
  EXPECT_FALSE(same_cpe_product(exact, *parse_cpe("cpe:2.3:a:*:wolfssl:4.8.1:*:*:*:*:*:*:*")));
  EXPECT_FALSE(same_cpe_product(exact, *parse_cpe("cpe:2.3:a:wolf*:wolfssl:4.8.1:*:*:*:*:*:*:*")));
  EXPECT_FALSE(same_cpe_product(exact, *parse_cpe("cpe:2.3:a:wolfssl:*:4.8.1:*:*:*:*:*:*:*")));
}

TEST(Cpe, PartsMustAgreeAndVendorsMustBeTheSame) {
  const Cpe app = *parse_cpe("cpe:2.3:a:ubiquiti:edgeos:2.0.9:*:*:*:*:*:*:*");
  EXPECT_FALSE(same_cpe_product(app, *parse_cpe("cpe:2.3:o:ubiquiti:edgeos:2.0.9:*:*:*:*:*:*:*")));
  EXPECT_TRUE(same_cpe_product(app, *parse_cpe("cpe:2.3:*:ubiquiti:edgeos:*:*:*:*:*:*:*:*")));
  // The same product name from another vendor is a mix-up, not a match.
  EXPECT_FALSE(same_cpe_product(app, *parse_cpe("cpe:2.3:a:acme:edgeos:2.0.9:*:*:*:*:*:*:*")));
}

TEST(Purl, ParsesTypeNamespaceNameAndVersion) {
  auto p = parse_purl("pkg:maven/org.webjars.npm/xlsx@0.16.6?type=jar#sub/path");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->type, "maven");
  EXPECT_EQ(p->namespace_, "org.webjars.npm");
  EXPECT_EQ(p->name, "xlsx");
  EXPECT_EQ(p->version, "0.16.6");
  auto npm = parse_purl("pkg:npm/%40angular/Core@12.0.0");
  ASSERT_TRUE(npm);
  EXPECT_EQ(npm->namespace_, "@angular");
  EXPECT_EQ(npm->name, "core");
  auto unversioned = parse_purl("pkg:github/freertos/freertos");
  ASSERT_TRUE(unversioned);
  EXPECT_EQ(unversioned->version, "");
}

TEST(Purl, ComparesPackagesNotVersions) {
  EXPECT_TRUE(same_package(*parse_purl("pkg:pypi/Django_Rest@1.0"), *parse_purl("pkg:pypi/django-rest@2.0")));
  EXPECT_FALSE(same_package(*parse_purl("pkg:maven/org.apache/Log4j@1"), *parse_purl("pkg:maven/org.apache/log4j@1")));
  EXPECT_FALSE(same_package(*parse_purl("pkg:npm/lodash@4"), *parse_purl("pkg:pypi/lodash@4")));
  EXPECT_FALSE(parse_purl("pkg:lodash"));
  EXPECT_FALSE(parse_purl("lodash@4"));
}

}  // namespace
}  // namespace ward::devices
