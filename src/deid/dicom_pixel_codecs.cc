// DCMTK's pixel codecs, registered once (dicom_pixel_codecs.h).
#include "deid/dicom_pixel_codecs.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmimage/diregist.h>  // colour images for the encoders (RGB and YCbCr)
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <fmt/format.h>

namespace ward::deid {
namespace {

// DCMTK's codec list is process-wide; this registers Ward's codecs in it for the process's life.
class Codecs {
 public:
  Codecs() {
    DJDecoderRegistration::registerCodecs();  // YCbCr to RGB as the Photometric Interpretation says
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DJEncoderRegistration::registerCodecs();
    DJLSEncoderRegistration::registerCodecs();
    DcmRLEEncoderRegistration::registerCodecs();
  }
  ~Codecs() {
    DJDecoderRegistration::cleanup();
    DJLSDecoderRegistration::cleanup();
    DcmRLEDecoderRegistration::cleanup();
    DJEncoderRegistration::cleanup();
    DJLSEncoderRegistration::cleanup();
    DcmRLEEncoderRegistration::cleanup();
  }
  Codecs(const Codecs&) = delete;
  Codecs& operator=(const Codecs&) = delete;
};

// The lossless syntaxes Ward writes cleaned pixels back in.
bool encodes_exactly(E_TransferSyntax xfer) {
  return xfer == EXS_RLELossless || xfer == EXS_JPEGProcess14 || xfer == EXS_JPEGProcess14SV1 ||
         xfer == EXS_JPEGLSLossless;
}

}  // namespace

void register_pixel_codecs() { static const Codecs codecs; }

Result<void> decode_pixels(DcmDataset& dataset, int from) {
  register_pixel_codecs();
  const DcmXfer xfer(static_cast<E_TransferSyntax>(from));
  if (OFCondition c = dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
      c.bad() || !dataset.canWriteXfer(EXS_LittleEndianExplicit))
    return fail(ErrorCode::unsupported, fmt::format("the pixel data is compressed ({}) and does not decode here: {}",
                                                    xfer.getXferName(), c.bad() ? c.text() : "no decoder for it"));
  return {};
}

int encode_cleaned_pixels(DcmDataset& dataset, int original) {
  register_pixel_codecs();
  const auto xfer = static_cast<E_TransferSyntax>(original);
  dataset.removeAllButCurrentRepresentations();  // the compressed original still shows the text
  if (encodes_exactly(xfer) && dataset.chooseRepresentation(xfer, nullptr).good() && dataset.canWriteXfer(xfer)) {
    dataset.removeAllButCurrentRepresentations();
    return xfer;
  }
  if (DcmXfer(xfer).isLossy()) dataset.putAndInsertString(DCM_LossyImageCompression, "01");
  return EXS_LittleEndianExplicit;
}

}  // namespace ward::deid
