// Reading a model's predictions for bias testing (`ward ai fairness`): one CSV row per patient or
// case with a 0/1 outcome label, a numeric score and one or more group columns. Start at
// read_predictions(). Bad rows are reported with file, line and column and left out; the rest
// is used.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::ai_governance {

struct PredictionColumns {
  std::string label, score;
  std::vector<std::string> groups;  // several columns make intersectional groups ("F / Black")
};

struct Prediction {
  int label = 0;         // 0 or 1
  double score = 0;
  std::size_t group = 0;  // index into PredictionTable::group_names
};

struct PredictionTable {
  std::vector<Prediction> rows;
  std::vector<std::string> group_names;  // in order of first appearance
  std::size_t rows_read = 0;             // data rows in the file
  std::vector<Error> rejected;           // one per skipped row: line, column and reason
  std::map<std::string, std::size_t> skipped_by_reason;  // "label not 0/1" -> 3
};

// Columns are found by name as CsvHeader does (case-insensitive, spaces as underscores). Fails
// as a whole when a named column is missing (the message lists the columns present) or when
// the file has no header. A row is skipped when its score is not a finite number, its label is
// not 0 or 1 (also "0.0"/"1.0"), or it has the wrong number of fields; an empty group cell is
// the group "(blank)". Error messages never quote cell values.
Result<PredictionTable> read_predictions(std::string_view text, const PredictionColumns& columns,
                                         std::string_view source);

}  // namespace ward::ai_governance
