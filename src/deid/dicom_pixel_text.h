// A DICOM frame as an 8-bit grayscale picture, for reading the text burned into it (src/ocr):
// drawn by DCMTK's image toolkit as a viewer would show it — compressed pixels decoded
// (dicom_pixel_codecs.h), monochrome through the image's first VOI window or, without one, its
// pixel range; colour made gray.
#pragma once

#include "core/error.h"
#include "core/gray_image.h"

class DcmDataset;

namespace ward::deid {

// Frame `frame` (from 0) of `dataset`, whose transfer syntax is `transfer_syntax` (an
// E_TransferSyntax). An error with DCMTK's reason when it cannot be drawn.
Result<GrayImage> dicom_frame_gray(DcmDataset& dataset, int transfer_syntax, unsigned long frame = 0);

}  // namespace ward::deid
