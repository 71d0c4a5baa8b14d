// Whether a DICOM image may show identifying text in its pixels, and, under the Clean Pixel Data
// Option, blanking that text where a graylist rule says it is. Reasons to look: Burned In
// Annotation YES; a modality that usually carries text (US, SC, OT, XC, ES, GM, SM, DOC) unless it
// says NO or a whitelist rule vouches for the image; a graylist rule of the filters; and, for an
// image nothing of that names, a blacklist rule (deid's last resort). Only files with pixel data
// are matched against the rules. Called by dicom_deidentifier.cc before the attributes change.
#pragma once

#include <string>

#include "deid/dicom_pixel_filters.h"

class DcmDataset;
class DcmItem;

namespace ward::deid {

struct PixelOutcome {
  bool review = false;       // someone must look at the pixels before sharing
  std::string reason;        // why, "; "-joined: `Burned In Annotation is YES; blacklist "Any REPORTDATA"`
  std::string cleaned;       // what was blanked: `graylist "Philips IU22": 30720 pixels in 3 frame(s)`
  bool all_cleaned = false;  // every matching rule's rectangles were blanked: Burned In Annotation may say NO
  int transfer_syntax = -1;  // what the file is to be written in (an E_TransferSyntax); -1: as it was read
};

// `meta` (may be null) is the file meta header; `transfer_syntax` the dataset's original one (an
// E_TransferSyntax). With `clean`, each matching rule's rectangles are blanked when the pixel data
// is native or decodes (dicom_pixel_codecs.h) and the rule has coordinates Ward applies; a rule
// that cannot be (no coordinates, a `from:` field the image lacks, pixels DCMTK cannot decode)
// keeps the file flagged, with the reason. Compressed pixels that were cleaned are encoded again
// when their syntax is lossless, else written native (`transfer_syntax`). The file needs no review
// only when every matching rule was cleaned.
// Whether images of this modality usually carry text in their pixels (US, SC, OT, XC, ES, GM, SM, DOC).
bool modality_carries_text(std::string_view modality);

PixelOutcome review_pixels(DcmDataset& dataset, DcmItem* meta, int transfer_syntax, const PixelFilters& filters, bool clean);

}  // namespace ward::deid
