#include "ingest/zeek/zeek_record.h"

#include <fmt/format.h>

#include "ingest/log_time.h"

namespace ward::ingest::zeek {
namespace {

// `ts` is epoch seconds in TSV and in JSON by default, ISO 8601 when Zeek's JSON writer is set
// to (LogAscii::json_timestamps); #open is "YYYY-MM-DD-hh-mm-ss".
Result<TimeNs> parse_zeek_time(std::string_view text) {
  if (text.find('T') != std::string_view::npos) return parse_iso8601(text);
  if (text.size() == 19 && text[4] == '-' && text[10] == '-') {
    std::string iso(text);
    iso[10] = 'T';
    iso[13] = ':';
    iso[16] = ':';
    return parse_iso8601(iso);
  }
  return parse_epoch_seconds(text);
}

bool is_true(std::string_view v) { return v == "T" || v == "true"; }
bool is_false(std::string_view v) { return v == "F" || v == "false"; }

Outcome conn_outcome(std::string_view state) {
  if (state == "SF" || state == "S1" || state == "S2" || state == "S3" || state == "RSTO" ||
      state == "RSTR")
    return Outcome::success;
  if (state == "REJ" || state == "S0" || state == "RSTOS0" || state == "RSTRH")
    return Outcome::failure;
  return Outcome::unknown;
}

Outcome flag_outcome(std::string_view flag) {
  if (is_true(flag)) return Outcome::success;
  if (is_false(flag)) return Outcome::failure;
  return Outcome::unknown;
}

Outcome http_outcome(std::string_view status) {
  if (status.size() != 3 || status[0] < '1' || status[0] > '5') return Outcome::unknown;
  return status[0] <= '3' ? Outcome::success : Outcome::failure;
}

EventKind kind_of(std::string_view path, const ZeekRecord& r) {
  if (path == "conn" || path == "ssl" || path == "ssh" || path == "rdp" || path == "smb_mapping")
    return path == "ssh" && r.has("auth_success") ? EventKind::authentication : EventKind::network;
  if (path == "dns") return EventKind::dns;
  if (path == "http") return EventKind::http;
  if (path == "files" || path == "smb_files" || path == "pe") return EventKind::file;
  if (path == "kerberos" || path == "ntlm" || path == "radius") return EventKind::authentication;
  return r.has("id.orig_h") ? EventKind::network : EventKind::unknown;
}

// "host:port", with brackets around an IPv6 address.
std::string_view endpoint(std::string_view host, std::string_view port, EventBatch& batch,
                          std::string& scratch) {
  if (host.empty()) return {};
  if (port.empty()) return batch.keep(host);
  scratch.clear();
  const bool v6 = host.find(':') != std::string_view::npos;
  if (v6) scratch += '[';
  scratch += host;
  if (v6) scratch += ']';
  scratch += ':';
  scratch += port;
  return batch.keep(scratch);
}

// The source's own id where Zeek gives one, so importing a log twice stores it once: the
// connection uid (several logs share it, so with the path and the transaction within the
// connection), or the file id.
std::string_view event_id(std::string_view path, const ZeekRecord& r, EventBatch& batch,
                          std::string& scratch) {
  if (path == "files" && r.has("fuid")) return batch.keep(r.find("fuid"));
  const std::string_view uid = r.find("uid");
  if (uid.empty() || path.empty()) return {};
  if (path == "conn") return batch.keep(uid);
  scratch.assign(path);
  scratch += '/';
  scratch += uid;
  for (std::string_view part : {"trans_depth", "trans_id", "fuid"}) {
    if (!r.has(part)) continue;
    scratch += '/';
    scratch += r.find(part);
  }
  return batch.keep(scratch);
}

}  // namespace

std::string_view ZeekRecord::find(std::string_view name) const {
  for (const ZeekField& f : fields)
    if (f.name == name) return f.value;
  return {};
}

bool ZeekRecord::has(std::string_view name) const {
  for (const ZeekField& f : fields)
    if (f.name == name) return true;
  return false;
}

std::string_view infer_path(const ZeekRecord& r) {
  if (r.has("conn_state")) return "conn";
  if (r.has("qtype_name") || r.has("rcode_name")) return "dns";
  if (r.has("trans_depth") && (r.has("method") || r.has("status_code"))) return "http";
  if (r.has("version") && (r.has("cipher") || r.has("server_name"))) return "ssl";
  if (r.has("fuid") && (r.has("mime_type") || r.has("seen_bytes"))) return "files";
  return {};
}

std::string record_type(std::string_view path) {
  return path.empty() ? std::string("zeek record") : fmt::format("zeek {}", path);
}

Result<void> add_zeek_event(const ZeekRecord& r, const ZeekEventOptions& options,
                            EventBatch& batch, std::string& scratch) {
  TimeNs time = 0;
  if (r.has("ts")) {
    auto t = parse_zeek_time(r.find("ts"));
    if (!t) return fail(ErrorCode::invalid_input, t.error().message, "ts");
    time = *t;
  } else if (!r.fallback_time.empty()) {
    auto t = parse_zeek_time(r.fallback_time);
    if (!t) return fail(ErrorCode::invalid_input, t.error().message, "ts");
    time = *t;
  } else {
    return fail(ErrorCode::invalid_input, "the record has no time (ts)", "ts");
  }

  const std::string_view path = r.path;
  Event& e = batch.start_event();
  e.format = EventFormat::zeek;
  e.time = time;
  e.source = options.source;
  e.kind = kind_of(path, r);
  e.id = event_id(path, r, batch, scratch);
  e.actor.ip = batch.keep(r.find("id.orig_h"));
  e.object = endpoint(r.find("id.resp_h"), r.find("id.resp_p"), batch, scratch);
  std::string_view user = r.find("username");
  if (user.empty()) user = r.find("user");
  if (user.empty() && path == "kerberos") user = r.find("client");
  e.actor.user_id = batch.keep(user);

  if (path == "conn") {
    e.outcome = conn_outcome(r.find("conn_state"));
  } else if (path == "dns") {
    e.action = Action::query;
    if (r.has("query")) e.object = batch.keep(r.find("query"));
    const std::string_view rcode = r.find("rcode_name");
    if (!rcode.empty()) e.outcome = rcode == "NOERROR" ? Outcome::success : Outcome::failure;
  } else if (path == "http") {
    const std::string_view host = r.find("host"), uri = r.find("uri");
    if (!host.empty()) {
      scratch.assign("http://");
      scratch += host;
      scratch += uri;
      e.object = batch.keep(scratch);
    } else if (!uri.empty()) {
      e.object = batch.keep(uri);
    }
    e.outcome = http_outcome(r.find("status_code"));
  } else if (path == "ssl") {
    if (r.has("server_name")) e.object = batch.keep(r.find("server_name"));
    e.outcome = flag_outcome(r.find("established"));
  } else if (path == "files") {
    if (r.has("filename")) e.object = batch.keep(r.find("filename"));
    else if (!r.has("id.resp_h")) e.object = batch.keep(r.find("fuid"));
    if (e.actor.ip.empty()) e.actor.ip = batch.keep(r.find("rx_hosts"));
  } else if (path == "kerberos") {
    e.outcome = flag_outcome(r.find("success"));
  } else if (path == "ntlm") {
    e.outcome = flag_outcome(r.find("success"));
  } else if (path == "ssh") {
    e.outcome = flag_outcome(r.find("auth_success"));
  }

  if (options.keep_fields) {
    if (!path.empty() && !r.has("_path")) batch.add_field("_path", path);
    for (const ZeekField& f : r.fields) batch.add_field(f.name, f.value);
  }
  return {};
}

}  // namespace ward::ingest::zeek
