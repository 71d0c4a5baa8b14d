#include "rules/rule_upload.h"

#include <map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/stable_hash.h"
#include "sigma/correlation_rule.h"
#include "sigma/correlation_set.h"
#include "sigma/filter_rule.h"
#include "sigma/yaml_documents.h"

namespace ward::rules {
namespace {

// The line without its line break (and a CR before it).
std::string_view line_at(std::string_view text, std::size_t begin, std::size_t end) {
  std::string_view line = text.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_blank(std::string_view text) {
  std::size_t p = 0;
  while (p < text.size()) {
    std::size_t end = text.find('\n', p);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(p, end - p);
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') return false;
    p = end + 1;
  }
  return true;
}

// A document without a Sigma id is known by its text: the same text, the same id.
std::string generated_id(std::string_view text) {
  return fmt::format("ward-{:016x}", stable_hash(text));
}

// The document's title, else its id, for messages; "" when it has neither or does not parse.
std::string document_name(std::string_view text) {
  auto docs = sigma::load_yaml_documents(text, "");
  if (!docs || docs->empty()) return {};
  try {
    const YAML::Node& doc = docs->front();
    if (!doc.IsMap()) return {};
    for (const char* key : {"title", "id"})
      if (doc[key] && doc[key].IsScalar() && !doc[key].Scalar().empty()) return doc[key].Scalar();
  } catch (const YAML::Exception&) {
    // A name is only a help for the message; the problem itself is reported by the loader.
  }
  return {};
}

void describe_rule(const sigma::Rule& rule, store::DetectionRuleRecord& r) {
  r.id = rule.id;
  r.title = rule.title;
  r.level = rule.level;
  r.status = rule.status;
  r.product = rule.logsource.product;
  r.category = rule.logsource.category;
  r.service = rule.logsource.service;
}

}  // namespace

std::string UploadProblem::describe() const {
  std::string out = document == 0 ? "upload" : fmt::format("document {}", document);
  if (!rule.empty()) out += fmt::format(" ({})", rule);
  if (line > 0) out += fmt::format(", line {}", line);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

std::vector<DocumentText> split_documents(std::string_view text) {
  std::vector<DocumentText> out;
  std::size_t start = 0, start_line = 1, p = 0, line_number = 1;
  auto close = [&](std::size_t end) {
    const std::string_view doc = text.substr(start, end - start);
    if (!is_blank(doc)) out.push_back({doc, start_line});
  };
  while (p < text.size()) {
    std::size_t end = text.find('\n', p);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = line_at(text, p, end);
    const bool separator = line == "---" || line.rfind("--- ", 0) == 0 || line == "...";
    if (separator) {
      close(p);
      // "--- title: x": the document starts after the marker, on the same line.
      start = line.size() > 3 && line[0] == '-' ? p + 4 : next;
      start_line = line.size() > 3 && line[0] == '-' ? line_number : line_number + 1;
    }
    p = next;
    ++line_number;
  }
  close(text.size());
  return out;
}

CheckedUpload check_rule_upload(std::string_view text, std::string_view source,
                                const sigma::CompileOptions& options) {
  CheckedUpload out;
  const std::vector<DocumentText> documents = split_documents(text);
  if (documents.empty()) {
    out.problems.push_back({0, "", 0, "", "no YAML document: expected one or more Sigma rules"});
    return out;
  }
  std::vector<sigma::CompiledRule> compiled;
  std::vector<sigma::CorrelationRule> correlations;
  std::map<std::string, int> document_of;  // the source each document was loaded as → its number
  std::map<std::string, int> id_document;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const DocumentText& d = documents[i];
    const int number = static_cast<int>(i) + 1;
    const std::string path = fmt::format("{} document {}", source, number);
    document_of[path] = number;
    auto problem = [&](const Error& e) {
      out.problems.push_back({number, document_name(d.text), e.line > 0 ? e.line + d.first_line - 1 : 0,
                              e.field, e.message});
    };
    store::DetectionRuleRecord r;
    r.yaml = std::string(d.text);
    if (sigma::is_filter_text(d.text)) {
      auto parsed = sigma::parse_filter_yaml(d.text, path);
      if (!parsed) { problem(parsed.error()); continue; }
      auto filter = sigma::compile_filter(std::move(*parsed), options);
      if (!filter) { problem(filter.error()); continue; }
      describe_rule(filter->detection.rule(), r);
      r.kind = "filter";
    } else {
      auto parsed = sigma::parse_rule_documents(d.text, path);
      if (!parsed) { problem(parsed.error()); continue; }
      if (!parsed->rules.empty()) {
        describe_rule(parsed->rules.front(), r);
        auto rule = sigma::compile_rule(std::move(parsed->rules.front()), options);
        if (!rule) { problem(rule.error()); continue; }
        compiled.push_back(std::move(*rule));
        r.kind = "rule";
      } else {
        const sigma::CorrelationRule& c = parsed->correlations.front();
        r.id = c.id;
        r.title = c.title;
        r.level = c.level;
        r.status = c.status;
        r.kind = "correlation";
        correlations.push_back(std::move(parsed->correlations.front()));
      }
    }
    if (r.id.empty()) r.id = generated_id(d.text);
    if (auto [it, fresh] = id_document.emplace(r.id, number); !fresh) {
      problem(Error{ErrorCode::invalid_input,
                    fmt::format("{} is also the id of document {}; each rule needs its own id", r.id,
                                it->second), "", 0, 0, "id"});
      continue;
    }
    out.rules.push_back(std::move(r));
  }
  if (!correlations.empty()) {
    const sigma::CorrelationSet linked = sigma::link_correlations(compiled, std::move(correlations));
    for (const sigma::CorrelationFailure& f : linked.failures) {
      auto it = document_of.find(f.file.string());
      const int number = it == document_of.end() ? 0 : it->second;
      // The linker numbers documents within what it was given (one each here): say it once,
      // with the upload's numbering.
      std::string_view reason = f.reason;
      constexpr std::string_view kField = "correlation.rules: ";
      if (reason.rfind(kField, 0) == 0) reason.remove_prefix(kField.size());
      if (const std::size_t at = reason.rfind(" (document "); at != std::string_view::npos)
        reason = reason.substr(0, at);
      out.problems.push_back({number, number > 0 ? document_name(documents[number - 1].text) : "", 0,
                              "correlation.rules", std::string(reason)});
    }
  }
  return out;
}

Result<UploadResult> upload_rules(store::Store& store, std::string_view text, std::string_view source,
                                  const sigma::CompileOptions& options, std::string_view origin,
                                  std::string_view actor) {
  UploadResult result;
  result.checked = check_rule_upload(text, source, options);
  if (!result.accepted()) return result;
  const TimeNs now = now_ns();
  for (store::DetectionRuleRecord& r : result.checked.rules) {
    r.origin = origin;
    r.added = r.updated = now;
    r.added_by = r.updated_by = actor;
  }
  auto outcomes = store.upsert_detection_rules(result.checked.rules);
  if (!outcomes) return Unexpected(outcomes.error());
  result.outcomes = std::move(*outcomes);
  return result;
}

}  // namespace ward::rules
