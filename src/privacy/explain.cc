// Explanation rules: the defaults, reading them from YAML, and matching one access against the
// patient's encounters. Start at Explainer::explain; the evidence helpers below it build the
// one-line text a privacy officer reads.
#include "privacy/explain.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <limits>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/config_yaml.h"
#include "core/time.h"

namespace ward::privacy {
namespace {
constexpr TimeNs kForever = std::numeric_limits<TimeNs>::max();
constexpr TimeNs kBeginning = std::numeric_limits<TimeNs>::min();

bool icontains(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return ascii_lower(x) == ascii_lower(y); }) != haystack.end();
}

// An empty filter lets everything through.
bool passes_equal(const std::vector<std::string>& filter, std::string_view value) {
  return filter.empty() ||
         std::any_of(filter.begin(), filter.end(), [&](const std::string& f) { return ascii_iequals(value, f); });
}

bool passes_contains(const std::vector<std::string>& filter, std::string_view value) {
  return filter.empty() || std::any_of(filter.begin(), filter.end(), [&](const std::string& f) {
           return !value.empty() && icontains(value, f);
         });
}

// Saturating, so a large grace on an early time cannot wrap around.
TimeNs minus(TimeNs t, TimeNs d) { return t < kBeginning + d ? kBeginning : t - d; }
TimeNs plus(TimeNs t, TimeNs d) { return t > kForever - d ? kForever : t + d; }

struct Window {
  TimeNs from = 0;
  TimeNs to = 0;
};

// The rule's window around the encounter; nullopt when the encounter lacks the anchor's time.
std::optional<Window> window_of(const ExplanationRule& rule, const EncounterRecord& e) {
  switch (rule.anchor) {
    case Anchor::stay:
      if (e.start == 0) return std::nullopt;
      return Window{minus(e.start, rule.before), e.end == 0 ? kForever : plus(e.end, rule.after)};
    case Anchor::start:
      if (e.start == 0) return std::nullopt;
      return Window{minus(e.start, rule.before), plus(e.start, rule.after)};
    case Anchor::end:
      if (e.end == 0) return std::nullopt;
      return Window{minus(e.end, rule.before), plus(e.end, rule.after)};
  }
  return std::nullopt;
}

// How far the access is from the anchor itself (0 inside a stay); the nearest encounter is the
// one to name in the evidence.
TimeNs distance_to_anchor(const ExplanationRule& rule, const EncounterRecord& e, TimeNs t) {
  auto gap = [](TimeNs a, TimeNs b) { return a > b ? a - b : b - a; };
  switch (rule.anchor) {
    case Anchor::stay:
      if (t < e.start) return gap(e.start, t);
      if (e.end != 0 && t > e.end) return gap(t, e.end);
      return 0;
    case Anchor::start: return gap(t, e.start);
    case Anchor::end: return gap(t, e.end);
  }
  return 0;
}

// The user's role and department: the directory's when it has them, else as recorded.
struct Who {
  std::string_view role;
  std::string_view department;
};

Who who_accessed(const Access& a) {
  Who w{a.role, a.department};
  if (a.user && !a.user->role.empty()) w.role = a.user->role;
  if (a.user && !a.user->department.empty()) w.department = a.user->department;
  return w;
}

const EncounterParticipant* find_participant(const ExplanationRule& rule, const EncounterRecord& e,
                                             const Access& a) {
  for (const EncounterParticipant& p : e.participants) {
    if (p.user_id.empty()) continue;
    bool same_user = p.user_id == a.user_id ||
                     (a.user && (p.user_id == a.user->id || p.user_id == a.user->employee_id));
    if (same_user && passes_equal(rule.participant_roles, p.role)) return &p;
  }
  return nullptr;
}

// A span as its evidence words round it: whole days, else hours, minutes or seconds.
AnchorRelation relation(AnchorRelation::Side side, TimeNs ns) {
  for (TimeNs unit : {kNsPerDay, kNsPerHour, kNsPerMinute})
    if (ns >= unit) return {side, ns / unit, unit};
  return {side, ns / kNsPerSecond, kNsPerSecond};
}

