// Questionnaire templates in YAML or JSON (data/program/vendor_questionnaire.yaml is Ward's own):
// `name`, `title`, `questions: [{id, control, text, section?, weight?}]`. Every problem is an
// Error naming the source, the line, the question (by position and id) and the field, e.g.
// `questions[3] (mfa).control: "hph-cpg-99" is not a control of Ward's catalogues`.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "third_parties/questionnaire.h"

namespace ward::third_parties {

// Whether a control id exists in Ward's catalogues. third_parties sits below controls, so the
// caller (the CLI, the API) passes controls::is_builtin_control.
using ControlExists = std::function<bool(std::string_view)>;

// Ids unique; text and control required; control known to `control_exists`; weight 1–5; unknown
// keys refused. An empty question list is refused.
Result<QuestionnaireTemplate> parse_questionnaire_template(std::string_view text, std::string_view source,
                                                           const ControlExists& control_exists);

// Ward's built-in template (checked by a test against the catalogues).
Result<QuestionnaireTemplate> builtin_questionnaire_template(const ControlExists& control_exists);

nlohmann::json template_to_json(const QuestionnaireTemplate& t);

}  // namespace ward::third_parties
