// What a privacy run found, as `ward privacy run` and `ward import --privacy` print it.
#pragma once

#include "privacy/engine.h"

namespace ward::cli {

void print_privacy_summary(const privacy::PrivacyRunSummary& summary);

}  // namespace ward::cli
