// Blanking rectangles in pixel data built here with DCMTK: 8 and 16 bits, one and several
// frames, RGB in both planar configurations; what is inside is 0, what is outside unchanged;
// compressed and odd layouts refused unchanged.
#include "deid/dicom_pixel_cleaner.h"

#include <cstdint>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

namespace ward::deid {
namespace {

struct Image {
  std::uint16_t rows = 6, columns = 8, samples = 1, bits = 8, planar = 0, frames = 1;
};

// Every sample's value is 1 + its index modulo 200, so no sample starts at 0.
DcmDataset make(const Image& im) {
  DcmDataset d;
  d.putAndInsertUint16(DCM_Rows, im.rows);
  d.putAndInsertUint16(DCM_Columns, im.columns);
  d.putAndInsertUint16(DCM_SamplesPerPixel, im.samples);
  d.putAndInsertUint16(DCM_BitsAllocated, im.bits);
  d.putAndInsertUint16(DCM_BitsStored, im.bits);
  d.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(im.bits - 1));
  d.putAndInsertString(DCM_PhotometricInterpretation, im.samples == 3 ? "RGB" : "MONOCHROME2");
  if (im.samples == 3) d.putAndInsertUint16(DCM_PlanarConfiguration, im.planar);
  if (im.frames > 1) d.putAndInsertString(DCM_NumberOfFrames, std::to_string(im.frames).c_str());
  const std::size_t n = std::size_t{im.rows} * im.columns * im.samples * im.frames;
  if (im.bits == 8) {
    std::vector<Uint8> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<Uint8>(1 + i % 200);
    d.putAndInsertUint8Array(DCM_PixelData, v.data(), static_cast<unsigned long>(n));
  } else {
    std::vector<Uint16> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<Uint16>(1000 + i % 200);
    d.putAndInsertUint16Array(DCM_PixelData, v.data(), static_cast<unsigned long>(n));
  }
  return d;
}

// The sample (frame, row, column, sample) as stored.
unsigned sample(DcmDataset& d, const Image& im, std::size_t f, std::size_t y, std::size_t x, std::size_t s) {
  const std::size_t pixels = std::size_t{im.rows} * im.columns;
  const std::size_t in_frame = im.planar == 1 ? s * pixels + y * im.columns + x : (y * im.columns + x) * im.samples + s;
  const std::size_t index = f * pixels * im.samples + in_frame;
  if (im.bits == 8) {
    const Uint8* v = nullptr;
    d.findAndGetUint8Array(DCM_PixelData, v);
    return v[index];
  }
  const Uint16* v = nullptr;
  d.findAndGetUint16Array(DCM_PixelData, v);
  return v[index];
}

// Checks every sample: 0 inside [x0,x1) × [y0,y1), its original value outside.
void expect_blanked(DcmDataset& d, const Image& im, std::size_t x0, std::size_t y0, std::size_t x1, std::size_t y1) {
  const std::size_t pixels = std::size_t{im.rows} * im.columns;
  for (std::size_t f = 0; f < im.frames; ++f)
    for (std::size_t y = 0; y < im.rows; ++y)
      for (std::size_t x = 0; x < im.columns; ++x)
        for (std::size_t s = 0; s < im.samples; ++s) {
          const bool inside = x >= x0 && x < x1 && y >= y0 && y < y1;
          const std::size_t in_frame = im.planar == 1 ? s * pixels + y * im.columns + x : (y * im.columns + x) * im.samples + s;
          const std::size_t index = f * pixels * im.samples + in_frame;
          const unsigned original = im.bits == 8 ? 1 + index % 200 : 1000 + index % 200;
          ASSERT_EQ(sample(d, im, f, y, x, s), inside ? 0u : original)
              << "frame " << f << " row " << y << " column " << x << " sample " << s;
        }
}

PixelRegion rect(std::int64_t x0, std::int64_t y0, std::int64_t x1, std::int64_t y1) { return PixelRegion{x0, y0, x1, y1}; }

TEST(PixelCleaner, Blanks8BitMonochrome) {
  const Image im;
  DcmDataset d = make(im);
  auto done = clean_native_pixels(d, {rect(1, 2, 4, 5)}, EXS_LittleEndianExplicit);
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->pixels, 9u);
  EXPECT_EQ(done->frames, 1u);
  expect_blanked(d, im, 1, 2, 4, 5);
}

TEST(PixelCleaner, Blanks16BitInEveryFrame) {
  const Image im{.rows = 5, .columns = 7, .bits = 16, .frames = 3};
  DcmDataset d = make(im);
  auto done = clean_native_pixels(d, {rect(0, 0, 7, 2)}, EXS_LittleEndianExplicit);
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->frames, 3u);
  expect_blanked(d, im, 0, 0, 7, 2);
}

TEST(PixelCleaner, BlanksEverySampleOfRgbInBothPlanarConfigurations) {
  for (std::uint16_t planar : {0, 1}) {
    const Image im{.rows = 4, .columns = 6, .samples = 3, .planar = planar, .frames = 2};
    DcmDataset d = make(im);
    auto done = clean_native_pixels(d, {rect(2, 1, 5, 3)}, EXS_LittleEndianExplicit);
    ASSERT_TRUE(done) << done.error().describe();
    expect_blanked(d, im, 2, 1, 5, 3);
  }
}

TEST(PixelCleaner, ClampsRectanglesAndKeepsWhatAKeepRegionPutsBack) {
  const Image im{.rows = 6, .columns = 8, .bits = 16};
  DcmDataset d = make(im);
  PixelRegion keep = rect(0, 0, 100, 1);
  keep.keep = true;
  auto done = clean_native_pixels(d, {rect(5, 0, 1150, 75), keep}, EXS_LittleEndianExplicit);
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->pixels, 15u) << "columns 5-7 of rows 1-5";
  expect_blanked(d, im, 5, 1, 8, 6);
}

TEST(PixelCleaner, RefusesWhatItCannotCleanAndChangesNothing) {
  const Image im;
  DcmDataset d = make(im);
  auto compressed = clean_native_pixels(d, {rect(0, 0, 8, 6)}, EXS_JPEGProcess14SV1);
  ASSERT_FALSE(compressed);
  EXPECT_NE(compressed.error().message.find("compressed"), std::string::npos) << compressed.error().message;
  expect_blanked(d, im, 0, 0, 0, 0);

  d.putAndInsertUint16(DCM_BitsAllocated, 1);
  auto one_bit = clean_native_pixels(d, {rect(0, 0, 8, 6)}, EXS_LittleEndianExplicit);
  ASSERT_FALSE(one_bit);
  EXPECT_NE(one_bit.error().message.find("Bits Allocated 1"), std::string::npos);

  DcmDataset many = make(im);
  many.putAndInsertString(DCM_NumberOfFrames, "4");  // more frames than the data holds
  auto short_data = clean_native_pixels(many, {rect(0, 0, 8, 6)}, EXS_LittleEndianExplicit);
  ASSERT_FALSE(short_data);
  EXPECT_NE(short_data.error().message.find("fewer than"), std::string::npos);

  DcmDataset none;
  EXPECT_FALSE(clean_native_pixels(none, {rect(0, 0, 8, 6)}, EXS_LittleEndianExplicit));
}

}  // namespace
}  // namespace ward::deid
