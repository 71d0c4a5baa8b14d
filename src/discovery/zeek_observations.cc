// read_zeek_observations (zeek_observations.h): ingest::parse_zeek into a sink that turns each
// record's flat fields into observations.
#include "discovery/zeek_observations.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "ingest/parse_context.h"
#include "ingest/zeek/zeek_parser.h"

namespace ward::discovery {
namespace {

class RecordFields {
 public:
  explicit RecordFields(std::span<const Field> fields) : fields_(fields) {}
  std::string_view get(std::string_view name) const {
    for (const Field& f : fields_)
      if (f.name == name) return f.value;
    return {};
  }

 private:
  std::span<const Field> fields_;
};

bool answered(std::string_view conn_state) {
  return conn_state.empty() || conn_state == "SF" || conn_state == "S1" || conn_state == "S2" ||
         conn_state == "S3" || conn_state == "RSTO" || conn_state == "RSTR";
}

bool is_true(std::string_view v) { return v == "T" || v == "true"; }

class ObservingSink : public RejectionsSink {
 public:
  ObservingSink(const std::string& source, AssetTable& table, const ObserveOptions& options, ObserveSummary& summary)
      : RejectionsSink(summary), source_(source), table_(table), options_(options), summary_(summary) {}

  Result<void> accept(ingest::ParsedRecords& records) override {
    for (const Event& e : records.events.events()) observe(e.time, RecordFields(records.events.fields_of(e)));
    return RejectionsSink::accept(records);
  }

 private:
  void add(const Observation& o) { add_observation(o, source_, table_, options_, summary_); }

  // "443/tcp ssl": `port` and `proto` as Zeek writes them, the service names lower-cased.
  std::string_view service(std::string_view port, std::string_view proto, std::string_view name) {
    service_.clear();
    if (port.empty()) return {};
    service_ = fmt::format("{}/{}", port, proto.empty() ? "tcp" : proto);
    if (!name.empty()) {
      service_ += ' ';
      service_ += ascii_lower(name);
    }
    return service_;
  }

  void observe(TimeNs time, const RecordFields& r) {
    const std::string_view path = r.get("_path");
    const std::string_view orig = r.get("id.orig_h"), resp = r.get("id.resp_h");
    const std::string_view resp_p = r.get("id.resp_p");
    Observation client{.ip = orig, .protocol = path, .time = time};
    Observation server{.ip = resp, .protocol = path, .time = time};
    if (path == "dhcp") {
      mac_ = normalise_mac(r.get("mac"));
      std::string_view ip = r.get("assigned_addr");
      for (const char* name : {"client_addr", "assigned_ip", "requested_addr"}) {
        if (ip.empty() || ip == "0.0.0.0") ip = r.get(name);
      }
      std::string_view hostname = r.get("host_name");
      if (hostname.empty()) hostname = r.get("client_fqdn");
      add({.ip = ip, .mac = mac_, .hostname = hostname, .protocol = path,
           .vendor_class = r.get("client_software"), .time = time});
      std::string_view server_ip = r.get("server_addr");
      if (server_ip.empty()) server_ip = resp;
      add({.ip = server_ip, .protocol = path, .service = service("67", "udp", "dhcp"), .time = time});
      return;
    }
    if (path == "known_services") {
      add({.ip = r.get("host"), .protocol = path,
           .service = service(r.get("port_num"), r.get("port_proto"), r.get("service")), .time = time});
      return;
    }
    if (path == "software") {
      std::string_view software = r.get("unparsed_version");
      if (software.empty()) software = r.get("name");
      add({.ip = r.get("host"), .protocol = path, .software = software, .time = time});
      return;
    }
    if (path == "conn") {
      if (answered(r.get("conn_state"))) server.service = service(resp_p, r.get("proto"), r.get("service"));
    } else if (path == "dns") {
      if (!r.get("rcode_name").empty()) server.service = service(resp_p, r.get("proto"), "dns");
    } else if (path == "http") {
      client.user_agent = r.get("user_agent");
      if (!r.get("status_code").empty()) server.service = service(resp_p, "tcp", "http");
    } else if (path == "ssl") {
      client.server_name = r.get("server_name");
      client.ja3 = r.get("ja3");
      if (is_true(r.get("established"))) server.service = service(resp_p, "tcp", "ssl");
    }
    add(client);
    add(server);
  }

  const std::string& source_;
  AssetTable& table_;
  const ObserveOptions& options_;
  ObserveSummary& summary_;
  std::string service_, mac_;
};

}  // namespace

void add_observation(Observation o, const std::string& source, AssetTable& table, const ObserveOptions& options,
                     ObserveSummary& summary) {
  if (o.ip == "0.0.0.0" || o.ip == "::") o.ip = {};
  if (o.ip.empty() && o.mac.empty()) return;
  if (options.local_only && o.mac.empty() && !is_local_address(o.ip)) {
    ++summary.public_skipped;
    return;
  }
  ++summary.observations;
  table.observe(o, source);
}

Result<void> RejectionsSink::accept(ingest::ParsedRecords& records) {
  for (ingest::Rejection& r : records.rejections) summary_.rejected.push_back(std::move(r.error));
  return {};
}

void ObserveSummary::count_accepted(const ingest::ImportSummary& parsed) {
  for (const auto& [type, counts] : parsed.by_type) {
    if (counts.accepted > 0) records[type] += counts.accepted;
  }
}

void ObserveSummary::merge(const ObserveSummary& other) {
  for (const auto& [type, n] : other.records) records[type] += n;
  rejected.insert(rejected.end(), other.rejected.begin(), other.rejected.end());
  observations += other.observations;
  public_skipped += other.public_skipped;
  notes.insert(notes.end(), other.notes.begin(), other.notes.end());
}

Result<ObserveSummary> read_zeek_observations(std::string_view bytes, const std::string& source,
                                              AssetTable& table, const ObserveOptions& options) {
  ObserveSummary summary;
  ObservingSink sink(source, table, options, summary);
  ingest::ParseOptions parse_options;
  parse_options.keep_fields = true;
  ingest::ParseContext ctx(source, sink, parse_options);
  if (auto ok = ingest::parse_zeek(bytes, ctx); !ok) return Unexpected(ok.error());
  summary.count_accepted(ctx.summary());
  return summary;
}

}  // namespace ward::discovery
