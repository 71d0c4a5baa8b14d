// The destination catalogue (destination_catalogue.h).
#include "dlp/destination_catalogue.h"

#include <cctype>
#include <fstream>
#include <sstream>

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

std::size_t DestinationCatalogue::service_index(ServiceMatch m) {
  for (std::size_t i = 0; i < services_.size(); ++i)
    if (services_[i].service == m.service && services_[i].group == m.group && services_[i].label == m.label) return i;
  services_.push_back(std::move(m));
  return services_.size() - 1;
}

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
    enum class Kind { domain, full, keyword, regexp } kind = Kind::domain;
    if (rule.starts_with("domain:")) rule.remove_prefix(7);
    else if (rule.starts_with("full:")) { kind = Kind::full; rule.remove_prefix(5); }
    else if (rule.starts_with("keyword:")) { kind = Kind::keyword; rule.remove_prefix(8); }
    else if (rule.starts_with("regexp:")) { kind = Kind::regexp; rule.remove_prefix(7); }
    else if (rule.starts_with("include:")) continue;  // lists are resolved upstream
    if (rule.empty()) return bad("empty rule");
    const std::size_t service = c.service_index(ServiceMatch{std::string(cols[0]), cols.size() > 3 ? std::string(cols[3]) : "",
                                                             cols.size() > 4 ? std::string(cols[4]) : ""});
    std::string value = ascii_lower(rule);
    ++c.rules_;
    switch (kind) {
      case Kind::domain: c.domain_.emplace(std::move(value), service); break;  // the first rule for a name wins
      case Kind::full: c.full_.emplace(std::move(value), service); break;
      case Kind::keyword: c.keywords_.push_back({std::move(value), service, nullptr}); break;
      case Kind::regexp: {
        RE2::Options options;
        options.set_log_errors(false);
        options.set_case_sensitive(false);
        auto re = std::make_shared<RE2>(std::string(rule), options);
        if (!re->ok()) return bad(fmt::format("bad regexp: {}", re->error()));
        c.regexps_.push_back({std::move(value), service, std::move(re)});
        break;
      }
    }
  }
  return c;
}

Result<DestinationCatalogue> DestinationCatalogue::from_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Unexpected(Error{ErrorCode::io, "cannot read", file.string(), 0, 0, ""});
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

const DestinationCatalogue& DestinationCatalogue::ai_services() {
  static const DestinationCatalogue catalogue = [] {
    auto parsed = parse(kAiServiceDomains, "data/dlp/ai_service_domains.tsv");
    return parsed ? std::move(*parsed) : DestinationCatalogue{};  // tested: it parses
  }();
  return catalogue;
}

const ServiceMatch* DestinationCatalogue::match(std::string_view host_in) const {
  while (!host_in.empty() && host_in.back() == '.') host_in.remove_suffix(1);
  if (host_in.empty()) return nullptr;
  // Lower-cased in a small buffer: most host names fit, so no allocation per lookup.
  char buffer[256];
  std::string heap;
  std::string_view host;
  if (host_in.size() <= sizeof buffer) {
    for (std::size_t i = 0; i < host_in.size(); ++i) buffer[i] = ascii_lower(host_in[i]);
    host = std::string_view(buffer, host_in.size());
  } else {
    heap = ascii_lower(host_in);
    host = heap;
  }
  auto find = [&](const NameMap& names, std::string_view name) -> const ServiceMatch* {
    const auto it = names.find(name);
    return it == names.end() ? nullptr : &services_[it->second];
  };
  if (const ServiceMatch* m = find(full_, host)) return m;
  for (std::size_t at = 0; at != std::string_view::npos;) {  // longest suffix first
    if (const ServiceMatch* m = find(domain_, host.substr(at))) return m;
    const std::size_t dot = host.find('.', at);
    at = dot == std::string_view::npos ? dot : dot + 1;
  }
  for (const Pattern& k : keywords_)
    if (host.find(k.value) != std::string_view::npos) return &services_[k.service];
  for (const Pattern& r : regexps_)
    if (RE2::PartialMatch(host, *r.regexp)) return &services_[r.service];
  return nullptr;
}

std::vector<std::string> DestinationCatalogue::literal_names() const {
  std::vector<std::string> out;
  for (const NameMap* names : {&full_, &domain_})
    for (const auto& [name, service] : *names) out.push_back(name);
  return out;
}

std::string DestinationCatalogue::service_of(std::string_view host) const {
  const ServiceMatch* m = match(host);
  return m ? m->service : "";
}

}  // namespace ward::dlp
