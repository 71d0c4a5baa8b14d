// questionnaire_score.h: reading answers and scoring them.
#include "third_parties/questionnaire_score.h"

#include <map>

#include <fmt/format.h>

namespace ward::third_parties {
namespace {

using nlohmann::json;

Result<std::string> answer_text(const json& row, const char* key, const std::string& path) {
  if (!row.contains(key) || row[key].is_null()) return std::string();
  if (!row[key].is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}.{}: expected text", path, key), path + "." + key);
  return row[key].get<std::string>();
}

const Answer* answer_to(const Questionnaire& q, const std::string& question) {
  for (const Answer& a : q.answers)
    if (a.question == question) return &a;
  return nullptr;
}

}  // namespace

Result<std::vector<Answer>> answers_from_json(const json& body, const QuestionnaireTemplate& t) {
  if (!body.is_object() || !body.contains("answers") || !body["answers"].is_array() || body["answers"].empty())
    return fail(ErrorCode::invalid_input, "answers: expected a list of {question, answer, comment, evidence}", "answers");
  for (const auto& [key, value] : body.items())
    if (key != "answers") return fail(ErrorCode::invalid_input, fmt::format("{}: unknown field", key), key);
  std::vector<Answer> out;
  for (std::size_t i = 0; i < body["answers"].size(); ++i) {
    const json& row = body["answers"][i];
    const std::string path = fmt::format("answers[{}]", i);
    if (!row.is_object()) return fail(ErrorCode::invalid_input, path + ": expected an object", path);
    for (const auto& [key, value] : row.items())
      if (key != "question" && key != "answer" && key != "comment" && key != "evidence")
        return fail(ErrorCode::invalid_input, fmt::format("{}.{}: unknown field", path, key), path + "." + key);
    Answer a;
    for (auto [key, out_field] : {std::pair{"question", &a.question}, std::pair{"answer", &a.answer},
                                  std::pair{"comment", &a.comment}, std::pair{"evidence", &a.evidence}}) {
      auto v = answer_text(row, key, path);
      if (!v) return Unexpected(v.error());
      *out_field = *v;
    }
    bool known = false;
    for (const Question& q : t.questions) known |= q.id == a.question;
    if (!known)
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}.question: \"{}\" is not a question of \"{}\"", path, a.question, t.name), path + ".question");
    for (const Answer& earlier : out)
      if (earlier.question == a.question)
        return fail(ErrorCode::invalid_input, fmt::format("{}.question: \"{}\" is answered twice", path, a.question),
                    path + ".question");
    if (a.answer == "n.a." || a.answer == "na" || a.answer == "n/a") a.answer = "not_applicable";
    if (a.answer != "yes" && a.answer != "no" && a.answer != "partial" && a.answer != "not_applicable")
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}.answer: \"{}\" for question {}: expected {}", path, a.answer, a.question, kAnswers),
                  path + ".answer");
    out.push_back(std::move(a));
  }
  return out;
}

QuestionnaireResult score_questionnaire(const Questionnaire& q) {
  QuestionnaireResult r;
  r.questionnaire_id = q.id;
  r.sent_on = q.sent_on;
  r.questions = static_cast<int>(q.questions.questions.size());
  int counted = 0, earned_halves = 0;
  std::vector<std::string> unanswered, not_applicable;
  for (const Question& question : q.questions.questions) {
    const Answer* a = answer_to(q, question.id);
    if (a) ++r.answered;
    if (a && a->answer == "not_applicable") {
      ++r.not_applicable;
      not_applicable.push_back(question.id);
      continue;
    }
    counted += question.weight;
    if (!a) {
      unanswered.push_back(question.id);
      continue;
    }
    earned_halves += question.weight * (a->answer == "yes" ? 2 : a->answer == "partial" ? 1 : 0);
    if (a->answer == "yes") continue;
    r.reasons.push_back(fmt::format("{}: {} ({}, weight {}){}{}", a->answer, question.id, question.control, question.weight,
                                    a->comment.empty() ? "" : ": ", a->comment));
  }
  r.complete = r.answered == r.questions;
  r.score = counted == 0 ? 0 : (100 * earned_halves + counted) / (2 * counted);  // rounded half up
  r.level = r.score >= 80 ? "strong" : r.score >= 50 ? "fair" : "weak";
  if (!unanswered.empty())
    r.reasons.push_back(fmt::format("unanswered, counted as no: {}", fmt::join(unanswered, ", ")));
  if (!not_applicable.empty()) r.reasons.push_back(fmt::format("not applicable, not counted: {}", fmt::join(not_applicable, ", ")));
  if (counted == 0) r.reasons.push_back("every question answered not applicable: nothing to score");
  return r;
}

json questionnaire_json(const Questionnaire& q) {
  const QuestionnaireResult r = score_questionnaire(q);
  json questions = json::array();
  for (const Question& question : q.questions.questions) {
    json row = {{"id", question.id}, {"control", question.control}, {"section", question.section}, {"text", question.text},
                {"weight", question.weight}, {"answer", nullptr}};
    if (const Answer* a = answer_to(q, question.id))
      row["answer"] = {{"answer", a->answer}, {"comment", a->comment}, {"evidence", a->evidence}, {"answered_by", a->answered_by}};
    questions.push_back(std::move(row));
  }
  return {{"id", q.id},
          {"vendor_id", q.vendor_id},
          {"vendor", q.vendor},
          {"template", q.questions.name},
          {"title", q.questions.title},
          {"sent_on", q.sent_on},
          {"sent_by", q.sent_by},
          {"result",
           {{"score", r.score}, {"level", r.level}, {"complete", r.complete}, {"questions", r.questions},
            {"answered", r.answered}, {"not_applicable", r.not_applicable}, {"reasons", r.reasons}}},
          {"questions", std::move(questions)}};
}

}  // namespace ward::third_parties
