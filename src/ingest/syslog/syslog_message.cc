#include "ingest/syslog/syslog_message.h"

#include <algorithm>

#include "ingest/log_time.h"

namespace ward::ingest {
namespace {

Unexpected bad(std::string_view field, std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message), std::string(field));
}

// The next token up to a space; consumes the space.
std::string_view token(std::string_view& rest) {
  std::size_t end = rest.find(' ');
  std::string_view t = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return t;
}

std::string_view nil(std::string_view v) { return v == "-" ? std::string_view{} : v; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "<PRI>" with 1–3 digits, at most 191. Leaves `rest` after '>'.
Result<int> read_pri(std::string_view& rest) {
  std::size_t close = rest.find('>');
  if (close == std::string_view::npos || close < 2 || close > 4)
    return bad("pri", "expected <PRI> with a number from 0 to 191");
  int pri = 0;
  for (char c : rest.substr(1, close - 1)) {
    if (!is_digit(c)) return bad("pri", "expected <PRI> with a number from 0 to 191");
    pri = pri * 10 + (c - '0');
  }
  if (pri > 191) return bad("pri", "expected <PRI> with a number from 0 to 191");
  rest.remove_prefix(close + 1);
  return pri;
}

// STRUCTURED-DATA: "-" or one or more [SD-ID SP PARAM="VALUE"…]. Leaves `rest` after it.
Result<void> read_structured_data(std::string_view& rest, SyslogMessage& out,
                                  std::string& scratch) {
  if (rest.starts_with('-')) {
    rest.remove_prefix(1);
    return {};
  }
  if (!rest.starts_with('[')) return bad("structured_data", "expected - or [SD-ID …]");
  while (rest.starts_with('[')) {
    rest.remove_prefix(1);
    std::size_t id_end = rest.find_first_of(" ]");
    if (id_end == std::string_view::npos || id_end == 0)
      return bad("structured_data", "an SD element needs an SD-ID and a closing ]");
    const std::string_view id = rest.substr(0, id_end);
    rest.remove_prefix(id_end);
    while (rest.starts_with(' ')) {
      rest.remove_prefix(1);
      std::size_t eq = rest.find('=');
      if (eq == std::string_view::npos || eq == 0 || eq + 1 >= rest.size() || rest[eq + 1] != '"')
        return bad("structured_data", "expected PARAM-NAME=\"value\"");
      const std::string_view name = rest.substr(0, eq);
      rest.remove_prefix(eq + 2);
      const std::size_t start = scratch.size();
      std::size_t i = 0;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        // RFC 5424 §6.3.3: \" \\ \] are escapes; a backslash before anything else is kept.
        if (rest[i] == '\\' && i + 1 < rest.size() &&
            (rest[i + 1] == '"' || rest[i + 1] == '\\' || rest[i + 1] == ']'))
          ++i;
        scratch += rest[i];
      }
      if (i >= rest.size()) return bad("structured_data", "a PARAM-VALUE has no closing quote");
      rest.remove_prefix(i + 1);
      out.params.push_back({id, name, std::string_view(scratch).substr(start)});
    }
    if (!rest.starts_with(']')) return bad("structured_data", "an SD element needs a closing ]");
    rest.remove_prefix(1);
  }
  return {};
}

Result<void> read_rfc5424(std::string_view rest, SyslogMessage& out, std::string& scratch) {
  out.version = 1;
  out.timestamp = token(rest);
  if (out.timestamp != "-") {
    auto t = parse_iso8601(out.timestamp);
    if (!t || out.timestamp.find('T') == std::string_view::npos)
      return bad("timestamp", t ? "expected an RFC 3339 time with a T" : t.error().message);
    out.time = *t;
    out.has_time = true;
  }
  out.hostname = nil(token(rest));
  out.app_name = nil(token(rest));
  out.procid = nil(token(rest));
  out.msgid = nil(token(rest));
  if (rest.empty()) return bad("structured_data", "the message ends before STRUCTURED-DATA");
  if (auto sd = read_structured_data(rest, out, scratch); !sd) return sd;
  if (!rest.empty() && rest[0] != ' ')
    return bad("structured_data", "expected a space after STRUCTURED-DATA");
  if (!rest.empty()) rest.remove_prefix(1);
  if (rest.starts_with("\xef\xbb\xbf")) rest.remove_prefix(3);
  out.message = rest;
  return {};
}

