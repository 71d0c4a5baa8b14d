// Explanations: why an access to a patient's record is expected. Each rule is data (config
// `privacy.explanations`, defaults below), so a hospital can add its own — e.g. "covering nurse
// from the float pool" is a `unit` rule limited to user_departments: [Float Pool]. The first rule
// that matches explains the access; the evidence names the encounter, the role and the window.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/directory.h"
#include "core/error.h"
#include "core/time.h"
#include "privacy/access.h"

namespace ward::privacy {

enum class RuleKind {
  participant,  // the user takes part in an encounter of the patient (attending, admitting, …)
  unit,         // the user's department is the encounter's department; with user_departments
                // set (a float pool) the departments need not be equal: a user of one of those
                // departments is explained by any encounter of the patient in the window
  role,         // the user's role (e.g. registration, billing) around a point of the encounter
  purpose,      // the access states one of the listed purposes of use; no encounter needed
};

// Which point of an encounter a rule's window is around; bounds are inclusive. An encounter
// without the anchor's time (start 0; end 0 for `end`) never matches.
enum class Anchor {
  stay,   // [start - before, end + after]; an open encounter (end 0) has no upper bound
  start,  // [start - before, start + after]: registration, scheduling
  end,    // [end - before, end + after]: billing, coding after discharge (finished encounters)
};

struct ExplanationRule {
  std::string code;         // short, stable: "care_team", "same_unit", "billing" (CSV output)
  std::string description;  // one line for people: "attending or admitting clinician"
  RuleKind kind = RuleKind::participant;
  Anchor anchor = Anchor::stay;
  TimeNs before = 0;        // grace before the anchor, ns
  TimeNs after = 0;         // grace after the anchor, ns
  // Filters; an empty list matches everything. Compared case-insensitively; user_roles match
  // when the value contains one of the entries ("nurse" matches "Registered Nurse");
  // participant_roles (short codes), user_departments, classes and purposes when it equals one.
  // participant_roles only apply to participant rules, encounter_classes not to purpose rules.
  std::vector<std::string> participant_roles;  // ATND, ADM, REF, CON, PPRF, …
  std::vector<std::string> user_roles;
  std::vector<std::string> user_departments;
  std::vector<std::string> encounter_classes;  // IMP, EMER, AMB, …
  std::vector<std::string> purposes;           // purpose rules: TREAT, PATRQT, …
};

struct Explanation {
  std::string code;      // the rule's code
  std::string evidence;  // "ATND on enc-000021 (IMP, Oncology, 2026-10-24 15:51 → 2026-11-05 10:12 UTC)"
  std::string encounter_id;  // the encounter that explains it, "" for purpose rules
  RuleKind kind = RuleKind::participant;  // the rule's kind
};

// The rules Ward ships: care team, same unit, registration, billing/HIM after discharge,
// pharmacy/lab/radiology roles during the stay, physicians and staff of diagnostic services
// (radiology, lab, pathology, pharmacy) during the stay and three days after, and the
// patient-requested purpose. Emergency access (break the glass) is deliberately not an
// explanation: those accesses are the ones to review.
std::vector<ExplanationRule> default_explanation_rules();

// Reads a YAML list of rules (the value of `privacy.explanations`); `path` names it in errors,
// e.g. "privacy.explanations[2].before: expected a duration like 24h, 30m or 7d".
Result<std::vector<ExplanationRule>> explanation_rules_from_yaml(const YAML::Node& list,
                                                                 std::string_view path);

// Parses "90s", "30m", "24h", "7d" (also "0") into nanoseconds; anything else (empty, negative,
// another unit, too large for TimeNs) is an Error naming the text.
Result<TimeNs> parse_duration(std::string_view text);

// How an access time stands to a role rule's anchor, as its evidence says it: "3 days after
// enc-1 ended", "2 hours before the access". `count` whole `unit`s (a day, an hour, a minute, a
// second), rounded down.
struct AnchorRelation {
  enum class Side : std::uint8_t {
    none,                // not a role rule
    during,              // stay: inside the encounter
    before_start,        // stay: the access came before the encounter started
    after_end,           // stay: … after it ended
    at_access,           // start or end: the anchor is the access time
    anchor_before,       // … the anchor came before the access
    anchor_after,        // … after it
  };
  Side side = Side::none;
  TimeNs count = 0;
  TimeNs unit = 0;
  bool operator==(const AnchorRelation&) const = default;
};

// Everything an explanation is made of, and nothing else: equal inputs make equal explanations,
// so a memo may key on them (explanation_memo.h). Only what the rule's text reads is set; the
// views point into the access, the directory and the encounter it was matched with.
struct ExplanationInputs {
  std::size_t rule = 0;                               // into Explainer::rules()
  const EncounterRecord* encounter = nullptr;         // nullptr for purpose rules
  const EncounterParticipant* participant = nullptr;  // participant rules
  std::string_view role;                              // unit and role rules: the user's role
  std::string_view department;                        // unit rules: the user's department
  std::string_view purpose;                           // purpose rules: as the access stated it
  AnchorRelation relation;                            // role rules
};

class Explainer {
 public:
  explicit Explainer(std::vector<ExplanationRule> rules) : rules_(std::move(rules)) {}

  // The first rule that explains `access`, given the patient's encounters (any order); nullopt
  // when none does. The user's role and department come from the directory (access.user), or
  // from the access itself when the directory does not know the user. A participant matches
  // the user by directory id, employee id or the id the access recorded.
  std::optional<Explanation> explain(const Access& access,
                                     std::span<const EncounterRecord* const> encounters) const;
  // The two halves of explain(): what matched, and the explanation made of it.
  std::optional<ExplanationInputs> match(const Access& access,
                                         std::span<const EncounterRecord* const> encounters) const;
  Explanation render(const ExplanationInputs& inputs) const;

  const std::vector<ExplanationRule>& rules() const { return rules_; }

 private:
  std::vector<ExplanationRule> rules_;
};

}  // namespace ward::privacy