AnchorRelation relation_to_anchor(const ExplanationRule& rule, const EncounterRecord& e, TimeNs t) {
  using Side = AnchorRelation::Side;
  if (rule.anchor == Anchor::stay) {
    if (t < e.start) return relation(Side::before_start, e.start - t);
    if (e.end != 0 && t > e.end) return relation(Side::after_end, t - e.end);
    return {Side::during, 0, 0};
  }
  const TimeNs anchor = rule.anchor == Anchor::start ? e.start : e.end;
  if (anchor == t) return {Side::at_access, 0, 0};
  return anchor < t ? relation(Side::anchor_before, t - anchor) : relation(Side::anchor_after, anchor - t);
}

// "2026-10-24 19:51", UTC.
void append_minute_utc(std::string& out, TimeNs t) {
  std::string s = format_iso8601(t);
  if (s.size() >= 16) {
    s.resize(16);
    s[10] = ' ';
  }
  out += s;
}

// "3 days", "5 hours", "1 minute".
void append_span_words(std::string& out, const AnchorRelation& r) {
  std::string_view unit = r.unit == kNsPerDay ? "day" : r.unit == kNsPerHour ? "hour" : r.unit == kNsPerMinute ? "minute" : "second";
  fmt::format_to(std::back_inserter(out), "{} {}{}", r.count, unit, r.count == 1 ? "" : "s");
}

// "(IMP, Oncology, 2026-10-24 19:51 → 2026-11-05 14:12 UTC)"
void append_encounter_summary(std::string& out, const EncounterRecord& e) {
  out += '(';
  for (const std::string* part : {&e.class_code, &e.department})
    if (!part->empty()) (out += *part) += ", ";
  if (e.end == 0) {
    append_minute_utc(out, e.start);
    out += " UTC → open)";
    return;
  }
  if (e.start == 0)
    out += '?';
  else
    append_minute_utc(out, e.start);
  out += " → ";
  append_minute_utc(out, e.end);
  out += " UTC)";
}

// "Oncology registered nurse"; "staff" stands in for an unknown role.
void append_user_words(std::string& out, std::string_view role, std::string_view department) {
  if (!department.empty()) (out += department) += ' ';
  out += role.empty() ? std::string_view("staff") : role;
}

void append_unit_evidence(std::string& out, const ExplanationInputs& in) {
  const EncounterRecord& e = *in.encounter;
  append_user_words(out, in.role, in.department);
  out += "; patient";
  if (!e.department.empty()) (out += " on ") += e.department;
  if (!e.location.empty()) {  // "5 East^519^B" → "5 East / 519 / B"
    out += " (";
    for (char c : e.location) {
      if (c == '^')
        out += " / ";
      else
        out += c;
    }
    out += ')';
  }
  ((out += " in ") += e.id) += ' ';
  append_encounter_summary(out, e);
}

void append_role_evidence(std::string& out, const ExplanationRule& rule, const ExplanationInputs& in) {
  using Side = AnchorRelation::Side;
  const EncounterRecord& e = *in.encounter;
  const AnchorRelation& r = in.relation;
  out += in.role.empty() ? std::string_view("staff") : in.role;
  out += "; ";
  if (rule.anchor == Anchor::stay) {
    if (r.side == Side::during) {
      out += "during ";
      out += e.id;
    } else {
      append_span_words(out, r);
      ((out += r.side == Side::before_start ? " before " : " after ") += e.id) +=
          r.side == Side::before_start ? " started" : " ended";
    }
    out += ' ';
    append_encounter_summary(out, e);
    return;
  }
  const TimeNs anchor = rule.anchor == Anchor::start ? e.start : e.end;
  ((out += e.id) += rule.anchor == Anchor::start ? " admitted " : " discharged ");
  append_minute_utc(out, anchor);
  out += " UTC, ";
  if (r.side == Side::at_access) {
    out += "at the access time";
    return;
  }
  append_span_words(out, r);
  out += r.side == Side::anchor_before ? " before the access" : " after the access";
}

}  // namespace

