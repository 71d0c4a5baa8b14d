// PDF text with poppler: every page's text read, PHI found by page and line, bad and encrypted
// PDFs refused with a reason; and a PDF written by another program (pdftotext agrees).
#include "phi/formats/pdf_text.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/base64.h"
#include "phi/formats/pdf_testing.h"
#include "phi/formats/structured_scan.h"
#include "phi/scanner_testing.h"

namespace ward::phi {
namespace {

TEST(PdfText, EveryPagesTextIsRead) {
  const std::string pdf = ward::testing::pdf_with_pages({{"Discharge summary", "Patient: Jonathan Whitfield"},
                                                   {"Follow up in clinic (two weeks)."}});
  EXPECT_TRUE(looks_like_pdf(pdf));
  auto text = pdf_text(pdf);
  ASSERT_TRUE(text) << text.error().describe();
  ASSERT_EQ(text->pages.size(), 2u);
  EXPECT_NE(text->pages[0].find("Patient: Jonathan Whitfield"), std::string::npos) << text->pages[0];
  EXPECT_NE(text->pages[1].find("Follow up in clinic (two weeks)."), std::string::npos) << text->pages[1];
  EXPECT_EQ(text->pages_without_text, 0u);
}

TEST(PdfText, PhiIsFoundByPageAndLine) {
  const std::string pdf = ward::testing::pdf_with_pages({{"Discharge summary", "Seen today, no complaints."},
                                                   {"Plan: review bloods.", "MRN: 00123456", "SSN 460-89-9847"}});
  auto fields = FieldScanner::make(phi::testing::shared_scanner());
  ASSERT_TRUE(fields);
  auto text = pdf_text(pdf);
  ASSERT_TRUE(text) << text.error().describe();
  auto scanned = scan_pdf(*text, *fields);
  ASSERT_TRUE(scanned) << scanned.error().describe();
  const auto at = [&](PhiType type) {
    auto it = std::find_if(scanned->findings.begin(), scanned->findings.end(), [&](const FieldFinding& f) { return f.type == type; });
    return it == scanned->findings.end() ? std::string() : it->location;
  };
  EXPECT_EQ(at(PhiType::mrn), "page 2 line 2");
  EXPECT_EQ(at(PhiType::ssn), "page 2 line 3");
  for (const FieldFinding& f : scanned->findings) EXPECT_TRUE(f.location.starts_with("page 2")) << f.location << " " << f.reason;
}

TEST(PdfText, PdfsInsideHl7AndFhirRecordsAreScannedWithTheRecordsValues) {
  const std::string pdf = ward::testing::pdf_with_pages({{"Echo report", "Mr Whitfield, SSN 460-89-9847"}});
  auto fields = FieldScanner::make(phi::testing::shared_scanner());
  ASSERT_TRUE(fields);
  const auto locations = [](const StructuredScan& s, PhiType type) {
    std::vector<std::string> out;
    for (const FieldFinding& f : s.findings)
      if (f.type == type) out.push_back(f.location);
    return out;
  };
  const std::string hl7 = "MSH|^~\\&|ECHO|H|EHR|H|20240101||ORU^R01|1|P|2.5\r"
                          "PID|1||A7781234^^^H^MR||Whitfield^Jonathan\r"
                          "OBX|1|ED|ECHO||^AP^PDF^Base64^" + encode_base64(pdf) + "\r";
  auto in_hl7 = scan_structured(InputFormat::hl7v2, hl7, *fields);
  ASSERT_TRUE(in_hl7) << in_hl7.error().describe();
  EXPECT_EQ(locations(*in_hl7, PhiType::ssn), std::vector<std::string>{"message 1 OBX-5.5 page 1 line 2"});
  EXPECT_NE(locations(*in_hl7, PhiType::name), std::vector<std::string>{}) << "the PID's name, known, found in the PDF too";

  const std::string fhir = R"({"resourceType":"DocumentReference","id":"d1","status":"current","content":[{"attachment":)"
                           R"({"contentType":"application/pdf","data":")" + encode_base64(pdf) + R"("}}]})";
  auto in_fhir = scan_structured(InputFormat::fhir, fhir, *fields);
  ASSERT_TRUE(in_fhir) << in_fhir.error().describe();
  EXPECT_EQ(locations(*in_fhir, PhiType::ssn), std::vector<std::string>{"DocumentReference.content[0].attachment.data page 1 line 2"});
}

TEST(PdfText, WhatIsNoPdfOrIsEncryptedIsRefusedWithAReason) {
  auto broken = pdf_text("%PDF-1.4\nthis is not a PDF at all\n");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message, "not a PDF poppler can read");
  EXPECT_FALSE(looks_like_pdf("PDF report attached"));
}

}  // namespace
}  // namespace ward::phi
