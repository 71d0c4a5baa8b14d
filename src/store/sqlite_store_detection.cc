// SqliteStore's side of live detection (migration 0009): the source fields kept beside each
// event until the detection monitor has read them, the events after a seq with those fields,
// and how far the monitor has got.
#include <charconv>
#include <functional>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace ward::store {
namespace {

// How the fields are written: since 2026-11-30 a first byte kCompact, then per field the
// name's id in `strings` and the value's length as varints and the value's bytes — an event's
// names (the same two dozen on every Zeek dns event) cost a byte or two each instead of their
// text (docs/benchmarks.md, "Source fields kept by ward import"). Before, each name and value as
// <decimal length>:<bytes>: a store may still hold such fields (they start with a digit).
constexpr char kCompact = '\x01';

void append_varint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

// The next varint of `in`, consumed; nullopt when `in` ends inside one.
std::optional<std::uint64_t> next_varint(std::string_view& in) {
  std::uint64_t n = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return n;
  }
  return std::nullopt;
}

// The next string of `in` in the encoding before kCompact, consumed; nullopt when `in` is not
// in that encoding.
std::optional<std::string_view> next_string(std::string_view& in) {
  const auto colon = in.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::size_t size = 0;
  const auto [end, ec] = std::from_chars(in.data(), in.data() + colon, size);
  if (ec != std::errc() || end != in.data() + colon || size > in.size() - colon - 1) return std::nullopt;
  const std::string_view s = in.substr(colon + 1, size);
  in.remove_prefix(colon + 1 + size);
  return s;
}

using NameOf = std::function<Result<std::string>(std::int64_t id)>;

Result<std::vector<std::pair<std::string, std::string>>> decode_fields(std::string_view in, std::int64_t seq,
                                                                      const NameOf& name_of) {
  std::vector<std::pair<std::string, std::string>> fields;
  const auto damaged = [&] {
    return fail(ErrorCode::internal, fmt::format("the source fields kept for event {} are damaged", seq));
  };
  if (in.starts_with(kCompact)) {
    in.remove_prefix(1);
    while (!in.empty()) {
      const auto name_id = next_varint(in);
      const auto size = name_id ? next_varint(in) : std::nullopt;
      if (!size || *size > in.size()) return damaged();
      auto name = name_of(static_cast<std::int64_t>(*name_id));
      if (!name) return Unexpected(name.error());
      fields.emplace_back(std::move(*name), std::string(in.substr(0, *size)));
      in.remove_prefix(*size);
    }
    return fields;
  }
  while (!in.empty()) {
    auto name = next_string(in);
    auto value = name ? next_string(in) : std::nullopt;
    if (!value)
      return fail(ErrorCode::internal, fmt::format("the source fields kept for event {} are damaged", seq));
    fields.emplace_back(*name, *value);
  }
  return fields;
}

}  // namespace

Result<void> SqliteStore::write_source_fields(std::int64_t seq, std::span<const Field> fields) {
  std::string encoded(1, kCompact);
  for (const Field& f : fields) {
    auto name = intern(f.name);
    if (!name) return Unexpected(name.error());
    append_varint(encoded, static_cast<std::uint64_t>(*name));
    append_varint(encoded, f.value.size());
    encoded += f.value;
  }
  Statement& s = insert_source_fields_;
  s.reset();
  s.bind(1, seq);
  s.bind_blob(2, encoded);
  return s.run();
}

Result<void> SqliteStore::for_each_event_after(std::int64_t after_seq, int limit,
                                               const std::function<Result<void>(const SourcedEventRow&)>& f) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  // One read transaction, so the fields read match the rows read.
  if (auto b = db.exec("BEGIN"); !b) return Unexpected(b.error());
  auto scan = [&]() -> Result<void> {
    auto events = db.prepare(fmt::format("SELECT {} WHERE e.seq > ?1 ORDER BY e.seq LIMIT ?2", kEventColumns));
    if (!events) return Unexpected(events.error());
    auto fields = db.prepare("SELECT fields FROM event_source_fields WHERE seq = ?1");
    if (!fields) return Unexpected(fields.error());
    auto string = db.prepare("SELECT value FROM strings WHERE id = ?1");
    if (!string) return Unexpected(string.error());
    // Field names by id: a few dozen in all, each read once per scan.
    std::unordered_map<std::int64_t, std::string> names;
    const NameOf name_of = [&](std::int64_t id) -> Result<std::string> {
      if (id == 0) return std::string();
      if (auto it = names.find(id); it != names.end()) return it->second;
      string->reset();
      string->bind(1, id);
      auto found = string->step();
      if (!found) return Unexpected(found.error());
      if (!*found) return fail(ErrorCode::internal, fmt::format("the source fields name string {}, which the store lacks", id));
      return names.emplace(id, std::string(string->column_text(0))).first->second;
    };
    events->bind(1, after_seq);
    events->bind(2, static_cast<std::int64_t>(limit));
    SourcedEventRow event;
    while (true) {
      auto next = events->step();
      if (!next) return Unexpected(next.error());
      if (!*next) return {};
      event.row = read_event_row(*events);
      event.fields.clear();
      event.fields_error.clear();
      fields->reset();
      fields->bind(1, event.row.seq);
      auto has_fields = fields->step();
      if (!has_fields) return Unexpected(has_fields.error());
      if (*has_fields) {
        auto decoded = decode_fields(fields->column_text(0), event.row.seq, name_of);
        if (decoded)
          event.fields = std::move(*decoded);
        else
          event.fields_error = decoded.error().message;
      }
      if (auto done = f(event); !done) return done;
    }
  };
  auto result = scan();
  (void)db.exec("COMMIT");  // a read transaction: nothing to keep or lose
  return result;
}

Result<std::optional<std::int64_t>> SqliteStore::detection_progress() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare("SELECT last_seq FROM detection_progress WHERE id = 1");
  if (!s) return Unexpected(s.error());
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(s->column_int(0));
}

Result<std::int64_t> SqliteStore::last_event_seq() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare("SELECT coalesce(max(seq), 0) FROM events");
  if (!s) return Unexpected(s.error());
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return s->column_int(0);
}

Result<void> SqliteStore::save_detection_progress(std::int64_t seq) {
  std::lock_guard lock(write_mu_);
  // Saved after every pass, as often as events are committed: without an fsync of its own, so
  // that it does not double the fsyncs of a busy listener. Lost in a crash, the passes since are
  // run again (add_alerts keeps one alert per rule and event) and the fields they dropped are
  // still there.
  const UnsyncedCommits unsynced(writer_);
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return r;
  auto write = [&]() -> Result<void> {
    auto progress = writer_.prepare(
        "INSERT INTO detection_progress (id, last_seq) VALUES (1, ?1) "
        "ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq");
    if (!progress) return Unexpected(progress.error());
    progress->bind(1, seq);
    if (auto r = progress->run(); !r) return r;
    auto forget = writer_.prepare("DELETE FROM event_source_fields WHERE seq <= ?1");
    if (!forget) return Unexpected(forget.error());
    forget->bind(1, seq);
    if (auto r = forget->run(); !r) return r;
    return writer_.exec("COMMIT");
  };
  auto result = write();
  if (!result) (void)writer_.exec("ROLLBACK");
  return result;
}

}  // namespace ward::store
