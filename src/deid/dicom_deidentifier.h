// De-identifies a DICOM file with DCMTK under the Annex E profile (dicom_profile.h) and its
// options: each attribute, in nested sequences too, dummied, emptied, removed, kept, cleaned or
// given a new UID as the table says; private attributes removed (but the safe ones of Table
// E.3.10-1 under retain-safe-private); dates shifted by the patient's
// offset under retain-longitudinal-dates; descriptions cleaned by the text de-identifier under
// clean-descriptors; UIDs mapped consistently (2.25.… from the linker, so the same study keeps
// one new UID across files). Records what was done in the dataset (Patient Identity Removed,
// De-identification Method and its code sequence) and flags images that may show PHI in their
// pixels for review (dicom_pixel_review.h); under clean-pixels, blanks the text a filter rule
// locates.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "core/error.h"
#include "deid/dicom_pixel_filters.h"
#include "deid/dicom_profile.h"
#include "deid/text_deidentifier.h"

namespace ward::deid {

struct DicomReport {
  std::uint64_t dummied = 0, emptied = 0, removed = 0, cleaned = 0, uids = 0, dates_shifted = 0, private_removed = 0;
  std::uint64_t private_kept = 0;  // safe private attributes kept (retain-safe-private), their creators not counted
  bool pixel_review = false;  // burned-in annotation possible: someone must look at the pixels
  std::string pixel_reason;   // why, e.g. "Burned In Annotation is YES", "modality US", `blacklist "Any REPORTDATA"`
  std::string pixel_cleaned;  // clean-pixels: what was blanked, `graylist "Philips IU22": 30720 pixels in 1 frame(s)`
  std::uint64_t changed() const { return dummied + emptied + removed + cleaned + uids + dates_shifted + private_removed; }
  // Adds the counts of another file (the review flag and reason stay this report's).
  DicomReport& operator+=(const DicomReport& other) {
    dummied += other.dummied;
    emptied += other.emptied;
    removed += other.removed;
    cleaned += other.cleaned;
    uids += other.uids;
    dates_shifted += other.dates_shifted;
    private_removed += other.private_removed;
    private_kept += other.private_kept;
    return *this;
  }
};

class DicomDeidentifier {
 public:
  // `text` cleans descriptors and makes codes, offsets and UIDs (its linker); both must outlive this.
  // `filters` say which images may show text and where (clean-pixels); it must outlive this too.
  DicomDeidentifier(const ConfidentialityProfile& profile, std::set<DicomOption> options, TextDeidentifier& text,
                    phi::ScanScratch& scratch, const PixelFilters& filters = PixelFilters::builtin())
      : profile_(profile), options_(std::move(options)), text_(text), scratch_(scratch), filters_(filters) {}

  // Reads `in`, writes the de-identified file to `out` in the same transfer syntax — but a lossy
  // compressed image whose pixels were cleaned is written uncompressed (dicom_pixel_codecs.h).
  Result<DicomReport> deidentify_file(const std::filesystem::path& in, const std::filesystem::path& out);

 private:
  const ConfidentialityProfile& profile_;
  std::set<DicomOption> options_;
  TextDeidentifier& text_;
  phi::ScanScratch& scratch_;
  const PixelFilters& filters_;
};

// Whether a file is DICOM: Part 10 ("DICM" at offset 128 of its first bytes), or named .dcm or
// .dicom (a dataset without the Part 10 header, which DCMTK reads too).
bool looks_like_dicom(std::string_view first_bytes, const std::filesystem::path& name);

}  // namespace ward::deid
