// Tesseract behind Ward's Ocr (ocr.h).
#include "ocr/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <fmt/format.h>

namespace ward::ocr {
namespace {

// Leptonica's images, freed when they go.
struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

}  // namespace

Ocr::Ocr(std::unique_ptr<tesseract::TessBaseAPI> api) : api_(std::move(api)) {}
Ocr::Ocr(Ocr&&) noexcept = default;
Ocr& Ocr::operator=(Ocr&&) noexcept = default;
Ocr::~Ocr() {
  if (api_) api_->End();
}

Result<Ocr> Ocr::make() {
  static const bool quiet = [] {  // Leptonica's messages (a format it cannot read) go to stderr: Ward says its own
    setMsgSeverity(L_SEVERITY_NONE);
    return true;
  }();
  (void)quiet;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Quiet: Tesseract prints its own warnings (resolution, empty pages) to stderr otherwise.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0)
    return fail(ErrorCode::config, "OCR: Tesseract's English model (tesseract-ocr-eng) is not installed");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  return Ocr(std::move(api));
}

Result<OcrText> Ocr::read(const GrayImage& image, int dpi) {
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() < static_cast<std::size_t>(image.width) * image.height)
    return fail(ErrorCode::invalid_input, "OCR: an empty or short image");
  api_->SetImage(image.pixels.data(), image.width, image.height, 1, image.width);
  api_->SetSourceResolution(dpi);
  return recognise();
}

Result<OcrText> Ocr::read_image_file(std::string_view bytes) {
  PixPtr pix(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!pix) return fail(ErrorCode::invalid_input, "OCR: not an image Leptonica can read");
  PixPtr gray(pixConvertTo8(pix.get(), 0));
  if (!gray) return fail(ErrorCode::invalid_input, "OCR: the image cannot be made grayscale");
  api_->SetImage(gray.get());
  if (pixGetXRes(gray.get()) < 70) api_->SetSourceResolution(150);  // screenshots say 0 or 72
  return recognise();
}

Result<OcrText> Ocr::recognise() {
  if (api_->Recognize(nullptr) != 0) return fail(ErrorCode::internal, "OCR: Tesseract could not read the image");
  OcrText out;
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) return out;
  do {
    std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!word) continue;
    OcrWord w;
    w.text = word.get();
    it->BoundingBox(tesseract::RIL_WORD, &w.x0, &w.y0, &w.x1, &w.y1);
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    if (!out.text.empty()) out.text += ' ';
    out.text += w.text;
    if (it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD)) out.text += '\n';
    out.words.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  // A line's last word ends with '\n' and the next starts after a ' ': drop those spaces.
  std::string tidy;
  for (std::size_t i = 0; i < out.text.size(); ++i)
    if (!(out.text[i] == ' ' && i > 0 && out.text[i - 1] == '\n')) tidy += out.text[i];
  out.text = std::move(tidy);
  api_->Clear();
  return out;
}

}  // namespace ward::ocr
