#include "cli/ward_config.h"

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "core/file_reader.h"
#include "core/listen_address.h"
#include "core/time.h"
#include "privacy/explain.h"

namespace ward::cli {
namespace {

Result<void> read_ingest(const YAML::Node& node, ingest::ImportOptions& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"max_line_bytes", "batch_size", "time_zone", "keep_fields", "keep_log_fields", "csv_access",
                                "json_time_field"},
                          "ingest");
      !r)
    return r;
  if (auto r = read_key(node, "max_line_bytes", out.parse.max_record_bytes, "ingest"); !r) return r;
  if (auto r = read_key(node, "batch_size", out.parse.batch_size, "ingest"); !r) return r;
  if (auto r = read_key(node, "keep_fields", out.parse.keep_fields, "ingest"); !r) return r;
  if (auto r = read_key(node, "keep_log_fields", out.keep_log_fields, "ingest"); !r) return r;
  if (auto r = read_key(node, "json_time_field", out.json_lines.time_field, "ingest"); !r) return r;
  if (out.parse.batch_size == 0 || out.parse.max_record_bytes == 0)
    return fail(ErrorCode::config, "ingest.batch_size and ingest.max_line_bytes must be above 0");
  std::string zone = "UTC";
  if (auto r = read_key(node, "time_zone", zone, "ingest"); !r) return r;
  auto tz = find_time_zone(zone);
  if (!tz) return fail(ErrorCode::config, "ingest.time_zone: " + tz.error().message);
  out.parse.local_zone = *tz;
  if (node["csv_access"]) {
    auto mapping = ingest::csv_access_mapping_from_yaml(node["csv_access"]);
    if (!mapping) return Unexpected(mapping.error());
    out.csv_access = std::move(*mapping);
  }
  return {};
}

// A listener's `tls: {certificate, key}` (serve.tls, mllp.tls): both PEM files, or neither.
Result<void> read_tls_files(const YAML::Node& node, const std::string& field, std::optional<TlsFiles>& out) {
  const YAML::Node tls = node["tls"];
  if (!tls) return {};
  if (auto r = check_keys(tls, {"certificate", "key"}, field); !r) return r;
  std::string certificate, key;
  if (auto r = read_key(tls, "certificate", certificate, field); !r) return r;
  if (auto r = read_key(tls, "key", key, field); !r) return r;
  if (certificate.empty() || key.empty()) return fail(ErrorCode::config, field + " needs certificate and key (PEM files)");
  out = TlsFiles{certificate, key};
  return {};
}

Result<void> read_serve(const YAML::Node& node, api::ServerOptions& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"listen", "threads", "max_body_bytes", "idle_timeout", "tls"}, "serve"); !r)
    return r;
  std::string listen;
  if (auto r = read_key(node, "listen", listen, "serve"); !r) return r;
  if (!listen.empty()) {
    if (auto r = api::parse_listen_address(listen, out); !r)
      return fail(ErrorCode::config, "serve.listen: " + r.error().message);
  }
  if (auto r = read_key(node, "threads", out.threads, "serve"); !r) return r;
  if (auto r = read_key(node, "max_body_bytes", out.max_body_bytes, "serve"); !r) return r;
  std::string idle;
  if (auto r = read_key(node, "idle_timeout", idle, "serve"); !r) return r;
  if (!idle.empty()) {
    auto t = privacy::parse_duration(idle);
    if (!t || *t < kNsPerSecond)
      return fail(ErrorCode::config, "serve.idle_timeout: " + (t ? "must be 1s or more" : t.error().message));
    out.idle_timeout = std::chrono::seconds(*t / kNsPerSecond);
  }
  if (auto r = read_tls_files(node, "serve.tls", out.tls_files); !r) return r;
  if (out.threads < 1 || out.threads > 256) return fail(ErrorCode::config, "serve.threads must be 1 to 256");
  return {};
}

Result<void> read_audit(const YAML::Node& node, AuditConfig& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"fhir_file"}, "audit"); !r) return r;
  std::string file;
  if (auto r = read_key(node, "fhir_file", file, "audit"); !r) return r;
  out.fhir_file = file;
  return {};
}

Result<void> read_ai(const YAML::Node& node, AiConfig& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"service_catalogue"}, "ai"); !r) return r;
  std::string file;
  if (auto r = read_key(node, "service_catalogue", file, "ai"); !r) return r;
  out.service_catalogue = file;
  return {};
}

