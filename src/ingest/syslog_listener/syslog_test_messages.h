// Test fixtures the listener's tests share: the RFC 5424 example message, RFC 6587 octet counting
// of a message, and a sink whose every commit fails (a full disk).
#pragma once

#include <string>
#include <string_view>

#include "ingest/parse_context.h"

namespace ward::ingest::syslog_testing {

inline const std::string kRfc5424 =
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An application event";

// "LEN message": one octet-counted frame.
inline std::string counted(std::string_view message) { return std::to_string(message.size()) + " " + std::string(message); }

class FailingSink : public RecordSink {
 public:
  Result<void> accept(ParsedRecords&) override { return fail(ErrorCode::io, "disk full"); }
};

}  // namespace ward::ingest::syslog_testing
