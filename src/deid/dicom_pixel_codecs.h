// Compressed DICOM pixel data decoded, and encoded again, with DCMTK's codecs — JPEG (processes
// 1–14, dcmjpeg), JPEG-LS (dcmjpls) and RLE (dcmdata) — so that the Clean Pixel Data Option
// reaches compressed images (ultrasound is mostly JPEG). JPEG 2000 and the video syntaxes have
// no decoder in DCMTK: such images stay as they are, flagged with the reason.
// dicom_pixel_review.cc calls it. DCMTK keeps its codecs in a process-wide list: they are
// registered once, on first use, and unregistered when the process ends.
#pragma once

#include "core/error.h"

class DcmDataset;

namespace ward::deid {

// Registers DCMTK's decoders and encoders, once for the process (the two calls below do it too).
void register_pixel_codecs();

// Decodes `dataset`'s encapsulated pixel data, of transfer syntax `from` (an E_TransferSyntax),
// to native pixels (Explicit VR Little Endian) in the dataset; YCbCr JPEG becomes RGB. The
// compressed original stays beside the native pixels until encode_cleaned_pixels. An error naming
// the syntax when DCMTK has no decoder for it or the data does not decode.
Result<void> decode_pixels(DcmDataset& dataset, int from);

// After the decoded pixels were changed: drops the compressed original and encodes the changed
// pixels in `original` when that syntax is lossless and DCMTK encodes it (RLE, JPEG lossless,
// JPEG-LS lossless: the pixels come back exactly); otherwise — a lossy original, which would lose
// more if encoded again, or an encoder that fails — they stay native, Explicit VR Little Endian,
// and Lossy Image Compression stays "01" for a lossy original (PS3.3 C.7.6.1.1.5). Returns the
// transfer syntax the dataset is to be written in.
int encode_cleaned_pixels(DcmDataset& dataset, int original);

}  // namespace ward::deid
