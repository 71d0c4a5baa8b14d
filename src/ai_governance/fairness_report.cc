// Text, JSON and CSV of a fairness report (fairness_report.h).
#include "ai_governance/fairness_report.h"

#include <fmt/format.h>

#include "core/csv_field.h"

namespace ward::ai_governance {
namespace {

using nlohmann::json;

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json gap_json(const Gap& g) {
  json j = {{"value", optional_json(g.value)}, {"flagged", g.flagged}};
  j["ci"] = g.ci ? json{{"lower", g.ci->lower}, {"upper", g.ci->upper}} : json(nullptr);
  return j;
}

json gaps_json(const GroupGaps& gaps) {
  json j = json::object();
  for (GapKind k : kGapKinds) j[std::string(gap_name(k))] = gap_json(gaps[k]);
  return j;
}

std::string rate_text(const std::optional<double>& v) { return v ? fmt::format("{:.3f}", *v) : "undefined"; }

std::string gap_text(const Gap& g) {
  if (!g.value) return "-";
  std::string s = fmt::format("{:.3f}", *g.value);
  if (g.ci) s += fmt::format(" [{:.3f}, {:.3f}]", g.ci->lower, g.ci->upper);
  if (g.flagged) s += " FLAG";
  return s;
}

std::string cell(const std::optional<double>& v) { return v ? fmt::format("{:.6g}", *v) : ""; }

std::string notes_of(const GroupMetrics& m) {
  std::string out;
  for (const std::string& n : m.notes) out += (out.empty() ? "" : "; ") + n;
  return out;
}

}  // namespace

json fairness_json(const FairnessReport& report, const PredictionTable& table) {
  const FairnessOptions& o = report.options;
  json j;
  j["options"] = {{"threshold", o.metrics.threshold}, {"min_group", o.metrics.min_group},
                  {"bins", o.metrics.bins}, {"reference", o.reference.empty() ? json("best group per rate") : json(o.reference)},
                  {"bootstrap", o.bootstrap}, {"seed", o.seed}, {"confidence", o.confidence},
                  {"thresholds", {{"equal_opportunity_difference", o.thresholds.equal_opportunity},
                                  {"equalised_odds_difference", o.thresholds.equalised_odds},
                                  {"demographic_parity_difference", o.thresholds.demographic_parity}}}};
  j["rows"] = {{"read", table.rows_read}, {"used", report.rows_used}, {"skipped", table.rejected.size()},
               {"skipped_by_reason", table.skipped_by_reason}};
  json groups = json::array();
  for (const GroupResult& g : report.groups) {
    const GroupMetrics& m = g.metrics;
    json bins = json::array();
    for (const ReliabilityBin& b : m.calibration) {
      bins.push_back({{"lower", b.lower}, {"upper", b.upper}, {"n", b.n}, {"mean_score", optional_json(b.mean_score)},
                      {"observed_rate", optional_json(b.observed_rate)}});
    }
    groups.push_back({{"group", g.name}, {"n", m.n}, {"positives", m.positives}, {"negatives", m.negatives},
                      {"tp", m.tp}, {"fp", m.fp}, {"tn", m.tn}, {"fn", m.fn}, {"enough_for_rates", m.enough},
                      {"prevalence", optional_json(m.prevalence)}, {"tpr", optional_json(m.tpr)},
                      {"fpr", optional_json(m.fpr)}, {"ppv", optional_json(m.ppv)},
                      {"selection_rate", optional_json(m.selection_rate)}, {"auc", optional_json(m.auc)},
                      {"calibration", bins}, {"notes", m.notes}, {"gaps", gaps_json(g.gaps)}});
  }
  j["groups"] = groups;
  json largest = gaps_json(report.largest);
  for (std::size_t k = 0; k < 3; ++k) largest[std::string(gap_name(kGapKinds[k]))]["group"] = report.largest_group[k];
  j["largest_gaps"] = largest;
  j["flags"] = report.flags;
  return j;
}

std::string fairness_text(const FairnessReport& report, const PredictionTable& table) {
  const FairnessOptions& o = report.options;
  std::string out = fmt::format("{} rows read, {} used, {} skipped", table.rows_read, report.rows_used, table.rejected.size());
  for (const auto& [reason, count] : table.skipped_by_reason) out += fmt::format("; {} {}", count, reason);
  out += fmt::format("\nthreshold {}, groups need n >= {}, reference: {}, bootstrap {} (seed {})\n\n", o.metrics.threshold,
                     o.metrics.min_group, o.reference.empty() ? "best group per rate" : o.reference, o.bootstrap, o.seed);
  for (const GroupResult& g : report.groups) {
    const GroupMetrics& m = g.metrics;
    out += fmt::format("{}: n={} positives={} negatives={} (TP {} FP {} TN {} FN {})\n", g.name, m.n, m.positives,
                       m.negatives, m.tp, m.fp, m.tn, m.fn);
    if (m.enough) {
      out += fmt::format("  prevalence {}  TPR {}  FPR {}  PPV {}  selection {}  AUC {}\n", rate_text(m.prevalence),
                         rate_text(m.tpr), rate_text(m.fpr), rate_text(m.ppv), rate_text(m.selection_rate), rate_text(m.auc));
      out += fmt::format("  gaps: equal opportunity {}  equalised odds {}  demographic parity {}\n",
                         gap_text(g.gaps.equal_opportunity), gap_text(g.gaps.equalised_odds), gap_text(g.gaps.demographic_parity));
      if (!m.calibration.empty()) {
        out += "  calibration (bin: n, mean score, observed):";
        for (const ReliabilityBin& b : m.calibration) {
          if (b.n) out += fmt::format(" [{:.1f},{:.1f}): {}, {:.3f}, {:.3f};", b.lower, b.upper, b.n, *b.mean_score, *b.observed_rate);
        }
        out += "\n";
      }
    }
    for (const std::string& n : m.notes) out += fmt::format("  {}\n", n);
  }
  out += "\nlargest gaps:";
  for (std::size_t k = 0; k < 3; ++k) {
    const Gap& gap = report.largest[kGapKinds[k]];
    out += fmt::format("\n  {}: {}{}", gap_name(kGapKinds[k]), gap_text(gap),
                       gap.value ? fmt::format(" (group '{}')", report.largest_group[k]) : " (fewer than two groups with the rate)");
  }
  out += "\n";
  if (report.flags.empty()) out += "no gap over its threshold\n";
  for (const std::string& f : report.flags) out += "FLAG: " + f + "\n";
  return out;
}

std::string fairness_csv(const FairnessReport& report) {
  std::string out = "group,n,positives,negatives,prevalence,tpr,fpr,ppv,selection_rate,auc";
  for (GapKind k : kGapKinds) {
    const std::string name(gap_name(k));
    out += fmt::format(",{0},{0}_ci_lower,{0}_ci_upper,{0}_flagged", name);
  }
  out += ",notes\n";
  for (const GroupResult& g : report.groups) {
    const GroupMetrics& m = g.metrics;
    std::string row;
    append_csv_field(row, g.name);
    row += fmt::format(",{},{},{},{},{},{},{},{},{}", m.n, m.positives, m.negatives, cell(m.prevalence), cell(m.tpr),
                       cell(m.fpr), cell(m.ppv), cell(m.selection_rate), cell(m.auc));
    for (GapKind k : kGapKinds) {
      const Gap& gap = g.gaps[k];
      row += fmt::format(",{},{},{},{}", cell(gap.value), gap.ci ? cell(gap.ci->lower) : "", gap.ci ? cell(gap.ci->upper) : "",
                         gap.value ? (gap.flagged ? "yes" : "no") : "");
    }
    row += ',';
    append_csv_field(row, notes_of(m));
    out += row + "\n";
  }
  return out;
}

}  // namespace ward::ai_governance
