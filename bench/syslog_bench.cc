#include "bench/syslog_bench.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include <fmt/format.h>

#include "bench/hospital_syslog.h"
#include "bench/machine.h"
#include "bench/poll_until.h"
#include "bench/rsyslog_process.h"
#include "bench/scratch_dir.h"
#include "bench/syslog_sender.h"
#include "bench/ward_serve_process.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The stream, framed, dealt round-robin over the connections.
std::vector<std::string> framed_streams(const SyslogBenchOptions& options) {
  std::vector<std::string> streams(static_cast<std::size_t>(options.connections));
  HospitalSyslog generator(42);
  for (std::uint64_t i = 0; i < options.messages; ++i) {
    std::string& out = streams[i % streams.size()];
    const std::string message = generator.next();
    if (options.newline_framing) append_newline_framed(out, message);
    else append_octet_counted(out, message);
  }
  return streams;
}

// Sends every stream on its own connection at once and waits until `held()` reaches the
// messages sent; the seconds from the first connection to that moment.
Result<double> send_and_wait(std::uint16_t port, const std::vector<std::string>& streams, std::uint64_t messages,
                             const std::function<Result<std::uint64_t>()>& held, int timeout_seconds,
                             std::string_view receiver) {
  std::vector<Result<SyslogSender>> senders;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    senders.push_back(SyslogSender::connect(port));
    if (!senders.back()) return Unexpected(senders.back().error());
  }
  const auto start = Clock::now();
  std::vector<Result<void>> sent(streams.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < streams.size(); ++i)
      threads.emplace_back([&, i] {
        sent[i] = (*senders[i]).send(streams[i]);
        (*senders[i]).close();
      });
  }
  for (const Result<void>& r : sent)
    if (!r) return Unexpected(r.error());
  std::uint64_t count = 0;
  auto all = poll_until([&]() -> Result<bool> {
        auto now = held();
        if (!now) return Unexpected(now.error());
        count = *now;
        return count >= messages;
      }, std::chrono::seconds(timeout_seconds), std::chrono::milliseconds(2));
  if (!all) return Unexpected(all.error());
  if (!*all)
    return fail(ErrorCode::internal, fmt::format("{} holds {} of the {} messages sent after {} s (--timeout)",
                                                 receiver, count, messages, timeout_seconds));
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<void> measure_ward(const SyslogBenchOptions& options, const std::vector<std::string>& streams,
                          const fs::path& folder, SyslogRound& round) {
  auto serve = WardServeProcess::start(folder, {}, options.ward);
  if (!serve) return Unexpected(serve.error());
  auto seconds = send_and_wait(serve->syslog_port(), streams, options.messages,
                               [&] { return serve->events_committed(); }, options.timeout_seconds, "ward serve");
  if (!seconds) return Unexpected(seconds.error());
  round.ward_seconds = *seconds;
  round.ward_cpu_seconds = serve->cpu_seconds();
  auto counts = serve->store().counts();
  if (!counts) return Unexpected(counts.error());
  round.ward_events = counts->events;
  round.ward_quarantined = counts->quarantined;
  if (round.ward_events != options.messages || round.ward_quarantined != 0)
    return fail(ErrorCode::internal, fmt::format("ward serve stored {} events and quarantined {} of {} messages",
                                                 round.ward_events, round.ward_quarantined, options.messages));
  if (int status = serve->stop(); status != 0)
    return fail(ErrorCode::internal, fmt::format("ward serve exited with status {} (see {}.out)", status,
                                                 folder.string()));
  return {};
}

Result<void> measure_rsyslog(const SyslogBenchOptions& options, const std::vector<std::string>& streams,
                             const fs::path& folder, SyslogRound& round) {
  auto rsyslog = RsyslogProcess::start(folder);
  if (!rsyslog) return Unexpected(rsyslog.error());
  auto seconds = send_and_wait(rsyslog->port(), streams, options.messages,
                               [&] { return rsyslog->messages_written(); }, options.timeout_seconds, "rsyslogd");
  if (!seconds) return Unexpected(seconds.error());
  round.rsyslog_seconds = *seconds;
  round.rsyslog_cpu_seconds = rsyslog->cpu_seconds();
  auto lines = rsyslog->messages_written();
  if (!lines) return Unexpected(lines.error());
  round.rsyslog_lines = *lines;
  if (round.rsyslog_lines != options.messages)
    return fail(ErrorCode::internal, fmt::format("rsyslogd wrote {} lines for {} messages", round.rsyslog_lines,
                                                 options.messages));
  return {};
}

