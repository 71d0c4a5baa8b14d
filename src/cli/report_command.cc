// `ward report board --out FILE.pdf|FILE.html [--quarter 2026Q4]`: the one-page board report
// (docs/program.md "Board report"): posture by CSF function with its trend, top risks, key
// figures, breach deadlines and the budget ranking, from board_report/board_data.h. The format
// follows the extension; PDF is the HTML printed by headless Chromium. Audited (program_cli.h).
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "board_report/board_data.h"
#include "board_report/board_html.h"
#include "board_report/pdf_printer.h"
#include "cli/program_cli.h"

namespace ward::cli {
namespace {

using namespace ward::board_report;

struct BoardOptions {
  std::string out, quarter;
};

Result<std::string> board(const GlobalOptions& g, const BoardOptions& o) {
  const std::filesystem::path out(o.out);
  const std::string ext = out.extension().string();
  if (ext != ".pdf" && ext != ".html" && ext != ".htm")
    return Unexpected(Error{ErrorCode::invalid_input,
                            fmt::format("--out {}: the extension says the format: .pdf or .html, not \"{}\"", o.out, ext),
                            "", 0, 0, "out"});
  const incidents::Day today = incidents::today_utc();
  Quarter quarter = quarter_of(today);
  if (!o.quarter.empty()) {
    auto q = parse_quarter(o.quarter);
    if (!q) return Unexpected(q.error());
    quarter = *q;
  }
  if (ext == ".pdf")
    if (auto browser = find_chromium(); !browser) return Unexpected(browser.error());  // before any work
  auto report = load_board_report(g.data_dir, quarter, today);
  if (!report) return Unexpected(report.error());
  const std::string html = board_html(*report);
  if (ext == ".pdf") {
    if (auto r = print_pdf(html, out); !r) return Unexpected(r.error());
  } else {
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << html;
    if (!f.flush()) return Unexpected(Error{ErrorCode::io, "cannot write the report", o.out, 0, 0, ""});
  }
  return fmt::format("board report {} written to {}\n", format_quarter(quarter), o.out);
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<BoardOptions>();
  auto* report = app.add_subcommand("report", "reports for people outside Ward");
  report->require_subcommand(1);
  auto* board_cmd = report->add_subcommand("board", "the one-page board report: posture, risks, key figures, deadlines, budget");
  board_cmd->add_option("--out", o->out, "FILE.pdf or FILE.html (the extension says the format)")->required();
  board_cmd->add_option("--quarter", o->quarter, "the quarter, e.g. 2026Q4 (default: this one)");
  board_cmd->callback([&global, &exit_code, o] {
    exit_code = run_audited(global, "ward report board", "", [&] { return board(global, *o); });
  });
}

}  // namespace ward::cli
