// Vendor security questionnaires: a template of questions, each tied to a control of Ward's
// catalogues (questionnaire_template.h reads one), sent to one vendor, answered question by
// question (questionnaire_answers.h), scored with reasons (questionnaire_score.h) and kept by
// questionnaire_store.h. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::third_parties {

struct Question {
  std::string id;       // "mfa": unique in its template
  std::string control;  // the catalogue control it comes from: "hph-cpg-essential-03"
  std::string section;  // a heading to group questions under ("" for none)
  std::string text;
  int weight = 1;       // 1–5: how much the answer counts in the score
};

struct QuestionnaireTemplate {
  std::string name, title;
  std::vector<Question> questions;
};

inline constexpr std::string_view kAnswers = "yes, no, partial, not_applicable";

struct Answer {
  std::string question;  // Question::id
  std::string answer;    // of kAnswers
  std::string comment;   // the vendor's words
  std::string evidence;  // where it is shown: "SOC 2 report 2026, p. 14"
  std::string answered_by;
};

struct Questionnaire {
  std::int64_t id = 0;
  std::int64_t vendor_id = 0;
  std::string vendor;   // the vendor's name
  QuestionnaireTemplate questions;  // as sent
  std::string sent_on;  // YYYY-MM-DD
  std::string sent_by;
  std::vector<Answer> answers;  // in question order, answered ones only
};

}  // namespace ward::third_parties
