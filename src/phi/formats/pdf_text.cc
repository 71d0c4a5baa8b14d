// A PDF's text with poppler (pdf_text.h).
#include "phi/formats/pdf_text.h"

#include <algorithm>
#include <limits>
#include <memory>

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace ward::phi {
namespace {

// Poppler writes what it finds wrong in a file to stderr; Ward reports its own error instead. The
// function is poppler's process-wide setting: set once.
void quiet_poppler() {
  static const bool quiet = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)quiet;
}

}  // namespace

bool looks_like_pdf(std::string_view first_bytes) { return first_bytes.starts_with("%PDF-"); }

Result<PdfText> pdf_text(std::string_view bytes) {
  quiet_poppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return fail(ErrorCode::too_large, "a PDF over 2 GiB");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return fail(ErrorCode::invalid_input, "not a PDF poppler can read");
  if (doc->is_locked()) return fail(ErrorCode::unsupported, "an encrypted PDF: its text cannot be read");
  PdfText out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::string text;
    if (page) {
      const poppler::byte_array utf8 = page->text().to_utf8();
      text.assign(utf8.begin(), utf8.end());
    }
    if (blank_text(text)) ++out.pages_without_text;
    out.pages.push_back(std::move(text));
  }
  return out;
}

Result<void> scan_pdf_into(const PdfText& text, FieldScanner& fields, const std::vector<KnownValue>& known,
                           const FieldPlace& where, std::vector<FieldFinding>& out) {
  for (std::size_t p = 0; p < text.pages.size(); ++p) {
    const std::string& page = text.pages[p];
    const std::size_t first = out.size();
    if (auto ok = fields.scan_text(page, known, where, out); !ok) return ok;
    for (std::size_t i = first; i < out.size(); ++i) {  // where on the page: its line
      FieldFinding& f = out[i];
      const std::size_t begin = std::min(f.value_begin, page.size());
      const auto line = 1 + std::count(page.begin(), page.begin() + static_cast<std::ptrdiff_t>(begin), '\n');
      f.location = fmt::format("{}{}page {} line {}", where.location, where.location.empty() ? "" : " ", p + 1, line);
    }
  }
  return {};
}

bool blank_text(std::string_view text) { return text.find_first_not_of(" \t\r\n\f") == std::string_view::npos; }

Result<GrayImage> render_pdf_page(std::string_view bytes, std::size_t page, int dpi) {
  quiet_poppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return fail(ErrorCode::too_large, "a PDF over 2 GiB");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) return fail(ErrorCode::invalid_input, "not a PDF poppler can read");
  if (page >= static_cast<std::size_t>(doc->pages())) return fail(ErrorCode::invalid_input, "no such page");
  std::unique_ptr<poppler::page> p(doc->create_page(static_cast<int>(page)));
  if (!p) return fail(ErrorCode::invalid_input, "the page cannot be read");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image drawn = renderer.render_page(p.get(), dpi, dpi);
  if (!drawn.is_valid() || drawn.format() != poppler::image::format_gray8)
    return fail(ErrorCode::internal, "the page cannot be drawn");
  GrayImage out;
  out.width = drawn.width();
  out.height = drawn.height();
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y)
    std::copy_n(reinterpret_cast<const std::uint8_t*>(drawn.const_data()) + static_cast<std::ptrdiff_t>(y) * drawn.bytes_per_row(),
                out.width, out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  return out;
}

Result<StructuredScan> scan_pdf(const PdfText& text, FieldScanner& fields, const std::vector<KnownValue>& known) {
  StructuredScan out;
  if (auto ok = scan_pdf_into(text, fields, known, FieldPlace{}, out.findings); !ok) return Unexpected(ok.error());
  return out;
}

}  // namespace ward::phi
