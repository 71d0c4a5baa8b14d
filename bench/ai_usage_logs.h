// Generated proxy and DNS logs for `ward ai usage` tests and `ward bench ai-usage`: a week of a
// hospital's squid access.log (native format, users named) and BIND query log (client addresses
// only) for a number of users browsing ordinary sites, with known AI use injected: each injected
// user reaches one AI service on one day, through the proxy and by DNS. The same seed gives the
// same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ward::bench {

struct AiUsageLogOptions {
  std::uint32_t users = 2000;
  std::uint32_t days = 7;
  std::uint64_t lines = 200'000;  // squid and DNS lines together, about half each
  std::uint64_t seed = 1;
};

struct InjectedAiUse {
  std::string user;     // squid user name ("u00042")
  std::string client;   // the user's address, as the DNS log names them
  std::string host;     // the AI host reached
  std::string service;  // the catalogue's service for it
  std::string day;      // YYYY-MM-DD
};

struct AiUsageLogs {
  std::string squid, dns;
  std::vector<InjectedAiUse> injected;
  std::uint64_t lines = 0;
};

// The start day is 2026-11-23 (UTC). Ordinary hosts are under .example, .test and a few real
// sites no AI catalogue rule names.
AiUsageLogs generate_ai_usage_logs(const AiUsageLogOptions& options);

// The user name and address of user `i`.
std::string usage_user(std::uint32_t i);
std::string usage_client(std::uint32_t i);

}  // namespace ward::bench
