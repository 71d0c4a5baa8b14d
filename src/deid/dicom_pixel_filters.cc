// pydicom deid's filter rules: parsing and matching (dicom_pixel_filters.h).
#include "deid/dicom_pixel_filters.h"

#include <array>
#include <charconv>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>
#include <re2/re2.h>

#include "core/ascii_case.h"
#include "core/blanks.h"

namespace ward::deid {
namespace {

constexpr std::array<std::pair<std::string_view, FilterTest::Kind>, 7> kTests = {{
    {"contains", FilterTest::Kind::contains},
    {"notcontains", FilterTest::Kind::notcontains},
    {"equals", FilterTest::Kind::equals},
    {"notequals", FilterTest::Kind::notequals},
    {"missing", FilterTest::Kind::missing},
    {"empty", FilterTest::Kind::empty},
    {"present", FilterTest::Kind::present},
}};

std::string_view first_word(std::string_view s) { return s.substr(0, s.find_first_of(" \t")); }

const FilterTest::Kind* test_kind(std::string_view word) {
  const std::string w = ascii_lower(word);
  for (const auto& [name, kind] : kTests)
    if (name == w) return &kind;
  return nullptr;
}

// Where a line's next joined test starts: a `+` or `||` followed by a test word; npos if none.
// Other `+` and `|` are part of a value ("SOMATOM Definition AS+", "CT|MR").
std::size_t next_join(std::string_view line, std::size_t from, std::size_t& width) {
  for (std::size_t i = from; i < line.size(); ++i) {
    width = line[i] == '+' ? 1 : line.substr(i, 2) == "||" ? 2 : 0;
    if (width == 0) continue;
    if (test_kind(first_word(trim_blanks(line.substr(i + width))))) return i;
    i += width - 1;
  }
  return std::string_view::npos;
}

class Parser {
 public:
  Parser(std::string_view source) : source_(source) {}

  Unexpected error(std::string_view problem) const {
    return Unexpected(Error{ErrorCode::invalid_input, fmt::format("{}: \"{}\"", problem, line_), std::string(source_), line_no_});
  }

  Result<void> parse(std::string_view text, std::vector<FilterRule>& rules) {
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t nl = text.find('\n', start);
      std::string_view raw = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (raw.ends_with('\r')) raw.remove_suffix(1);
      line_ = trim_blanks(raw);
      start = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line_no_;
      if (line_.empty() || line_.starts_with('#')) continue;
      if (auto ok = parse_line(rules); !ok) return ok;
    }
    return {};
  }

 private:
  Result<void> parse_line(std::vector<FilterRule>& rules) {
    const std::string word = ascii_lower(first_word(line_));
    if (word == "format") {
      if (ascii_lower(trim_blanks(line_.substr(6))) != "dicom") return error("only FORMAT dicom is read");
      return {};
    }
    if (line_.starts_with('%')) return section();
    if (!in_filter_) {
      if (section_.empty()) return error("expected FORMAT dicom or a %filter section");
      return {};  // %header and the other sections: Ward applies PS3.15 Annex E instead
    }
    if (word == "label") {
      FilterRule rule;
      rule.list = list_;
      rule.label = std::string(trim_blanks(line_.substr(5, line_.find('#') == std::string_view::npos ? std::string_view::npos
                                                                                                : line_.find('#') - 5)));
      rule.line = line_no_;
      rules.push_back(std::move(rule));
      return {};
    }
    if (rules.empty() || rules.back().list != list_ || rules.back().line < section_line_)
      return error("a test or coordinates before the first LABEL of the section");
    FilterRule& rule = rules.back();
    for (std::string_view c : {"ctpkeepcoordinates", "ctpcoordinates", "keepcoordinates", "coordinates"})
      if (word == c) return coordinates(rule, c);
    return test_line(rule);
  }

