// Building the rule a dismissal proposes (see rule_proposal.h).
#include "case_review/rule_proposal.h"

#include <algorithm>

#include <fmt/format.h>

#include "case_review/rule_yaml.h"

namespace ward::case_review {
namespace {

// The same_unit rule in use, else the default one: its window is the one proposals take.
privacy::ExplanationRule same_unit_rule(const std::vector<privacy::ExplanationRule>& rules_in_use) {
  auto is_same_unit = [](const privacy::ExplanationRule& r) {
    return r.code == "same_unit" && r.kind == privacy::RuleKind::unit;
  };
  auto it = std::find_if(rules_in_use.begin(), rules_in_use.end(), is_same_unit);
  if (it != rules_in_use.end()) return *it;
  const auto defaults = privacy::default_explanation_rules();
  return *std::find_if(defaults.begin(), defaults.end(), is_same_unit);
}

// "Float Pool Registered Nurse", "Cardiology staff"
std::string who(const DismissalFacts& f) {
  return fmt::format("{} {}", f.user_department, f.user_role.empty() ? "staff" : f.user_role);
}

ProposedRule none(std::string why) { return {std::nullopt, std::move(why)}; }

}  // namespace

ProposedRule propose_rule(const DismissalFacts& f,
                          const std::vector<privacy::ExplanationRule>& rules_in_use,
                          const std::string& code) {
  using privacy::RuleKind;
  if (f.reason_code == "data_error")
    return none("a data error says nothing about who may open which record: no rule is proposed");
  if (f.reason_code != "float_pool" && f.reason_code != "covering_colleague" &&
      f.reason_code != "consult_not_recorded" && f.reason_code != "patient_request")
    return none(fmt::format("dismissals as {} propose no rule", f.reason_code));
  if (f.user_department.empty())
    return none("the case's user has no department in the directory or the access log, and a "
                "rule for everyone is not a proposal: no rule is proposed");

  const privacy::ExplanationRule window = same_unit_rule(rules_in_use);
  privacy::ExplanationRule rule;
  rule.code = code;
  rule.user_departments = {f.user_department};
  if (!f.user_role.empty()) rule.user_roles = {f.user_role};
  std::string allows;
  if (f.reason_code == "patient_request") {
    if (f.purposes.empty())
      return none("the case's accesses state no purpose of use: no purpose rule can be proposed "
                  "(accesses that state PATRQT are explained by the patient_request rule)");
    rule.kind = RuleKind::purpose;
    rule.purposes = f.purposes;
    std::string purposes;
    for (const std::string& p : f.purposes) purposes += (purposes.empty() ? "" : ", ") + p;
    allows = fmt::format("{} stating purpose of use {}", who(f), purposes);
  } else {
    rule.anchor = privacy::Anchor::stay;
    rule.before = window.before;
    rule.after = window.after;
    const std::string span = fmt::format("from {} before to {} after the stay",
                                         duration_text(window.before), duration_text(window.after));
    if (f.reason_code == "consult_not_recorded") {
      if (f.user_role.empty())
        return none("the case's user has no role in the directory or the access log, and a role "
                    "rule needs one: no rule is proposed");
      rule.kind = RuleKind::role;
      allows = fmt::format("{} consulting on a patient staying on any unit, {}", who(f), span);
    } else {
      rule.kind = RuleKind::unit;
      allows = fmt::format("{} covering a patient staying on any unit, {}", who(f), span);
    }
  }
  rule.description = fmt::format("{}; proposed from the dismissal of case {} by {} ({})", allows,
                                 f.case_id, f.dismissed_by, f.reason_code);
  return {std::move(rule), {}};
}

}  // namespace ward::case_review
