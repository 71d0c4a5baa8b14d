// Predictions CSV for bias testing (predictions_csv.h).
#include "ai_governance/predictions_csv.h"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/blanks.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::ai_governance {
namespace {

bool parse_number(std::string_view text, double& out) {
  text = trim_blanks(text);
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(out);
}

Error row_error(std::string_view source, std::uint64_t line, std::string field, std::string message) {
  Error e{ErrorCode::invalid_input, std::move(message), std::string(source), line, 0, std::move(field)};
  return e;
}

}  // namespace

Result<PredictionTable> read_predictions(std::string_view text, const PredictionColumns& columns,
                                         std::string_view source) {
  ingest::CsvReader reader(text);
  ingest::CsvRow row;
  auto first = reader.next(row);
  if (!first) {
    Error e = first.error();
    e.source = std::string(source);
    return Unexpected(e);
  }
  if (!*first) return Unexpected(Error{ErrorCode::invalid_input, "the file is empty: expected a header row", std::string(source)});
  const ingest::CsvHeader header(row.fields);
  std::string present;
  for (std::size_t i = 0; i < header.size(); ++i) present += (i ? ", " : "") + header.name(i);

  auto find = [&](const std::string& name, std::string_view role) -> Result<std::size_t> {
    const std::size_t at = header.find(name);
    if (at == ingest::kNoColumn) {
      return Unexpected(Error{ErrorCode::invalid_input,
                              fmt::format("no {} column '{}'; the columns are: {}", role, name, present),
                              std::string(source), 1, 0, name});
    }
    return at;
  };
  auto label_at = find(columns.label, "label");
  if (!label_at) return Unexpected(label_at.error());
  auto score_at = find(columns.score, "score");
  if (!score_at) return Unexpected(score_at.error());
  if (columns.groups.empty()) return Unexpected(Error{ErrorCode::invalid_input, "name at least one group column (--group)", std::string(source)});
  std::vector<std::size_t> group_at;
  for (const std::string& g : columns.groups) {
    auto at = find(g, "group");
    if (!at) return Unexpected(at.error());
    group_at.push_back(*at);
  }

  PredictionTable table;
  std::unordered_map<std::string, std::size_t> group_index;
  auto skip = [&](Error e, const std::string& reason) {
    table.rejected.push_back(std::move(e));
    ++table.skipped_by_reason[reason];
  };
  std::string key;
  while (true) {
    auto more = reader.next(row);
    if (!more) {
      ++table.rows_read;
      Error e = more.error();
      e.source = std::string(source);
      const bool rest_lost = e.code == ErrorCode::invalid_input;  // an unclosed quote ate the rest
      skip(std::move(e), "unreadable row");
      if (rest_lost) break;
      continue;
    }
    if (!*more) break;
    ++table.rows_read;
    if (row.fields.size() != header.size()) {
      skip(row_error(source, row.line, "", fmt::format("{} fields where the header has {}", row.fields.size(), header.size())),
           "wrong number of fields");
      continue;
    }
    Prediction p;
    double label = 0;
    if (!parse_number(row.fields[*label_at], label) || (label != 0 && label != 1)) {
      skip(row_error(source, row.line, header.name(*label_at), "the label is not 0 or 1"), "label not 0/1");
      continue;
    }
    p.label = label == 1 ? 1 : 0;
    if (!parse_number(row.fields[*score_at], p.score)) {
      skip(row_error(source, row.line, header.name(*score_at), "the score is not a number"), "score not a number");
      continue;
    }
    key.clear();
    for (std::size_t i = 0; i < group_at.size(); ++i) {
      std::string_view v = trim_blanks(row.fields[group_at[i]]);
      if (i) key += " / ";
      key += v.empty() ? std::string_view("(blank)") : v;
    }
    auto [it, added] = group_index.try_emplace(key, table.group_names.size());
    if (added) table.group_names.push_back(key);
    p.group = it->second;
    table.rows.push_back(p);
  }
  return table;
}

}  // namespace ward::ai_governance
