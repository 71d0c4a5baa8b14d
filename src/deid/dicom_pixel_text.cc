// A DICOM frame drawn in grayscale (dicom_pixel_text.h).
#include "deid/dicom_pixel_text.h"

#include <algorithm>
#include <memory>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmimgle/dcmimage.h>
#include <fmt/format.h>

#include "deid/dicom_pixel_codecs.h"

namespace ward::deid {

Result<GrayImage> dicom_frame_gray(DcmDataset& dataset, int transfer_syntax, unsigned long frame) {
  register_pixel_codecs();  // compressed frames are drawn through DCMTK's decoders
  auto image = std::make_unique<DicomImage>(&dataset, static_cast<E_TransferSyntax>(transfer_syntax),
                                            CIF_UsePartialAccessToPixelData, frame, 1);
  if (image->getStatus() != EIS_Normal)
    return fail(ErrorCode::unsupported, fmt::format("the pixels cannot be drawn: {}", DicomImage::getString(image->getStatus())));
  if (!image->isMonochrome()) {
    std::unique_ptr<DicomImage> gray(image->createMonochromeImage());
    if (!gray || gray->getStatus() != EIS_Normal) return fail(ErrorCode::unsupported, "the colour pixels cannot be made gray");
    image = std::move(gray);
  }
  if (image->getWindowCount() > 0) image->setWindow(0);
  else image->setMinMaxWindow();
  const void* data = image->getOutputData(8, 0);
  if (data == nullptr) return fail(ErrorCode::unsupported, "the pixels cannot be drawn in 8 bits");
  GrayImage out;
  out.width = static_cast<int>(image->getWidth());
  out.height = static_cast<int>(image->getHeight());
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out.pixels.assign(bytes, bytes + static_cast<std::size_t>(out.width) * out.height);
  return out;
}

}  // namespace ward::deid
