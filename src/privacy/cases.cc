#include "privacy/cases.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

namespace ward::privacy {
void CaseBuilder::add(const Access& a, const std::vector<Finding>& findings, bool explained) {
  if (findings.empty()) return;
  const std::string user = a.user != nullptr ? a.user->id : a.user_id;
  const std::string patient = a.patient != nullptr ? a.patient->id : a.patient_id;
  // An account used after its holder left is one case, whichever patients it opened.
  const bool after_termination =
      std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.category == "terminated"; });
  Draft& d = drafts_[after_termination ? user + "|terminated" : user + "|" + patient];
  const std::pair<TimeNs, std::int64_t> at{a.time, a.seq};
  if (d.accesses.empty() || at < d.earliest) {
    d.earliest = at;
    d.user_id = a.user_id;
    d.patient_id = after_termination ? "" : a.patient_id;
  }
  if (after_termination) d.patients.insert(patient);
  d.accesses.push_back(at);
  if (!explained) d.unexplained.push_back(a.time);
  for (const Finding& f : findings) {
    auto [it, inserted] = d.by_category.emplace(f.category, f);
    auto& found = d.found_at[f.category];
    if (inserted || f.score > it->second.score || (f.score == it->second.score && at < found)) {
      it->second = f;
      found = at;
    }
  }
}

void CaseBuilder::add_burst(const BulkExportDetector::Burst& b, std::string_view user_name) {
  // The burst's accesses are this case, not one case per patient exported.
  const std::unordered_set<std::int64_t> in_burst(b.seqs.begin(), b.seqs.end());
  for (auto it = drafts_.begin(); it != drafts_.end();) {
    Draft& other = it->second;
    if (other.user_id == b.user_id && other.by_category.count("bulk_export") == 0)
      std::erase_if(other.accesses, [&](const auto& a) { return in_burst.count(a.second) != 0; });
    it = other.accesses.empty() ? drafts_.erase(it) : std::next(it);
  }
  Draft& d = drafts_[fmt::format("{}|bulk_export|{}", b.user_id, b.first)];
  d.user_id = b.user_id;
  d.by_category["bulk_export"] = {
      "bulk_export", 75,
      fmt::format("{} exported or printed {} records of {} patients between {} and {}",
                  user_name.empty() ? "user " + b.user_id : std::string(user_name), b.seqs.size(),
                  b.patients, format_iso8601(b.first), format_iso8601(b.last))};
  for (std::int64_t seq : b.seqs) d.accesses.emplace_back(b.first, seq);
}

void CaseBuilder::add_volume(const Habits::VolumeDay& v, std::string_view user_name, std::string_view group) {
  Draft& d = drafts_[fmt::format("{}|volume|{}", v.user_id, format_day(v.day))];
  d.user_id = v.user_id;
  std::string usual = v.own_days > 0 ? fmt::format("a median of {:g} on their {} active days, and ",
                                                   v.own_median, v.own_days)
                                     : std::string();
  d.by_category["volume"] = {
      "volume", 60,
      fmt::format("{} opened the records of {} patients on {}, against {}a median of {:g} a day "
                  "for {} ({} days{})",
                  user_name.empty() ? "user " + v.user_id : std::string(user_name), v.patients,
                  format_day(v.day), usual, v.peer_median, group, v.peer_days,
                  v.peer_median_that_day > 0 ? fmt::format("; {:g} that day", v.peer_median_that_day)
                                             : std::string())};
  d.volume = true;
  for (std::int64_t seq : v.seqs) d.accesses.emplace_back(v.first, seq);
}

std::vector<store::CaseRecord> CaseBuilder::cases() const {
  std::vector<store::CaseRecord> out;
  out.reserve(drafts_.size());
  for (const auto& [key, d] : drafts_) {
    store::CaseRecord c;
    c.key = key;
    c.user_id = d.user_id;
    c.patient_id = d.patient_id;
    std::vector<std::pair<TimeNs, std::int64_t>> accesses = d.accesses;
    std::sort(accesses.begin(), accesses.end());
    std::set<std::string> days;
    for (const auto& [time, _] : accesses) days.insert(local_date(time, zone_));
    std::vector<const Finding*> findings;
    for (const auto& [_, f] : d.by_category) findings.push_back(&f);
    // The same patient opened on several days with nothing to explain it: repeated browsing. (A
    // pharmacist verifying a relative's orders on each day of a stay is not browsing.)
    Finding repeated;
    const bool about_one_patient = d.patients.empty() && !d.volume && d.by_category.count("bulk_export") == 0;
    std::set<std::string> unexplained_days;
    if (about_one_patient)
      for (TimeNs time : d.unexplained) unexplained_days.insert(local_date(time, zone_));
    if (unexplained_days.size() >= kRepeatedDays) {
      repeated = {"repeated", 50,
                  fmt::format("the record was opened without an explanation on {} different days",
                              unexplained_days.size())};
      findings.push_back(&repeated);
    }
    std::sort(findings.begin(), findings.end(),
              [](const Finding* x, const Finding* y) { return x->score > y->score; });
    double score = findings.front()->score;
    score += 5.0 * static_cast<double>(findings.size() - 1);
    score += std::min(10.0, 3.0 * static_cast<double>(days.size() - 1));
    c.score = std::min(100.0, score);
    c.first = accesses.front().first;
    c.last = accesses.back().first;
    for (const auto& [_, seq] : accesses) c.seqs.push_back(seq);
    std::string categories, reasons;
    for (const Finding* f : findings) {
      categories += (categories.empty() ? "" : ";") + f->category;
      reasons += (reasons.empty() ? "" : "; ") + f->reason;
    }
    c.categories = categories;
    const std::string patients =
        d.patients.size() > 1 ? fmt::format(" to {} patients", d.patients.size()) : "";
    c.reason = d.by_category.count("bulk_export") != 0 || d.volume
                   ? reasons
                   : fmt::format("{} access{}{} on {} day{} ({} to {}): {}", accesses.size(),
                                 accesses.size() == 1 ? "" : "es", patients, days.size(),
                                 days.size() == 1 ? "" : "s", *days.begin(), *days.rbegin(),
                                 reasons);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const store::CaseRecord& x, const store::CaseRecord& y) {
    return x.score != y.score ? x.score > y.score : x.first < y.first;
  });
  return out;
}

}  // namespace ward::privacy
