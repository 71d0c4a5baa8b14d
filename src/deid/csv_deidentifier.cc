// CSV de-identification (csv_deidentifier.h), read with ingest's CsvReader.
#include "deid/csv_deidentifier.h"

#include <fmt/format.h>

#include "core/csv_field.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"
#include "phi/formats/csv_phi_scan.h"
#include "phi/formats/field_scanner.h"

namespace ward::deid {
namespace {

Error row_error(std::string message, std::uint64_t number, const ingest::CsvRow& row) {
  return Error{ErrorCode::invalid_input, fmt::format("row {}: {}, so the file is not de-identified", number, message), {},
               row.line, row.offset, {}};
}

}  // namespace

FieldRule csv_column_rule(const Policy& policy, std::string_view column_name) {
  const std::string key = ingest::column_key(column_name);
  for (const FieldRule& rule : policy.csv_columns)
    if (ingest::column_key(rule.selector) == key) return rule;
  if (auto type = phi::column_phi_type(column_name)) return FieldRule{std::string(column_name), FieldRule::Kind::phi, *type};
  return FieldRule{std::string(column_name), FieldRule::Kind::free_text};
}

Result<Deidentified> deidentify_csv(std::string_view data, TextDeidentifier& deid, phi::ScanScratch& scratch,
                                    std::string_view file) {
  Deidentified out;
  const char delimiter = ingest::sniff_delimiter(data.substr(0, 64 * 1024));
  ingest::CsvReader reader(data, ingest::CsvOptions{.delimiter = delimiter});
  ingest::CsvRow row;
  auto first = reader.next(row);
  if (!first) return Unexpected(first.error());
  if (!*first) return Deidentified{std::string(data), {}};  // blank: nothing to change
  const ingest::CsvHeader header(row.fields);
  std::vector<FieldRule> rules;
  std::vector<std::optional<phi::PhiType>> types;  // PHI columns, for the row's known values
  for (std::size_t c = 0; c < header.size(); ++c) {
    rules.push_back(csv_column_rule(deid.policy(), header.name(c)));
    types.push_back(rules.back().kind == FieldRule::Kind::phi ? std::optional(rules.back().type) : std::nullopt);
  }
  auto first_column = [&](phi::PhiType type) {
    for (std::size_t c = 0; c < types.size(); ++c)
      if (types[c] == type) return c;
    return ingest::kNoColumn;
  };
  const std::size_t record_column =
      first_column(phi::PhiType::mrn) != ingest::kNoColumn ? first_column(phi::PhiType::mrn) : first_column(phi::PhiType::name);

  out.text.reserve(data.size());
  std::size_t copied = 0;  // data before this offset is in out.text (the header row among it)
  std::vector<phi::KnownValue> known;
  std::string written;
  for (std::uint64_t number = 1;; ++number) {
    auto more = reader.next(row);
    if (!more) return Unexpected(row_error(more.error().message, number, row));
    if (!*more) break;
    if (row.fields.size() != header.size())
      return Unexpected(row_error(fmt::format("{} fields, the header has {}", row.fields.size(), header.size()), number, row));
    const std::string record = record_column != ingest::kNoColumn && !phi::trim_whitespace(row.fields[record_column]).empty()
                                   ? std::string(phi::trim_whitespace(row.fields[record_column]))
                                   : std::string(file);
    known.clear();
    phi::add_csv_known_values(types, row.fields, known);
    written.clear();
    bool changed = false;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c > 0) written += delimiter;
      const std::string_view cell = row.fields[c];
      const std::string_view value = phi::trim_whitespace(cell);
      std::string replacement(cell);
      if (rules[c].kind == FieldRule::Kind::phi && !value.empty()) {
        auto r = deid.replace(rules[c].type, value, record);
        if (!r) return Unexpected(r.error());
        if (*r != value) {
          replacement = *r;
          ++out.changed.by_type[static_cast<std::size_t>(rules[c].type)];
        }
      } else if (rules[c].kind == FieldRule::Kind::free_text) {
        auto r = deid.deidentify(cell, scratch, record, known);
        if (!r) return Unexpected(r.error());
        if (r->changed.total() > 0) replacement = std::move(r->text);
        out.changed += r->changed;
      }
      changed = changed || replacement != cell;
      append_csv_field(written, replacement, delimiter);
    }
    if (!changed) continue;  // the row's bytes stay as they were
    out.text.append(data.substr(copied, row.offset - copied));
    out.text += written;
    copied = row.offset + row.raw.size();
  }
  out.text.append(data.substr(copied));
  return out;
}

}  // namespace ward::deid
