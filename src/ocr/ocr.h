// Text in pixels, read with Tesseract (Debian's libtesseract and its English model), so that PHI
// in images — a screenshot of a chart, a photographed form, a scanned PDF page, text burned into
// an ultrasound — can be scanned like any text. Each word comes with its box, for tools that
// blank what was found. An Ocr is one thread's (Tesseract's engine is not shared).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/gray_image.h"

namespace tesseract {
class TessBaseAPI;
}

namespace ward::ocr {

struct OcrWord {
  std::string text;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pixels, end exclusive
  float confidence = 0;                // Tesseract's, 0-100
};

struct OcrText {
  std::string text;  // the words in reading order, lines ended by '\n'
  std::vector<OcrWord> words;
};

class Ocr {
 public:
  // Loads the English model from Debian's tessdata (or $TESSDATA_PREFIX); an error when absent.
  static Result<Ocr> make();
  Ocr(Ocr&&) noexcept;
  Ocr& operator=(Ocr&&) noexcept;
  ~Ocr();

  // The text of an 8-bit grayscale image drawn at `dpi` (300 reads best).
  Result<OcrText> read(const GrayImage& image, int dpi = 300);
  // The text of an image file's bytes (JPEG, PNG, TIFF, GIF, BMP, WebP: what Leptonica reads).
  Result<OcrText> read_image_file(std::string_view bytes);

 private:
  explicit Ocr(std::unique_ptr<tesseract::TessBaseAPI> api);
  Result<OcrText> recognise();
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace ward::ocr
