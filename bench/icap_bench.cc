// `ward bench icap` (icap_bench.h): an in-process ICAP server on a free port, a blocking client.
#include "bench/icap_bench.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bench/bench_files.h"
#include "bench/machine.h"
#include "dlp/icap_server.h"

namespace ward::bench {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') { out += '\\'; out += c; }
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out + "\"";
}

// A chatbot request body: the text, repeated to `bytes`, as a JSON prompt.
std::string prompt(std::string_view text, std::size_t bytes, std::string_view prefix) {
  std::string content(prefix);
  while (content.size() < bytes) content.append(text.substr(0, bytes - content.size()));
  return R"({"model":"gpt-4o","messages":[{"role":"user","content":)" + json_string(content) + "}]}";
}

std::string reqmod(std::string_view host, std::string_view body) {
  const std::string http = fmt::format("POST http://{}/v1/chat/completions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n"
                                       "Content-Length: {}\r\n\r\n", host, host, body.size());
  return fmt::format("REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: 127.0.0.1\r\nAllow: 204\r\nX-Client-IP: 10.0.0.7\r\n"
                     "Encapsulated: req-hdr=0, req-body={}\r\n\r\n{}{:x}\r\n{}\r\n0\r\n\r\n", http.size(), http, body.size(), body);
}

// One answer: a 204 ends with its head; anything else with its chunked body.
Result<std::string> read_answer(tcp::socket& socket, std::string& pending) {
  std::array<char, 65536> buffer{};
  while (true) {
    const std::size_t head = pending.find("\r\n\r\n");
    if (head != std::string::npos) {
      const bool no_body = pending.starts_with("ICAP/1.0 204") || pending.find("null-body") < head;
      std::size_t end = head + 4;
      if (!no_body) {
        const std::size_t last = pending.find("\r\n0\r\n\r\n", head);
        end = last == std::string::npos ? 0 : last + 7;
      }
      if (end != 0) {
        std::string answer = pending.substr(0, end);
        pending.erase(0, end);
        return answer;
      }
    }
    boost::system::error_code ec;
    const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
    if (ec) return fail(ErrorCode::io, "ICAP server closed the connection: " + ec.message());
    pending.append(buffer.data(), n);
  }
}

// Errors only while it lives, the level before restored on every way out.
class QuietLog {
 public:
  QuietLog() : before_(spdlog::get_level()) { spdlog::set_level(spdlog::level::err); }
  ~QuietLog() { spdlog::set_level(before_); }
  QuietLog(const QuietLog&) = delete;
  QuietLog& operator=(const QuietLog&) = delete;

 private:
  spdlog::level::level_enum before_;
};

Latency summarise(std::vector<double> ms) {
  Latency l;
  l.requests = ms.size();
  if (ms.empty()) return l;
  std::sort(ms.begin(), ms.end());
  l.p50_ms = ms[ms.size() / 2];
  l.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  l.max_ms = ms.back();
  return l;
}

}  // namespace

