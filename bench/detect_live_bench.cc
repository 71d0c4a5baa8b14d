#include "bench/detect_live_bench.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/api_get.h"
#include "bench/hospital_syslog.h"
#include "bench/machine.h"
#include "bench/poll_until.h"
#include "bench/scratch_dir.h"
#include "bench/syslog_sender.h"
#include "bench/ward_serve_process.h"
#include "core/latency_window.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kMarkerRuleId = "0b8f3c2e-6d1a-4e57-9a3b-2c4d5e6f7a81";
constexpr std::string_view kMarkerWord = "ward-bench-marker-";

Result<void> write_marker_rule(const fs::path& file) {
  std::ofstream out(file);
  out << fmt::format(R"(title: Ward Bench Marker
id: {}
status: test
description: Matches the marker lines `ward bench detect-live` sends, to time their alerts.
logsource:
    product: linux
    service: sshd
detection:
    keywords:
        - '{}'
    condition: keywords
level: low
)", kMarkerRuleId, kMarkerWord);
  if (!out) return fail(ErrorCode::io, fmt::format("cannot write {}", file.string()));
  return {};
}

// The marker number an alert of the marker rule is for, from the fields it matched.
std::optional<std::uint64_t> marker_of(const store::AlertRecord& alert) {
  const std::size_t at = alert.matched.find(kMarkerWord);
  if (at == std::string::npos) return std::nullopt;
  std::uint64_t n = 0;
  bool digits = false;
  for (std::size_t i = at + kMarkerWord.size(); i < alert.matched.size() && std::isdigit(static_cast<unsigned char>(alert.matched[i])); ++i) {
    n = n * 10 + static_cast<std::uint64_t>(alert.matched[i] - '0');
    digits = true;
  }
  return digits ? std::optional(n) : std::nullopt;
}

// Sends `messages` at `rate`, every `every`-th a marker; the time just before each marker was
// written, in `sent`.
struct Sender {
  std::uint64_t messages;
  int rate, every;
  std::vector<Clock::time_point>& sent;
  std::atomic<bool> done{false};
  Result<void> result;
  double seconds = 0;

  void run(std::uint16_t port) {
    result = [&]() -> Result<void> {
      auto sender = SyslogSender::connect(port);
      if (!sender) return Unexpected(sender.error());
      HospitalSyslog generator(7);
      std::string frame;
      const auto start = Clock::now();
      const auto interval = std::chrono::duration<double>(1.0 / rate);
      for (std::uint64_t i = 0; i < messages; ++i) {
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(i)));
        frame.clear();
        const bool marker = (i + 1) % static_cast<std::uint64_t>(every) == 0;
        const std::uint64_t j = i / static_cast<std::uint64_t>(every);
        append_octet_counted(frame, marker ? generator.marker(fmt::format("{}{}", kMarkerWord, j)) : generator.next());
        if (marker) sent[j] = Clock::now();
        if (auto r = sender->send(frame); !r) return r;
      }
      seconds = std::chrono::duration<double>(Clock::now() - start).count();
      sender->close();
      return {};
    }();
    done = true;
  }
};

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

