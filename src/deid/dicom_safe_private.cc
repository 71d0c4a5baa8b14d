// The Safe Private Attributes table (dicom_safe_private.h).
#include "deid/dicom_safe_private.h"

#include <charconv>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>

#include "core/blanks.h"

namespace ward::deid {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

bool parse_hex(std::string_view text, std::uint32_t& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Result<SafePrivateTable> SafePrivateTable::parse(std::string_view tsv, std::string_view source) {
  SafePrivateTable table;
  bool header = true;
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < tsv.size();) {
    const std::size_t nl = tsv.find('\n', start);
    std::string_view line = tsv.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? tsv.size() : nl + 1;
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (trim_blanks(line).empty() || line.starts_with('#')) continue;
    if (header) { header = false; continue; }
    const auto bad = [&](std::string_view what) {
      return Unexpected(Error{ErrorCode::invalid_input, fmt::format("{}: \"{}\"", what, line), std::string(source), line_no});
    };
    const std::vector<std::string_view> cells = split_tabs(line);
    if (cells.size() != 5) return bad("expected 5 tab-separated cells (creator, group, element, vr, name)");
    std::uint32_t group = 0, element = 0;
    if (!parse_hex(cells[1], group) || group > 0xffff || (group & 1) == 0) return bad("the group is not an odd gggg");
    if (cells[2].size() != 4 || (cells[2][0] != 'x' && cells[2][0] != 'X') || (cells[2][1] != 'x' && cells[2][1] != 'X') ||
        !parse_hex(cells[2].substr(2), element))
      return bad("the element is not xxEE");
    if (trim_blanks(cells[0]).empty()) return bad("no private creator");
    table.rows_.emplace(std::string(trim_blanks(cells[0])), static_cast<std::uint16_t>(group), static_cast<std::uint8_t>(element));
  }
  return table;
}

const SafePrivateTable& SafePrivateTable::annex_e() {
  static const SafePrivateTable table = [] {
    auto parsed = parse(kDicomSafePrivateAttributes, "data/deid/dicom_safe_private_attributes.tsv");
    return parsed ? std::move(*parsed) : SafePrivateTable{};  // tested: it parses
  }();
  return table;
}

bool SafePrivateTable::is_safe(std::string_view creator, std::uint16_t group, std::uint8_t element) const {
  return rows_.count(std::make_tuple(std::string(trim_blanks(creator)), group, element)) > 0;
}

std::string private_creator_of(DcmItem& item, std::uint16_t group, std::uint16_t element) {
  const std::uint16_t block = element >> 8;
  if (block < 0x10) return "";  // (gggg,0000-0FFF): no block of its own
  OFString creator;
  if (item.findAndGetOFString(DcmTagKey(group, block), creator).bad()) return "";
  return std::string(trim_blanks(std::string_view(creator.c_str(), creator.size())));
}

}  // namespace ward::deid