// A tag ends at '[', ':' or a space; alphanumerics and a few punctuation marks.
bool looks_like_tag(std::string_view t) {
  if (t.empty() || t.size() > 48) return false;
  for (char c : t)
    if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '=') return false;
  return true;
}

// TAG[PID]: MSG, or TAG: MSG; anything else is all message.
void read_tag(std::string_view rest, SyslogMessage& out) {
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos && rest.ends_with(':')) colon = rest.size() - 1;
  if (colon != std::string_view::npos) {
    std::string_view tag = rest.substr(0, colon);
    std::string_view pid;
    if (tag.ends_with(']')) {
      std::size_t open = tag.find('[');
      if (open != std::string_view::npos) {
        pid = tag.substr(open + 1, tag.size() - open - 2);
        tag = tag.substr(0, open);
      }
    }
    if (looks_like_tag(tag)) {
      out.app_name = tag;
      out.procid = pid;
      rest.remove_prefix(std::min(colon + 2, rest.size()));
      out.message = rest;
      return;
    }
  }
  out.message = rest;
}

// The HOSTNAME field is left out by some senders ("<34>Oct 11 22:14:15 su: …"): a first word
// that is already a tag (ends in ':' or "]:") is taken as the tag.
void read_rfc3164_rest(std::string_view rest, SyslogMessage& out) {
  std::string_view first = rest.substr(0, rest.find(' '));
  if (!first.ends_with(':') && first.find('[') == std::string_view::npos) {
    out.hostname = first;
    rest.remove_prefix(std::min(first.size() + 1, rest.size()));
  }
  read_tag(rest, out);
}

Result<void> read_rfc3164(std::string_view rest, const SyslogTimeOptions& options,
                          SyslogMessage& out) {
  // rsyslog's RSYSLOG_FileFormat writes an RFC 3339 time in place of the BSD one.
  if (rest.size() > 10 && is_digit(rest[0]) && rest[4] == '-') {
    out.timestamp = token(rest);
    auto t = parse_iso8601(out.timestamp, options.zone);
    if (!t) return bad("timestamp", t.error().message);
    out.time = *t;
  } else {
    auto t = parse_bsd_timestamp(rest, options.reference, options.zone);
    if (!t) return bad("timestamp", t.error().message);
    out.timestamp = rest.substr(0, kBsdTimestampLength);
    out.time = *t;
    rest.remove_prefix(kBsdTimestampLength);
    if (!rest.empty() && rest[0] != ' ') return bad("timestamp", "expected a space after the time");
    if (!rest.empty()) rest.remove_prefix(1);
  }
  out.has_time = true;
  read_rfc3164_rest(rest, out);
  return {};
}

}  // namespace

Result<void> parse_syslog_message(std::string_view line, const SyslogTimeOptions& options,
                                  SyslogMessage& out, std::string& scratch) {
  out.pri = -1;
  out.version = 0;
  out.has_time = false;
  out.time = 0;
  out.timestamp = out.hostname = out.app_name = out.procid = out.msgid = out.message = {};
  out.params.clear();  // keeps its capacity from line to line
  scratch.clear();
  scratch.reserve(line.size());  // unescaped values are never longer: views into it stay valid
  std::string_view rest = line;
  if (rest.starts_with('<')) {
    auto pri = read_pri(rest);
    if (!pri) return Unexpected(pri.error());
    out.pri = *pri;
    if (rest.size() >= 2 && rest[0] == '1' && rest[1] == ' ') {
      rest.remove_prefix(2);
      return read_rfc5424(rest, out, scratch);
    }
  }
  if (rest.size() < kBsdTimestampLength)
    return bad(out.pri < 0 ? "pri" : "timestamp", "too short for a syslog message");
  return read_rfc3164(rest, options, out);
}

std::string_view facility_name(int facility) {
  static constexpr std::string_view kNames[] = {
      "kern",   "user",   "mail",   "daemon", "auth",   "syslog", "lpr",    "news",
      "uucp",   "cron",   "authpriv", "ftp",  "ntp",    "security", "console", "solaris-cron",
      "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
  return facility >= 0 && facility < 24 ? kNames[facility] : std::string_view{};
}

std::string_view severity_name(int severity) {
  static constexpr std::string_view kNames[] = {"emerg", "alert", "crit",   "err",
                                                "warning", "notice", "info", "debug"};
  return severity >= 0 && severity < 8 ? kNames[severity] : std::string_view{};
}

}  // namespace ward::ingest
