// Which outbound destinations are AI services: a catalogue of services by host name in the
// v2fly domain-list format (data/dlp/ai_service_domains.tsv: service, rule, source_list, group,
// label): `domain:X` or a bare X is X and its subdomains, `full:X` exactly X, `keyword:X` X
// anywhere in the name, `regexp:R` an RE2 regex; `@attr` tags after a rule are ignored. Used by
// the DLP (which requests to scan) and by `ward ai usage` (who uses which AI service).
// Matching: host names compare without case and without a trailing dot; an exact (full) or
// longest-suffix (domain) rule from a hash of names wins, then keywords, then regexps.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace re2 {
class RE2;
}

namespace ward::dlp {

extern const std::string_view kAiServiceDomains;  // the embedded catalogue (generated)

// What a catalogue rule says about a host.
struct ServiceMatch {
  std::string service;  // "openai"
  std::string group;    // "ai", "ai-cn", "ai-ru", "mixed" (AI is one feature of the product)
  std::string label;    // the upstream heading, for display; may be empty
};

class DestinationCatalogue {
 public:
  // Reads the TSV; `source` names it in errors ("file:12: bad regexp …"). Comment lines start with #.
  static Result<DestinationCatalogue> parse(std::string_view tsv, std::string_view source);
  // The same from a file; errors name it.
  static Result<DestinationCatalogue> from_file(const std::filesystem::path& file);
  static const DestinationCatalogue& ai_services();  // the embedded one

  // The service a host belongs to, null when none. Valid as long as the catalogue.
  const ServiceMatch* match(std::string_view host) const;
  // The service a host belongs to ("openai"), "" when none.
  std::string service_of(std::string_view host) const;
  std::size_t size() const { return rules_; }
  // The names of the full: and domain: rules (for a fixed-string baseline such as ripgrep's).
  std::vector<std::string> literal_names() const;

 private:
  struct Pattern {
    std::string value;  // lower case
    std::size_t service;
    std::shared_ptr<const re2::RE2> regexp;
  };
  std::size_t service_index(ServiceMatch m);
  std::vector<ServiceMatch> services_;
  struct NameHash {  // lets find() take a string_view
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using NameMap = std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>>;
  NameMap full_, domain_;  // name -> services_ index
  std::vector<Pattern> keywords_, regexps_;
  std::size_t rules_ = 0;
};

}  // namespace ward::dlp