std::optional<ExplanationInputs> Explainer::match(
    const Access& access, std::span<const EncounterRecord* const> encounters) const {
  const Who who = who_accessed(access);
  const TimeNs t = access.time;
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const ExplanationRule& rule = rules_[r];
    if (!passes_contains(rule.user_roles, who.role)) continue;
    if (!passes_equal(rule.user_departments, who.department)) continue;
    if (rule.kind == RuleKind::purpose) {
      if (!access.purpose.empty() && !rule.purposes.empty() &&
          passes_equal(rule.purposes, access.purpose))
        return ExplanationInputs{.rule = r, .purpose = access.purpose};
      continue;
    }
    const EncounterRecord* best = nullptr;
    const EncounterParticipant* best_participant = nullptr;
    TimeNs best_distance = kForever;
    for (const EncounterRecord* e : encounters) {
      if (!e || !passes_equal(rule.encounter_classes, e->class_code)) continue;
      std::optional<Window> w = window_of(rule, *e);
      if (!w || t < w->from || t > w->to) continue;
      const EncounterParticipant* participant = nullptr;
      if (rule.kind == RuleKind::participant) {
        participant = find_participant(rule, *e, access);
        if (!participant) continue;
      }
      // A float-pool rule (user_departments set) stands in for department equality.
      if (rule.kind == RuleKind::unit && rule.user_departments.empty() &&
          (who.department.empty() || !ascii_iequals(who.department, e->department)))
        continue;
      TimeNs d = distance_to_anchor(rule, *e, t);
      // Ties: the later encounter, then the smaller id, so the input order does not matter.
      bool better = !best || d < best_distance ||
                    (d == best_distance && (e->start > best->start ||
                                            (e->start == best->start && e->id < best->id)));
      if (better) {
        best = e;
        best_participant = participant;
        best_distance = d;
      }
    }
    if (!best) continue;
    ExplanationInputs in{.rule = r, .encounter = best, .participant = best_participant};
    if (rule.kind != RuleKind::participant) in.role = who.role;
    if (rule.kind == RuleKind::unit) in.department = who.department;
    if (rule.kind == RuleKind::role) in.relation = relation_to_anchor(rule, *best, t);
    return in;
  }
  return std::nullopt;
}

Explanation Explainer::render(const ExplanationInputs& in) const {
  const ExplanationRule& rule = rules_[in.rule];
  Explanation out{rule.code, {}, in.encounter != nullptr ? in.encounter->id : std::string(), rule.kind};
  std::string& text = out.evidence;
  switch (rule.kind) {
    case RuleKind::participant:
      text += in.participant != nullptr && !in.participant->role.empty() ? std::string_view(in.participant->role)
                                                                         : std::string_view("participant");
      ((text += " on ") += in.encounter->id) += ' ';
      append_encounter_summary(text, *in.encounter);
      break;
    case RuleKind::unit: append_unit_evidence(text, in); break;
    case RuleKind::role: append_role_evidence(text, rule, in); break;
    case RuleKind::purpose: (text += "purpose of use ") += in.purpose; break;
  }
  return out;
}

std::optional<Explanation> Explainer::explain(
    const Access& access, std::span<const EncounterRecord* const> encounters) const {
  std::optional<ExplanationInputs> in = match(access, encounters);
  if (!in) return std::nullopt;
  return render(*in);
}

std::vector<ExplanationRule> default_explanation_rules() {
  std::vector<ExplanationRule> rules;
  rules.push_back({.code = "care_team",
                   .description = "takes part in an encounter of the patient (attending, admitting, consulting…)",
                   .kind = RuleKind::participant, .anchor = Anchor::stay,
                   .before = 24 * kNsPerHour, .after = 24 * kNsPerHour});
  rules.push_back({.code = "same_unit",
                   .description = "works in the department where the patient is staying",
                   .kind = RuleKind::unit, .anchor = Anchor::stay,
                   .before = 2 * kNsPerHour, .after = 12 * kNsPerHour});
  rules.push_back({.code = "registration",
                   .description = "registration or scheduling around the admission",
                   .kind = RuleKind::role, .anchor = Anchor::start,
                   .before = 72 * kNsPerHour, .after = 24 * kNsPerHour,
                   .user_roles = {"registration", "scheduling", "admitting", "front desk"}});
  rules.push_back({.code = "billing",
                   .description = "billing, coding or health information work after discharge",
                   .kind = RuleKind::role, .anchor = Anchor::end,
                   .before = 0, .after = 30 * kNsPerDay,
                   .user_roles = {"billing", "coding", "health information"}});
  rules.push_back({.code = "ancillary",
                   .description = "pharmacy, laboratory or radiology during the stay",
                   .kind = RuleKind::role, .anchor = Anchor::stay,
                   .before = 2 * kNsPerHour, .after = 24 * kNsPerHour,
                   .user_roles = {"pharmac", "lab", "radiolog", "imaging"}});
  rules.push_back({.code = "diagnostic_service",
                   .description = "a radiologist, pathologist or pharmacist of a diagnostic service "
                                  "during the stay or the days after (reading studies, results)",
                   .kind = RuleKind::role, .anchor = Anchor::stay,
                   .before = 2 * kNsPerHour, .after = 72 * kNsPerHour,
                   .user_roles = {"physician", "radiologist", "pathologist", "pharmacist",
                                  "technologist", "technician"},
                   .user_departments = {"Radiology", "Imaging", "Lab", "Laboratory", "Pathology",
                                        "Pharmacy"}});
  rules.push_back({.code = "patient_request",
                   .description = "the patient asked for the record (purpose of use PATRQT)",
                   .kind = RuleKind::purpose,
                   .purposes = {"PATRQT"}});
  return rules;
}

