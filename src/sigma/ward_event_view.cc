#include "sigma/ward_event_view.h"

#include "core/time.h"

namespace ward::sigma {
namespace {

void add(FlatEvent& out, std::string_view name, std::string_view value) {
  if (!value.empty()) out.add(name, {value, ValueKind::string}, true);
}

void add_enum(FlatEvent& out, std::string_view name, std::string_view value) {
  if (value != "unknown") add(out, name, value);
}

// url.* from a URL or a CONNECT target (host:port).
void add_url_parts(FlatEvent& out, std::string_view url) {
  add(out, "url.full", url);
  std::string_view rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) rest = rest.substr(scheme + 3);
  const auto host_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view host = rest.substr(0, host_end);
  if (const auto at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  if (host.starts_with('[')) {
    host = host.substr(1, host.find(']') == std::string_view::npos ? host.size() - 1 : host.find(']') - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(':') == colon) {
    host = host.substr(0, colon);
  }
  add(out, "url.domain", host);
  std::string_view path = rest.substr(host_end);
  const auto fragment = std::min(path.find('#'), path.size());
  path = path.substr(0, fragment);
  if (const auto q = path.find('?'); q != std::string_view::npos) {
    add(out, "url.query", path.substr(q + 1));
    path = path.substr(0, q);
  }
  add(out, "url.path", path);
  const std::string_view last = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (const auto dot = last.rfind('.'); dot != std::string_view::npos) add(out, "url.extension", last.substr(dot + 1));
}

}  // namespace

std::span<const Field> source_fields(ingest::FieldView& fields, const EventBatch& batch, const Event& event) {
  return fields.of(batch, event);
}

void view_ward_event(ingest::FieldView& fields, const EventBatch& batch, const Event& e, FlatEvent& out) {
  out.clear();
  for (const Field& f : source_fields(fields, batch, e)) add(out, f.name, f.value);
  if (e.time != 0) {
    const std::string time = format_iso8601(e.time);
    out.add_copy("@timestamp", time, ValueKind::string, false);
  }
  add(out, "event.id", e.id);
  add_enum(out, "event.kind", to_string(e.kind));
  add_enum(out, "event.action", to_string(e.action));
  add_enum(out, "event.outcome", to_string(e.outcome));
  add(out, "user.id", e.actor.user_id);
  add(out, "user.name", e.actor.name);
  add(out, "user.roles", e.actor.role);
  add(out, "user.department", e.actor.department);
  add(out, "host.name", e.actor.host);
  add(out, "source.ip", e.actor.ip);
  add(out, "patient.id", e.patient.id);
  add(out, "patient.mrn", e.patient.mrn);
  add(out, "log.file.path", e.source);
  if (e.kind == EventKind::http) {
    add_url_parts(out, e.object);
  } else if (e.kind == EventKind::dns) {
    add(out, "dns.question.name", e.object);
  } else {
    add(out, "ehr.object", e.object);
    add(out, "ehr.purpose", e.purpose);
  }
  out.finish();
}

}  // namespace ward::sigma
