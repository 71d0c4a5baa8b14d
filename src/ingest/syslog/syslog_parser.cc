#include "ingest/syslog/syslog_parser.h"

#include <charconv>

#include <fmt/format.h>

#include "ingest/atna/atna_parser.h"
#include "ingest/content_id.h"
#include "ingest/syslog/syslog_message.h"
#include "ingest/text_lines.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kType = "syslog message";

class SyslogReader {
 public:
  // `file`: the lines of a file, whose events get content ids (content_id.h). A listener's
  // message is not given one: a device may send the same line twice in a second.
  SyslogReader(ParseContext& ctx, const SyslogFileOptions& options, bool file)
      : ctx_(ctx), file_(file), received_now_(!file && options.reference == 0),
        atna_messages_(options.atna_messages) {
    time_.reference = options.reference != 0 ? options.reference : now_ns();
    time_.zone = ctx.options().local_zone;
  }

  void read(const TextLine& line) {
    if (trim_spaces(line.text).empty()) return;
    if (received_now_) time_.reference = now_ns();  // a listener's message: received just now
    if (line.text.size() > ctx_.options().max_record_bytes)
      return reject(line, Error{ErrorCode::too_large,
                                fmt::format("line is {} bytes, over the limit of {} "
                                            "(max_record_bytes)",
                                            line.text.size(), ctx_.options().max_record_bytes),
                                {}, 0, 0, "line"});
    if (!is_valid_utf8(line.text))
      return reject(line, Error{ErrorCode::invalid_input, "not valid UTF-8", {}, 0, 0, "line"});
    if (auto ok = parse_syslog_message(line.text, time_, message_, scratch_); !ok)
      return reject(line, ok.error());
    add_event(line);
  }

 private:
  void add_event(const TextLine& line) {
    const SyslogMessage& m = message_;
    // IHE ATNA: a MSG that is an XML audit message becomes that message's events.
    if (is_atna_xml(m.message)) {
      const auto at = static_cast<std::uint64_t>(m.message.data() - line.text.data());
      return add_atna_events(m.message, {line.number, line.offset + at, line.text, m.hostname},
                             ctx_, atna_messages_);
    }
    ctx_.accepted(kType);
    EventBatch& batch = ctx_.out().events;
    const std::string_view source = ctx_.source_in_batch();
    Event& e = batch.start_event();
    e.format = EventFormat::syslog;
    e.time = m.has_time ? m.time : time_.reference;
    e.source = source;
    if (file_) e.id = ids_.id_for(source, line.text, batch);
    e.actor.host = batch.keep(m.hostname);
    const int facility = m.pri >= 0 ? m.pri / 8 : -1;
    if (facility == 4 || facility == 10) e.kind = EventKind::authentication;
    if (!ctx_.options().keep_fields) return;
    auto add = [&](std::string_view name, std::string_view value) {
      if (!value.empty()) batch.add_field(name, value);
    };
    if (m.pri >= 0) {
      char pri[8];
      const auto end = std::to_chars(pri, pri + sizeof pri, m.pri).ptr;
      add("pri", std::string_view(pri, static_cast<std::size_t>(end - pri)));
      add("facility", facility_name(facility));
      add("severity", severity_name(m.pri % 8));
    }
    if (m.version > 0) add("version", "1");
    add("timestamp", m.timestamp == "-" ? std::string_view{} : m.timestamp);
    add("hostname", m.hostname);
    add("app_name", m.app_name);
    add("procid", m.procid);
    add("msgid", m.msgid);
    for (const SyslogParam& p : m.params) {
      name_.assign("sd.");
      name_ += p.sd_id;
      name_ += '.';
      name_ += p.name;
      batch.add_field(name_, p.value);
    }
    batch.add_field("message", m.message);
  }

  void reject(const TextLine& line, Error error) {
    ctx_.reject(kType, std::move(error), line.number, line.offset, line.text);
  }

  ParseContext& ctx_;
  const bool file_;
  const bool received_now_;
  const AuditMessageVisitor atna_messages_;  // a copy: the options may not outlive the reader
  ContentIds ids_;
  SyslogTimeOptions time_;
  SyslogMessage message_;
  std::string scratch_;
  std::string name_;
};

}  // namespace

Result<void> parse_syslog(std::string_view data, ParseContext& ctx,
                          const SyslogFileOptions& options) {
  ctx.set_event_type(kType);
  SyslogReader reader(ctx, options, /*file=*/true);
  return read_lines(data, ctx, reader);
}

struct SyslogMessageReader::Impl {
  SyslogReader reader;
};

SyslogMessageReader::SyslogMessageReader(ParseContext& ctx, const SyslogFileOptions& options)
    : impl_(std::make_unique<Impl>(Impl{SyslogReader(ctx, options, /*file=*/false)})) {
  ctx.set_event_type(kType);
}

SyslogMessageReader::~SyslogMessageReader() = default;

void SyslogMessageReader::read(const TextLine& message) { impl_->reader.read(message); }

void read_syslog_message(const TextLine& message, ParseContext& ctx,
                         const SyslogFileOptions& options) {
  SyslogMessageReader(ctx, options).read(message);
}

bool looks_like_syslog(std::string_view head) {
  TextLines lines(head);
  TextLine line;
  if (!lines.next(line) || !line.text.starts_with('<')) return false;
  SyslogMessage m;
  std::string scratch;
  // Any reference will do: only the shape is looked at.
  return static_cast<bool>(parse_syslog_message(line.text, {now_ns(), nullptr}, m, scratch));
}

}  // namespace ward::ingest
