// Formatting the board report as HTML (board_html.h).
#include "board_report/board_html.h"

#include <vector>

#include <fmt/format.h>

#include "core/html_escape.h"

namespace ward::board_report {
namespace {

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 11mm; }
* { box-sizing: border-box; }
body { font: 8.6pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #1b2430; margin: 0; max-width: 188mm; }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 9.6pt; margin: 8px 0 3px; padding-bottom: 2px; border-bottom: 1.5px solid #2d5b8a; color: #2d5b8a; }
.sub { color: #5a6573; margin: 1px 0 4px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 1.5px 4px; border-bottom: 0.5px solid #d5dae0; vertical-align: top; }
th { font-weight: 600; color: #5a6573; }
td.n, th.n { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: 7px; background: #2d5b8a; vertical-align: middle; }
.bar.p { background: #9cb8d6; }
.figures td.n { padding-right: 14px; }
.figures b { font-size: 10pt; }
.late { color: #b3261e; font-weight: 600; }
.note { color: #5a6573; font-size: 7.6pt; }
)css";

std::string esc(const std::string& s) { return html_escape(s); }
std::string pct(double share) { return fmt::format("{:.0f}%", share * 100); }
std::string money(std::int64_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string posture_section(const BoardReport& r) {
  std::string out = "<h2>Posture by NIST CSF 2.0 function</h2>";
  if (!r.posture) return out + "<p class=\"sub\">No CSF 2.0 assessment yet: start one with <code>ward program assess start</code>.</p>";
  const QuarterPosture& p = *r.posture;
  out += fmt::format("<p class=\"sub\">Assessment {} &ldquo;{}&rdquo; ({}); overall score {}. Score = implemented + half of "
                     "partial, over applicable controls.</p><table><tr><th>Function</th><th class=\"n\">Controls</th>"
                     "<th class=\"n\">Implemented</th><th class=\"n\">Partial</th><th class=\"n\">Score</th><th></th>",
                     p.assessment_id, esc(p.assessment_name), format_quarter(p.quarter), pct(p.overall));
  for (const QuarterPosture& q : r.trend) out += fmt::format("<th class=\"n\">{}</th>", format_quarter(q.quarter));
  out += "</tr>";
  for (const FunctionLine& f : p.functions) {
    out += fmt::format("<tr><td>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td><span class=\"bar\" style=\"width:{:.0f}px\"></span><span class=\"bar p\" "
                       "style=\"width:{:.0f}px\"></span></td>",
                       esc(f.id), esc(f.title), f.applicable, pct(f.implemented), pct(f.partial), pct(f.score),
                       f.implemented * 60, f.partial * 60);
    for (const QuarterPosture& q : r.trend) {
      std::string cell = "&ndash;";
      for (const FunctionLine& g : q.functions)
        if (g.id == f.id) cell = pct(g.score);
      out += fmt::format("<td class=\"n\">{}</td>", cell);
    }
    out += "</tr>";
  }
  return out + "</table>";
}

std::string figures_section(const BoardReport& r) {
  const controls::WardFigures& f = r.figures;
  // Two figures a row, each its label then its value.
  std::vector<std::string> cells;
  auto fig = [&cells](const std::string& value, const std::string& label) {
    cells.push_back(fmt::format("<td>{}</td><td class=\"n\"><b>{}</b></td>", label, value));
  };
  fig(std::to_string(f.open_privacy_cases), "open privacy cases");
  fig(f.mean_days_to_close ? controls::mean_time_text(*f.mean_days_to_close) : "&ndash;",
             fmt::format("mean time to close ({} closed)", f.closed_privacy_cases));
  fig(std::to_string(f.open_alerts), "open alerts");
  if (f.mean_days_to_close_alerts)
    fig(controls::mean_time_text(*f.mean_days_to_close_alerts), fmt::format("alert mean time to close ({} closed)", f.closed_alerts));
  if (f.mfa && f.mfa->coverage.enabled > 0) {
    const identity::MfaCoverage& c = f.mfa->coverage;
    fig(fmt::format("{:.1f}%", 100.0 * static_cast<double>(c.enabled_with_mfa) / static_cast<double>(c.enabled)),
        fmt::format("MFA coverage ({} of {} enabled accounts)", c.enabled_with_mfa, c.enabled));
  }
  fig(std::to_string(f.devices_with_kev), fmt::format("devices with KEV findings ({} open)", f.open_kev_findings));
  fig(fmt::format("{} of {}", f.vendors_without_baa, f.business_associates), "business associates without a BAA");
  fig(fmt::format("{} of {}", f.ai_systems_approved, f.ai_systems), "AI systems approved");
  fig(std::to_string(f.shadow_ai_services.size()), "AI services used without approval (30 days)");
  fig(std::to_string(r.risks), "risks in the register");
  fig(std::to_string(r.deadlines.size()), "open breach deadlines");
  std::string out = "<h2>Key figures (from Ward's data)</h2><table class=\"figures\">";
  for (std::size_t i = 0; i < cells.size(); i += 2)
    out += fmt::format("<tr>{}{}</tr>", cells[i], i + 1 < cells.size() ? cells[i + 1] : "<td></td><td></td>");
  return out + "</table>";
}

std::string risks_section(const BoardReport& r) {
  std::string out = "<h2>Top risks (by residual score)</h2>";
  if (r.top_risks.empty()) return out + "<p class=\"sub\">The risk register is empty: <code>ward program risk add</code>.</p>";
  out += "<table><tr><th class=\"n\">#</th><th>Risk</th><th>Owner</th><th class=\"n\">Inherent</th><th class=\"n\">Residual</th></tr>";
  for (const TopRisk& t : r.top_risks)
    out += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", t.id,
                       esc(t.title), esc(t.owner), t.inherent, t.residual);
  return out + "</table>";
}

std::string deadlines_section(const BoardReport& r) {
  std::string out = "<h2>Breach notification deadlines</h2>";
  if (r.deadlines.empty()) return out + "<p class=\"sub\">No open incident has a breach notification due.</p>";
  out += "<table><tr><th class=\"n\">Incident</th><th>Notify</th><th>Due</th><th class=\"n\">Days left</th><th>Rule</th></tr>";
  for (std::size_t i = 0; i < r.deadlines.size() && i < kShownDeadlines; ++i) {
    const DeadlineLine& d = r.deadlines[i];
    out += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n{}\">{}</td><td>{}</td></tr>", d.incident_id,
                       esc(d.notify), d.due, d.days_left < 0 ? " late" : "",
                       d.days_left < 0 ? fmt::format("{} late", -d.days_left) : std::to_string(d.days_left), esc(d.rule));
  }
  out += "</table>";
  if (r.deadlines.size() > kShownDeadlines)
    out += fmt::format("<p class=\"note\">and {} more: <code>ward program deadlines</code></p>", r.deadlines.size() - kShownDeadlines);
  return out;
}

std::string gaps_section(const BoardReport& r) {
  std::string out = "<h2>Budget: open treatments by risk reduced per cost</h2>";
  if (r.gaps.empty()) return out + "<p class=\"sub\">No planned treatment reduces a risk yet: <code>ward program risk treat</code>.</p>";
  out += fmt::format("<p class=\"sub\">{} open treatments would reduce risk by {} points for {} in all. Risk reduced = the risk's "
                     "inherent score less the treatment's expected score.</p>",
                     r.gaps.size(), r.gaps_reduced, money(r.gaps_cost));
  out += "<table><tr><th>Risk</th><th>Treatment</th><th>Owner</th><th>Target</th><th class=\"n\">Cost</th><th class=\"n\">Reduced</th>"
         "<th class=\"n\">Per 1,000</th></tr>";
  for (std::size_t i = 0; i < r.gaps.size() && i < kShownGaps; ++i) {
    const BudgetGap& g = r.gaps[i];
    out += fmt::format("<tr><td>{} {}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td></tr>",
                       g.risk_id, esc(g.risk_title), esc(g.kind), g.description.empty() ? "" : ": " + esc(g.description),
                       esc(g.owner), g.target.empty() ? "&ndash;" : g.target, money(g.cost), g.reduced,
                       g.cost == 0 ? "no cost" : fmt::format("{:.2f}", g.reduced_per_1000));
  }
  out += "</table>";
  if (r.gaps.size() > kShownGaps)
    out += fmt::format("<p class=\"note\">and {} more: <code>ward program risk list</code></p>", r.gaps.size() - kShownGaps);
  return out;
}

}  // namespace

std::string board_html(const BoardReport& r) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Security and privacy: board report {}</title>"
      "<style>{}</style></head><body><h1>Security and privacy: board report {}</h1>"
      "<p class=\"sub\">Generated by Ward on {} from its own data.</p>",
      format_quarter(r.quarter), kStyle, format_quarter(r.quarter), r.generated);
  out += posture_section(r);
  out += figures_section(r);
  out += risks_section(r);
  out += deadlines_section(r);
  out += gaps_section(r);
  return out + "</body></html>\n";
}

}  // namespace ward::board_report
