// Remediation of device findings (remediation.h).
#include "devices/remediation.h"
#include "devices/calendar_date.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/time.h"

namespace ward::devices {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;
Key key_of(const TrackedFinding& f) { return {f.device_id, f.advisory_id, f.cve}; }

// What differs between the kept match and the new one, "" when nothing does.
std::string match_changes(const TrackedFinding& was, const TrackedFinding& now) {
  std::vector<std::string> parts;
  if (was.product != now.product) parts.push_back(fmt::format("product \"{}\" → \"{}\"", was.product, now.product));
  if (was.version != now.version) parts.push_back(fmt::format("device version \"{}\" → \"{}\"", was.version, now.version));
  if (was.matched_by != now.matched_by) parts.push_back(fmt::format("matched by {} → {}", was.matched_by, now.matched_by));
  if (!was.matched) parts.push_back("matched again");
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

std::optional<std::int64_t> day_number(std::string_view date) {
  auto t = parse_iso8601(date);
  if (!t || date.size() != 10) return std::nullopt;
  return *t / kNsPerDay;
}

std::string_view to_string(RemediationState s) {
  switch (s) {
    case RemediationState::open: return "open";
    case RemediationState::mitigated: return "mitigated";
    case RemediationState::patched: return "patched";
    case RemediationState::risk_accepted: return "risk_accepted";
  }
  return "open";
}

Result<RemediationState> parse_state(std::string_view text) {
  for (RemediationState s : {RemediationState::open, RemediationState::mitigated, RemediationState::patched,
                             RemediationState::risk_accepted}) {
    if (to_string(s) == text) return s;
  }
  return fail(ErrorCode::invalid_input, fmt::format("\"{}\" is not a state: open, mitigated, patched or risk_accepted", text), "state");
}

std::string_view to_string(FindingChange c) {
  switch (c) {
    case FindingChange::added: return "new";
    case FindingChange::unchanged: return "unchanged";
    case FindingChange::revised: return "revised";
    case FindingChange::changed: return "changed";
    case FindingChange::reopened: return "reopened";
    case FindingChange::gone: return "gone";
  }
  return "unchanged";
}

std::vector<TrackedFinding> tracked_findings(const std::vector<Finding>& findings,
                                             const std::vector<std::shared_ptr<const SsvcAssessment>>& assessments,
                                             const std::map<std::string, std::string>& revisions, TimeNs now) {
  std::vector<TrackedFinding> out;
  out.reserve(findings.size());
  std::map<const SsvcAssessment*, std::string> inputs_json;  // assessments are shared: one dump each
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const AdvisoryMatch& m = *findings[i].match;
    TrackedFinding t;
    t.device_id = findings[i].device_id;
    t.advisory_id = m.advisory_id;
    t.cve = m.cve;
    t.product = m.product;
    t.version = m.version;
    t.matched_by = m.matched_by;
    t.confidence = m.confidence;
    t.cvss_base = m.cvss_base;
    if (const auto it = revisions.find(m.advisory_id); it != revisions.end()) t.advisory_revision = it->second;
    if (i < assessments.size()) {
      const SsvcAssessment& a = *assessments[i];
      t.ssvc_deployer = a.deployer;
      t.ssvc_cisa = a.cisa;
      std::string& json = inputs_json[&a];
      if (json.empty()) json = ssvc_inputs_json(a.inputs).dump();
      t.ssvc_inputs = json;
    }
    t.outcome_since = today(now);
    t.first_seen_ns = t.last_seen_ns = t.state_changed_ns = now;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<ReconciledFinding> reconcile(const std::vector<TrackedFinding>& stored, const std::vector<TrackedFinding>& current,
                                         TimeNs now) {
  std::map<Key, const TrackedFinding*> kept;
  for (const TrackedFinding& f : stored) kept.emplace(key_of(f), &f);
  std::vector<ReconciledFinding> out;
  out.reserve(std::max(stored.size(), current.size()));
  for (const TrackedFinding& found : current) {
    const auto it = kept.find(key_of(found));
    if (it == kept.end()) {
      TrackedFinding f = found;
      f.change_note = fmt::format("new in revision {}", f.advisory_revision);
      out.push_back({std::move(f), FindingChange::added});
      continue;
    }
    const TrackedFinding& was = *it->second;
    TrackedFinding f = found;  // the new match, with what the kept finding remembers
    f.state = was.state;
    f.evidence = was.evidence;
    f.expires = was.expires;
    f.change_note = was.change_note;
    f.outcome_since = was.outcome_since;
    f.first_seen_ns = was.first_seen_ns;
    f.state_changed_ns = was.state_changed_ns;
    f.last_seen_ns = now;
    kept.erase(it);
    const std::string revision = was.advisory_revision == found.advisory_revision
                                     ? std::string()
                                     : fmt::format("revision {} → {}: ", was.advisory_revision, found.advisory_revision);
    std::vector<std::string> notes;
    const std::string changes = match_changes(was, found);
    if (!changes.empty()) notes.push_back(changes);
    const bool outcome_changed = was.ssvc_deployer != found.ssvc_deployer || was.ssvc_cisa != found.ssvc_cisa;
    if (outcome_changed) {
      notes.push_back(fmt::format("SSVC {}/{} → {}/{}", was.ssvc_deployer, was.ssvc_cisa, found.ssvc_deployer, found.ssvc_cisa));
      f.outcome_since = found.outcome_since;
    }
    FindingChange change = FindingChange::unchanged;
    if (!changes.empty() && was.state != RemediationState::open) {
      change = FindingChange::reopened;
      notes.push_back(fmt::format("re-opened (was {})", to_string(was.state)));
      f.state = RemediationState::open;
      f.expires.clear();
      f.state_changed_ns = now;
    } else if (!notes.empty()) {
      change = FindingChange::changed;
    } else if (!revision.empty()) {
      change = FindingChange::revised;
      notes.push_back("the match is unchanged");
    }
    if (change != FindingChange::unchanged) f.change_note = revision + fmt::format("{}", fmt::join(notes, "; "));
    out.push_back({std::move(f), change});
  }
  for (const TrackedFinding& f : stored) {
    if (!kept.contains(key_of(f))) continue;
    ReconciledFinding r{f, f.matched ? FindingChange::gone : FindingChange::unchanged};
    if (f.matched) {
      r.finding.matched = false;
      r.finding.change_note = "no longer matched (a new advisory revision, or the device changed)";
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<void> check_state_change(const StateChange& change, std::string_view today) {
  if (change.state != RemediationState::open && change.evidence.empty()) {
    return fail(ErrorCode::invalid_input,
                fmt::format("{} needs evidence: what was done and where it is recorded (--evidence)", to_string(change.state)),
                "evidence");
  }
  if (change.state != RemediationState::risk_accepted) {
    if (!change.expires.empty()) return fail(ErrorCode::invalid_input, "only risk_accepted takes an expiry date", "expires");
    return {};
  }
  if (change.expires.empty()) {
    return fail(ErrorCode::invalid_input, "risk_accepted needs an expiry date (--expires YYYY-MM-DD)", "expires");
  }
  const auto day = day_number(change.expires);
  if (!day) return fail(ErrorCode::invalid_input, fmt::format("\"{}\" is not a date YYYY-MM-DD", change.expires), "expires");
  if (const auto now = day_number(today); now && *day < *now) {
    return fail(ErrorCode::invalid_input, fmt::format("{} is in the past", change.expires), "expires");
  }
  return {};
}

std::string today(TimeNs now) { return format_day(now / kNsPerDay); }

std::optional<std::string> due_date(const TrackedFinding& f, const SsvcSettings& settings) {
  const std::string& outcome = settings.tree == SsvcTree::cisa ? f.ssvc_cisa : f.ssvc_deployer;
  const std::optional<int> days = settings.days_for(outcome);
  const auto since = day_number(f.outcome_since);
  if (!days || !since) return std::nullopt;
  return format_day(*since + *days);
}

bool acceptance_expired(const TrackedFinding& f, std::string_view today) {
  return f.state == RemediationState::risk_accepted && !f.expires.empty() && f.expires < today;
}

}  // namespace ward::devices
