// The destination catalogue (destination_catalogue.h).
#include "dlp/destination_catalogue.h"

#include <cctype>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include <re2/re2.h>

namespace ward::dlp {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (true) {
    const std::size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos) return out;
    at = tab + 1;
  }
}

}  // namespace

Result<DestinationCatalogue> DestinationCatalogue::parse(std::string_view tsv, std::string_view source) {
  DestinationCatalogue c;
  std::size_t line_no = 0;
  while (!tsv.empty()) {
    ++line_no;
    const std::size_t eol = tsv.find('\n');
    std::string_view line = tsv.substr(0, eol);
    tsv = eol == std::string_view::npos ? std::string_view() : tsv.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto cols = split_tabs(line);
    auto bad = [&](std::string_view why) {
      return Unexpected(Error{ErrorCode::invalid_input, std::string(why), std::string(source), line_no, 0, "rule"});
    };
    if (cols.size() < 2 || cols[1].empty()) return bad("expected service<TAB>rule");
    std::string_view rule = cols[1];
    if (const std::size_t space = rule.find(' '); space != std::string_view::npos) rule = rule.substr(0, space);  // "@attr" tags
    Rule r{Kind::domain, "", std::string(cols[0]), nullptr};
    if (rule.starts_with("domain:")) rule.remove_prefix(7);
    else if (rule.starts_with("full:")) { r.kind = Kind::full; rule.remove_prefix(5); }
    else if (rule.starts_with("keyword:")) { r.kind = Kind::keyword; rule.remove_prefix(8); }
    else if (rule.starts_with("regexp:")) { r.kind = Kind::regexp; rule.remove_prefix(7); }
    else if (rule.starts_with("include:")) continue;  // lists are resolved upstream
    if (rule.empty()) return bad("empty rule");
    r.value = ascii_lower(rule);
    if (r.kind == Kind::regexp) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(false);
      auto re = std::make_shared<RE2>(std::string(rule), options);
      if (!re->ok()) return bad(fmt::format("bad regexp: {}", re->error()));
      r.regexp = std::move(re);
    }
    c.rules_.push_back(std::move(r));
  }
  return c;
}

const DestinationCatalogue& DestinationCatalogue::ai_services() {
  static const DestinationCatalogue catalogue = [] {
    auto parsed = parse(kAiServiceDomains, "data/dlp/ai_service_domains.tsv");
    return parsed ? std::move(*parsed) : DestinationCatalogue{};  // tested: it parses
  }();
  return catalogue;
}

std::string DestinationCatalogue::service_of(std::string_view host_in) const {
  std::string host = ascii_lower(host_in);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (const Rule& r : rules_) {
    bool hit = false;
    switch (r.kind) {
      case Kind::domain:
        hit = host == r.value ||
              (host.size() > r.value.size() && host.ends_with(r.value) && host[host.size() - r.value.size() - 1] == '.');
        break;
      case Kind::full: hit = host == r.value; break;
      case Kind::keyword: hit = host.find(r.value) != std::string::npos; break;
      case Kind::regexp: hit = RE2::PartialMatch(host, *r.regexp); break;
    }
    if (hit) return r.service;
  }
  return "";
}

}  // namespace ward::dlp
