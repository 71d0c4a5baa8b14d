// An 8-bit grayscale image in memory: what a rendered PDF page or a DICOM frame is turned into for
// OCR (src/ocr).
#pragma once

#include <cstdint>
#include <vector>

namespace ward {

struct GrayImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // row by row, one byte a pixel, 0 black
};

}  // namespace ward
