// QuestionnaireStore (questionnaire_store.h).
#include "third_parties/questionnaire_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "store/capability_db.h"
#include "third_parties/questionnaire_template.h"

namespace ward::third_parties {
namespace {

// The template as stored by send(): written by Ward, so read without the file checks.
Result<QuestionnaireTemplate> stored_template(std::string_view text, std::int64_t id) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("questions"))
    return fail(ErrorCode::storage, fmt::format("questionnaire {}: its stored template could not be read", id));
  QuestionnaireTemplate t{j.value("name", ""), j.value("title", ""), {}};
  for (const auto& q : j["questions"])
    t.questions.push_back({q.value("id", ""), q.value("control", ""), q.value("section", ""), q.value("text", ""),
                           q.value("weight", 1)});
  return t;
}

}  // namespace

Result<std::unique_ptr<QuestionnaireStore>> QuestionnaireStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<QuestionnaireStore>(new QuestionnaireStore(std::move(*db)));
}

Result<Questionnaire> QuestionnaireStore::send(const Vendor& v, const QuestionnaireTemplate& t, const std::string& sent_on,
                                               const std::string& actor) {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "INSERT INTO program_questionnaires (vendor_id, template_name, template, sent_on, sent_by, created_ns) "
      "VALUES (?1,?2,?3,?4,?5,?6)");
  if (!s) return Unexpected(s.error());
  const std::string stored = template_to_json(t).dump();
  s->bind(1, v.id);
  s->bind(2, t.name);
  s->bind(3, stored);
  s->bind(4, sent_on);
  s->bind(5, actor);
  s->bind(6, now_ns());
  if (auto r = s->run(); !r) return Unexpected(r.error());
  return Questionnaire{db_.last_insert_rowid(), v.id, v.name, t, sent_on, actor, {}};
}

Result<void> QuestionnaireStore::answer(std::int64_t id, const std::vector<Answer>& answers, const std::string& actor) {
  std::lock_guard lock(mu_);
  auto exists = select(id, 0);
  if (!exists) return Unexpected(exists.error());
  if (exists->empty()) return fail(ErrorCode::not_found, fmt::format("no questionnaire {}", id), "questionnaire");
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    auto s = db_.prepare(
        "INSERT OR REPLACE INTO program_questionnaire_answers (questionnaire_id, question_id, answer, comment, evidence, "
        "answered_by, answered_ns) VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = now_ns();
    for (const Answer& a : answers) {
      s->bind(1, id);
      s->bind(2, a.question);
      s->bind(3, a.answer);
      s->bind(4, a.comment);  // "" binds NULL; INSERT OR REPLACE then stores the '' default
      s->bind(5, a.evidence);
      s->bind(6, actor);
      s->bind(7, now);
      if (auto r = s->run(); !r) return Unexpected(r.error());
      s->reset();
    }
    return {};
  });
}

Result<std::optional<Questionnaire>> QuestionnaireStore::find(std::int64_t id) {
  std::lock_guard lock(mu_);
  auto rows = select(id, 0);
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<Questionnaire>();
  return std::optional<Questionnaire>(std::move(rows->front()));
}

Result<std::vector<Questionnaire>> QuestionnaireStore::list(std::int64_t vendor_id) {
  std::lock_guard lock(mu_);
  return select(0, vendor_id);
}

Result<std::vector<Questionnaire>> QuestionnaireStore::select(std::int64_t id, std::int64_t vendor_id) {
  auto s = db_.prepare(
      "SELECT q.questionnaire_id, q.vendor_id, v.name, q.template, q.sent_on, q.sent_by FROM program_questionnaires q "
      "JOIN program_vendors v ON v.vendor_id = q.vendor_id WHERE (?1 = 0 OR q.questionnaire_id = ?1) "
      "AND (?2 = 0 OR q.vendor_id = ?2) ORDER BY q.questionnaire_id DESC");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  s->bind(2, vendor_id);
  std::vector<Questionnaire> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    Questionnaire q;
    q.id = s->column_int(0);
    q.vendor_id = s->column_int(1);
    q.vendor = std::string(s->column_text(2));
    auto t = stored_template(s->column_text(3), q.id);
    if (!t) return Unexpected(t.error());
    q.questions = std::move(*t);
    q.sent_on = std::string(s->column_text(4));
    q.sent_by = std::string(s->column_text(5));
    out.push_back(std::move(q));
  }
  auto a = db_.prepare(
      "SELECT question_id, answer, comment, evidence, answered_by FROM program_questionnaire_answers "
      "WHERE questionnaire_id = ?1");
  if (!a) return Unexpected(a.error());
  for (Questionnaire& q : out) {
    a->bind(1, q.id);
    std::vector<Answer> answers;
    while (true) {
      auto row = a->step();
      if (!row) return Unexpected(row.error());
      if (!*row) break;
      answers.push_back({std::string(a->column_text(0)), std::string(a->column_text(1)), std::string(a->column_text(2)),
                         std::string(a->column_text(3)), std::string(a->column_text(4))});
    }
    a->reset();
    // In question order, as the template asks them.
    for (const Question& question : q.questions.questions)
      for (Answer& answer : answers)
        if (answer.question == question.id) q.answers.push_back(std::move(answer));
  }
  return out;
}

}  // namespace ward::third_parties
