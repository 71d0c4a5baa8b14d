#include "bench/ward_serve_process.h"

#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "bench/poll_until.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::uint16_t port_after(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern + R"(127\.0\.0\.1:(\d+))"))) return 0;
  return static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

}  // namespace

Result<WardServeProcess> WardServeProcess::start(const fs::path& data, const std::vector<std::string>& extra,
                                                 const fs::path& ward) {
  std::error_code ec;
  const fs::path self = ward.empty() ? fs::read_symlink("/proc/self/exe", ec) : fs::absolute(ward, ec);
  if (ec) return fail(ErrorCode::io, fmt::format("cannot find the ward binary: {}", ec.message()));
  const fs::path output = data.parent_path() / (data.filename().string() + ".out");
  std::vector<std::string> argv{self.string(), "--data", data.string(), "serve", "--listen", "127.0.0.1:0",
                                "--syslog-tcp", "127.0.0.1:0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto child = ChildProcess::start(argv, output);
  if (!child) return Unexpected(child.error());
  WardServeProcess serve(std::move(*child));

  std::string text;
  auto up = poll_until([&]() -> Result<bool> {
        text = read_text(output);
        return text.find("Press Ctrl-C") != std::string::npos || !serve.process_.running();
      }, std::chrono::seconds(20), std::chrono::milliseconds(10));
  if (!up) return Unexpected(up.error());
  serve.syslog_port_ = port_after(text, R"(Syslog \(TCP\) listener on )");
  serve.api_port_ = port_after(text, "http://");
  std::smatch token;
  if (std::regex_search(text, token, std::regex("ward_[0-9a-f]{64}"))) serve.token_ = token.str();
  if (!*up || serve.syslog_port_ == 0 || serve.api_port_ == 0 || serve.token_.empty())
    return fail(ErrorCode::internal, fmt::format("ward serve did not start; it said:\n{}", text));
  auto store = store::open_sqlite_store(data);
  if (!store) return Unexpected(store.error());
  serve.store_ = std::move(*store);
  return serve;
}

Result<std::uint64_t> WardServeProcess::events_committed() {
  auto seq = store_->last_event_seq();
  if (!seq) return Unexpected(seq.error());
  return static_cast<std::uint64_t>(*seq);
}

}  // namespace ward::bench
