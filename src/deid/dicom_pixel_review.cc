// Pixel review and cleaning decisions (dicom_pixel_review.h).
#include "deid/dicom_pixel_review.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>

#include "deid/dicom_pixel_cleaner.h"
#include "deid/dicom_pixel_codecs.h"
#include "deid/dicom_values.h"

namespace ward::deid {
namespace {

constexpr std::array<std::string_view, 8> kTextModalities = {"US", "SC", "OT", "XC", "ES", "GM", "SM", "DOC"};

bool has_pixels(DcmItem& d) {
  return d.tagExists(DCM_PixelData) || d.tagExists(DCM_FloatPixelData) || d.tagExists(DCM_DoubleFloatPixelData);
}

void add(std::vector<std::string>& reasons, std::string reason) {
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(std::move(reason));
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace

bool modality_carries_text(std::string_view modality) {
  return std::find(kTextModalities.begin(), kTextModalities.end(), modality) != kTextModalities.end();
}

PixelOutcome review_pixels(DcmDataset& dataset, DcmItem* meta, int transfer_syntax, const PixelFilters& filters, bool clean) {
  std::vector<std::string> reasons, cleaned;
  const std::string burned_in = dicom_text(dataset, DCM_BurnedInAnnotation), modality = dicom_text(dataset, DCM_Modality);
  if (burned_in == "YES") add(reasons, "Burned In Annotation is YES");

  std::vector<const FilterRule*> matches;
  if (has_pixels(dataset)) matches = filters.matching(dataset, meta);
  const bool whitelisted = std::any_of(matches.begin(), matches.end(), [](const FilterRule* r) { return r->list == FilterList::whitelist; });
  if (burned_in != "NO" && !whitelisted && modality_carries_text(modality))
    add(reasons, fmt::format("modality {} often carries text in its pixels", modality));

  std::erase_if(matches, [](const FilterRule* r) { return r->list == FilterList::whitelist; });
  // A blacklist rule (text likely, place unknown) is the last resort, as in deid: it is a reason
  // only for an image nothing else names — not a graylist rule, which knows where the text is, nor
  // Burned In Annotation or the modality.
  if (!reasons.empty() ||
      std::any_of(matches.begin(), matches.end(), [](const FilterRule* r) { return r->list == FilterList::graylist; }))
    std::erase_if(matches, [](const FilterRule* r) { return r->list == FilterList::blacklist; });
  // Compressed pixels are decoded once, when some rule can be cleaned; a failure is each such
  // rule's reason.
  const DcmXfer original(static_cast<E_TransferSyntax>(transfer_syntax));
  int clean_in = transfer_syntax;
  std::optional<Error> undecodable;
  bool decoded = false;
  if (clean && original.isEncapsulated() && std::any_of(matches.begin(), matches.end(), [](const FilterRule* r) {
        return !r->regions.empty();
      })) {
    if (auto ok = decode_pixels(dataset, transfer_syntax); ok) {
      decoded = true;
      clean_in = EXS_LittleEndianExplicit;
    } else {
      undecodable = ok.error();
    }
  }
  for (const FilterRule* rule : matches) {
    if (!clean) {
      add(reasons, rule->name());
      continue;
    }
    if (rule->regions.empty()) {
      add(reasons, fmt::format("{} (no coordinates to clean)", rule->name()));
      continue;
    }
    auto regions = rule->regions_in(dataset);
    if (!regions) {
      add(reasons, fmt::format("{} (not cleaned: {})", rule->name(), regions.error().message));
      continue;
    }
    auto done = undecodable ? Result<CleanedPixels>(Unexpected(*undecodable)) : clean_native_pixels(dataset, *regions, clean_in);
    if (!done) {
      add(reasons, fmt::format("{} (not cleaned: {})", rule->name(), done.error().message));
      continue;
    }
    cleaned.push_back(fmt::format("{}: {} pixels in {} frame(s)", rule->name(), done->pixels, done->frames));
  }
  const bool all_cleaned = clean && !matches.empty() && cleaned.size() == matches.size();

  PixelOutcome out;
  if (decoded && !cleaned.empty()) {  // else the compressed original is written, as it was read
    out.transfer_syntax = encode_cleaned_pixels(dataset, transfer_syntax);
    cleaned.back() += out.transfer_syntax == transfer_syntax
                          ? fmt::format(" (decoded from {} and encoded again)", original.getXferName())
                          : fmt::format(" (decoded from {}, written uncompressed)", original.getXferName());
  }
  out.cleaned = joined(cleaned);
  out.all_cleaned = all_cleaned;
  // Cleaning every rule's rectangles answers the other reasons too: the rules say where the text is.
  if (!all_cleaned) out.reason = joined(reasons);
  out.review = !out.reason.empty();
  return out;
}

}  // namespace ward::deid
