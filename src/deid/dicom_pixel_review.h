// Whether a DICOM image may show identifying text in its pixels. Reasons to look: Burned In
// Annotation YES; a modality that usually carries text (US, SC, OT, XC, ES, GM, SM, DOC) unless it
// says NO or a whitelist rule vouches for the image; a graylist rule of the filters; and, for an
// image nothing of that names, a blacklist rule (deid's last resort). Only files with pixel data
// are matched against the rules. Called by dicom_deidentifier.cc before the attributes change.
#pragma once

#include <string>

#include "deid/dicom_pixel_filters.h"

class DcmItem;

namespace ward::deid {

struct PixelOutcome {
  bool review = false;  // someone must look at the pixels before sharing
  std::string reason;   // why, "; "-joined: `modality US often carries text in its pixels; graylist "Philips IU22"`
};

// `meta` (may be null) is the file meta header.
PixelOutcome review_pixels(DcmItem& dataset, DcmItem* meta, const PixelFilters& filters);

}  // namespace ward::deid