  Result<void> section() {
    const std::string_view rest = trim_blanks(line_.substr(1, line_.find('#') == std::string_view::npos ? std::string_view::npos
                                                                                                 : line_.find('#') - 1));
    section_ = ascii_lower(first_word(rest));
    in_filter_ = section_ == "filter";
    section_line_ = line_no_;
    if (!in_filter_) {
      if (section_ != "header" && section_ != "values" && section_ != "fields") return error("unknown section");
      return {};
    }
    const std::string name = ascii_lower(trim_blanks(rest.substr(first_word(rest).size())));
    if (name == "whitelist") list_ = FilterList::whitelist;
    else if (name == "graylist" || name == "greylist") list_ = FilterList::graylist;
    else if (name == "blacklist") list_ = FilterList::blacklist;
    else return error("a %filter section is whitelist, graylist or blacklist");
    return {};
  }

  Result<void> coordinates(FilterRule& rule, std::string_view kind) {
    const std::string_view value = trim_blanks(line_.substr(kind.size()));
    PixelRegion r;
    r.keep = kind.find("keep") != std::string_view::npos;
    if (ascii_lower(value) == "all") {
      r.whole_image = true;
    } else if (value.starts_with("from:")) {
      const std::string_view field = trim_blanks(value.substr(5));
      if (field.empty()) return error("from: needs a field (from:SequenceOfUltrasoundRegions)");
      auto tag = tag_of(field);
      if (!tag) return Unexpected(tag.error());
      r.from_group = tag->getGroup();
      r.from_element = tag->getElement();
    } else {
      std::array<std::int64_t, 4> n{};
      std::size_t count = 0, pos = 0;
      while (pos <= value.size()) {
        const std::size_t comma = value.find(',', pos);
        const std::string_view cell = trim_blanks(value.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
        if (count == 4 || cell.empty()) return error("coordinates are four whole numbers, or all");
        const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n[count]);
        if (ec != std::errc() || end != cell.data() + cell.size() || n[count] < 0)
          return error("coordinates are four whole numbers, or all");
        ++count;
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
      }
      if (count != 4) return error("coordinates are four whole numbers, or all");
      const bool ctp = kind.starts_with("ctp");
      r.x0 = n[0];
      r.y0 = n[1];
      r.x1 = ctp ? n[0] + n[2] : n[2];
      r.y1 = ctp ? n[1] + n[3] : n[3];
    }
    rule.regions.push_back(r);
    return {};
  }

  Result<void> test_line(FilterRule& rule) {
    FilterLine line;
    std::string_view rest = line_;
    if (rest.starts_with("+")) { line.join = FilterJoin::all; rest.remove_prefix(1); }
    else if (rest.starts_with("||")) { line.join = FilterJoin::any; rest.remove_prefix(2); }
    rest = trim_blanks(rest);
    FilterJoin join = FilterJoin::first;
    while (true) {
      std::size_t width = 0;
      const std::size_t at = next_join(rest, 0, width);
      auto test = parse_test(trim_blanks(rest.substr(0, at)));
      if (!test) return Unexpected(test.error());
      line.tests.emplace_back(join, std::move(*test));
      if (at == std::string_view::npos) break;
      join = width == 1 ? FilterJoin::all : FilterJoin::any;
      rest = trim_blanks(rest.substr(at + width));
    }
    // A bare line starts a new check; the first line of a rule always does.
    if (line.join == FilterJoin::first || rule.checks.empty()) {
      line.join = FilterJoin::first;
      rule.checks.emplace_back();
    }
    rule.checks.back().push_back(std::move(line));
    return {};
  }