Result<DetectLiveBenchResult> run_detect_live_bench(const DetectLiveBenchOptions& options) {
  DetectLiveBenchResult result;
  result.machine = machine_description();
  const ScratchDir scratch(options.workdir, "ward-bench-detect-live");
  if (auto r = scratch.ready(); !r) return Unexpected(r.error());
  const fs::path marker_rule = scratch.path() / "ward_bench_marker.yml";
  if (auto r = write_marker_rule(marker_rule); !r) return Unexpected(r.error());
  std::vector<std::string> extra{"--rules", marker_rule.string()};
  for (const std::string& r : options.rules) extra.insert(extra.end(), {"--rules", r});
  auto serve = WardServeProcess::start(scratch.path() / "store", extra, options.ward);
  if (!serve) return Unexpected(serve.error());

  // Live detection's first pass is done: from here every commit is looked at.
  auto status = [&]() -> Result<nlohmann::json> {
    auto body = api_get(serve->api_port(), "/api/v1/detection/status", serve->admin_token());
    if (!body) return Unexpected(body.error());
    return nlohmann::json::parse(*body, nullptr, /*allow_exceptions=*/false);
  };
  auto ready = poll_until([&]() -> Result<bool> {
        auto s = status();
        if (!s) return Unexpected(s.error());
        return s->value("ready", false);
      }, std::chrono::seconds(20), std::chrono::milliseconds(20));
  if (!ready) return Unexpected(ready.error());
  if (!*ready) return fail(ErrorCode::internal, "ward serve's live detection did not get ready in 20 s");

  result.messages = static_cast<std::uint64_t>(options.rate) * static_cast<std::uint64_t>(options.seconds);
  result.markers = result.messages / static_cast<std::uint64_t>(options.every);
  std::vector<Clock::time_point> sent(result.markers), alerted(result.markers);
  std::vector<bool> seen(result.markers, false);
  Sender sender{result.messages, options.rate, options.every, sent};
  std::jthread sending([&] { sender.run(serve->syslog_port()); });

  // Poll the store for the marker rule's alerts; each is timed at the end of the poll that
  // first returned it.
  store::AlertQuery query;
  query.rule_id = std::string(kMarkerRuleId);
  query.limit = 1000;
  std::optional<Clock::time_point> sending_ended;
  Clock::time_point last_poll = Clock::now();
  double gaps = 0, polls = 0;
  while (result.alerted < result.markers) {
    auto alerts = serve->store().alerts(query);
    const auto now = Clock::now();
    if (!alerts) return Unexpected(alerts.error());
    gaps += ms_between(last_poll, now);
    result.poll_max_ms = std::max(result.poll_max_ms, ms_between(last_poll, now));
    last_poll = now;
    ++polls;
    for (const store::AlertRecord& a : *alerts) {
      auto j = marker_of(a);
      if (!j || *j >= result.markers)
        return fail(ErrorCode::internal, fmt::format("an alert of the marker rule does not name a marker sent: {}", a.matched));
      if (seen[*j]) continue;
      seen[*j] = true;
      alerted[*j] = now;
      ++result.alerted;
    }
    if (sender.done && !sending_ended) {
      if (!sender.result) return Unexpected(sender.result.error());
      sending_ended = now;
    }
    if (sending_ended && now - *sending_ended > std::chrono::seconds(options.timeout_seconds))
      return fail(ErrorCode::internal, fmt::format("{} of {} markers alerted {} s after the last message (--timeout)",
                                                   result.alerted, result.markers, options.timeout_seconds));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  sending.join();
  if (!sender.result) return Unexpected(sender.result.error());
  result.send_seconds = sender.seconds;
  result.poll_mean_ms = polls > 0 ? gaps / polls : 0;
  LatencyWindow latencies(result.markers);
  for (std::uint64_t j = 0; j < result.markers; ++j) latencies.add(ms_between(sent[j], alerted[j]));
  const LatencyWindow::Summary summary = latencies.summary();
  result.p50_ms = summary.p50_ms;
  result.p99_ms = summary.p99_ms;
  result.max_ms = summary.max_ms;

  auto end = status();
  if (!end) return Unexpected(end.error());
  const nlohmann::json& s = *end;
  if (s.contains("latency_ms")) {
    result.monitor_p50_ms = s["latency_ms"].value("p50", 0.0);
    result.monitor_p99_ms = s["latency_ms"].value("p99", 0.0);
    result.monitor_max_ms = s["latency_ms"].value("max", 0.0);
  }
  if (s.contains("rules")) result.monitor_rules = s["rules"].value("rules", std::uint64_t{0});
  result.monitor_alerts = s.value("alerts_raised", std::uint64_t{0});
  result.monitor_events = s.value("events_scanned", std::uint64_t{0});
  if (int stopped = serve->stop(); stopped != 0)
    return fail(ErrorCode::internal, fmt::format("ward serve exited with status {}", stopped));
  return result;
}

std::string format_report(const DetectLiveBenchOptions& options, const DetectLiveBenchResult& r) {
  std::string out = fmt::format(
      "ward bench detect-live — {} — {} messages at {}/s over TCP ({:.1f} s), every {}th a marker; "
      "{} Sigma rules live\n",
      r.machine, r.messages, options.rate, r.send_seconds, options.every, r.monitor_rules);
  out += fmt::format("  sent → alert in the store ({} of {} markers): p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms "
                     "(target p99 <= 1000 ms)\n",
                     r.alerted, r.markers, r.p50_ms, r.p99_ms, r.max_ms);
  out += fmt::format("  store polled every {:.2f} ms on average (longest gap {:.1f} ms)\n", r.poll_mean_ms,
                     r.poll_max_ms);
  out += fmt::format("  the monitor's own commit → alerted (GET /api/v1/detection/status, last 10,000 commits): "
                     "p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms; {} events scanned, {} alerts raised\n",
                     r.monitor_p50_ms, r.monitor_p99_ms, r.monitor_max_ms, r.monitor_events, r.monitor_alerts);
  return out;
}

}  // namespace ward::bench
