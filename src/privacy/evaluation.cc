#include "privacy/evaluation.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "ingest/csv/csv_reader.h"

namespace ward::privacy {
namespace {

constexpr std::string_view kLegitimate = "covering";

// event_id -> scenario
Result<std::unordered_map<std::string, std::string>> read_truth(const std::filesystem::path& file) {
  auto bytes = read_input_file(file);
  if (!bytes) return Unexpected(bytes.error());
  ingest::CsvReader reader(bytes->view());
  ingest::CsvRow row;
  std::unordered_map<std::string, std::string> out;
  bool header = true;
  while (true) {
    auto more = reader.next(row);
    if (!more) {
      Error e = more.error();
      e.source = file.string();
      return Unexpected(e);
    }
    if (!*more) break;
    if (header) {
      header = false;
      if (row.fields.size() < 2 || row.fields[0] != "event_id" || row.fields[1] != "scenario")
        return fail(ErrorCode::invalid_input,
                    fmt::format("{}: expected the header event_id,scenario,…", file.string()));
      continue;
    }
    if (row.fields.size() < 2)
      return fail(ErrorCode::invalid_input, fmt::format("{}:{}: expected event_id,scenario", file.string(), row.line));
    out.emplace(std::string(row.fields[0]), std::string(row.fields[1]));
  }
  return out;
}

}  // namespace

double Evaluation::recall_in_budget() const {
  std::size_t incidents = 0, found = 0;
  for (const ScenarioScore& s : scenarios) {
    incidents += s.incidents;
    found += s.found_in_budget;
  }
  return incidents == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(incidents);
}

Result<Evaluation> evaluate_against_truth(store::Store& store, const std::filesystem::path& truth_csv,
                                          std::size_t budget) {
  auto truth = read_truth(truth_csv);
  if (!truth) return Unexpected(truth.error());

  // Each labelled access's incident, and which accesses are explained.
  std::unordered_map<std::int64_t, std::string> incident_of_seq;  // seq -> "scenario|user|patient"
  std::map<std::string, std::set<std::string>> incidents;         // scenario -> incidents
  auto each = [&](const store::EventRow& e) -> Result<void> {
    auto t = truth->find(e.event_id);
    if (t == truth->end() || t->second == kLegitimate) return {};
    // An account used after termination, and a bulk export, are one incident per user.
    std::string incident = t->second == "bulk_export" || t->second == "terminated"
                               ? fmt::format("{}|{}", t->second, e.user_id)
                               : fmt::format("{}|{}|{}", t->second, e.user_id,
                                             e.patient_id.empty() ? e.patient_mrn : e.patient_id);
    incidents[t->second].insert(incident);
    incident_of_seq.emplace(e.seq, std::move(incident));
    return {};
  };
  if (auto r = store.for_each_access(0, each); !r) return Unexpected(r.error());

  Evaluation ev;
  ev.budget = budget;
  auto explained = [&](const store::ExplanationRow& x) -> Result<void> {
    auto t = truth->find(x.event_id);
    if (t != truth->end() && t->second != kLegitimate) return {};
    ++ev.legitimate;
    ev.legitimate_explained += x.explained;
    return {};
  };
  if (auto r = store.for_each_explanation(explained); !r) return Unexpected(r.error());

  auto cases = store.privacy_cases({.limit = 1'000'000});
  if (!cases) return Unexpected(cases.error());
  ev.cases = cases->size();
  std::unordered_set<std::string> found, found_in_budget;
  for (std::size_t i = 0; i < cases->size(); ++i) {
    bool has_truth = false;
    for (std::int64_t seq : (*cases)[i].seqs) {
      auto it = incident_of_seq.find(seq);
      if (it == incident_of_seq.end()) continue;
      has_truth = true;
      found.insert(it->second);
      if (i < budget) found_in_budget.insert(it->second);
    }
    if (i < budget && has_truth) ++ev.budget_cases_true;
  }
  for (const auto& [scenario, list] : incidents) {
    ScenarioScore s;
    s.scenario = scenario;
    s.incidents = list.size();
    for (const std::string& incident : list) {
      s.found += found.count(incident);
      s.found_in_budget += found_in_budget.count(incident);
    }
    ev.scenarios.push_back(std::move(s));
  }
  return ev;
}

}  // namespace ward::privacy
