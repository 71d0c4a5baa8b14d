// The embedded pattern database, or a compiled one (pattern_database_loader.h).
#include "phi/pattern_database_loader.h"

#include <spdlog/spdlog.h>

#include "phi/embedded_pattern_database.h"

namespace ward::phi {

Result<PatternDatabase> load_pattern_database() {
  if (embedded::k_pattern_fingerprint != PatternDatabase::fingerprint()) {
    spdlog::debug("phi: compiling the pattern database at start: the embedded one is for another pattern table");
    return PatternDatabase::compile();
  }
  auto loaded = PatternDatabase::deserialize(embedded::k_pattern_database);
  if (loaded) return loaded;
  spdlog::debug("phi: compiling the pattern database at start: {}", loaded.error().message);
  return PatternDatabase::compile();
}

}  // namespace ward::phi