Result<void> read_mllp(const YAML::Node& node, MllpConfig& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"enabled", "listen", "threads", "max_message_bytes", "idle_timeout",
                                 "max_connections", "tls"}, "mllp"); !r)
    return r;
  ingest::MllpOptions& o = out.listener;
  if (auto r = read_key(node, "enabled", out.enabled, "mllp"); !r) return r;
  std::string listen;
  if (auto r = read_key(node, "listen", listen, "mllp"); !r) return r;
  if (!listen.empty()) {
    auto address = parse_listen_address(listen, "127.0.0.1:2575");
    if (!address) return fail(ErrorCode::config, "mllp.listen: " + address.error().message);
    o.address = std::move(address->host);
    o.port = address->port;
  }
  if (auto r = read_key(node, "threads", o.threads, "mllp"); !r) return r;
  if (auto r = read_key(node, "max_message_bytes", o.max_message_bytes, "mllp"); !r) return r;
  if (auto r = read_key(node, "max_connections", o.max_connections, "mllp"); !r) return r;
  if (auto r = read_tls_files(node, "mllp.tls", o.tls_files); !r) return r;
  std::string idle;
  if (auto r = read_key(node, "idle_timeout", idle, "mllp"); !r) return r;
  if (!idle.empty()) {
    auto t = privacy::parse_duration(idle);
    if (!t) return fail(ErrorCode::config, "mllp.idle_timeout: " + t.error().message);
    o.idle_timeout = std::chrono::seconds(*t / kNsPerSecond);
  }
  if (o.threads < 1 || o.threads > 256) return fail(ErrorCode::config, "mllp.threads must be 1 to 256");
  if (o.max_message_bytes == 0) return fail(ErrorCode::config, "mllp.max_message_bytes must be above 0");
  if (o.max_connections < 1) return fail(ErrorCode::config, "mllp.max_connections must be 1 or more");
  return {};
}

// A listen address of the syslog section: "" turns the transport off.
Result<void> read_syslog_address(const YAML::Node& node, const char* key, std::string_view field,
                                 std::optional<ListenAddress>& out) {
  if (!node[key]) return {};
  std::string text;
  if (auto r = read_key(node, key, text, "syslog"); !r) return r;
  if (text.empty()) {
    out.reset();
    return {};
  }
  auto address = parse_listen_address(text, "127.0.0.1:5514");
  if (!address) return fail(ErrorCode::config, std::string(field) + ": " + address.error().message);
  out = std::move(*address);
  return {};
}

Result<void> read_syslog(const YAML::Node& node, SyslogConfig& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"enabled", "udp", "tcp", "tls", "max_message_bytes", "idle_timeout"}, "syslog"); !r)
    return r;
  ingest::SyslogOptions& o = out.listener;
  if (auto r = read_key(node, "enabled", out.enabled, "syslog"); !r) return r;
  if (auto r = read_syslog_address(node, "udp", "syslog.udp", o.udp); !r) return r;
  if (auto r = read_syslog_address(node, "tcp", "syslog.tcp", o.tcp); !r) return r;
  if (const YAML::Node tls = node["tls"]) {
    if (auto r = check_keys(tls, {"listen", "certificate", "key"}, "syslog.tls"); !r) return r;
    if (auto r = read_syslog_address(tls, "listen", "syslog.tls.listen", o.tls); !r) return r;
    std::string certificate, key;
    if (auto r = read_key(tls, "certificate", certificate, "syslog.tls"); !r) return r;
    if (auto r = read_key(tls, "key", key, "syslog.tls"); !r) return r;
    o.tls_files = {certificate, key};
    if (o.tls && (certificate.empty() || key.empty()))
      return fail(ErrorCode::config, "syslog.tls needs certificate and key (PEM files) with listen");
  }
  if (auto r = read_key(node, "max_message_bytes", o.max_message_bytes, "syslog"); !r) return r;
  std::string idle;
  if (auto r = read_key(node, "idle_timeout", idle, "syslog"); !r) return r;
  if (!idle.empty()) {
    auto t = privacy::parse_duration(idle);
    if (!t) return fail(ErrorCode::config, "syslog.idle_timeout: " + t.error().message);
    o.idle_timeout = std::chrono::seconds(*t / kNsPerSecond);
  }
  if (o.max_message_bytes < 480)  // RFC 5426 and 6587: every receiver takes 480 bytes
    return fail(ErrorCode::config, "syslog.max_message_bytes must be 480 or more");
  if (out.enabled && !o.udp && !o.tcp && !o.tls)
    return fail(ErrorCode::config, "syslog is enabled but udp, tcp and tls.listen are all off");
  return {};
}

}  // namespace

