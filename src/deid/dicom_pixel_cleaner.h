// Blanks rectangles of burned-in text in native (uncompressed) DICOM pixel data: the Clean Pixel
// Data Option's work once a filter rule (dicom_pixel_filters.h) has said where the text is.
// dicom_pixel_review.h calls it; it changes nothing when it fails.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "deid/dicom_pixel_filters.h"

class DcmItem;

namespace ward::deid {

struct CleanedPixels {
  std::uint64_t frames = 0;  // frames changed
  std::uint64_t pixels = 0;  // pixels set to 0 in each frame (every sample of each)
};

// Sets to 0 the pixels `regions` cover (in order; a keep region puts back what came before it),
// rectangles clamped to Rows × Columns, in every frame and sample of `dataset`'s Pixel Data, for
// Bits Allocated 8, 16 or 32, any Samples per Pixel and either Planar Configuration. An error,
// with nothing changed, when the pixel data is absent, encapsulated (`transfer_syntax` compressed),
// shorter than its attributes say, or laid out otherwise (YBR_FULL_422, Bits Allocated 1 or 12).
Result<CleanedPixels> clean_native_pixels(DcmItem& dataset, const std::vector<PixelRegion>& regions, int transfer_syntax);

}  // namespace ward::deid
