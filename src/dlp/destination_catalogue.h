// Which outbound destinations the DLP looks at: a catalogue of services by host name in the
// v2fly domain-list format (data/dlp/ai_service_domains.tsv: service, rule, …): `domain:X` or a
// bare X is X and its subdomains, `full:X` exactly X, `keyword:X` X anywhere in the name,
// `regexp:R` an RE2 regex; `@attr` tags after a rule are ignored. Host names compare without case.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace re2 {
class RE2;
}

namespace ward::dlp {

extern const std::string_view kAiServiceDomains;  // the embedded catalogue (generated)

class DestinationCatalogue {
 public:
  // Reads the TSV; `source` names it in errors ("file:12: bad regexp …"). Comment lines start with #.
  static Result<DestinationCatalogue> parse(std::string_view tsv, std::string_view source);
  static const DestinationCatalogue& ai_services();  // the embedded one

  // The service a host belongs to ("openai"), "" when none.
  std::string service_of(std::string_view host) const;
  std::size_t size() const { return rules_.size(); }

 private:
  enum class Kind { domain, full, keyword, regexp };
  struct Rule {
    Kind kind;
    std::string value;  // lower case
    std::string service;
    std::shared_ptr<const re2::RE2> regexp;
  };
  std::vector<Rule> rules_;
};

}  // namespace ward::dlp
