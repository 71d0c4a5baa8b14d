// The generated proxy and DNS logs (ai_usage_logs.h).
#include "bench/ai_usage_logs.h"

#include <array>
#include <random>
#include <string_view>

#include <fmt/format.h>

#include "core/time.h"

namespace ward::bench {
namespace {

constexpr std::int64_t kFirstDay = 20'415;  // 2026-11-23
constexpr std::array<std::string_view, 10> kOrdinaryHosts = {
    "ehr.hospital.test", "pacs.hospital.test", "intranet.hospital.test", "www.nejm.example",
    "pubmed.ncbi.nlm.nih.gov", "www.uptodate.com", "mail.hospital.test", "cdn.news.example",
    "weather.example", "login.microsoftonline.com"};
struct AiHost {
  std::string_view host, service;
};
constexpr std::array<AiHost, 10> kAiHosts = {{{"chatgpt.com", "openai"},
                                              {"api.openai.com", "openai"},
                                              {"claude.ai", "anthropic"},
                                              {"gemini.google.com", "google-deepmind"},
                                              {"www.perplexity.ai", "perplexity"},
                                              {"huggingface.co", "huggingface"},
                                              {"chat.deepseek.com", "deepseek"},
                                              {"copilot.microsoft.com", "copilot"},
                                              {"api.groq.com", "groq"},
                                              {"x.ai", "xai"}}};
constexpr std::uint32_t kInjectedUsers = 40;

std::string bind_time(TimeNs t) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = format_iso8601(t);  // 2026-11-23T08:59:37Z
  const int month = std::stoi(iso.substr(5, 2));
  return fmt::format("{}-{}-{} {}.000", iso.substr(8, 2), kMonths[month - 1], iso.substr(0, 4), iso.substr(11, 8));
}

void add_lines(AiUsageLogs& out, std::uint32_t user, std::string_view host, TimeNs t, std::uint64_t n) {
  const double seconds = static_cast<double>(t) / kNsPerSecond;
  out.squid += fmt::format("{:.3f} {:5} {} TCP_TUNNEL/200 {} CONNECT {}:443 {} HIER_DIRECT/198.51.100.7 -\n", seconds,
                           40 + n % 900, usage_client(user), 1000 + n % 50'000, host, usage_user(user));
  out.dns += fmt::format("{} queries: info: client @0x7f8b1c0a8b20 {}#{} ({}): query: {} IN A +E(0)K (10.0.0.53)\n",
                         bind_time(t), usage_client(user), 1024 + n % 60'000, host, host);
  out.lines += 2;
}

}  // namespace

std::string usage_user(std::uint32_t i) { return fmt::format("u{:05}", i); }
std::string usage_client(std::uint32_t i) { return fmt::format("10.{}.{}.{}", 20 + i / 62'500, i / 250 % 250, i % 250 + 1); }

AiUsageLogs generate_ai_usage_logs(const AiUsageLogOptions& o) {
  AiUsageLogs out;
  std::mt19937_64 random(o.seed);
  const std::uint32_t users = std::max<std::uint32_t>(o.users, 1), days = std::max<std::uint32_t>(o.days, 1);
  // Injected users spread over the population; user k uses kAiHosts[k % size] on day k % days.
  const std::uint32_t injected = std::min(kInjectedUsers, users);
  for (std::uint32_t k = 0; k < injected; ++k) {
    const std::uint32_t user = k * (users / injected);
    const AiHost& ai = kAiHosts[k % kAiHosts.size()];
    out.injected.push_back({usage_user(user), usage_client(user), std::string(ai.host), std::string(ai.service),
                            format_day(kFirstDay + k % days)});
  }
  const std::uint64_t pairs = std::max<std::uint64_t>(o.lines / 2, out.injected.size());
  const TimeNs start = kFirstDay * 86'400 * kNsPerSecond, span = static_cast<TimeNs>(days) * 86'400 * kNsPerSecond;
  const std::uint64_t every = pairs / out.injected.size();  // one injected pair in every `every`
  out.squid.reserve(pairs * 110);
  out.dns.reserve(pairs * 150);
  for (std::uint64_t n = 0; n < pairs; ++n) {
    const TimeNs t = start + static_cast<TimeNs>((static_cast<__int128>(span) * n) / pairs);
    if (n % every == every / 2 && n / every < out.injected.size()) {
      const std::uint32_t k = static_cast<std::uint32_t>(n / every);
      const TimeNs day_start = (kFirstDay + k % days) * 86'400 * kNsPerSecond;
      add_lines(out, k * (users / injected), out.injected[k].host, day_start + (9 + k % 8) * 3'600 * kNsPerSecond, n);
      continue;
    }
    add_lines(out, static_cast<std::uint32_t>(random() % users), kOrdinaryHosts[random() % kOrdinaryHosts.size()], t, n);
  }
  return out;
}

}  // namespace ward::bench
