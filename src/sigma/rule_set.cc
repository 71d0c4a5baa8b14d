#include "sigma/rule_set.h"

#include <algorithm>

#include "sigma/yaml_documents.h"

namespace ward::sigma {
namespace {

// The report already names the file: the reason says where in it and what.
std::string reason(const Error& e) {
  std::string out;
  if (e.line > 0) out += "line " + std::to_string(e.line) + ": ";
  if (!e.field.empty()) out += e.field + ": ";
  return out + e.message;
}

void add_filter(RuleSet& set, std::string_view text, const std::filesystem::path& file, const CompileOptions& options) {
  auto parsed = parse_filter_yaml(text, file);
  if (!parsed) {
    set.failures.push_back({file, false, reason(parsed.error())});
    return;
  }
  ++set.parsed;
  auto filter = compile_filter(std::move(*parsed), options);
  if (!filter) {
    set.failures.push_back({file, true, reason(filter.error())});
    return;
  }
  ++set.compiled;
  set.filters.push_back(std::move(*filter));
}

}  // namespace

Result<std::vector<std::filesystem::path>> find_rule_files(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_regular_file(folder, ec)) return std::vector<fs::path>{folder};
  if (!fs::is_directory(folder, ec))
    return Unexpected(Error{ErrorCode::not_found, "no such rule folder", folder.string()});
  fs::recursive_directory_iterator it(folder, fs::directory_options::follow_directory_symlink, ec), end;
  if (ec) return Unexpected(Error{ErrorCode::io, "cannot list: " + ec.message(), folder.string()});
  for (; it != end; it.increment(ec)) {
    if (ec) return Unexpected(Error{ErrorCode::io, "cannot list: " + ec.message(), folder.string()});
    const auto ext = it->path().extension();
    if ((ext == ".yml" || ext == ".yaml") && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<RuleSet> load_rule_set(const std::vector<std::filesystem::path>& folders, const CompileOptions& options) {
  return load_rule_set(folders, {}, options);
}

Result<RuleSet> load_rule_set(const std::vector<std::filesystem::path>& folders, const std::vector<RuleText>& texts,
                              const CompileOptions& options) {
  RuleSet set;
  std::vector<CorrelationRule> correlations;
  auto add = [&](const std::filesystem::path& file, const Result<std::string>& text) {
    ++set.files;
    if (!text) {
      set.failures.push_back({file, false, reason(text.error())});
      return;
    }
    if (is_filter_text(*text)) {  // a Sigma filter, not a rule
      add_filter(set, *text, file, options);
      return;
    }
    auto documents = parse_rule_documents(*text, file);
    if (!documents) {
      set.failures.push_back({file, false, reason(documents.error())});
      return;
    }
    ++set.parsed;
    bool all_compiled = true;
    for (Rule& rule : documents->rules) {
      auto compiled = compile_rule(std::move(rule), options);
      if (!compiled) {
        if (all_compiled) set.failures.push_back({file, true, reason(compiled.error())});
        all_compiled = false;
        continue;
      }
      set.rules.push_back(std::move(*compiled));
    }
    set.compiled += all_compiled;
    for (auto& c : documents->correlations) correlations.push_back(std::move(c));
  };
  for (const auto& folder : folders) {
    auto files = find_rule_files(folder);
    if (!files) return Unexpected(files.error());
    for (const auto& file : *files) add(file, read_rule_text(file));
  }
  for (const RuleText& t : texts) add(t.name, t.text);
  set.correlations = link_correlations(set.rules, std::move(correlations));
  for (const auto& f : set.correlations.failures) {
    const bool counted = std::none_of(set.failures.begin(), set.failures.end(), [&](const RuleFailure& r) { return r.file == f.file; });
    set.compiled -= counted;
    set.failures.push_back({f.file, true, f.reason});
  }
  return set;
}

}  // namespace ward::sigma
