// Generated syslog for `ward bench syslog` and `ward bench detect-live`: RFC 5424 messages as a
// hospital's hosts send them — sshd and PAM logins on clinical and admin servers, sudo, the
// edge firewall's kernel log lines, text audit lines of the EHR and PACS (ATNA-like, with
// structured data; not the XML of ATNA, which may become several events) — in time order,
// the same seed giving the same bytes. Each message becomes exactly one event in Ward.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace ward::bench {

class HospitalSyslog {
 public:
  explicit HospitalSyslog(std::uint64_t seed) : random_(seed) {}
  // The next message of the stream, without framing.
  std::string next();
  // The next message is instead an sshd line holding `word` ("Invalid user WORD from …"), for a
  // rule to find.
  std::string marker(std::string_view word);

 private:
  std::string next_time();  // ten messages per millisecond of log time

  std::mt19937_64 random_;
  std::uint64_t count_ = 0;
};

// Appends `message` to `out` octet-counted (RFC 6587 "LEN SP MSG"), or newline-terminated.
void append_octet_counted(std::string& out, std::string_view message);
void append_newline_framed(std::string& out, std::string_view message);

}  // namespace ward::bench
