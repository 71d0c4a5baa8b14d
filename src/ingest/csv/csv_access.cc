#include "ingest/csv/csv_access.h"

#include <optional>

#include <fmt/format.h>

#include "core/time.h"
#include "ingest/csv/access_actions.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kRowType = "access-log row";

// Where each mapped field is in this file's header; kNoColumn when absent.
struct ColumnIndex {
  std::size_t time, user_id, user_name, role, department, patient_id, patient_mrn, action, object,
      workstation, ip, purpose, event_id;
};

ColumnIndex locate(const CsvHeader& header, const CsvAccessMapping& m) {
  auto at = [&](const std::string& name) { return name.empty() ? kNoColumn : header.find(name); };
  return {at(m.time),       at(m.user_id),     at(m.user_name), at(m.role),
          at(m.department), at(m.patient_id),  at(m.patient_mrn), at(m.action),
          at(m.object),     at(m.workstation), at(m.ip),        at(m.purpose),
          at(m.event_id)};
}

// Names the first required column the header lacks; nullopt when it has them all.
std::optional<std::string> missing_column(const ColumnIndex& at, const CsvAccessMapping& m) {
  auto name = [](const std::string& column, std::string_view key) {
    return column.empty() ? fmt::format("ingest.csv_access.columns.{} (not set)", key) : column;
  };
  if (at.time == kNoColumn) return name(m.time, "time");
  if (at.user_id == kNoColumn) return name(m.user_id, "user_id");
  if (at.patient_id == kNoColumn && at.patient_mrn == kNoColumn)
    return m.patient_id.empty() ? name(m.patient_mrn, "patient_mrn") : m.patient_id;
  return std::nullopt;
}

Error row_error(ErrorCode code, std::string message, std::string field) {
  return Error{code, std::move(message), {}, 0, 0, std::move(field)};
}

// Turns rows into events. Header names and the source are kept once per batch: after a flush
// the batch (and its arena) is empty and they are kept again.
class AccessRowReader {
 public:
  AccessRowReader(const CsvAccessMapping& m, const CsvHeader& header, const ColumnIndex& at,
                  const ActionTable& actions, const date::time_zone* zone, ParseContext& ctx)
      : m_(m), header_(header), at_(at), actions_(actions), zone_(zone), ctx_(ctx) {
    kept_names_.resize(header.size());
    values_.resize(header.size());
  }

  // Imports or rejects one row. Fails only when the time layout itself is unusable.
  Result<void> read(const CsvRow& row) {
    if (row.fields.size() != header_.size()) {
      return reject(row, row_error(ErrorCode::invalid_input,
                                   fmt::format("expected {} columns (as in the header), got {}",
                                               header_.size(), row.fields.size()),
                                   "columns"));
    }
    auto time = parse_time_with_format(trim_blanks(row.fields[at_.time]), m_.time_format, zone_);
    if (!time) {
      if (time.error().code == ErrorCode::config) {
        return fail(ErrorCode::config, "ingest.csv_access.time_format: " + time.error().message,
                    "ingest.csv_access.time_format");
      }
      return reject(row, row_error(ErrorCode::invalid_input, time.error().message,
                                   header_.name(at_.time)));
    }
    if (trim_blanks(row.fields[at_.user_id]).empty()) {
      return reject(row, row_error(ErrorCode::invalid_input, "empty user id",
                                   header_.name(at_.user_id)));
    }
    add_event(row, *time);
    ctx_.accepted(kRowType);
    return {};
  }

 private:
  Result<void> reject(const CsvRow& row, Error error) {
    ctx_.reject(kRowType, std::move(error), row.line, row.offset, row.raw);
    return {};
  }

  void keep_batch_strings(EventBatch& batch) {
    source_ = batch.keep(ctx_.source());
    for (std::size_t i = 0; i < header_.size(); ++i) kept_names_[i] = batch.keep(header_.name(i));
    kept_in_batch_ = true;
  }

