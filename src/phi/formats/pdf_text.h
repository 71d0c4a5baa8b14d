// The text of a PDF, page by page (poppler), so that PHI in reports, letters and forms is found
// where Ward meets them: `ward scan report.pdf`, and PDFs sent to AI services (DLP). Scanned
// pages without a text layer give no text (no OCR): such a page is counted, not read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/gray_image.h"
#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"

namespace ward::phi {

// Whether the first bytes of a file or body announce a PDF ("%PDF-").
bool looks_like_pdf(std::string_view first_bytes);

struct PdfText {
  std::vector<std::string> pages;     // UTF-8 text of each page, in order
  std::size_t pages_without_text = 0;  // pages whose text layer is empty (scanned images)
};

// An error when poppler cannot read the bytes as a PDF, or the PDF is encrypted.
Result<PdfText> pdf_text(std::string_view bytes);

// Page `page` (from 0) drawn in grayscale at `dpi`, for OCR of a page without text.
Result<GrayImage> render_pdf_page(std::string_view bytes, std::size_t page, int dpi = 150);

// Whether a page's text is empty (blanks only).
bool blank_text(std::string_view text);

// The PHI in a PDF's pages, located "page N line L"; fails only when the scanner fails.
Result<StructuredScan> scan_pdf(const PdfText& text, FieldScanner& fields, const std::vector<KnownValue>& known = {});

// The same for a PDF inside a record (HL7 v2 OBX-5, a FHIR attachment): locations are `where`'s
// followed by " page N line L", on `where`'s line of the file.
Result<void> scan_pdf_into(const PdfText& text, FieldScanner& fields, const std::vector<KnownValue>& known,
                           const FieldPlace& where, std::vector<FieldFinding>& out);

}  // namespace ward::phi
