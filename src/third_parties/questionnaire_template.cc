// questionnaire_template.h: a template read with yaml-cpp (JSON is YAML too), checked field by field.
#include "third_parties/questionnaire_template.h"

#include <set>

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "third_parties/questionnaire_data.h"

namespace ward::third_parties {
namespace {

// What a check needs to complain: the source and, for one question, its position and id.
struct Place {
  std::string_view source;
  Unexpected error(const YAML::Node& node, const std::string& field, std::string what) const {
    const auto line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    return Unexpected(Error{ErrorCode::invalid_input, fmt::format("{}: {}", field, what), std::string(source),
                            static_cast<std::uint64_t>(line), 0, field});
  }
};

Result<std::string> text_at(const Place& p, const YAML::Node& map, const char* key, const std::string& path, bool required) {
  const YAML::Node node = map[key];
  const std::string field = fmt::format("{}.{}", path, key);
  if (!node || node.IsNull()) {
    if (required) return p.error(map, field, "missing");
    return std::string();
  }
  if (!node.IsScalar()) return p.error(node, field, "expected text");
  std::string value = node.as<std::string>();
  if (required && value.empty()) return p.error(node, field, "empty");
  return value;
}

Result<Question> read_question(const Place& p, const YAML::Node& node, std::size_t index, const ControlExists& control_exists) {
  std::string path = fmt::format("questions[{}]", index);
  if (!node.IsMap()) return p.error(node, path, "expected a map with id, control and text");
  Question q;
  auto id = text_at(p, node, "id", path, true);
  if (!id) return Unexpected(id.error());
  q.id = *id;
  path = fmt::format("questions[{}] ({})", index, q.id);  // the question named from here on
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (key != "id" && key != "control" && key != "text" && key != "section" && key != "weight")
      return p.error(kv.first, fmt::format("{}.{}", path, key), "unknown field (expected id, control, text, section, weight)");
  }
  for (auto [key, out, required] : {std::tuple{"control", &q.control, true}, std::tuple{"text", &q.text, true},
                                    std::tuple{"section", &q.section, false}}) {
    auto v = text_at(p, node, key, path, required);
    if (!v) return Unexpected(v.error());
    *out = *v;
  }
  if (!control_exists(q.control))
    return p.error(node["control"], path + ".control",
                   fmt::format("\"{}\" is not a control of Ward's catalogues (e.g. hph-cpg-essential-03, hicp-02, "
                               "hipaa-164.312-d)", q.control));
  if (const YAML::Node w = node["weight"]; w) {
    try {
      q.weight = w.as<int>();
    } catch (const YAML::Exception&) {
      return p.error(w, path + ".weight", "expected a whole number from 1 to 5");
    }
    if (q.weight < 1 || q.weight > 5) return p.error(w, path + ".weight", "expected a whole number from 1 to 5");
  }
  return q;
}

}  // namespace

Result<QuestionnaireTemplate> parse_questionnaire_template(std::string_view text, std::string_view source,
                                                           const ControlExists& control_exists) {
  const Place p{source};
  auto doc = load_yaml_text(text, source);
  if (!doc) {
    Error e = doc.error();
    e.source = std::string(source);
    e.code = ErrorCode::invalid_input;
    return Unexpected(std::move(e));
  }
  if (!doc->IsMap()) return p.error(*doc, "template", "expected a map with name, title and questions");
  for (const auto& kv : *doc) {
    const std::string key = kv.first.as<std::string>();
    if (key != "name" && key != "title" && key != "questions")
      return p.error(kv.first, key, "unknown field (expected name, title, questions)");
  }
  QuestionnaireTemplate t;
  auto name = text_at(p, *doc, "name", "template", true);
  if (!name) return Unexpected(name.error());
  t.name = *name;
  auto title = text_at(p, *doc, "title", "template", false);
  if (!title) return Unexpected(title.error());
  t.title = title->empty() ? t.name : *title;
  const YAML::Node questions = (*doc)["questions"];
  if (!questions || !questions.IsSequence() || questions.size() == 0)
    return p.error(questions ? questions : *doc, "questions", "expected a list of at least one question");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    auto q = read_question(p, questions[i], i, control_exists);
    if (!q) return Unexpected(q.error());
    if (!seen.insert(q->id).second)
      return p.error(questions[i]["id"], fmt::format("questions[{}] ({}).id", i, q->id), "used by an earlier question");
    t.questions.push_back(std::move(*q));
  }
  return t;
}

Result<QuestionnaireTemplate> builtin_questionnaire_template(const ControlExists& control_exists) {
  return parse_questionnaire_template(kVendorQuestionnaireYaml, "data/program/vendor_questionnaire.yaml", control_exists);
}

nlohmann::json template_to_json(const QuestionnaireTemplate& t) {
  nlohmann::json questions = nlohmann::json::array();
  for (const Question& q : t.questions)
    questions.push_back({{"id", q.id}, {"control", q.control}, {"section", q.section}, {"text", q.text}, {"weight", q.weight}});
  return {{"name", t.name}, {"title", t.title}, {"questions", std::move(questions)}};
}

}  // namespace ward::third_parties