  void add_event(const CsvRow& row, TimeNs time) {
    EventBatch& batch = ctx_.out().events;
    if (!kept_in_batch_ || batch.empty()) keep_batch_strings(batch);
    const bool keep_fields = ctx_.options().keep_fields;
    Event& e = batch.start_event();
    e.format = EventFormat::csv_access;
    if (keep_fields) {
      for (std::size_t i = 0; i < header_.size(); ++i) {
        values_[i] = batch.keep(row.fields[i]);
        batch.add_field_kept(kept_names_[i], values_[i]);
      }
    }
    auto value = [&](std::size_t column) -> std::string_view {
      if (column == kNoColumn) return {};
      return keep_fields ? trim_blanks(values_[column]) : batch.keep(trim_blanks(row.fields[column]));
    };
    e.id = value(at_.event_id);
    e.time = time;
    e.kind = EventKind::ehr_access;
    e.actor = {value(at_.user_id),    value(at_.user_name),   value(at_.role),
               value(at_.department), value(at_.workstation), value(at_.ip)};
    e.patient = {value(at_.patient_id), value(at_.patient_mrn)};
    e.object = value(at_.object);
    e.purpose = value(at_.purpose);
    e.source = source_;
    if (at_.action != kNoColumn) {
      const std::string_view text = value(at_.action);
      e.action = actions_.lookup(text);
      // Unknown vendor text stays readable in the flat view even without keep_fields.
      if (e.action == Action::unknown && !text.empty() && !keep_fields)
        batch.add_field_kept(kept_names_[at_.action], text);
    }
  }

  const CsvAccessMapping& m_;
  const CsvHeader& header_;
  const ColumnIndex& at_;
  const ActionTable& actions_;
  const date::time_zone* zone_;
  ParseContext& ctx_;
  bool kept_in_batch_ = false;
  std::string_view source_;
  std::vector<std::string_view> kept_names_;
  std::vector<std::string_view> values_;
};

}  // namespace

Result<void> parse_csv_access(std::string_view data, const CsvAccessMapping& mapping,
                              ParseContext& ctx) {
  auto actions = ActionTable::make(mapping.actions);
  if (!actions) return Unexpected(actions.error());
  const date::time_zone* zone = ctx.options().local_zone;
  if (!mapping.time_zone.empty()) {
    auto z = find_time_zone(mapping.time_zone);
    if (!z) return fail(ErrorCode::config, "ingest.csv_access.time_zone: " + z.error().message,
                        "ingest.csv_access.time_zone");
    zone = *z;
  }

  ctx.set_event_type(kRowType);
  CsvReader reader(data, {mapping.delimiter, ctx.options().max_record_bytes});
  CsvRow row;
  auto first = reader.next(row);
  if (!first) {
    ctx.reject(kRowType, first.error(), row.line, row.offset, row.raw);
    return ctx.flush();
  }
  if (!*first) {
    ctx.reject(kRowType, row_error(ErrorCode::invalid_input, "no header row (the file is empty)",
                                   "header"), 1, 0, {});
    return ctx.flush();
  }
  const CsvHeader header(row.fields);
  const ColumnIndex at = locate(header, mapping);
  if (auto missing = missing_column(at, mapping)) {
    ctx.reject(kRowType,
               row_error(ErrorCode::invalid_input,
                         fmt::format("the header has no column \"{}\"; nothing was imported from "
                                     "this file (check ingest.csv_access.columns)", *missing),
                         *missing),
               row.line, row.offset, row.raw);
    return ctx.flush();
  }

  AccessRowReader rows(mapping, header, at, *actions, zone, ctx);
  for (;;) {
    auto got = reader.next(row);
    if (!got) {
      ctx.reject(kRowType, got.error(), row.line, row.offset, row.raw);
    } else if (!*got) {
      break;
    } else if (auto ok = rows.read(row); !ok) {
      if (auto flushed = ctx.flush(); !flushed) return flushed;
      return ok;
    }
    if (auto flushed = ctx.maybe_flush(); !flushed) return flushed;
  }
  return ctx.flush();
}

bool looks_like_access_csv(std::string_view head, const CsvAccessMapping& mapping) {
  CsvReader reader(head, {mapping.delimiter, head.size() + 1});
  CsvRow row;
  auto first = reader.next(row);
  if (!first || !*first) return false;
  const CsvHeader header(row.fields);
  return !missing_column(locate(header, mapping), mapping).has_value();
}

}  // namespace ward::ingest
