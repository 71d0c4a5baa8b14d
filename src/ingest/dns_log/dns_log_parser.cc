#include "ingest/dns_log/dns_log_parser.h"

#include <algorithm>

#include <fmt/format.h>

#include "ingest/content_id.h"
#include "ingest/dns_log/dns_log_line.h"
#include "ingest/log_time.h"
#include "ingest/syslog/syslog_message.h"
#include "ingest/text_lines.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kBindType = "bind query";
constexpr std::string_view kDnsmasqType = "dnsmasq line";
constexpr std::string_view kUnknownType = "dns log line";
constexpr std::string_view kOtherType = "other syslog message";

enum class Server { unknown, bind, dnsmasq };

// A line with its prefixes taken off: what server wrote it, when, and the syslog parts.
struct Unwrapped {
  Server server = Server::unknown;
  std::string_view text;  // from "client " (BIND) or the dnsmasq verb
  bool has_time = false;
  TimeNs time = 0;
  const SyslogMessage* syslog = nullptr;
};

// "dnsmasq[123]: rest" or "dnsmasq: rest" -> rest.
bool strip_program(std::string_view& text, std::string_view program) {
  if (!text.starts_with(program)) return false;
  std::string_view rest = text.substr(program.size());
  if (rest.starts_with('[')) {
    std::size_t close = rest.find("]: ");
    if (close == std::string_view::npos) return false;
    rest.remove_prefix(close + 3);
  } else if (rest.starts_with(": ")) {
    rest.remove_prefix(2);
  } else {
    return false;
  }
  text = rest;
  return true;
}

// BIND's print-category and print-severity ("queries: info: "): up to two leading words
// ending in ':'.
std::string_view strip_category(std::string_view text) {
  for (int i = 0; i < 2; ++i) {
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos || colon == 0 ||
        text.substr(0, colon).find_first_of(" @#(") != std::string_view::npos)
      break;
    text.remove_prefix(colon + 2);
  }
  return text;
}

Outcome answer_outcome(std::string_view answer) {
  if (answer.empty()) return Outcome::unknown;
  for (std::string_view failure : {"NXDOMAIN", "NODATA", "SERVFAIL", "REFUSED"})
    if (answer.starts_with(failure)) return Outcome::failure;
  return Outcome::success;
}

class DnsLogReader {
 public:
  DnsLogReader(ParseContext& ctx, const DnsLogOptions& options) : ctx_(ctx) {
    time_.reference = options.reference != 0 ? options.reference : now_ns();
    time_.zone = ctx.options().local_zone;
  }

  void read(const TextLine& line) {
    if (trim_spaces(line.text).empty()) return;
    if (line.text.size() > ctx_.options().max_record_bytes)
      return reject(line, kUnknownType,
                    Error{ErrorCode::too_large,
                          fmt::format("line is {} bytes, over the limit of {} (max_record_bytes)",
                                      line.text.size(), ctx_.options().max_record_bytes),
                          {}, 0, 0, "line"});
    if (!is_valid_utf8(line.text))
      return reject(line, kUnknownType,
                    Error{ErrorCode::invalid_input, "not valid UTF-8", {}, 0, 0, "line"});
    auto unwrapped = unwrap(line.text);
    if (!unwrapped) return reject(line, kUnknownType, unwrapped.error());
    const Unwrapped& u = *unwrapped;
    if (u.server == Server::unknown) return ctx_.skipped(kOtherType);
    const bool bind = u.server == Server::bind;
    const std::string_view type = bind ? kBindType : kDnsmasqType;
    auto read = bind ? dns_log::read_bind_query(u.text, dns_) : dns_log::read_dnsmasq(u.text, dns_);
    if (!read) return reject(line, type, read.error());
    if (!*read) return ctx_.skipped(type);
    add_event(u, line.text);
    ctx_.accepted(type);
  }

