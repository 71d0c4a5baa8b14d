// Reads the board report's inputs from the stores under the data directory and builds the
// report (board_figures.h): the CSF 2.0 assessments, the risk register, Ward's figures and the
// breach deadlines of open incidents (Ward's state-law table). What `ward report board` and
// GET /api/v1/program/board-report call.
#pragma once

#include <filesystem>

#include "board_report/board_figures.h"

namespace ward::board_report {

// The report for `quarter` as of `today`; a store that cannot be read is its error.
Result<BoardReport> load_board_report(const std::filesystem::path& data_dir, Quarter quarter, incidents::Day today);

}  // namespace ward::board_report
