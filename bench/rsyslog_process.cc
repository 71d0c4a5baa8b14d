#include "bench/rsyslog_process.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "bench/poll_until.h"

namespace ward::bench {

namespace fs = std::filesystem;

Result<RsyslogProcess> RsyslogProcess::start(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder / "work", ec);
  if (ec) return fail(ErrorCode::io, fmt::format("cannot create {}: {}", folder.string(), ec.message()));
  const fs::path conf = folder / "rsyslog.conf", port_file = folder / "port", output = folder / "messages.log";
  {
    std::ofstream out(conf);
    // Its own ruleset, so only what arrives over TCP is written (not rsyslogd's own messages).
    out << fmt::format(
        "global(workDirectory=\"{0}/work\")\n"
        "module(load=\"imtcp\")\n"
        "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"0\" listenPortFileName=\"{1}\" ruleset=\"bench\")\n"
        "ruleset(name=\"bench\") {{ action(type=\"omfile\" file=\"{2}\") }}\n",
        folder.string(), port_file.string(), output.string());
    if (!out) return fail(ErrorCode::io, fmt::format("cannot write {}", conf.string()));
  }
  auto child = ChildProcess::start({"rsyslogd", "-n", "-f", conf.string(), "-i", (folder / "rsyslogd.pid").string()},
                                   folder / "rsyslogd.out");
  if (!child) return Unexpected(child.error());
  RsyslogProcess rsyslog(std::move(*child));
  rsyslog.output_ = output;
  auto up = poll_until([&]() -> Result<bool> {
        std::ifstream in(port_file);
        int port = 0;
        if (in >> port && port > 0) rsyslog.port_ = static_cast<std::uint16_t>(port);
        return rsyslog.port_ != 0 || !rsyslog.process_.running();
      }, std::chrono::seconds(20), std::chrono::milliseconds(10));
  if (!up) return Unexpected(up.error());
  if (rsyslog.port_ == 0) {
    std::ifstream said(folder / "rsyslogd.out");
    std::stringstream text;
    text << said.rdbuf();
    return fail(ErrorCode::internal, fmt::format("rsyslogd did not start (is rsyslog installed? scripts/setup "
                                                 "installs it); it said:\n{}", text.str()));
  }
  return rsyslog;
}

Result<std::uint64_t> RsyslogProcess::messages_written() {
  std::ifstream in(output_, std::ios::binary);
  if (!in) return lines_;  // nothing written yet
  in.seekg(static_cast<std::streamoff>(read_bytes_));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    lines_ += static_cast<std::uint64_t>(std::count(buffer, buffer + n, '\n'));
    read_bytes_ += n;
  }
  return lines_;
}

}  // namespace ward::bench
