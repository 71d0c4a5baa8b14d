// Image files told by their first bytes, and text or other binary files not taken for images.
#include "phi/formats/image_files.h"

#include <string>

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

TEST(ImageFiles, EachFormatIsToldByItsFirstBytes) {
  EXPECT_EQ(image_format(std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11)), "JPEG");
  EXPECT_EQ(image_format(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "PNG");
  EXPECT_EQ(image_format("GIF89a\x01\0"), "GIF");
  EXPECT_EQ(image_format(std::string("II*\0\x08\0\0\0", 8)), "TIFF");
  EXPECT_EQ(image_format(std::string("MM\0*\0\0\0\x08", 8)), "TIFF");
  EXPECT_EQ(image_format(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16)), "WebP");
  EXPECT_EQ(image_format(std::string("\0\0\0\x18" "ftypheic\0\0\0\0", 16)), "HEIF");
  EXPECT_EQ(image_format(std::string("BM\x36\x10\0\0\0\0\0\0\x36\0\0\0", 14)), "BMP");
}

TEST(ImageFiles, TextAndOtherFilesAreNoImages) {
  EXPECT_EQ(image_format("BMI 31, BP 120/80"), "") << "text that starts like a BMP";
  EXPECT_EQ(image_format(std::string("%PDF-1.4\n", 9)), "");
  EXPECT_EQ(image_format(std::string(128, '\0') + "DICM"), "");
  EXPECT_EQ(image_format(""), "");
  const FieldFinding f = image_finding("JPEG");
  EXPECT_EQ(f.type, PhiType::biometric);
  EXPECT_EQ(f.reason, "a JPEG image: it may be a full-face photograph (look at it)");
}

}  // namespace
}  // namespace ward::phi
