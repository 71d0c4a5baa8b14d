// How `ward detect` prints Sigma correlation alerts (src/sigma/correlation_engine.h): a table
// row or a JSON line per alert, and the correlation summary lines. Used by detect_command.cc.
#pragma once

#include "sigma/correlation_engine.h"
#include "sigma/correlation_hunt.h"
#include "sigma/rule_set.h"

namespace ward::cli {

void print_alert_table_header();
void print_alert_table_row(const sigma::CorrelationAlert& alert);
void print_alert_json_row(const sigma::CorrelationAlert& alert);
// "N correlation rules run, M alerts" and what was left out (no time, late, evicted) to `out`.
void print_correlation_summary(std::FILE* out, const sigma::CorrelationSet& set, const sigma::CorrelationHuntStats& stats);
// `--check`: "correlation rules: N loaded, M linked" when the rules hold correlation documents.
void print_correlation_check(const sigma::CorrelationSet& set);

}  // namespace ward::cli
