// Text, JSON lines and SARIF output of findings (report_writers.h).
#include "phi/report_writers.h"

#include <fmt/format.h>

namespace ward::phi {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

struct Located {
  Position start, end;
};

std::vector<Located> locate(std::string_view text, const std::vector<Finding>& findings) {
  std::vector<std::size_t> offsets;
  for (const Finding& f : findings) offsets.push_back(f.begin);
  const auto starts = positions_of(text, offsets);
  offsets.clear();
  for (const Finding& f : findings) offsets.push_back(f.end);
  // Ends are ascending too, since findings do not overlap and are sorted by begin.
  const auto ends = positions_of(text, offsets);
  std::vector<Located> out;
  for (std::size_t i = 0; i < findings.size(); ++i) out.push_back({starts[i], ends[i]});
  return out;
}

std::string shown(std::string_view text, const Finding& f, bool show) {
  const std::string_view value = text.substr(f.begin, f.end - f.begin);
  if (!show) return mask(value);
  std::string out(value);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

nlohmann::json rule_of(PhiType type) {
  return {{"id", std::string(to_string(type))},
          {"name", std::string(to_string(type))},
          {"shortDescription", {{"text", fmt::format("PHI: {}", describe(type))}}},
          {"fullDescription", {{"text", fmt::format("A HIPAA Safe Harbor identifier: {}.", describe(type))}}},
          {"defaultConfiguration", {{"level", "error"}}}};
}

}  // namespace

std::vector<Position> positions_of(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<Position> out;
  out.reserve(offsets.size());
  Position at;
  std::size_t i = 0;
  for (std::size_t offset : offsets) {
    if (offset < i) {  // not ascending: start again
      at = Position{};
      i = 0;
    }
    for (; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') { ++at.line; at.column = 1; }
      else if (!is_continuation(text[i])) ++at.column;
    }
    out.push_back(at);
  }
  return out;
}

std::string mask(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto u = static_cast<unsigned char>(c);
    if (is_continuation(c)) continue;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80) out += '*';
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out;
}

std::string format_text(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show) {
  std::string out;
  const auto at = locate(text, findings);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out += fmt::format("{}:{}:{}: {} ({:.2f}): {}: {}\n", file, at[i].start.line, at[i].start.column, to_string(f.type),
                       f.confidence, f.reason, shown(text, f, show));
  }
  return out;
}

std::string format_json_lines(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show) {
  std::string out;
  const auto at = locate(text, findings);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    nlohmann::json row = {{"file", std::string(file)},   {"line", at[i].start.line},
                          {"column", at[i].start.column}, {"end_line", at[i].end.line},
                          {"end_column", at[i].end.column}, {"byte_offset", f.begin},
                          {"byte_end", f.end},           {"type", std::string(to_string(f.type))},
                          {"confidence", f.confidence},  {"reason", f.reason},
                          {"masked", mask(text.substr(f.begin, f.end - f.begin))}};
    if (show) row["text"] = shown(text, f, true);
    out += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

void add_sarif_results(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show,
                       nlohmann::json& results) {
  const auto at = locate(text, findings);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    nlohmann::json region = {{"startLine", at[i].start.line}, {"startColumn", at[i].start.column},
                             {"endLine", at[i].end.line},     {"endColumn", at[i].end.column},
                             {"byteOffset", f.begin},         {"byteLength", f.end - f.begin}};
    if (show) region["snippet"] = {{"text", shown(text, f, true)}};
    results.push_back({{"ruleId", std::string(to_string(f.type))},
                       {"ruleIndex", static_cast<int>(f.type)},
                       {"level", "error"},
                       {"message", {{"text", fmt::format("{}: {} ({})", describe(f.type), f.reason,
                                                         mask(text.substr(f.begin, f.end - f.begin)))}}},
                       {"rank", f.confidence * 100},
                       {"properties", {{"confidence", f.confidence}}},
                       {"locations",
                        {{{"physicalLocation", {{"artifactLocation", {{"uri", std::string(file)}}}, {"region", region}}}}}}});
  }
}

nlohmann::json sarif_log(nlohmann::json results, std::string_view tool_version) {
  nlohmann::json rules = nlohmann::json::array();
  for (std::size_t t = 0; t < kPhiTypeCount; ++t) rules.push_back(rule_of(static_cast<PhiType>(t)));
  if (!results.is_array()) results = nlohmann::json::array();
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           {{{"tool", {{"driver", {{"name", "ward"}, {"version", std::string(tool_version)}, {"rules", rules}}}}},
             {"columnKind", "unicodeCodePoints"},
             {"results", results}}}}};
}

}  // namespace ward::phi
