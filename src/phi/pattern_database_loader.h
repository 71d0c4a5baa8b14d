// Where the scanner's pattern database comes from: the copy serialised at build time and embedded
// in the binary (milliseconds to load), else compiled now (seconds of CPU), e.g. when the
// Hyperscan library at run time is another version than at build time.
#pragma once

#include "core/error.h"
#include "phi/pattern_database.h"

namespace ward::phi {

// The embedded database when it loads and matches patterns(); otherwise (the reason logged at
// debug level) one compiled for this CPU. Fails only when compiling fails.
Result<PatternDatabase> load_pattern_database();

}  // namespace ward::phi
