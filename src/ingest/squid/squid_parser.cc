#include "ingest/squid/squid_parser.h"

#include <algorithm>

#include <fmt/format.h>

#include "ingest/content_id.h"
#include "ingest/squid/squid_line.h"
#include "ingest/text_lines.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kType = "squid access";

// The combined format starts "address ident user [time": its fourth token opens a bracket,
// where the native format has code/status.
bool starts_like_combined(std::string_view line) {
  for (int i = 0; i < 3; ++i) {
    line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
    line.remove_prefix(std::min(line.find(' '), line.size()));
  }
  line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
  return line.starts_with('[');
}

Result<void> split(std::string_view line, squid::SquidLine& out) {
  return starts_like_combined(line) ? squid::split_combined(line, out)
                                    : squid::split_native(line, out);
}

Outcome outcome_of(const squid::SquidLine& l) {
  if (l.find("code").find("DENIED") != std::string_view::npos) return Outcome::failure;
  const std::string_view status = l.find("status");
  if (status.size() != 3 || status[0] < '1' || status[0] > '5') return Outcome::unknown;
  return status[0] <= '3' ? Outcome::success : Outcome::failure;
}

class SquidReader {
 public:
  explicit SquidReader(ParseContext& ctx) : ctx_(ctx) {}

  void read(const TextLine& line) {
    if (trim_spaces(line.text).empty()) return;
    if (line.text.size() > ctx_.options().max_record_bytes)
      return reject(line, ErrorCode::too_large,
                    fmt::format("line is {} bytes, over the limit of {} (max_record_bytes)",
                                line.text.size(), ctx_.options().max_record_bytes),
                    "line");
    if (!is_valid_utf8(line.text))
      return reject(line, ErrorCode::invalid_input, "not valid UTF-8", "line");
    if (auto ok = split(line.text, line_); !ok)
      return reject(line, ok.error().code, ok.error().message, ok.error().field);
    add_event(line.text);
    ctx_.accepted(kType);
  }

 private:
  void add_event(std::string_view text) {
    EventBatch& batch = ctx_.out().events;
    const std::string_view source = ctx_.source_in_batch();
    Event& e = batch.start_event();
    e.format = EventFormat::squid;
    e.time = line_.time;
    e.kind = EventKind::http;
    e.source = source;
    if (ctx_.options().content_ids) e.id = ids_.id_for(source, text, batch);
    e.actor.ip = batch.keep(line_.find("remotehost"));
    std::string_view user = line_.find("user");
    if (user.empty()) user = line_.find("rfc931");
    e.actor.user_id = batch.keep(user);
    e.object = batch.keep(line_.find("url"));
    e.outcome = outcome_of(line_);
    if (ctx_.options().keep_fields)
      for (const squid::SquidField& f : line_.fields) batch.add_field(f.name, f.value);
  }

  void reject(const TextLine& line, ErrorCode code, std::string message, std::string field) {
    ctx_.reject(kType, Error{code, std::move(message), {}, 0, 0, std::move(field)}, line.number,
                line.offset, line.text);
  }

  ParseContext& ctx_;
  ContentIds ids_;
  squid::SquidLine line_;
};

}  // namespace

Result<void> parse_squid(std::string_view data, ParseContext& ctx) {
  ctx.set_event_type(kType);
  SquidReader reader(ctx);
  return read_lines(data, ctx, reader);
}

bool looks_like_squid(std::string_view head) {
  TextLines lines(head);
  TextLine line;
  if (!lines.next(line)) return false;
  squid::SquidLine parsed;
  if (!starts_like_combined(line.text))
    return static_cast<bool>(squid::split_native(line.text, parsed));
  if (!squid::split_combined(line.text, parsed)) return false;
  const std::string_view code = parsed.find("code");
  return code.starts_with("TCP_") || code.starts_with("UDP_") || code.starts_with("NONE");
}

}  // namespace ward::ingest
