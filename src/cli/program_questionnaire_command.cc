// `ward program vendor questionnaire send|answer|show|list|template`: vendor security
// questionnaires from Ward's template or a custom one, answers, and the score with its reasons
// (docs/program.md "Security questionnaires"). Audited (program_cli.h).
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/program_cli.h"
#include "controls/builtin_catalogs.h"
#include "core/file_reader.h"
#include "core/plural.h"
#include "third_parties/questionnaire_service.h"
#include "third_parties/questionnaire_template.h"

namespace ward::cli {
namespace {

using namespace ward::third_parties;
using nlohmann::json;

struct QuestionnaireOptions {
  std::int64_t id = 0;
  std::string vendor, template_file, answers_file, question, answer, comment, evidence, format = "text";
};

// Ward's template, or the one in `file` (YAML or JSON), its controls checked against the catalogues.
Result<QuestionnaireTemplate> template_from(const std::string& file) {
  if (file.empty()) return builtin_questionnaire_template(controls::is_builtin_control);
  auto bytes = read_input_file(file);
  if (!bytes) return Unexpected(bytes.error());
  return parse_questionnaire_template(bytes->view(), file, controls::is_builtin_control);
}

Result<std::unique_ptr<QuestionnaireStore>> open_questionnaire_store(const GlobalOptions& g) { return QuestionnaireStore::open(g.data_dir); }

std::string questionnaire_text(const json& q) {
  const json& r = q["result"];
  std::string out = fmt::format("questionnaire {}: {} to {} (vendor {}), sent {} by {}\n  score {}/100 ({}), {} of {} answered{}\n",
                                q["id"].get<std::int64_t>(), q["title"].get<std::string>(), q["vendor"].get<std::string>(),
                                q["vendor_id"].get<std::int64_t>(), q["sent_on"].get<std::string>(),
                                q["sent_by"].get<std::string>(), r["score"].get<int>(), r["level"].get<std::string>(),
                                r["answered"].get<int>(), r["questions"].get<int>(), r["complete"].get<bool>() ? "" : " (incomplete)");
  for (const json& reason : r["reasons"]) out += fmt::format("    {}\n", reason.get<std::string>());
  for (const json& question : q["questions"]) {
    const json& a = question["answer"];
    out += fmt::format("  [{}] {} ({}, weight {}): {}\n", a.is_null() ? "-" : a["answer"].get<std::string>(),
                       question["id"].get<std::string>(), question["control"].get<std::string>(), question["weight"].get<int>(),
                       question["text"].get<std::string>());
    if (!a.is_null() && !a["comment"].get<std::string>().empty()) out += fmt::format("      comment: {}\n", a["comment"].get<std::string>());
    if (!a.is_null() && !a["evidence"].get<std::string>().empty()) out += fmt::format("      evidence: {}\n", a["evidence"].get<std::string>());
  }
  return out;
}

Result<std::string> send(const GlobalOptions& g, QuestionnaireOptions& o) {
  auto t = template_from(o.template_file);
  if (!t) return Unexpected(t.error());
  auto vendors = VendorStore::open(g.data_dir);
  if (!vendors) return Unexpected(vendors.error());
  auto store = open_questionnaire_store(g);
  if (!store) return Unexpected(store.error());
  auto q = send_questionnaire(**vendors, **store, o.vendor, *t, cli_actor());
  if (!q) return Unexpected(q.error());
  o.id = q->id;
  return fmt::format("questionnaire {} sent to {}: {} ({} questions)\n", q->id, q->vendor, q->questions.title,
                     q->questions.questions.size());
}

Result<std::string> answer(const GlobalOptions& g, const QuestionnaireOptions& o) {
  json body;
  if (!o.answers_file.empty()) {
    if (!o.question.empty()) return fail(ErrorCode::invalid_input, "give --file or --question, not both", "--question");
    auto read = read_json_input(o.answers_file);
    if (!read) return Unexpected(read.error());
    body = std::move(*read);
  } else {
    if (o.question.empty() || o.answer.empty())
      return fail(ErrorCode::invalid_input, "give --file answers.json, or --question ID --answer yes|no|partial|n.a.", "--question");
    body = {{"answers", {{{"question", o.question}, {"answer", o.answer}, {"comment", o.comment}, {"evidence", o.evidence}}}}};
  }
  auto store = open_questionnaire_store(g);
  if (!store) return Unexpected(store.error());
  auto q = answer_questionnaire(**store, o.id, body, cli_actor());
  if (!q) return Unexpected(q.error());
  const QuestionnaireResult r = score_questionnaire(*q);
  return fmt::format("questionnaire {}: {} of {} answered, score {}/100 ({})\n", q->id, r.answered, r.questions, r.score, r.level);
}

Result<std::string> questionnaire_show(const GlobalOptions& g, const QuestionnaireOptions& o) {
  auto store = open_questionnaire_store(g);
  if (!store) return Unexpected(store.error());
  auto q = (*store)->find(o.id);
  if (!q) return Unexpected(q.error());
  if (!*q) return fail(ErrorCode::not_found, fmt::format("no questionnaire {}", o.id), "questionnaire");
  const json j = questionnaire_json(**q);
  return o.format == "json" ? j.dump(2) + "\n" : questionnaire_text(j);
}

Result<std::string> list_questionnaires(const GlobalOptions& g, const QuestionnaireOptions& o) {
  std::int64_t vendor_id = 0;
  if (!o.vendor.empty()) {
    auto vendors = VendorStore::open(g.data_dir);
    if (!vendors) return Unexpected(vendors.error());
    auto v = (*vendors)->find(o.vendor);
    if (!v) return Unexpected(v.error());
    if (!*v) return fail(ErrorCode::not_found, fmt::format("there is no vendor \"{}\"", o.vendor), "--vendor");
    vendor_id = (*v)->id;
  }
  auto store = open_questionnaire_store(g);
  if (!store) return Unexpected(store.error());
  auto all = (*store)->list(vendor_id);
  if (!all) return Unexpected(all.error());
  if (o.format == "json") {
    json rows = json::array();
    for (const Questionnaire& q : *all) {
      json j = questionnaire_json(q);
      j.erase("questions");
      rows.push_back(std::move(j));
    }
    return json{{"questionnaires", rows}}.dump(2) + "\n";
  }
  std::string text = fmt::format("{:>4}  {:<30}  {:<10}  {:>8}  {:>5}  {}\n", "ID", "VENDOR", "SENT", "ANSWERED", "SCORE", "LEVEL");
  for (const Questionnaire& q : *all) {
    const QuestionnaireResult r = score_questionnaire(q);
    text += fmt::format("{:>4}  {:<30}  {:<10}  {:>8}  {:>5}  {}{}\n", q.id, q.vendor, q.sent_on,
                        fmt::format("{}/{}", r.answered, r.questions), r.score, r.level, r.complete ? "" : " (incomplete)");
  }
  return text + fmt::format("{}\n", counted(all->size(), "questionnaire", "questionnaires"));
}

Result<std::string> show_template(const GlobalOptions&, const QuestionnaireOptions& o) {
  auto t = template_from(o.template_file);
  if (!t) return Unexpected(t.error());
  if (o.format == "json") return template_to_json(*t).dump(2) + "\n";
  std::string out = fmt::format("{} ({}): {} questions\n", t->title, t->name, t->questions.size());
  for (const Question& q : t->questions)
    out += fmt::format("  {} ({}, weight {}): {}\n", q.id, q.control, q.weight, q.text);
  return out;
}

}  // namespace

void add_program_questionnaire_commands(CLI::App& vendor, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<QuestionnaireOptions>();
  auto run = [&global, &exit_code, o](std::string_view command, auto body, bool about_one = true) {
    return [&global, &exit_code, o, command, body, about_one] {
      exit_code = run_audited(global, command, about_one ? fmt::format("questionnaire:{}", o->id) : std::string(),
                              [&] { return body(global, *o); });
    };
  };
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto* q = vendor.add_subcommand("questionnaire", "security questionnaires: send, answer, score");
  q->require_subcommand(1);
  auto* send_cmd = q->add_subcommand("send", "send a questionnaire to a vendor (Ward's template, or --template FILE)");
  send_cmd->add_option("vendor", o->vendor, "vendor id or name")->required();
  send_cmd->add_option("--template", o->template_file, "a custom template, YAML or JSON (docs/program.md)");
  send_cmd->callback(run("ward program vendor questionnaire send", send));
  auto* answer_cmd = q->add_subcommand("answer", "record answers (--file answers.json, or one --question)");
  answer_cmd->add_option("questionnaire", o->id, "questionnaire id")->required();
  answer_cmd->add_option("--file", o->answers_file, "{\"answers\": [{question, answer, comment, evidence}]}, - for stdin");
  answer_cmd->add_option("--question", o->question, "the question id");
  answer_cmd->add_option("--answer", o->answer, std::string(kAnswers) + " (or n.a.)");
  answer_cmd->add_option("--comment", o->comment, "the vendor's words");
  answer_cmd->add_option("--evidence", o->evidence, "where it is shown (a report, a page)");
  answer_cmd->callback(run("ward program vendor questionnaire answer {questionnaire}", answer));
  auto* show_cmd = q->add_subcommand("show", "one questionnaire with its answers, score and reasons");
  show_cmd->add_option("questionnaire", o->id, "questionnaire id")->required();
  add_format(show_cmd);
  show_cmd->callback(run("ward program vendor questionnaire show {questionnaire}", questionnaire_show));
  auto* list_cmd = q->add_subcommand("list", "questionnaires with their scores, newest first");
  list_cmd->add_option("--vendor", o->vendor, "only this vendor's (id or name)");
  add_format(list_cmd);
  list_cmd->callback(run("ward program vendor questionnaire list", list_questionnaires, false));
  auto* template_cmd = q->add_subcommand("template", "print Ward's template, or check a custom one (--template FILE)");
  template_cmd->add_option("--template", o->template_file, "a custom template to check, YAML or JSON");
  add_format(template_cmd);
  template_cmd->callback(run("ward program vendor questionnaire template", show_template, false));
}

}  // namespace ward::cli
