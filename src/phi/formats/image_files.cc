// Image files told by their first bytes (image_files.h).
#include "phi/formats/image_files.h"

#include <fmt/format.h>

namespace ward::phi {

std::string_view image_format(std::string_view b) {
  if (b.starts_with("\xFF\xD8\xFF")) return "JPEG";
  if (b.starts_with("\x89PNG\r\n\x1A\n")) return "PNG";
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "GIF";
  if (b.starts_with(std::string_view("II*\0", 4)) || b.starts_with(std::string_view("MM\0*", 4))) return "TIFF";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "WebP";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp" &&
      (b.substr(8, 4) == "heic" || b.substr(8, 4) == "heix" || b.substr(8, 4) == "mif1" || b.substr(8, 4) == "avif"))
    return "HEIF";
  // BMP: "BM", then the file size and two reserved zero words, then the pixel offset.
  if (b.size() >= 14 && b.starts_with("BM") && b.substr(6, 4) == std::string_view("\0\0\0\0", 4)) return "BMP";
  return {};
}

FieldFinding image_finding(std::string_view format) {
  FieldFinding f;
  f.type = PhiType::biometric;
  f.confidence = 0.5;
  f.reason = fmt::format("a {} image: it may be a full-face photograph (look at it)", format);
  f.location = "image";
  return f;
}

}  // namespace ward::phi