  Result<FilterTest> parse_test(std::string_view text) {
    const std::string_view action = first_word(text);
    const FilterTest::Kind* kind = test_kind(action);
    if (!kind) return error(fmt::format("\"{}\" is not a test (contains, notcontains, equals, notequals, missing, empty, present)", action));
    FilterTest test;
    test.kind = *kind;
    const std::string_view args = trim_blanks(text.substr(action.size()));
    const std::string_view field = first_word(args);
    const bool takes_value = *kind == FilterTest::Kind::contains || *kind == FilterTest::Kind::notcontains ||
                             *kind == FilterTest::Kind::equals || *kind == FilterTest::Kind::notequals;
    if (field.empty()) return error(fmt::format("{} needs a field", action));
    test.value = std::string(trim_blanks(args.substr(field.size())));
    if (takes_value && test.value.empty()) return error(fmt::format("{} needs a field and a value", action));
    if (!takes_value && !test.value.empty()) return error(fmt::format("{} takes a field only", action));
    auto tag = tag_of(field);
    if (!tag) return Unexpected(tag.error());
    test.group = tag->getGroup();
    test.element = tag->getElement();
    if (*kind == FilterTest::Kind::contains || *kind == FilterTest::Kind::notcontains) {
      re2::RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(false);
      options.set_encoding(re2::RE2::Options::EncodingLatin1);  // bytes: values are in the file's character set
      auto pattern = std::make_shared<const re2::RE2>(test.value, options);
      if (!pattern->ok()) return error(fmt::format("\"{}\" is not a regular expression ({})", test.value, pattern->error()));
      test.pattern = std::move(pattern);
    }
    return test;
  }

  // A field: a keyword of DCMTK's dictionary (Modality) or a tag 0xGGGGEEEE.
  Result<DcmTagKey> tag_of(std::string_view field) {
    if (field.starts_with("0x") && field.size() == 10) {
      std::uint32_t tag = 0;
      const auto [end, ec] = std::from_chars(field.data() + 2, field.data() + field.size(), tag, 16);
      if (ec != std::errc() || end != field.data() + field.size()) return error(fmt::format("\"{}\" is not a tag 0xGGGGEEEE", field));
      return DcmTagKey(static_cast<Uint16>(tag >> 16), static_cast<Uint16>(tag & 0xffff));
    }
    DcmTag tag;
    if (DcmTag::findTagFromName(std::string(field).c_str(), tag).bad())
      return error(fmt::format("\"{}\" is not a DICOM keyword", field));
    return DcmTagKey(tag.getGTag(), tag.getETag());
  }

  std::string_view source_;
  std::string_view line_;
  std::size_t line_no_ = 0;
  std::string section_;
  bool in_filter_ = false;
  std::size_t section_line_ = 0;
  FilterList list_ = FilterList::blacklist;
};

// The attribute a test looks at: nullptr when absent.
DcmElement* attribute(DcmItem& dataset, DcmItem* meta, std::uint16_t group, std::uint16_t element) {
  DcmItem* where = group == 0x0002 ? meta : &dataset;
  DcmElement* el = nullptr;
  if (where == nullptr || where->findAndGetElement(DcmTagKey(group, element), el, OFFalse).bad()) return nullptr;
  return el;
}

bool passes(const FilterTest& t, DcmItem& dataset, DcmItem* meta) {
  DcmElement* el = attribute(dataset, meta, t.group, t.element);
  std::string text;
  if (el != nullptr && el->ident() != EVR_SQ) {
    OFString v;
    if (el->getOFStringArray(v).good()) text = std::string(trim_blanks(std::string_view(v.c_str(), v.size())));
  }
  const auto equal = [&] {
    if (el == nullptr || el->ident() == EVR_SQ) return false;
    if (ascii_iequals(text, trim_blanks(t.value))) return true;
    for (std::size_t start = 0; start <= text.size();) {  // or any one of its values
      const std::size_t sep = text.find('\\', start);
      if (ascii_iequals(trim_blanks(std::string_view(text).substr(start, sep == std::string::npos ? std::string::npos : sep - start)), trim_blanks(t.value)))
        return true;
      if (sep == std::string::npos) break;
      start = sep + 1;
    }
    return false;
  };
  const auto contains = [&] { return el != nullptr && el->ident() != EVR_SQ && re2::RE2::PartialMatch(text, *t.pattern); };
  switch (t.kind) {
    case FilterTest::Kind::contains: return contains();
    case FilterTest::Kind::notcontains: return !contains();
    case FilterTest::Kind::equals: return equal();
    case FilterTest::Kind::notequals: return !equal();
    case FilterTest::Kind::missing: return el == nullptr;
    case FilterTest::Kind::present: return el != nullptr;
    case FilterTest::Kind::empty: return el != nullptr && (el->ident() == EVR_SQ ? el->isEmpty() : text.empty());
  }
  return false;
}

bool fold(bool so_far, FilterJoin join, bool next) {
  switch (join) {
    case FilterJoin::first: return next;
    case FilterJoin::all: return so_far && next;
    case FilterJoin::any: return so_far || next;
  }
  return next;
}

}  // namespace

