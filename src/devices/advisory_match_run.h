// One `ward vulns match --advisory ID` (and `ward vulns import --match`): one stored advisory
// matched alone against the stored inventory (fleet_index.h), its findings decided (SSVC, with KEV
// for exploitation) and recorded for that advisory only (remediation_store.h): the findings of
// other advisories are not touched. Matching the same revision again raises nothing new; a new
// revision says per finding what changed: new, changed, no longer affected, or fixed (the
// revision lists the matched product as fixed for that CVE).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "devices/advisory.h"
#include "devices/devices_config.h"
#include "devices/match_run.h"

namespace ward::devices {

struct AdvisoryMatchRun {
  std::string advisory_id, revision;
  MatchRun run;           // the advisory's findings; `reconciled` holds the advisory's tracked findings only
  std::size_t fixed = 0;  // of the findings gone, those the revision states fixed
};

// Errors: the store; not_found naming the advisory when it was not imported; a stored advisory
// that no longer parses (named by its source file).
Result<AdvisoryMatchRun> run_advisory_match(const std::filesystem::path& data_dir, const DevicesConfig& config,
                                            const std::string& advisory_id, TimeNs now);

// When `advisory` states `f`'s product fixed for `f`'s CVE at `f`'s version: the note saying so.
// A fixed product is `f`'s when its full name is `f.product` or `f.product` begins with its
// product name ("Pump X < 2.0" and the fixed "Pump X" 1.8), and its range holds `f.version`.
std::optional<std::string> fixed_note(const Advisory& advisory, const TrackedFinding& f);

}  // namespace ward::devices
