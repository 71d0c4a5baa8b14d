// One squid access.log line split into its fields, in the native format
//   time elapsed remotehost code/status bytes method URL rfc931 peerstatus/peerhost type
// or in the "combined" logformat
//   remotehost rfc931 user [dd/Mmm/yyyy:hh:mm:ss +zzzz] "method URL HTTP/v" status bytes
//   "referer" "user-agent" code:peerstatus
// Field names are those of squid's documentation. Internal to ingest/squid.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace ward::ingest::squid {

struct SquidField {
  std::string_view name;
  std::string_view value;
};

struct SquidLine {
  TimeNs time = 0;
  std::vector<SquidField> fields;  // "-" values are left out
  std::string_view find(std::string_view name) const;  // "" when absent
};

// Fail naming the field that does not fit (e.g. "time", "code/status", "bytes").
Result<void> split_native(std::string_view line, SquidLine& out);
Result<void> split_combined(std::string_view line, SquidLine& out);

}  // namespace ward::ingest::squid
