// Ward's configuration file (YAML): one section per capability, every key optional with its
// default in code, unknown keys rejected at start. Read from --config, else <data>/ward.yaml
// when it exists; the demo needs none. See docs/configuration.md for every key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "api/http_server.h"
#include "api/sign_in.h"
#include "core/error.h"
#include "devices/devices_config.h"
#include "ingest/import/importer.h"
#include "ingest/mllp/mllp_server.h"
#include "ingest/syslog_listener/syslog_server.h"
#include "privacy/engine.h"
#include "sigma/detection_config.h"

namespace ward::cli {

// mllp: the HL7 v2 listener `ward serve` runs beside the API when enabled (or --mllp given).
struct MllpConfig {
  bool enabled = false;
  ingest::MllpOptions listener;
};

// syslog: the UDP/TCP/TLS syslog listener `ward serve` runs when enabled (or --syslog-udp/-tcp
// given). Each transport is on when its address is set; udp and tcp default to 127.0.0.1:5514.
struct SyslogConfig {
  bool enabled = false;
  ingest::SyslogOptions listener = default_syslog_listener();
  static ingest::SyslogOptions default_syslog_listener() {
    ingest::SyslogOptions o;
    o.udp = ListenAddress{"127.0.0.1", 5514};
    o.tcp = ListenAddress{"127.0.0.1", 5514};
    return o;
  }
};

// audit: Ward's own audit trail (docs/audit.md). fhir_file: `ward serve` appends each new entry
// to it as a FHIR AuditEvent line (NDJSON), created with mode 0600; empty: no such file.
struct AuditConfig {
  std::filesystem::path fhir_file;
};

// ai: AI governance (docs/ai_governance.md). service_catalogue: the AI service domains `ward ai
// usage` and GET /api/v1/ai/usage match hosts with (the format of data/dlp/ai_service_domains.tsv);
// empty: that file, built in.
struct AiConfig {
  std::filesystem::path service_catalogue;
};

struct WardConfig {
  ingest::ImportOptions import;   // ingest: {max_line_bytes, batch_size, time_zone, csv_access}
  api::ServerOptions server;      // serve: {listen, threads, max_body_bytes}
  MllpConfig mllp;                // mllp: {enabled, listen, max_message_bytes, idle_timeout, …}
  SyslogConfig syslog;            // syslog: {enabled, udp, tcp, tls: {listen, certificate, key}, …}
  privacy::PrivacyConfig privacy;  // privacy: {explanations, neighbour_house_distance, …}
  sigma::DetectionConfig detection;  // detection: {field_mappings, logsources}
  api::SessionSettings sessions;     // sessions: {idle_timeout, absolute_timeout, max_failed_logins, …}
  AuditConfig audit;                 // audit: {fhir_file}
  devices::DevicesConfig devices;    // devices: {vendor_aliases}
  AiConfig ai;                       // ai: {service_catalogue}
};

// Loads `explicit_file` if given, else <data_dir>/ward.yaml if present, else the defaults.
// Errors name the file and the key.
Result<WardConfig> load_config(const std::optional<std::filesystem::path>& explicit_file,
                               const std::filesystem::path& data_dir);

Result<WardConfig> config_from_yaml_text(std::string_view text, std::string_view source);

}  // namespace ward::cli