 private:
  // Lines from a server's own log file start with "client " (BIND), with BIND's print-time,
  // or with "dnsmasq[pid]: "; anything else must be a syslog message.
  Result<Unwrapped> unwrap(std::string_view text) {
    Unwrapped u;
    if (text.size() > 24 && text[2] == '-' && text[6] == '-') {
      const std::size_t end = std::min(text.find(' ', 12), text.size());
      auto t = parse_bind_timestamp(text.substr(0, end), time_.zone);
      if (!t)
        return Unexpected(Error{ErrorCode::invalid_input, t.error().message, {}, 0, 0, "time"});
      u.has_time = true;
      u.time = *t;
      u.server = Server::bind;
      u.text = strip_category(text.substr(std::min(end + 1, text.size())));
      return u;
    }
    if (text.starts_with("client ")) {
      u.server = Server::bind;
      u.text = text;
      return u;
    }
    if (strip_program(text, "dnsmasq")) {
      u.server = Server::dnsmasq;
      u.text = text;
      return u;
    }
    if (!parse_syslog_message(text, time_, syslog_, scratch_))
      return fail(ErrorCode::invalid_input,
                  "neither a BIND query log (client …) nor a dnsmasq or syslog line", "line");
    u.syslog = &syslog_;
    u.has_time = syslog_.has_time;
    u.time = syslog_.time;
    // Other programs' messages are skipped.
    if (syslog_.app_name == "named") {
      u.server = Server::bind;
      u.text = strip_category(syslog_.message);
    } else if (syslog_.app_name == "dnsmasq") {
      u.server = Server::dnsmasq;
      u.text = syslog_.message;
    }
    return u;
  }

  void add_event(const Unwrapped& u, std::string_view text) {
    EventBatch& batch = ctx_.out().events;
    const std::string_view source = ctx_.source_in_batch();
    Event& e = batch.start_event();
    e.format = EventFormat::dns_log;
    e.time = u.has_time ? u.time : time_.reference;
    e.kind = EventKind::dns;
    e.source = source;
    // A line without a time (BIND's bare "client …") is timed when read: no copy to find.
    if (u.has_time && ctx_.options().content_ids) e.id = ids_.id_for(source, text, batch);
    if (dns_.is_query) e.action = Action::query;
    e.actor.ip = batch.keep(dns_.client);
    e.object = batch.keep(dns_.name);
    e.outcome = answer_outcome(dns_.answer);
    if (u.syslog) e.actor.host = batch.keep(u.syslog->hostname);
    if (!ctx_.options().keep_fields) return;
    if (u.syslog) {
      for (auto [name, value] : {std::pair{"hostname", u.syslog->hostname},
                                 std::pair{"app_name", u.syslog->app_name},
                                 std::pair{"procid", u.syslog->procid}})
        if (!value.empty()) batch.add_field(name, value);
    }
    for (const dns_log::DnsField& f : dns_.fields) batch.add_field(f.name, f.value);
  }

  void reject(const TextLine& line, std::string_view type, Error error) {
    ctx_.reject(type, std::move(error), line.number, line.offset, line.text);
  }

  ParseContext& ctx_;
  ContentIds ids_;
  SyslogTimeOptions time_;
  SyslogMessage syslog_;
  std::string scratch_;
  dns_log::DnsLine dns_;
};

}  // namespace

Result<void> parse_dns_log(std::string_view data, ParseContext& ctx,
                           const DnsLogOptions& options) {
  ctx.set_event_type(kBindType);
  DnsLogReader reader(ctx, options);
  return read_lines(data, ctx, reader);
}

bool looks_like_dns_log(std::string_view head) {
  TextLines lines(head);
  TextLine line;
  while (lines.next(line) && trim_spaces(line.text).empty()) {
  }
  if (line.text.empty()) return false;
  // Parse the one line into a throw-away context: accepted means it is a DNS log line.
  struct NullSink : RecordSink {
    Result<void> accept(ParsedRecords&) override { return {}; }
  } sink;
  ParseContext ctx("", sink);
  DnsLogReader reader(ctx, {});
  reader.read(line);
  return ctx.summary().accepted() == 1;
}

}  // namespace ward::ingest
