// Blanking rectangles in native pixel data (dicom_pixel_cleaner.h).
#include "deid/dicom_pixel_cleaner.h"

#include <algorithm>
#include <cstring>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>

namespace ward::deid {
namespace {

std::uint64_t number_of(DcmItem& d, const DcmTagKey& key, std::uint64_t fallback) {
  Uint16 us = 0;
  if (d.findAndGetUint16(key, us).good()) return us;
  OFString text;  // Number of Frames is IS
  if (d.findAndGetOFString(key, text).good() && !text.empty()) {
    try {
      return std::stoull(std::string(text.c_str()));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return fallback;
}

}  // namespace

Result<CleanedPixels> clean_native_pixels(DcmItem& dataset, const std::vector<PixelRegion>& regions, int transfer_syntax) {
  const DcmXfer xfer(static_cast<E_TransferSyntax>(transfer_syntax));
  if (xfer.isEncapsulated())
    return fail(ErrorCode::unsupported, fmt::format("the pixel data is compressed ({}): not changed", xfer.getXferName()));
  DcmElement* el = nullptr;
  if (dataset.findAndGetElement(DCM_PixelData, el, OFFalse).bad() || el == nullptr)
    return fail(ErrorCode::unsupported, "no Pixel Data to clean");
  const std::uint64_t rows = number_of(dataset, DCM_Rows, 0), columns = number_of(dataset, DCM_Columns, 0);
  const std::uint64_t bits = number_of(dataset, DCM_BitsAllocated, 0), samples = number_of(dataset, DCM_SamplesPerPixel, 1);
  const std::uint64_t frames = number_of(dataset, DCM_NumberOfFrames, 1), planar = number_of(dataset, DCM_PlanarConfiguration, 0);
  OFString photometric;
  dataset.findAndGetOFString(DCM_PhotometricInterpretation, photometric);
  if (rows == 0 || columns == 0 || frames == 0 || samples == 0)
    return fail(ErrorCode::unsupported, "Rows, Columns, Samples per Pixel or Number of Frames is missing or 0");
  if (bits != 8 && bits != 16 && bits != 32)
    return fail(ErrorCode::unsupported, fmt::format("Bits Allocated {} is not cleaned (8, 16 or 32 are)", bits));
  if (std::string(photometric.c_str()).starts_with("YBR_FULL_422") || std::string(photometric.c_str()).starts_with("YBR_PARTIAL_42"))
    return fail(ErrorCode::unsupported, fmt::format("{} pixels (chroma subsampled) are not cleaned", photometric.c_str()));
  // DCMTK holds OW words in this machine's byte order, so a sample's bytes stay together; but
  // 8-bit samples in OW words from a big-endian file would be swapped pairwise, and are refused.
  if (bits == 8 && el->getVR() != EVR_OB && xfer.isBigEndian())
    return fail(ErrorCode::unsupported, "8-bit pixels in big-endian OW words are not cleaned");
  Uint8* bytes = nullptr;  // OB or OW alike (DCMTK's DcmPolymorphOBOW)
  if (el->getUint8Array(bytes).bad()) bytes = nullptr;
  const std::uint64_t sample_bytes = bits / 8, frame_bytes = rows * columns * samples * sample_bytes;
  if (bytes == nullptr || el->getLength() < frames * frame_bytes)
    return fail(ErrorCode::invalid_input, fmt::format("the Pixel Data holds {} bytes, fewer than Rows × Columns × Samples × Frames "
                                                      "× {} bytes ({})", el->getLength(), sample_bytes, frames * frame_bytes));

  // 1 keeps a pixel, 0 blanks it; regions apply in order, clamped to the image.
  std::vector<std::uint8_t> keep(rows * columns, 1);
  for (const PixelRegion& r : regions) {
    const auto clamp = [](std::int64_t v, std::uint64_t hi) { return static_cast<std::uint64_t>(std::clamp<std::int64_t>(v, 0, static_cast<std::int64_t>(hi))); };
    const std::uint64_t x0 = r.whole_image ? 0 : clamp(r.x0, columns), x1 = r.whole_image ? columns : clamp(r.x1, columns);
    const std::uint64_t y0 = r.whole_image ? 0 : clamp(r.y0, rows), y1 = r.whole_image ? rows : clamp(r.y1, rows);
    for (std::uint64_t y = y0; y < y1; ++y)
      for (std::uint64_t x = x0; x < x1; ++x) keep[y * columns + x] = r.keep ? 1 : 0;
  }
  CleanedPixels out;
  out.pixels = static_cast<std::uint64_t>(std::count(keep.begin(), keep.end(), 0));
  if (out.pixels == 0) return out;
  for (std::uint64_t f = 0; f < frames; ++f) {
    Uint8* frame = bytes + f * frame_bytes;
    for (std::uint64_t p = 0; p < rows * columns; ++p) {
      if (keep[p]) continue;
      for (std::uint64_t s = 0; s < samples; ++s) {
        // Planar Configuration 0: R1 G1 B1 R2 …; 1: all R, then all G, then all B.
        const std::uint64_t index = planar == 1 ? s * rows * columns + p : p * samples + s;
        std::memset(frame + index * sample_bytes, 0, sample_bytes);
      }
    }
  }
  out.frames = frames;
  return out;
}

}  // namespace ward::deid