Result<TimeNs> parse_duration(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::config, fmt::format("{} \"{}\"", why, text));
  };
  constexpr std::string_view kExpected = "expected a duration like 24h, 30m or 7d, not";
  if (text.empty()) return bad(kExpected);
  std::string_view digits = text;
  TimeNs unit = 0;
  switch (text.back()) {
    case 's': unit = kNsPerSecond; break;
    case 'm': unit = kNsPerMinute; break;
    case 'h': unit = kNsPerHour; break;
    case 'd': unit = kNsPerDay; break;
    default: break;
  }
  if (unit != 0) digits.remove_suffix(1);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return bad(kExpected);
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec == std::errc::result_out_of_range) return bad("too long a duration:");
  if (ec != std::errc() || end != digits.data() + digits.size()) return bad(kExpected);
  if (unit == 0) {  // a bare number only as "0"
    if (n != 0) return bad("a duration needs a unit (s, m, h or d):");
    return TimeNs{0};
  }
  if (n > static_cast<std::uint64_t>(kForever / unit)) return bad("too long a duration:");
  return static_cast<TimeNs>(n) * unit;
}

namespace {

Result<std::string> read_text(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar()) return fail(ErrorCode::config, fmt::format("{}: expected a string", where));
  return node.Scalar();
}

// A key that is absent leaves `out` as it is.
Result<void> read_list(const YAML::Node& map, std::string_view key, std::vector<std::string>& out,
                       const std::string& where) {
  const YAML::Node node = map[std::string(key)];
  if (!node) return {};
  std::string field = fmt::format("{}.{}", where, key);
  if (!node.IsSequence())
    return fail(ErrorCode::config, fmt::format("{}: expected a list of strings", field));
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar() || node[i].Scalar().empty())
      return fail(ErrorCode::config, fmt::format("{}[{}]: expected a non-empty string", field, i));
    out.push_back(node[i].Scalar());
  }
  return {};
}

Result<TimeNs> read_duration(const YAML::Node& map, std::string_view key, const std::string& where) {
  const YAML::Node node = map[std::string(key)];
  if (!node) return TimeNs{0};
  std::string field = fmt::format("{}.{}", where, key);
  if (!node.IsScalar())
    return fail(ErrorCode::config, fmt::format("{}: expected a duration like 24h, 30m or 7d", field));
  Result<TimeNs> d = parse_duration(node.Scalar());
  if (!d) return fail(ErrorCode::config, fmt::format("{}: {}", field, d.error().message));
  return d;
}

Result<RuleKind> read_kind(const YAML::Node& map, const std::string& where) {
  const YAML::Node node = map["kind"];
  std::string_view text = node && node.IsScalar() ? std::string_view(node.Scalar()) : "";
  if (text == "participant") return RuleKind::participant;
  if (text == "unit") return RuleKind::unit;
  if (text == "role") return RuleKind::role;
  if (text == "purpose") return RuleKind::purpose;
  return fail(ErrorCode::config,
              fmt::format("{}.kind: expected participant, unit, role or purpose", where));
}

