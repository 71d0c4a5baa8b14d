#include "ingest/csv/roster_csv.h"

#include <fmt/format.h>

#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kRosterRowType = "roster row";

struct RosterColumns {
  std::size_t id, practitioner_id, name, first_name, last_name, role, department, address,
      birth_date, hire_date, termination_date;
};

RosterColumns locate(const CsvHeader& h) {
  return {h.find_any({"id", "employee_id", "emp_id", "user_id"}),
          h.find_any({"practitioner_id", "fhir_id"}),
          h.find_any({"name", "full_name"}),
          h.find("first_name"),
          h.find("last_name"),
          h.find_any({"role", "job_title", "title"}),
          h.find_any({"department", "dept", "unit"}),
          h.find("address"),
          h.find_any({"birth_date", "dob"}),
          h.find_any({"hire_date", "start_date"}),
          h.find_any({"termination_date", "term_date", "end_date"})};
}

bool has_timestamp_column(const CsvHeader& h) {
  for (std::size_t i = 0; i < h.size(); ++i) {
    const std::string key = column_key(h.name(i));
    if (key == "time" || key == "timestamp" || key == "datetime" || key.ends_with("_time") ||
        key.ends_with("_timestamp") || key.ends_with("_datetime"))
      return true;
  }
  return false;
}

bool read_number(std::string_view s, unsigned& out) {
  if (s.empty()) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  return true;
}

bool is_real_date(unsigned y, unsigned m, unsigned d) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Error row_error(std::string message, std::string field) {
  return Error{ErrorCode::invalid_input, std::move(message), {}, 0, 0, std::move(field)};
}

// Reads one data row into a WorkforceMember, or says which column is wrong.
Result<WorkforceMember> read_member(const CsvRow& row, const CsvHeader& h, const RosterColumns& at,
                                    const std::string& source) {
  if (row.fields.size() != h.size()) {
    return Unexpected(row_error(fmt::format("expected {} columns (as in the header), got {}",
                                            h.size(), row.fields.size()),
                                "columns"));
  }
  auto text = [&](std::size_t column) -> std::string {
    return column == kNoColumn ? std::string() : std::string(trim_blanks(row.fields[column]));
  };
  WorkforceMember m;
  m.employee_id = text(at.id);
  if (m.employee_id.empty()) return Unexpected(row_error("empty employee id", h.name(at.id)));
  const std::string practitioner = text(at.practitioner_id);
  m.id = practitioner.empty() ? m.employee_id : practitioner;
  m.name = text(at.name);
  if (m.name.empty()) {
    const std::string first = text(at.first_name), last = text(at.last_name);
    m.name = first.empty() || last.empty() ? first + last : first + " " + last;
  }
  m.role = text(at.role);
  m.department = text(at.department);
  m.address = text(at.address);
  const std::pair<std::size_t, std::string*> dates[] = {
      {at.birth_date, &m.birth_date},
      {at.hire_date, &m.hire_date},
      {at.termination_date, &m.termination_date}};
  for (const auto& [column, out] : dates) {
    auto date = normalise_roster_date(text(column));
    if (!date) return Unexpected(row_error(date.error().message, h.name(column)));
    *out = std::move(*date);
  }
  m.source = source;
  return m;
}

}  // namespace

Result<std::string> normalise_roster_date(std::string_view s) {
  s = trim_blanks(s);
  if (s.empty()) return std::string();
  unsigned y = 0, m = 0, d = 0;
  bool ok = false;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    ok = read_number(s.substr(0, 4), y) && read_number(s.substr(5, 2), m) &&
         read_number(s.substr(8, 2), d);
  } else if (s.size() == 8 && read_number(s, y)) {
    ok = read_number(s.substr(0, 4), y) && read_number(s.substr(4, 2), m) &&
         read_number(s.substr(6, 2), d);
  } else if (const std::size_t a = s.find('/'), b = s.find('/', a + 1);
             a != std::string_view::npos && b != std::string_view::npos && a >= 1 && a <= 2 &&
             b - a - 1 >= 1 && b - a - 1 <= 2 && s.size() - b - 1 == 4) {
    ok = read_number(s.substr(0, a), m) && read_number(s.substr(a + 1, b - a - 1), d) &&
         read_number(s.substr(b + 1), y);
  }
  if (!ok) return fail(ErrorCode::invalid_input, "not a date (expected YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD)");
  if (!is_real_date(y, m, d)) return fail(ErrorCode::invalid_input, "no such calendar date");
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

Result<void> parse_roster_csv(std::string_view data, ParseContext& ctx) {
  CsvReader reader(data, {sniff_delimiter(data), ctx.options().max_record_bytes});
  CsvRow row;
  auto first = reader.next(row);
  if (!first) {
    ctx.reject(kRosterRowType, first.error(), row.line, row.offset, row.raw);
    return ctx.flush();
  }
  if (!*first) {
    ctx.reject(kRosterRowType, row_error("no header row (the file is empty)", "header"), 1, 0, {});
    return ctx.flush();
  }
  const CsvHeader header(row.fields);
  const RosterColumns at = locate(header);
  if (at.id == kNoColumn) {
    ctx.reject(kRosterRowType,
               row_error("the header has no id column (id, employee_id, emp_id or user_id); "
                         "nothing was imported from this file",
                         "id"),
               row.line, row.offset, row.raw);
    return ctx.flush();
  }
  for (;;) {
    auto got = reader.next(row);
    if (!got) {
      ctx.reject(kRosterRowType, got.error(), row.line, row.offset, row.raw);
    } else if (!*got) {
      break;
    } else if (auto member = read_member(row, header, at, ctx.source()); !member) {
      ctx.reject(kRosterRowType, member.error(), row.line, row.offset, row.raw);
    } else {
      ctx.out().workforce.push_back(std::move(*member));
      ctx.accepted(kRosterRowType);
    }
    if (auto flushed = ctx.maybe_flush(); !flushed) return flushed;
  }
  return ctx.flush();
}

bool looks_like_roster_csv(std::string_view head) {
  CsvReader reader(head, {sniff_delimiter(head), head.size() + 1});
  CsvRow row;
  auto first = reader.next(row);
  if (!first || !*first) return false;
  const CsvHeader h(row.fields);
  const RosterColumns at = locate(h);
  const bool has_name =
      at.name != kNoColumn || (at.first_name != kNoColumn && at.last_name != kNoColumn);
  return at.id != kNoColumn && has_name &&
         (at.role != kNoColumn || at.department != kNoColumn) && !has_timestamp_column(h);
}

}  // namespace ward::ingest
