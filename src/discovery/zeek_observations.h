// Zeek logs -> observations of hosts, for passive discovery. The logs are read by Ward's Zeek
// parser (ingest/zeek: TSV and JSON, rotation, escapes, bad lines rejected with file and line);
// this file only says what each log tells about which host:
//   dhcp   the client: MAC, leased address, host_name / client_fqdn, client_software (the
//          vendor class, option 60, with Zeek's policy/protocols/dhcp/software); the server
//   conn   both ends; the responder "port/proto service" when it answered (conn_state SF, S1,
//          S2, S3, RSTO, RSTR)
//   dns    both ends; the server "port/proto dns" when it answered (rcode_name present)
//   http   the client's user_agent; the server "port/tcp http"
//   ssl    the client's server_name (SNI) and ja3 (when the ja3 package logs it); the server
//          "port/tcp ssl" when established
//   known_services  host "port/proto service";  software  host's software (unparsed_version)
//   any other log with id.orig_h / id.resp_h: both ends seen, the log named as a protocol.
// Conn's orig_l2_addr/resp_l2_addr are not taken as identity: past a router they are the
// router's MAC. Start with read_zeek_observations().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "discovery/asset_table.h"
#include "ingest/parse_context.h"

namespace ward::discovery {

struct ObserveOptions {
  bool local_only = true;  // hosts with a public address (no MAC) are counted, not kept
};

struct ObserveSummary {
  std::map<std::string, std::uint64_t> records;  // accepted records per type ("zeek conn")
  std::vector<Error> rejected;                   // bad lines: source, line and why
  std::uint64_t observations = 0;
  std::uint64_t public_skipped = 0;              // observations of public addresses left out
  std::vector<std::string> notes;                // files read that gave discovery nothing, and why
  void merge(const ObserveSummary& other);
  void count_accepted(const ingest::ImportSummary& parsed);  // into `records`, per record type
};

// Adds what `o` says to `table`, as every reader of logs does: an observation with neither IP
// nor MAC is dropped; one of a public address without a MAC is counted (public_skipped) and
// dropped when options.local_only; "0.0.0.0" and "::" are no address.
void add_observation(Observation o, const std::string& source, AssetTable& table, const ObserveOptions& options,
                     ObserveSummary& summary);

// A sink for readers that take what they need from the records as they are parsed: keeps the
// rejections (bad lines) in `summary` and drops the rest.
class RejectionsSink : public ingest::RecordSink {
 public:
  explicit RejectionsSink(ObserveSummary& summary) : summary_(summary) {}
  Result<void> accept(ingest::ParsedRecords& records) override;

 private:
  ObserveSummary& summary_;
};

// Reads one Zeek log (all of `bytes`, named `source` in errors and in the hosts' sources) into
// `table`. Bad lines are in the summary's `rejected`; the rest goes on. Fails only when the
// parser itself cannot go on (never for bad input).
Result<ObserveSummary> read_zeek_observations(std::string_view bytes, const std::string& source,
                                              AssetTable& table, const ObserveOptions& options = {});

}  // namespace ward::discovery