// sessions: how long browser sessions live and when failed sign-ins lock out (api/sign_in.h).
Result<void> read_sessions(const YAML::Node& node, api::SessionSettings& out) {
  if (!node) return {};
  if (auto r = check_keys(node, {"idle_timeout", "absolute_timeout", "max_failed_logins",
                                "max_failed_logins_per_address", "lockout"},
                          "sessions");
      !r)
    return r;
  for (auto [key, where] : {std::pair{"idle_timeout", &out.idle_timeout}, std::pair{"absolute_timeout", &out.absolute_timeout},
                            std::pair{"lockout", &out.lockout}}) {
    std::string text;
    if (auto r = read_key(node, key, text, "sessions"); !r) return r;
    if (text.empty()) continue;
    auto t = privacy::parse_duration(text);
    if (!t || *t <= 0) return fail(ErrorCode::config, fmt::format("sessions.{}: expected a duration such as 30m or 12h", key));
    *where = *t;
  }
  if (auto r = read_key(node, "max_failed_logins", out.max_failed_logins, "sessions"); !r) return r;
  if (auto r = read_key(node, "max_failed_logins_per_address", out.max_failed_logins_per_address, "sessions"); !r)
    return r;
  if (out.max_failed_logins < 1 || out.max_failed_logins_per_address < 1)
    return fail(ErrorCode::config, "sessions.max_failed_logins and sessions.max_failed_logins_per_address must be 1 or more");
  if (out.idle_timeout > out.absolute_timeout)
    return fail(ErrorCode::config, "sessions.idle_timeout must not be longer than sessions.absolute_timeout");
  return {};
}

Result<WardConfig> config_from_yaml_text(std::string_view text, std::string_view source) {
  auto root = load_yaml_text(text, source);
  if (!root) return Unexpected(root.error());
  WardConfig config;
  auto with_source = [&](Error e) {
    if (e.source.empty()) e.source = std::string(source);
    return Unexpected(std::move(e));
  };
  if (root->IsNull()) return config;
  if (auto r = check_keys(*root, {"ingest", "serve", "mllp", "syslog", "privacy", "detection", "sessions", "audit", "devices", "ai"},
                          "(top level)");
      !r)
    return with_source(r.error());
  if (auto r = read_audit((*root)["audit"], config.audit); !r) return with_source(r.error());
  if (auto r = read_ai((*root)["ai"], config.ai); !r) return with_source(r.error());
  if (auto r = read_ingest((*root)["ingest"], config.import); !r) return with_source(r.error());
  if (auto r = read_serve((*root)["serve"], config.server); !r) return with_source(r.error());
  if (auto r = read_mllp((*root)["mllp"], config.mllp); !r) return with_source(r.error());
  if (auto r = read_syslog((*root)["syslog"], config.syslog); !r) return with_source(r.error());
  if (auto r = read_sessions((*root)["sessions"], config.sessions); !r) return with_source(r.error());
  auto privacy = privacy::privacy_config_from_yaml((*root)["privacy"]);
  if (!privacy) return with_source(privacy.error());
  config.privacy = std::move(*privacy);
  config.privacy.detectors.local_zone = config.import.parse.local_zone;  // one wall clock
  auto detection = sigma::detection_config_from_yaml((*root)["detection"]);
  if (!detection) return with_source(detection.error());
  config.detection = std::move(*detection);
  auto devices = devices::devices_config_from_yaml((*root)["devices"]);
  if (!devices) return with_source(devices.error());
  config.devices = std::move(*devices);
  // Rule paths are relative to the config file's folder, so ward.yaml and its rules move together.
  const std::filesystem::path folder = std::filesystem::path(source).parent_path();
  for (auto& rules : config.detection.rules)
    if (rules.is_relative()) rules = folder / rules;
  if (!config.audit.fhir_file.empty() && config.audit.fhir_file.is_relative())
    config.audit.fhir_file = folder / config.audit.fhir_file;
  if (!config.ai.service_catalogue.empty()) {
    if (config.ai.service_catalogue.is_relative()) config.ai.service_catalogue = folder / config.ai.service_catalogue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(config.ai.service_catalogue, ec))
      return with_source(Error{ErrorCode::config, fmt::format("ai.service_catalogue: no such file: {}", config.ai.service_catalogue.string())});
  }
  return config;
}

Result<WardConfig> load_config(const std::optional<std::filesystem::path>& explicit_file,
                               const std::filesystem::path& data_dir) {
  std::filesystem::path file = explicit_file ? *explicit_file : data_dir / "ward.yaml";
  std::error_code ec;
  if (!explicit_file && !std::filesystem::exists(file, ec)) return WardConfig{};
  auto text = read_input_file(file);
  if (!text) return Unexpected(text.error());
  return config_from_yaml_text(text->view(), file.string());
}

}  // namespace ward::cli
