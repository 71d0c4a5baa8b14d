// Image files among the inputs of `ward scan` and `ward deid`. Safe Harbor lists full-face
// photographs and comparable images; Ward does not look for faces in pixels, so an image file (a
// wound photo, a scanned ID card, a screenshot) is a finding to look at, told by its first bytes.
#pragma once

#include <string_view>

#include "phi/formats/field_finding.h"

namespace ward::phi {

// The image format the first bytes of a file announce ("JPEG", "PNG", "GIF", "TIFF", "WebP",
// "HEIF", "BMP"); "" when they announce none.
std::string_view image_format(std::string_view first_bytes);

// The finding for an image file of `format`: biometric, confidence 0.5 (it may be a face, or not).
FieldFinding image_finding(std::string_view format);

}  // namespace ward::phi
