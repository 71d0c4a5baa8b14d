#include "sigma/logsource.h"

#include <algorithm>

#include <fmt/format.h>

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return same_ignoring_case(s, v); });
}

void add_unique(std::vector<std::string>& list, std::string_view v) {
  if (!v.empty() && !contains(list, v)) list.push_back(fold_ascii(v));
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

void EventLogSource::add_category(std::string_view c) { add_unique(categories, c); }
void EventLogSource::add_service(std::string_view s) { add_unique(services, s); }

void EventLogSource::override_with(const EventLogSource& other) {
  if (!other.product.empty()) product = other.product;
  if (!other.categories.empty()) categories = other.categories;
  if (!other.services.empty()) services = other.services;
}

std::string EventLogSource::key() const {
  std::string out = product;
  out += ';';
  for (const auto& c : categories) out += c + ',';
  out += ';';
  for (const auto& s : services) out += s + ',';
  return out;
}

bool logsource_applies(const LogSource& rule, const EventLogSource& event) {
  if (!rule.product.empty() && !same_ignoring_case(rule.product, event.product)) return false;
  if (!rule.category.empty() && !contains(event.categories, rule.category)) return false;
  if (!rule.service.empty() && !contains(event.services, rule.service)) return false;
  return true;
}

bool logsource_covers(const LogSource& general, const LogSource& specific) {
  return (general.product.empty() || same_ignoring_case(general.product, specific.product)) &&
         (general.category.empty() || same_ignoring_case(general.category, specific.category)) &&
         (general.service.empty() || same_ignoring_case(general.service, specific.service));
}

Result<LogSource> parse_logsource(std::string_view text) {
  LogSource out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view part = trim(text.substr(start, comma - start));
    start = comma + 1;
    if (part.empty()) continue;
    const std::size_t sep = part.find_first_of(":=");
    const std::string key = fold_ascii(trim(part.substr(0, sep)));
    const std::string_view value = sep == std::string_view::npos ? std::string_view() : trim(part.substr(sep + 1));
    if (value.empty())
      return fail(ErrorCode::config, fmt::format("logsource \"{}\": expected key:value, e.g. product:windows", part));
    if (key == "product") out.product = fold_ascii(value);
    else if (key == "category") out.category = fold_ascii(value);
    else if (key == "service") out.service = fold_ascii(value);
    else
      return fail(ErrorCode::config,
                  fmt::format("logsource \"{}\": unknown key \"{}\" (use product, category, service)", part, key));
  }
  if (out.product.empty() && out.category.empty() && out.service.empty())
    return fail(ErrorCode::config, "logsource: empty (expected e.g. product:windows,category:process_creation)");
  return out;
}

std::string to_string(const LogSource& ls) {
  std::string out;
  auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ',';
    out += fmt::format("{}:{}", key, value);
  };
  add("product", ls.product);
  add("category", ls.category);
  add("service", ls.service);
  return out;
}

EventLogSource event_logsource_from(const LogSource& ls) {
  EventLogSource out;
  out.product = fold_ascii(ls.product);
  out.add_category(ls.category);
  out.add_service(ls.service);
  return out;
}

}  // namespace ward::sigma
