// Pixel filter rules in pydicom deid's recipe format: `%filter whitelist|graylist|blacklist`
// sections of `LABEL` rules that say, from header values alone, which images may show burned-in
// text (graylist: where, with `coordinates`; blacklist: somewhere) and which are known to be clean
// (whitelist). The built-in rules are deid's own (data/deid/dicom_pixel_filters.dicom); a user's
// file in the same format replaces them. dicom_pixel_review.h decides from the matches.
//
// A rule's lines are tests — `contains|notcontains|equals|notequals FIELD VALUE`,
// `missing|empty|present FIELD` — where FIELD is a DICOM keyword or 0xGGGGEEEE. A line starting
// with `+` is and-ed to the check before it, one starting with `||` or-ed, and a bare line starts
// a new check; the rule matches when any of its checks holds. Inside a line, `+ test` and
// `|| test` join further tests; lines and tests are read left to right, without precedence (as
// deid's documentation describes). `contains` is a case-insensitive regular expression search
// (RE2, so a user's pattern cannot run away; `CT|MR` is either), `equals` a case-insensitive comparison with the whole value or any one
// of its values. Only the top-level dataset is looked at (and the file meta header for group
// 0002). Thread-safe once parsed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

class DcmItem;
namespace re2 {
class RE2;
}

namespace ward::deid {

extern const std::string_view kDicomPixelFilters;  // data/deid/dicom_pixel_filters.dicom, embedded (generated)

enum class FilterList : std::uint8_t { whitelist, graylist, blacklist };
std::string_view to_string(FilterList list);

// Pixels in deid's convention: columns x0..x1-1 of rows y0..y1-1 (`coordinates x0,y0,x1,y1`;
// `ctpcoordinates x,y,w,h` is x,y,x+w,y+h); `all` is the whole image. A `keep` region
// (keepcoordinates) puts back what the regions before it would clean. `coordinates
// from:FIELD` reads its rectangles from each image: one per item of FIELD (a sequence, as
// SequenceOfUltrasoundRegions) holding Region Location Min X0, Min Y0, Max X1 and Max Y1
// (FilterRule::regions_in).
struct PixelRegion {
  std::int64_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool whole_image = false;
  bool keep = false;
  std::uint16_t from_group = 0, from_element = 0;  // from:FIELD's tag; 0, 0 for fixed coordinates
  bool from_field() const { return from_group != 0 || from_element != 0; }
};

struct FilterTest {
  enum class Kind : std::uint8_t { contains, notcontains, equals, notequals, missing, empty, present };
  Kind kind = Kind::present;
  std::uint16_t group = 0, element = 0;
  std::string value;
  std::shared_ptr<const re2::RE2> pattern;  // contains, notcontains; immutable, shared by copies
};

enum class FilterJoin : std::uint8_t { first, all, any };  // how a test or line joins what came before: -, +, ||

struct FilterLine {
  FilterJoin join = FilterJoin::first;
  std::vector<std::pair<FilterJoin, FilterTest>> tests;
};

struct FilterRule {
  FilterList list = FilterList::blacklist;
  std::string label;
  std::size_t line = 0;                     // of its LABEL
  std::vector<std::vector<FilterLine>> checks;  // any check; each a run of lines from a bare one
  std::vector<PixelRegion> regions;         // in file order

  bool matches(DcmItem& dataset, DcmItem* meta) const;
  // The rule's regions for this image, `from:` ones read from it. DICOM's Region Location Max is
  // the last pixel of the region, so its rectangle ends one past it. An error naming the field when
  // a `from:` region finds no item with the four Region Location values (nothing to blank or keep
  // by: the image is not cleaned).
  Result<std::vector<PixelRegion>> regions_in(DcmItem& dataset) const;
  std::string name() const;  // graylist "Philips IU22"
};

class PixelFilters {
 public:
  static const PixelFilters& builtin();  // deid's rules (tested: they parse)
  // `source` names the file in errors: "FILE:LINE: problem: \"the line\"".
  static Result<PixelFilters> parse(std::string_view text, std::string_view source);

  // The rules `dataset` matches, in file order; `meta` (may be null) answers for group 0002.
  std::vector<const FilterRule*> matching(DcmItem& dataset, DcmItem* meta) const;
  const std::vector<FilterRule>& rules() const { return rules_; }

 private:
  std::vector<FilterRule> rules_;
};

}  // namespace ward::deid
