// OCR of rendered text: a PDF page drawn by poppler read back by Tesseract, words with their boxes;
// an image file's bytes read through Leptonica; what is no image refused with a reason.
#include "ocr/ocr.h"

#include <leptonica/allheaders.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "phi/formats/pdf_testing.h"
#include "phi/formats/pdf_text.h"

namespace ward::ocr {
namespace {

GrayImage page_image(const std::vector<std::string>& lines) {
  auto image = phi::render_pdf_page(ward::testing::pdf_with_pages({lines}), 0, 300);
  EXPECT_TRUE(image) << image.error().describe();
  return image ? std::move(*image) : GrayImage{};
}

TEST(Ocr, ReadsTheTextOfADrawnPageWithEachWordsBox) {
  auto ocr = Ocr::make();
  ASSERT_TRUE(ocr) << ocr.error().describe();
  const GrayImage image = page_image({"Referral letter", "Patient Daniel Whitfield MRN 00123456"});
  ASSERT_GT(image.width, 1000) << "a letter page at 150 dpi";
  auto text = ocr->read(image);
  ASSERT_TRUE(text) << text.error().describe();
  EXPECT_NE(text->text.find("Referral letter\n"), std::string::npos) << text->text;
  EXPECT_NE(text->text.find("Patient Daniel Whitfield MRN 00123456\n"), std::string::npos) << text->text;
  auto mrn = std::find_if(text->words.begin(), text->words.end(), [](const OcrWord& w) { return w.text == "00123456"; });
  ASSERT_NE(mrn, text->words.end());
  EXPECT_LT(mrn->x0, mrn->x1);
  EXPECT_GT(mrn->y0, 0) << "on the second line, below the top";
  EXPECT_GT(mrn->confidence, 50);
}

TEST(Ocr, ReadsAnImageFileAndRefusesWhatIsNone) {
  auto ocr = Ocr::make();
  ASSERT_TRUE(ocr) << ocr.error().describe();
  const GrayImage image = page_image({"SSN 460-89-9847"});
  Pix* pix = pixCreate(image.width, image.height, 8);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) pixSetPixel(pix, x, y, image.pixels[static_cast<std::size_t>(y) * image.width + x]);
  l_uint8* png = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMem(&png, &size, pix, IFF_PNG), 0);
  pixDestroy(&pix);
  const std::string bytes(reinterpret_cast<const char*>(png), size);
  lept_free(png);
  auto text = ocr->read_image_file(bytes);
  ASSERT_TRUE(text) << text.error().describe();
  EXPECT_NE(text->text.find("460-89-9847"), std::string::npos) << text->text;
  auto none = ocr->read_image_file("not an image");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "OCR: not an image Leptonica can read");
}

}  // namespace
}  // namespace ward::ocr
