// A questionnaire's answers read and checked, and its score with reasons. The rule: each
// question not answered not_applicable counts its weight; yes earns it all, partial half, no and
// unanswered nothing; score = 100 × earned / counted, rounded. Levels: strong ≥ 80, fair ≥ 50,
// weak below. Only a complete questionnaire (every question answered) counts in a vendor's risk.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "third_parties/questionnaire.h"

namespace ward::third_parties {

// {"answers": [{"question", "answer", "comment"?, "evidence"?}]}: the question must be one of
// `t`'s, named once; the answer one of kAnswers ("n.a." and "na" read as not_applicable); unknown
// fields refused. Errors name the field: "answers[2].answer".
Result<std::vector<Answer>> answers_from_json(const nlohmann::json& body, const QuestionnaireTemplate& t);

struct QuestionnaireResult {
  std::int64_t questionnaire_id = 0;
  std::string sent_on;
  int questions = 0, answered = 0, not_applicable = 0;
  int score = 0;          // 0–100
  std::string level;      // strong, fair, weak
  bool complete = false;  // every question answered
  std::vector<std::string> reasons;  // "no: mfa (hph-cpg-essential-03, weight 3): not for the support VPN"
};

QuestionnaireResult score_questionnaire(const Questionnaire& q);

// The questionnaire with each question's answer and the result.
nlohmann::json questionnaire_json(const Questionnaire& q);

}  // namespace ward::third_parties
