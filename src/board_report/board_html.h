// The board report as one self-contained HTML page (inline CSS, no scripts, no external
// resources) sized to print on one A4 or Letter page; pdf_printer.h prints it to PDF. Only
// formats the numbers of a BoardReport (board_figures.h); computes none.
#pragma once

#include <string>

#include "board_report/board_figures.h"

namespace ward::board_report {

std::string board_html(const BoardReport& report);

}  // namespace ward::board_report
