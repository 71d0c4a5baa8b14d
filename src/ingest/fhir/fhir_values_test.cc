#include "ingest/fhir/fhir_values.h"

#include <string>

#include <gtest/gtest.h>

namespace ward::ingest::fhir {
namespace {

TEST(FhirReference, IdIsTheLastPathSegmentWithoutHistory) {
  EXPECT_EQ(reference_id("Patient/123"), "123");
  EXPECT_EQ(reference_id("Patient/example/_history/1"), "example");
  EXPECT_EQ(reference_id("http://server.example.com/fhir/Practitioner/abc"), "abc");
  EXPECT_EQ(reference_id("plain-id"), "plain-id");
  EXPECT_EQ(reference_id(""), "");
}

TEST(FhirReference, UrnAndContainedReferencesGiveTheirId) {
  EXPECT_EQ(reference_id("urn:uuid:d88f994a-5efa-421d-9c40-5f116d2114a6"),
            "d88f994a-5efa-421d-9c40-5f116d2114a6");
  EXPECT_EQ(reference_id("urn:oid:2.16.840.1.113883.4.2"), "2.16.840.1.113883.4.2");
  EXPECT_EQ(reference_id("#o1"), "o1");
}

TEST(FhirReference, ConditionalReferenceGivesTheIdentifierValue) {
  EXPECT_EQ(reference_id("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999941"),
            "9999941");
  EXPECT_EQ(reference_id("Practitioner?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-npi%7C42"),
            "42");
  EXPECT_EQ(reference_id("Patient?identifier=12345&active=true"), "12345");
  EXPECT_EQ(reference_id("Patient?name=smith"), "");
}

TEST(FhirReference, TypeIsTheSegmentBeforeTheId) {
  EXPECT_EQ(reference_type("Patient/123"), "Patient");
  EXPECT_EQ(reference_type("Patient/example/_history/1"), "Patient");
  EXPECT_EQ(reference_type("http://x.org/fhir/Observation/9"), "Observation");
  EXPECT_EQ(reference_type("Practitioner?identifier=a|b"), "Practitioner");
  EXPECT_EQ(reference_type("urn:uuid:abc"), "");
  EXPECT_EQ(reference_type("#o1"), "");
  EXPECT_EQ(reference_type("justanid"), "");
}

TEST(FhirValues, CxIdIsTheFirstComponent) {
  EXPECT_EQ(cx_id("e3cdfc81a0d24bd^^^&2.16.840.1.113883.4.2&ISO"), "e3cdfc81a0d24bd");
  EXPECT_EQ(cx_id("12345"), "12345");
}

TEST(FhirValues, Utf8PrefixDoesNotSplitACharacter) {
  std::string s = "ab\xC3\xA9";  // "abé"
  EXPECT_EQ(utf8_prefix(s, 3), "ab");
  EXPECT_EQ(utf8_prefix(s, 4), s);
  EXPECT_EQ(utf8_prefix(s, 10), s);
}

TEST(FhirValues, PrintableUtf8RejectsBinaryAndBrokenSequences) {
  EXPECT_TRUE(is_printable_utf8("GET /x\r\nAccept: */*\t\xE5\xBC\xA0"));
  EXPECT_FALSE(is_printable_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(is_printable_utf8("caf\xE9"));       // Latin-1 é
  EXPECT_FALSE(is_printable_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_printable_utf8("\xED\xA0\x80"));  // surrogate
}

TEST(FhirValues, RepairLatin1KeepsUtf8AndReencodesStrayBytes) {
  std::string out;
  repair_latin1("du March\xE9 \xE5\xBC\xA0", out);
  EXPECT_EQ(out, "du March\xC3\xA9 \xE5\xBC\xA0");
}

}  // namespace
}  // namespace ward::ingest::fhir
