// risk_assessment.h: the 164.402 decision.
#include "incidents/risk_assessment.h"

#include <array>

#include <fmt/format.h>

namespace ward::incidents {
namespace {

struct Choice {
  std::string_view answer;
  bool low;               // this answer supports a low probability of compromise
  std::string_view says;  // what it means, for the reasons
};

struct Factor {
  std::string_view name;
  std::string_view paragraph;
  std::string_view choices;
  std::array<Choice, 4> options;
};

constexpr std::array<Factor, 4> kFactors = {{
    {"nature", "164.402(2)(i)", "limited, sensitive",
     {{{"limited", true, "few identifiers, nothing sensitive, hard to re-identify"},
       {"sensitive", false, "sensitive PHI or identifiers that make re-identification likely"}}}},
    {"recipient", "164.402(2)(ii)", "hipaa_obligated, workforce, unknown, malicious",
     {{{"hipaa_obligated", true, "the recipient is itself bound by HIPAA or a federal privacy law"},
       {"workforce", true, "the recipient is a workforce member bound by confidentiality"},
       {"unknown", false, "the recipient is not known"},
       {"malicious", false, "the recipient acted with ill intent (theft, hacking)"}}}},
    {"acquired", "164.402(2)(iii)", "not_viewed, viewed, unknown",
     {{{"not_viewed", true, "an investigation shows the PHI was not acquired or viewed"},
       {"viewed", false, "the PHI was acquired or viewed"},
       {"unknown", false, "whether the PHI was viewed cannot be shown"}}}},
    {"mitigation", "164.402(2)(iv)", "assured, partial, none",
     {{{"assured", true, "satisfactory assurances that the PHI was returned or destroyed and not further used"},
       {"partial", false, "the risk was only partly mitigated"},
       {"none", false, "the risk was not mitigated"}}}},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kExceptions = {{
    {"unintentional_workforce",
     "164.402(1)(i): unintentional access by a workforce member acting in good faith within the scope of authority, "
     "not further used or disclosed"},
    {"inadvertent_authorized",
     "164.402(1)(ii): inadvertent disclosure between persons authorized at the same covered entity, business associate "
     "or organized health care arrangement, not further used or disclosed"},
    {"unable_to_retain",
     "164.402(1)(iii): a good-faith belief that the recipient could not reasonably have retained the information"},
}};

const FactorAnswer& answer_of(const RiskAssessmentInput& in, std::string_view factor) {
  if (factor == "nature") return in.nature;
  if (factor == "recipient") return in.recipient;
  if (factor == "acquired") return in.acquired;
  return in.mitigation;
}

}  // namespace

std::string_view factor_choices(std::string_view factor) {
  for (const Factor& f : kFactors)
    if (f.name == factor) return f.choices;
  return {};
}

Result<RiskAssessmentResult> assess_breach_risk(const RiskAssessmentInput& in) {
  RiskAssessmentResult out;
  if (!in.exception.empty()) {
    for (const auto& [name, text] : kExceptions) {
      if (name == in.exception) {
        out.outcome = "exception";
        out.reasons.push_back(fmt::format("not a breach: {}", text));
        return out;
      }
    }
    return fail(ErrorCode::invalid_input,
                fmt::format("exception: \"{}\" is not one of unintentional_workforce, inadvertent_authorized, "
                            "unable_to_retain",
                            in.exception),
                "exception");
  }
  if (in.secured) {
    out.outcome = "secured";
    out.reasons.push_back(
        "not a breach of unsecured PHI (164.402, 164.404(a)): the PHI was rendered unusable, unreadable or "
        "indecipherable to unauthorized persons per HHS guidance");
    return out;
  }
  bool all_low = true;
  for (const Factor& f : kFactors) {
    const FactorAnswer& a = answer_of(in, f.name);
    const std::string field = fmt::format("{}.answer", f.name);
    if (a.answer.empty())
      return fail(ErrorCode::invalid_input, fmt::format("{}: missing; one of {} ({})", field, f.choices, f.paragraph), field);
    const Choice* choice = nullptr;
    for (const Choice& c : f.options)
      if (!c.answer.empty() && c.answer == a.answer) choice = &c;
    if (choice == nullptr)
      return fail(ErrorCode::invalid_input, fmt::format("{}: \"{}\" is not one of {}", field, a.answer, f.choices), field);
    if (choice->low && a.notes.empty()) {
      const std::string notes = fmt::format("{}.notes", f.name);
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}: say why; a low probability of compromise must be demonstrated and documented", notes),
                  notes);
    }
    all_low = all_low && choice->low;
    out.reasons.push_back(fmt::format("{} {}: {}", f.paragraph, choice->low ? "lowers the risk" : "raises the risk", choice->says));
  }
  out.outcome = all_low ? "low_probability" : "presumed_breach";
  out.notify = !all_low;
  out.reasons.insert(out.reasons.begin(),
                     all_low ? std::string("low probability that the PHI has been compromised: every factor lowers the risk")
                             : std::string("presumed breach (164.402(2)): not every factor shows a low probability of "
                                           "compromise, so notification is required"));
  return out;
}

}  // namespace ward::incidents
