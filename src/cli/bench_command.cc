// `ward bench ingest` (ingest throughput beside simdjson parse-only) and `ward bench privacy`
// (the privacy engine on a generated hospital), `ward bench detect` (Sigma hunting beside
// simdjson parse-only), `ward bench correlation` (correlation state per group-by key beside a plain
// hash map), `ward bench syslog` (`ward serve`'s syslog TCP listener beside rsyslogd),
// `ward bench detect-live` (from a syslog message sent to its alert in `ward serve`),
// `ward bench phi-accuracy` (the PHI scanner against labelled sentences); see bench/.
#include <fmt/format.h>

#include "bench/ai_usage_bench.h"
#include "bench/correlation_bench.h"
#include "bench/deid_bench.h"
#include "bench/devices_bench.h"
#include "bench/detect_bench.h"
#include "bench/detect_live_bench.h"
#include "bench/icap_bench.h"
#include "bench/ingest_bench.h"
#include "bench/phi_accuracy_bench.h"
#include "bench/phi_speed_bench.h"
#include "bench/privacy_bench.h"
#include "bench/syslog_bench.h"
#include "cli/commands.h"

namespace ward::cli {

void add_bench_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto* bench = app.add_subcommand("bench", "measure Ward against baselines");
  bench->require_subcommand(1);
  auto* ingest = bench->add_subcommand("ingest", "FHIR AuditEvent NDJSON: parse-only vs normalise vs store");
  auto options = std::make_shared<ward::bench::IngestBenchOptions>();
  ingest->add_option("--events", options->events, "events to generate")->check(CLI::Range(1000, 100'000'000))->capture_default_str();
  ingest->add_option("--file", options->input, "use this NDJSON instead of generating one");
  ingest->add_option("--workdir", options->workdir, "scratch folder (default: the system temp dir)");
  ingest->add_option("--repeat", options->repeat, "runs per stage; the best is reported")->check(CLI::Range(1, 20))->capture_default_str();
  ingest->callback([&exit_code, options] {
    auto result = ward::bench::run_ingest_bench(*options);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });

  auto* privacy = bench->add_subcommand(
      "privacy", "EHR access monitoring on a generated hospital: accuracy, speed, memory");
  auto p = std::make_shared<ward::bench::PrivacyBenchOptions>();
  privacy->add_option("--users", p->users, "workforce size")->check(CLI::Range(20, 8999))->capture_default_str();
  privacy->add_option("--patients", p->patients, "patients")->check(CLI::Range(10, 999999))->capture_default_str();
  privacy->add_option("--days", p->days, "days of activity")->check(CLI::Range(1, 366))->capture_default_str();
  privacy->add_option("--seed", p->seed, "generator seed")->capture_default_str();
  privacy->add_option("--incident-share", p->incident_share, "share of accesses that are injected snooping")
      ->check(CLI::Range(0.0, 0.2))->capture_default_str();
  privacy->add_option("--workdir", p->workdir, "scratch folder (default: the system temp dir)");
  privacy->add_option("--live-commits", p->live_commits, "commits replayed live after the run (0: none)")
      ->check(CLI::Range(0, 1'000'000))->capture_default_str();
  privacy->add_option("--live-rate", p->live_rate, "live commits per second")
      ->check(CLI::Range(1, 100'000))->capture_default_str();
  privacy->callback([&exit_code, p] {
    auto result = ward::bench::run_privacy_bench(*p);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*p, *result));
    exit_code = kExitOk;
  });

  auto* detect = bench->add_subcommand("detect", "Sigma hunting on generated Windows events: 1, 100, all rules vs parse-only");
  auto d = std::make_shared<ward::bench::DetectBenchOptions>();
  detect->add_option("--events", d->events, "events to generate")->check(CLI::Range(1000, 100'000'000))->capture_default_str();
  detect->add_option("--rules", d->rules, "Sigma rule folders (e.g. ../shared/data/sigma/rules)")->required();
  detect->add_option("--workdir", d->workdir, "scratch folder (default: the system temp dir)");
  detect->add_option("--repeat", d->repeat, "runs per stage; the best is reported")->check(CLI::Range(1, 20))->capture_default_str();
  detect->callback([&exit_code, d] {
    auto result = ward::bench::run_detect_bench(*d);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });

