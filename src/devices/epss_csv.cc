// FIRST EPSS CSV (epss_csv.h).
#include "devices/epss_csv.h"

#include <charconv>

#include <fmt/format.h>

#include "ingest/csv/csv_reader.h"

namespace ward::devices {
namespace {

std::optional<double> probability(std::string_view text) {
  text = ingest::trim_blanks(text);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0 || v > 1) return std::nullopt;
  return v;
}

}  // namespace

Result<std::map<std::string, EpssScore>> parse_epss_csv(std::string_view text, std::string_view source) {
  const auto bad = [&](std::uint64_t line, std::string_view field, std::string message) {
    Error e{ErrorCode::invalid_input, std::move(message), std::string(source), line, 0, std::string(field)};
    return Unexpected(std::move(e));
  };
  std::string score_date;
  std::uint64_t skipped_lines = 0;
  if (text.starts_with("#")) {
    const auto eol = text.find('\n');
    const std::string_view comment = text.substr(0, eol);
    if (const auto at = comment.find("score_date:"); at != std::string_view::npos) {
      score_date = std::string(comment.substr(at + 11, 10));
    }
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    skipped_lines = 1;
  }
  ingest::CsvReader reader(text);
  ingest::CsvRow row;
  std::map<std::string, EpssScore> out;
  bool header = true;
  while (true) {
    auto more = reader.next(row);
    if (!more) return bad(row.line + skipped_lines, "", more.error().message);
    if (!*more) break;
    const std::uint64_t line = row.line + skipped_lines;
    if (header) {
      if (row.fields.size() < 3 || row.fields[0] != "cve" || row.fields[1] != "epss" || row.fields[2] != "percentile") {
        return bad(line, "", "expected the header cve,epss,percentile (FIRST's EPSS CSV)");
      }
      header = false;
      continue;
    }
    if (row.fields.size() < 3) return bad(line, "", "expected cve,epss,percentile");
    const auto epss = probability(row.fields[1]);
    if (!epss) return bad(line, "epss", fmt::format("\"{}\" is not a number 0–1", row.fields[1]));
    const auto percentile = probability(row.fields[2]);
    if (!percentile) return bad(line, "percentile", fmt::format("\"{}\" is not a number 0–1", row.fields[2]));
    out[std::string(ingest::trim_blanks(row.fields[0]))] = {*epss, *percentile, score_date};
  }
  if (header) return bad(1, "", "empty: expected the header cve,epss,percentile");
  return out;
}

}  // namespace ward::devices
