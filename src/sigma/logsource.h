// Which rules an event takes: an event's logsource (one product, any number of categories and
// services: a Sysmon registry event is registry_event and registry_set, an sshd line in
// auth.log is service auth and sshd) and the test a rule's `logsource:` makes of it. A rule
// applies when every key it sets is among the event's (ASCII case-insensitively); an event
// that lacks a key does not take rules that require it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sigma/rule.h"

namespace ward::sigma {

struct EventLogSource {
  std::string product;                  // lower case; empty: unknown
  std::vector<std::string> categories;  // lower case
  std::vector<std::string> services;    // lower case

  bool empty() const { return product.empty() && categories.empty() && services.empty(); }
  void add_category(std::string_view c);
  void add_service(std::string_view s);
  // Sets each key `other` sets (product replaced, categories/services replaced when given).
  void override_with(const EventLogSource& other);
  // "product=windows;category=a,b;service=sysmon": a stable key for caching rule lists.
  std::string key() const;
  bool operator==(const EventLogSource&) const = default;
};

// A rule's (or filter's, or mapping's) logsource against an event's.
bool logsource_applies(const LogSource& rule, const EventLogSource& event);
// A mapping's logsource against a rule's: every key the mapping sets equals the rule's.
bool logsource_covers(const LogSource& general, const LogSource& specific);

// "product:windows,category:process_creation" (keys product, category, service; `=` works
// too). Errors name the bad part.
Result<LogSource> parse_logsource(std::string_view text);
std::string to_string(const LogSource& ls);  // the same form, keys that are set only
EventLogSource event_logsource_from(const LogSource& ls);

}  // namespace ward::sigma