Result<IcapBenchResult> run_icap_bench(const IcapBenchOptions& options) {
  const auto text_path = options.clean_text.empty() ? source_tree() / "bench" / "data" / "phi_free_clinical.txt" : options.clean_text;
  auto text = read_all(text_path);
  if (!text) return Unexpected(text.error());
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = 0.7});
  if (!scanner) return Unexpected(scanner.error());
  // The PHI-free prompt: the text without the lines the scanner flags (its known false positive),
  // so that kind is let through and measures a scan that finds nothing.
  IcapBenchResult result;
  {
    auto scratch = phi::ScanScratch::make(*scanner);
    if (!scratch) return Unexpected(scratch.error());
    std::string kept;
    for (std::size_t at = 0; at < text->size();) {
      std::size_t end = text->find('\n', at);
      end = end == std::string::npos ? text->size() : end + 1;
      const std::string_view line(text->data() + at, end - at);
      auto found = scanner->scan(line, *scratch);
      if (!found) return Unexpected(found.error());
      if (found->empty()) kept.append(line);
      else ++result.lines_dropped;
      at = end;
    }
    *text = std::move(kept);
  }
  // The server's warnings name each PHI request: thousands here. Errors only while measuring.
  const QuietLog quiet;
  dlp::OutboundInspector inspector(*scanner, dlp::DestinationCatalogue::ai_services(), dlp::DlpPolicy{});
  dlp::IcapOptions server_options;
  server_options.port = 0;
  dlp::IcapServer server(inspector, server_options, nullptr);
  auto port = server.start();
  if (!port) return Unexpected(port.error());
  std::jthread runner([&server] { server.run(); });

  const std::string clean_body = prompt(*text, options.body_bytes, "");
  const std::string phi_body = prompt(*text, options.body_bytes, "Patient John Smith, MRN: 00123456, DOB 02/08/1935. ");
  const std::string requests[3] = {reqmod("intranet.hospital.test", phi_body), reqmod("chat.openai.com", clean_body),
                                   reqmod("chat.openai.com", phi_body)};
  asio::io_context ioc;
  tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), *port), ec);
  if (ec) return fail(ErrorCode::io, "cannot connect to the ICAP server: " + ec.message());
  socket.set_option(tcp::no_delay(true));
  std::string pending;
  std::vector<double> ms[3];
  result.machine = machine_description();
  result.body_bytes = phi_body.size();
  const std::size_t warm_up = 30;
  for (std::size_t i = 0; i < warm_up + options.requests; ++i) {
    for (int kind = 0; kind < 3; ++kind) {
      const auto start = Clock::now();
      asio::write(socket, asio::buffer(requests[kind]), ec);
      if (ec) return fail(ErrorCode::io, "ICAP write failed: " + ec.message());
      auto answer = read_answer(socket, pending);
      if (!answer) return Unexpected(answer.error());
      const double took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (i < warm_up) continue;
      ms[kind].push_back(took);
      if (answer->find("HTTP/1.1 403 Forbidden") != std::string::npos) ++result.blocked[kind];
    }
  }
  socket.close();
  server.stop();
  result.not_watched = summarise(std::move(ms[0]));
  result.clean = summarise(std::move(ms[1]));
  result.with_phi = summarise(std::move(ms[2]));
  return result;
}

std::string format_report(const IcapBenchResult& r) {
  std::string out = fmt::format("ward bench icap — {} — REQMOD with a {}-byte JSON prompt, one connection, kinds interleaved\n",
                                r.machine, r.body_bytes);
  out += fmt::format("  {:<44} {:>8} {:>9} {:>9} {:>9}\n", "kind", "requests", "p50 ms", "p99 ms", "max ms");
  auto row = [&](std::string_view name, const Latency& l) {
    out += fmt::format("  {:<44} {:>8} {:>9.3f} {:>9.3f} {:>9.3f}\n", name, l.requests, l.p50_ms, l.p99_ms, l.max_ms);
  };
  row("not watched (baseline: ICAP only, no scan)", r.not_watched);
  row("AI service, no PHI (scanned, 204)", r.clean);
  row("AI service, PHI (scanned, 403 page)", r.with_phi);
  out += fmt::format("  answered with the 403 page: {} of {} not watched, {} of {} without PHI, {} of {} with PHI\n", r.blocked[0],
                     r.not_watched.requests, r.blocked[1], r.clean.requests, r.blocked[2], r.with_phi.requests);
  out += fmt::format("  p99 added by the scan: {:.3f} ms (no PHI), {:.3f} ms (PHI); prompt text: bench/data/phi_free_clinical.txt "
                     "without the {} line(s) the scanner flags\n",
                     r.clean.p99_ms - r.not_watched.p99_ms, r.with_phi.p99_ms - r.not_watched.p99_ms, r.lines_dropped);
  return out;
}

}  // namespace ward::bench
