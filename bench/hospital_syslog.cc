#include "bench/hospital_syslog.h"

#include <array>

#include <fmt/format.h>

namespace ward::bench {
namespace {

constexpr std::array kHosts{"ehr-app01", "ehr-app02", "pacs01", "lis-db01", "ris01", "fw-edge01",
                            "ws-icu-07", "ws-er-12", "ws-rad-03", "ad-dc01", "vpn01", "hl7-engine01"};
constexpr std::array kUsers{"jsmith", "mgarcia", "lchen", "apatel", "rnguyen", "kmueller", "svc_backup",
                            "dr_okafor", "nurse_ward5", "root", "admin", "radtech2"};
constexpr std::array kEhrActions{"open-chart", "view-results", "print-summary", "break-the-glass",
                                 "export-record", "sign-order"};
constexpr std::array kPorts{22, 443, 104, 2575, 3389, 445, 53, 11112};

}  // namespace

std::string HospitalSyslog::next_time() {
  const std::uint64_t micros = count_++ * 100;
  return fmt::format("2026-01-{:02}T{:02}:{:02}:{:02}.{:06}Z", 1 + (micros / 86'400'000'000) % 28,
                     (micros / 3'600'000'000) % 24, (micros / 60'000'000) % 60, (micros / 1'000'000) % 60,
                     micros % 1'000'000);
}

std::string HospitalSyslog::marker(std::string_view word) {
  const std::string time = next_time();
  return fmt::format("<86>1 {} ws-er-12 sshd {} - - Invalid user {} from 203.0.113.9 port {}", time,
                     1000 + random_() % 60000, word, 1024 + random_() % 60000);
}

std::string HospitalSyslog::next() {
  auto pick = [this](const auto& list) { return list[random_() % list.size()]; };
  auto ip = [this](int a, int b) { return fmt::format("{}.{}.{}.{}", a, b, random_() % 256, 1 + random_() % 254); };
  const std::uint64_t n = count_;
  const std::string time = next_time();
  const std::string_view host = pick(kHosts);
  const std::string_view user = pick(kUsers);
  const std::uint64_t pid = 1000 + random_() % 60000;
  switch (random_() % 10) {
    case 0: case 1:  // sshd: failures and successes (auth, facility 4 / authpriv 10)
      return fmt::format("<86>1 {} {} sshd {} - - {} password for {} from {} port {} ssh2", time, host, pid,
                         random_() % 4 == 0 ? "Failed" : "Accepted", user, ip(10, 20), 1024 + random_() % 60000);
    case 2:  // PAM session
      return fmt::format("<86>1 {} {} sshd {} - - pam_unix(sshd:session): session opened for user {}(uid={}) by (uid=0)",
                         time, host, pid, user, 1000 + random_() % 5000);
    case 3:  // sudo
      return fmt::format("<85>1 {} {} sudo {} - - {} : TTY=pts/{} ; PWD=/home/{} ; USER=root ; COMMAND=/usr/bin/systemctl "
                         "restart {}",
                         time, host, pid, user, random_() % 8, user, random_() % 2 ? "hl7-router" : "nginx");
    case 4: case 5: case 6: {  // edge firewall (kern.warning)
      const bool drop = random_() % 3 == 0;
      return fmt::format("<4>1 {} fw-edge01 kernel - - - [{}] {} IN=eth0 OUT=eth1 SRC={} DST={} LEN={} TOS=0x00 TTL={} "
                         "PROTO=TCP SPT={} DPT={} WINDOW=64240 SYN",
                         time, 100000 + n % 900000, drop ? "FW-DROP" : "FW-ACCEPT", ip(203, 0), ip(10, 30),
                         40 + random_() % 1400, 32 + random_() % 96, 1024 + random_() % 60000, pick(kPorts));
    }
    case 7: case 8:  // EHR audit, ATNA-like, with structured data (local0.notice)
      return fmt::format("<133>1 {} {} ehr-audit {} ATNA [atna@32473 event=\"{}\" user=\"{}\" patient=\"MRN{:07}\" "
                         "outcome=\"{}\" workstation=\"ws-{}\"] {} by {} on patient record",
                         time, pick(kHosts), pid, pick(kEhrActions), user, random_() % 5'000'000,
                         random_() % 20 == 0 ? "4" : "0", random_() % 200, pick(kEhrActions), user);
    default:  // PACS: DICOM associations (local1.info)
      return fmt::format("<142>1 {} pacs01 dcmqrscp {} DICOM - Association accepted from AE {} ({}) to PACS01, "
                         "C-{} study 1.2.840.113619.2.55.3.{}",
                         time, pid, random_() % 2 ? "MODALITY_CT1" : "WS_RAD_03", ip(10, 40),
                         random_() % 3 == 0 ? "MOVE" : "STORE", random_() % 1'000'000'000);
  }
}

void append_octet_counted(std::string& out, std::string_view message) {
  fmt::format_to(std::back_inserter(out), "{} ", message.size());
  out += message;
}

void append_newline_framed(std::string& out, std::string_view message) {
  out += message;
  out += '\n';
}

}  // namespace ward::bench