Result<Anchor> read_anchor(const YAML::Node& map, const std::string& where) {
  const YAML::Node node = map["anchor"];
  if (!node) return Anchor::stay;
  std::string_view text = node.IsScalar() ? std::string_view(node.Scalar()) : "";
  if (text == "stay") return Anchor::stay;
  if (text == "start") return Anchor::start;
  if (text == "end") return Anchor::end;
  return fail(ErrorCode::config, fmt::format("{}.anchor: expected stay, start or end", where));
}

Result<ExplanationRule> read_rule(const YAML::Node& map, const std::string& where) {
  if (!map.IsMap()) return fail(ErrorCode::config, fmt::format("{}: expected a mapping", where));
  if (auto ok = check_keys(map, {"code", "description", "kind", "anchor", "before", "after",
                                 "participant_roles", "user_roles", "user_departments",
                                 "encounter_classes", "purposes"},
                           where);
      !ok)
    return Unexpected(ok.error());
  ExplanationRule rule;
  if (!map["code"]) return fail(ErrorCode::config, fmt::format("{}.code: required", where));
  auto code = read_text(map["code"], where + ".code");
  if (!code) return Unexpected(code.error());
  if (code->empty()) return fail(ErrorCode::config, fmt::format("{}.code: must not be empty", where));
  rule.code = *code;
  if (map["description"]) {
    auto description = read_text(map["description"], where + ".description");
    if (!description) return Unexpected(description.error());
    rule.description = *description;
  }
  auto kind = read_kind(map, where);
  if (!kind) return Unexpected(kind.error());
  rule.kind = *kind;
  auto anchor = read_anchor(map, where);
  if (!anchor) return Unexpected(anchor.error());
  rule.anchor = *anchor;
  auto before = read_duration(map, "before", where);
  if (!before) return Unexpected(before.error());
  rule.before = *before;
  auto after = read_duration(map, "after", where);
  if (!after) return Unexpected(after.error());
  rule.after = *after;
  std::pair<std::string_view, std::vector<std::string>*> lists[] = {
      {"participant_roles", &rule.participant_roles}, {"user_roles", &rule.user_roles},
      {"user_departments", &rule.user_departments},   {"encounter_classes", &rule.encounter_classes},
      {"purposes", &rule.purposes}};
  for (auto& [key, out] : lists) {
    if (auto ok = read_list(map, key, *out, where); !ok) return Unexpected(ok.error());
  }
  // Keys that would be silently ignored for this kind are mistakes worth naming.
  if (rule.kind != RuleKind::participant && !rule.participant_roles.empty())
    return fail(ErrorCode::config,
                fmt::format("{}.participant_roles: only participant rules have participant roles", where));
  if (rule.kind == RuleKind::purpose && !rule.encounter_classes.empty())
    return fail(ErrorCode::config,
                fmt::format("{}.encounter_classes: purpose rules do not look at encounters", where));
  if (rule.kind == RuleKind::role && rule.user_roles.empty())
    return fail(ErrorCode::config, fmt::format("{}.user_roles: a role rule needs at least one role", where));
  if (rule.kind == RuleKind::purpose && rule.purposes.empty())
    return fail(ErrorCode::config,
                fmt::format("{}.purposes: a purpose rule needs at least one purpose", where));
  return rule;
}

}  // namespace

Result<std::vector<ExplanationRule>> explanation_rules_from_yaml(const YAML::Node& list,
                                                                 std::string_view path) {
  if (!list || !list.IsSequence())
    return fail(ErrorCode::config, fmt::format("{}: expected a list of rules", path));
  std::vector<ExplanationRule> rules;
  std::set<std::string> codes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string where = fmt::format("{}[{}]", path, i);
    Result<ExplanationRule> rule;
    try {
      rule = read_rule(list[i], where);
    } catch (const YAML::Exception& e) {  // e.g. a key that is itself a list
      return fail(ErrorCode::config, fmt::format("{}: {}", where, e.msg));
    }
    if (!rule) return Unexpected(rule.error());
    if (!codes.insert(rule->code).second)
      return fail(ErrorCode::config, fmt::format("{}.code: \"{}\" is used by an earlier rule", where, rule->code));
    rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace ward::privacy