double per_second(std::uint64_t n, double seconds) { return seconds > 0 ? static_cast<double>(n) / seconds : 0; }

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

Result<SyslogBenchResult> run_syslog_bench(const SyslogBenchOptions& options) {
  SyslogBenchResult result;
  result.machine = machine_description();
  const ScratchDir scratch(options.workdir, "ward-bench-syslog");
  if (auto r = scratch.ready(); !r) return Unexpected(r.error());
  const std::vector<std::string> streams = framed_streams(options);
  for (const std::string& s : streams) result.bytes += s.size();
  for (int r = 0; r < options.rounds; ++r) {
    SyslogRound round;
    const fs::path ward_folder = scratch.path() / fmt::format("ward-{}", r);
    const fs::path rsyslog_folder = scratch.path() / fmt::format("rsyslog-{}", r);
    // Who goes first alternates, so neither always has the warmer page cache.
    if (r % 2 == 0) {
      if (auto m = measure_ward(options, streams, ward_folder, round); !m) return Unexpected(m.error());
      if (auto m = measure_rsyslog(options, streams, rsyslog_folder, round); !m) return Unexpected(m.error());
    } else {
      if (auto m = measure_rsyslog(options, streams, rsyslog_folder, round); !m) return Unexpected(m.error());
      if (auto m = measure_ward(options, streams, ward_folder, round); !m) return Unexpected(m.error());
    }
    result.rounds.push_back(round);
  }
  return result;
}

std::string format_report(const SyslogBenchOptions& options, const SyslogBenchResult& result) {
  const std::uint64_t n = options.messages;
  std::string out = fmt::format(
      "ward bench syslog — {} — {} RFC 5424 messages ({:.1f} MB {}), {} connection(s), 127.0.0.1\n",
      result.machine, n, static_cast<double>(result.bytes) / 1e6,
      options.newline_framing ? "newline-framed" : "octet-counted", options.connections);
  out += "  round   ward serve (committed)   rsyslogd (omfile)   ward/rsyslog   CPU s ward/rsyslog   counted at the other end\n";
  std::vector<double> ward, rsyslog, ratios, cpu_ward, cpu_rsyslog;
  for (std::size_t i = 0; i < result.rounds.size(); ++i) {
    const SyslogRound& r = result.rounds[i];
    const double w = per_second(n, r.ward_seconds), s = per_second(n, r.rsyslog_seconds);
    ward.push_back(w);
    rsyslog.push_back(s);
    ratios.push_back(s > 0 ? w / s : 0);
    cpu_ward.push_back(r.ward_cpu_seconds);
    cpu_rsyslog.push_back(r.rsyslog_cpu_seconds);
    out += fmt::format("  {:>5} {:>14.0f} msg/s {:>13.0f} msg/s {:>13.2f} {:>9.2f} / {:<8.2f}  ward {}/{} events ({} "
                       "quarantined), rsyslog {}/{} lines\n",
                       i + 1, w, s, ratios.back(), r.ward_cpu_seconds, r.rsyslog_cpu_seconds, r.ward_events, n,
                       r.ward_quarantined, r.rsyslog_lines, n);
  }
  out += fmt::format("  median {:>13.0f} msg/s {:>13.0f} msg/s {:>13.2f} {:>9.2f} / {:<8.2f}  (ratio of the medians; "
                     "target >= 1.0)\n",
                     median(ward), median(rsyslog), median(rsyslog) > 0 ? median(ward) / median(rsyslog) : 0,
                     median(cpu_ward), median(cpu_rsyslog));
  return out;
}

}  // namespace ward::bench