  auto* correlation = bench->add_subcommand(
      "correlation", "correlation state: bytes per distinct group-by key vs a plain hash map of the keys");
  auto c = std::make_shared<ward::bench::CorrelationBenchOptions>();
  correlation->add_option("--keys", c->keys, "distinct group-by keys")->check(CLI::Range(1000, 50'000'000))->capture_default_str();
  correlation->add_option("--matches", c->matches_per_key, "matches per key (below both thresholds)")
      ->check(CLI::Range(1, 2))->capture_default_str();
  correlation->add_option("--workdir", c->workdir, "scratch folder (default: the system temp dir)");
  correlation->callback([&exit_code, c] {
    auto result = ward::bench::run_correlation_bench(*c);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });

  auto* syslog = bench->add_subcommand(
      "syslog", "syslog over TCP: ward serve (stored) beside rsyslogd (to a file), the same stream, messages/s");
  auto s = std::make_shared<ward::bench::SyslogBenchOptions>();
  syslog->add_option("--messages", s->messages, "messages per receiver and round")
      ->check(CLI::Range(1000, 100'000'000))->capture_default_str();
  syslog->add_option("--connections", s->connections, "TCP connections the stream is dealt over")
      ->check(CLI::Range(1, 64))->capture_default_str();
  syslog->add_flag("--newline", s->newline_framing, "newline framing instead of octet counting");
  syslog->add_option("--rounds", s->rounds, "rounds (each: fresh ward serve, fresh rsyslogd)")
      ->check(CLI::Range(1, 20))->capture_default_str();
  syslog->add_option("--timeout", s->timeout_seconds, "seconds after the last byte sent for every message to be held")
      ->check(CLI::Range(1, 3600))->capture_default_str();
  syslog->add_option("--ward", s->ward, "the ward binary to serve with (default: this one; another build to compare)");
  syslog->add_option("--workdir", s->workdir, "scratch folder, kept (default: the system temp dir, removed)");
  syslog->callback([&exit_code, s] {
    auto result = ward::bench::run_syslog_bench(*s);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*s, *result));
    exit_code = kExitOk;
  });

  auto* live = bench->add_subcommand(
      "detect-live", "ward serve: from a syslog message sent to its alert in the store, p50/p99/max");
  auto l = std::make_shared<ward::bench::DetectLiveBenchOptions>();
  live->add_option("--rate", l->rate, "messages per second")->check(CLI::Range(1, 100'000))->capture_default_str();
  live->add_option("--seconds", l->seconds, "seconds of sending")->check(CLI::Range(1, 3600))->capture_default_str();
  live->add_option("--every", l->every, "every k-th message is a marker a rule matches")
      ->check(CLI::Range(1, 1'000'000))->capture_default_str();
  live->add_option("--rules", l->rules, "Sigma rule folders or files live beside the marker rule (e.g. rules/healthcare)");
  live->add_option("--timeout", l->timeout_seconds, "seconds after the last message for every marker's alert")
      ->check(CLI::Range(1, 3600))->capture_default_str();
  live->add_option("--ward", l->ward, "the ward binary to serve with (default: this one)");
  live->add_option("--workdir", l->workdir, "scratch folder, kept (default: the system temp dir, removed)");
  live->callback([&exit_code, l] {
    auto result = ward::bench::run_detect_live_bench(*l);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*l, *result));
    exit_code = kExitOk;
  });

  auto* icap = bench->add_subcommand("icap", "DLP: latency of ICAP REQMOD with a 10 KB prompt, scanned or not (baseline)");
  auto io = std::make_shared<ward::bench::IcapBenchOptions>();
  icap->add_option("--requests", io->requests, "requests of each kind")->check(CLI::Range(10, 1'000'000))->capture_default_str();
  icap->add_option("--body-bytes", io->body_bytes, "prompt text size")->check(CLI::Range(100, 16'000'000))->capture_default_str();
  icap->callback([&exit_code, io] {
    auto result = ward::bench::run_icap_bench(*io);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
  auto* ai_usage = bench->add_subcommand("ai-usage", "`ward ai usage` lines/s on generated proxy and DNS logs beside ripgrep -F with the domain list");
  auto au = std::make_shared<ward::bench::AiUsageBenchOptions>();
  ai_usage->add_option("--lines", au->lines, "lines to generate (half squid, half DNS)")->check(CLI::Range(1000, 100'000'000))->capture_default_str();
  ai_usage->add_option("--threads", au->threads, "parser threads (and ripgrep -j)")->check(CLI::Range(1, 64))->capture_default_str();
  ai_usage->add_option("--workdir", au->workdir, "scratch folder, kept (default: a temporary one)");
  ai_usage->add_option("--ripgrep", au->ripgrep, "the ripgrep binary")->capture_default_str();
  ai_usage->add_option("--repeat", au->repeat, "runs of each; the best is reported")->check(CLI::Range(1, 10))->capture_default_str();
  ai_usage->callback([&exit_code, au] {
    auto result = ward::bench::run_ai_usage_bench(*au);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*au, *result));
    exit_code = kExitOk;
  });

  auto* speed = bench->add_subcommand("phi-speed", "PHI scanner MB/s on generated clinical notes beside ripgrep with the same patterns");
  auto so = std::make_shared<ward::bench::PhiSpeedOptions>();
  speed->add_option("--megabytes", so->megabytes, "size of the generated notes")->check(CLI::Range(1, 4000))->capture_default_str();
  speed->add_option("--workdir", so->workdir, "scratch folder, kept (default: a temporary one)");
  speed->add_option("--ripgrep", so->ripgrep, "the ripgrep binary")->capture_default_str();
  speed->add_option("--repeat", so->repeat, "runs of each; the best is reported")->check(CLI::Range(1, 10))->capture_default_str();
  speed->callback([&exit_code, so] {
    auto result = ward::bench::run_phi_speed_bench(*so);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
  auto* deid = bench->add_subcommand("deid", "de-identification MB/s of HL7 v2 and FHIR NDJSON beside a parse-only pass");
  auto dopt = std::make_shared<ward::bench::DeidBenchOptions>();
  deid->add_option("--patients", dopt->patients, "patients of the generated hospital")->check(CLI::Range(10, 999999))->capture_default_str();
  deid->add_option("--days", dopt->days, "days of ADT")->check(CLI::Range(1, 366))->capture_default_str();
  deid->add_option("--workdir", dopt->workdir, "scratch folder, kept (default: a temporary one)");
  deid->add_option("--repeat", dopt->repeat, "runs of each; the best is reported")->check(CLI::Range(1, 10))->capture_default_str();
  deid->callback([&exit_code, dopt] {
    auto result = ward::bench::run_deid_bench(*dopt);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
  auto* phi = bench->add_subcommand(
      "phi-accuracy", "PHI detection: precision, recall, F1, F2 per type on labelled sentences; false positives on clean text");
  auto a = std::make_shared<ward::bench::PhiAccuracyOptions>();
  phi->add_option("dataset", a->dataset,
                  "labelled JSON (presidio-research format; default ../shared/data/deid_gold/synth_dataset_v2.public.json)");
  phi->add_option("--clean", a->clean_texts,
                  "PHI-free text for false positives, repeatable (default bench/data/phi_free_clinical.txt and "
                  "bench/data/phi_free_structured_notes.txt)");
  phi->add_option("--min-confidence", a->min_confidence, "findings below are not reported (as ward scan's option)")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  phi->add_option("--deid-min-confidence", a->deid_min_confidence,
                  "the residual check's de-identification changes findings from this confidence (default: the built-in "
                  "Safe Harbor policy's, 0.45)")
      ->check(CLI::Range(0.0, 1.0));
  phi->add_flag("--list-errors", a->list_errors, "print each miss and false positive (the data set is synthetic)");
  phi->callback([&exit_code, a] {
    auto result = ward::bench::run_phi_accuracy_bench(*a);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
  auto* dev = bench->add_subcommand("devices", "device matching: precision/recall on the labelled ICSMA set; KEV + CSAF against N devices");
  auto dv = std::make_shared<ward::bench::DevicesBenchOptions>();
  dev->add_option("--devices", dv->devices, "generated devices")->check(CLI::Range(1, 10'000'000))->capture_default_str();
  dev->add_option("--repeat", dv->repeat, "runs of the full match; the best is reported")->check(CLI::Range(1, 10))->capture_default_str();
  dev->add_option("--feeds", dv->feeds, "vuln_feeds folder (default ../shared/data/vuln_feeds)");
  dev->add_option("--sbom-components", dv->sbom_components, "components per generated SBOM; 0 for devices without SBOMs")
      ->check(CLI::Range(0, 1000))->capture_default_str();
  dev->add_flag("--kev-entries-only", dv->kev_entries_only,
                "time only one KEV entry in ten matched alone against the indexed fleet (quick A/B runs)");
  dev->callback([&exit_code, dv] {
    auto result = ward::bench::run_devices_bench(*dv);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
}

}  // namespace ward::cli