std::string_view to_string(FilterList list) {
  switch (list) {
    case FilterList::whitelist: return "whitelist";
    case FilterList::graylist: return "graylist";
    case FilterList::blacklist: return "blacklist";
  }
  return "?";
}

bool FilterRule::matches(DcmItem& dataset, DcmItem* meta) const {
  if (checks.empty()) return !regions.empty();  // deid: coordinates without tests always apply
  for (const std::vector<FilterLine>& check : checks) {
    bool holds = false;
    for (const FilterLine& line : check) {
      bool line_holds = false;
      for (const auto& [join, test] : line.tests) line_holds = fold(line_holds, join, passes(test, dataset, meta));
      holds = fold(holds, line.join, line_holds);
    }
    if (holds) return true;
  }
  return false;
}

Result<std::vector<PixelRegion>> FilterRule::regions_in(DcmItem& dataset) const {
  std::vector<PixelRegion> out;
  for (const PixelRegion& r : regions) {
    if (!r.from_field()) {
      out.push_back(r);
      continue;
    }
    const DcmTagKey field(r.from_group, r.from_element);
    std::size_t found = 0;
    DcmItem* item = nullptr;
    for (signed long i = 0; dataset.findAndGetSequenceItem(field, item, i, OFFalse).good() && item != nullptr; ++i) {
      Uint32 x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      if (item->findAndGetUint32(DCM_RegionLocationMinX0, x0).bad() || item->findAndGetUint32(DCM_RegionLocationMinY0, y0).bad() ||
          item->findAndGetUint32(DCM_RegionLocationMaxX1, x1).bad() || item->findAndGetUint32(DCM_RegionLocationMaxY1, y1).bad())
        continue;
      PixelRegion read = r;
      read.from_group = read.from_element = 0;
      read.x0 = x0;
      read.y0 = y0;
      read.x1 = static_cast<std::int64_t>(x1) + 1;  // Max is the region's last pixel
      read.y1 = static_cast<std::int64_t>(y1) + 1;
      out.push_back(read);
      ++found;
    }
    if (found == 0)
      return fail(ErrorCode::unsupported, fmt::format("no item of {} with the four Region Location values to read coordinates from",
                                                      DcmTag(field).getTagName()));
  }
  return out;
}

std::string FilterRule::name() const { return fmt::format("{} \"{}\"", to_string(list), label); }

Result<PixelFilters> PixelFilters::parse(std::string_view text, std::string_view source) {
  PixelFilters filters;
  Parser parser(source);
  if (auto ok = parser.parse(text, filters.rules_); !ok) return Unexpected(ok.error());
  return filters;
}

const PixelFilters& PixelFilters::builtin() {
  static const PixelFilters filters = [] {
    auto parsed = parse(kDicomPixelFilters, "data/deid/dicom_pixel_filters.dicom");
    return parsed ? std::move(*parsed) : PixelFilters{};  // tested: it parses
  }();
  return filters;
}

std::vector<const FilterRule*> PixelFilters::matching(DcmItem& dataset, DcmItem* meta) const {
  std::vector<const FilterRule*> out;
  for (const FilterRule& rule : rules_)
    if (rule.matches(dataset, meta)) out.push_back(&rule);
  return out;
}

}  // namespace ward::deid
