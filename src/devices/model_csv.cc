// Device model profiles from CSV (model_csv.h).
#include "devices/model_csv.h"

#include <array>
#include <map>

#include <fmt/format.h>

#include "devices/csv_rows.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::devices {
namespace {

struct TextColumn {
  std::string_view name;
  std::string ModelProfile::*member;
};

constexpr std::size_t kTextColumns = 8;
const std::array<TextColumn, kTextColumns>& text_columns() {
  static const std::array<TextColumn, kTextColumns> columns = {{
      {"manufacturer", &ModelProfile::manufacturer}, {"model", &ModelProfile::model},
      {"contact_name", &ModelProfile::contact_name}, {"contact_email", &ModelProfile::contact_email},
      {"contact_phone", &ModelProfile::contact_phone}, {"psirt_url", &ModelProfile::psirt_url},
      {"end_of_support", &ModelProfile::end_of_support}, {"notes", &ModelProfile::notes},
  }};
  return columns;
}

}  // namespace

Result<ModelCsvRead> read_model_csv(std::string_view text, const VendorAliases& aliases, std::string_view source) {
  ingest::CsvReader reader(text, ingest::CsvOptions{.delimiter = ingest::sniff_delimiter(text)});
  ingest::CsvRow row;
  auto has_header = reader.next(row);
  if (!has_header) return Unexpected(has_header.error());
  if (!*has_header) return Unexpected(Error{ErrorCode::invalid_input, "the model list is empty (no header row)", std::string(source)});
  const ingest::CsvHeader header(row.fields);
  std::vector<bool> used(header.size(), false);
  auto column_of = [&](std::string_view name) {
    const std::size_t c = header.find(name);
    if (c != ingest::kNoColumn) used[c] = true;
    return c;
  };
  std::array<std::size_t, kTextColumns> text_at{};
  for (std::size_t i = 0; i < kTextColumns; ++i) text_at[i] = column_of(text_columns()[i].name);
  std::array<std::size_t, kMds2Questions> mds2_at{};
  for (std::size_t i = 0; i < kMds2Questions; ++i) mds2_at[i] = column_of(mds2_questions()[i].id);
  for (std::size_t required : {0u, 1u}) {
    if (text_at[required] == ingest::kNoColumn) {
      return Unexpected(Error{ErrorCode::invalid_input, fmt::format("no {} column in the header", text_columns()[required].name),
                              std::string(source), 1, 0, std::string(text_columns()[required].name)});
    }
  }
  ModelCsvRead out;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (!used[c] && !header.name(c).empty()) out.ignored_columns.push_back(header.name(c));
  }
  std::map<ModelKey, std::size_t> by_key;
  auto cell = [&](std::size_t column) {
    return column == ingest::kNoColumn || column >= row.fields.size() ? std::string() : std::string(ingest::trim_blanks(row.fields[column]));
  };
  while (next_csv_row(reader, row, source, out.quarantined)) {
    ++out.rows;
    ModelProfile p;
    for (std::size_t i = 0; i < kTextColumns; ++i) p.*text_columns()[i].member = cell(text_at[i]);
    for (std::size_t i = 0; i < kMds2Questions; ++i) {
      if (std::string answer = cell(mds2_at[i]); !answer.empty()) p.mds2[std::string(mds2_questions()[i].id)] = std::move(answer);
    }
    auto checked = checked_profile(std::move(p));
    if (!checked) {
      Error e = checked.error();
      e.source = std::string(source);
      e.line = row.line;
      e.offset = row.offset;
      out.quarantined.push_back(std::move(e));
      continue;
    }
    const ModelKey key = model_key(aliases, checked->manufacturer, checked->model);
    if (const auto it = by_key.find(key); it != by_key.end()) {
      out.profiles[it->second] = std::move(*checked);
      continue;
    }
    by_key.emplace(key, out.profiles.size());
    out.profiles.push_back(std::move(*checked));
  }
  return out;
}

}  // namespace ward::devices
