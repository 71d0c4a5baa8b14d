// For tests: a small, valid PDF whose pages hold the given lines of text (Helvetica, one text
// object a page, uncompressed), with a correct cross-reference table, as a PDF writer makes it.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

namespace ward::testing {

inline std::string pdf_with_pages(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> objects;  // object i + 1
  const std::size_t n = pages.size();
  std::string kids;
  for (std::size_t p = 0; p < n; ++p) kids += fmt::format("{} 0 R ", 4 + 2 * p);
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, n));
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t p = 0; p < n; ++p) {
    std::string content = "BT /F1 12 Tf 72 720 Td 14 TL\n";
    for (const std::string& line : pages[p]) {
      std::string escaped;
      for (char c : line) {
        if (c == '(' || c == ')' || c == '\\') escaped += '\\';
        escaped += c;
      }
      content += fmt::format("({}) Tj T*\n", escaped);
    }
    content += "ET";
    objects.push_back(fmt::format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                                  "/Contents {} 0 R >>", 5 + 2 * p));
    objects.push_back(fmt::format("<< /Length {} >>\nstream\n{}\nendstream", content.size(), content));
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const std::size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (std::size_t o : offsets) pdf += fmt::format("{:010} 00000 n \n", o);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return pdf;
}

}  // namespace ward::testing
