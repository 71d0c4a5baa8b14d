// `ward import --privacy` (and `ward bench privacy`): files imported into the store with the
// privacy engine's full run. Into an empty store the run goes beside the import: the
// directory's files go in first, then the run starts and explains the accesses as the store
// commits them, so explaining overlaps importing instead of following it; the event indexes
// the bulk load set aside are built while the run finishes. Directory records that came with
// the events (a FHIR file mixing both) are taken by a catch-up after the run, as `ward serve`
// takes late ADT. Into a store that already holds events, the run follows the import.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "core/error.h"
#include "ingest/import/importer.h"
#include "privacy/engine.h"
#include "store/store.h"

namespace ward::privacy_import {

struct ImportWithPrivacy {
  // The import's reports; an error when the store failed, which stopped the import (the
  // batches committed before stay).
  Result<std::vector<ingest::FileReport>> reports = std::vector<ingest::FileReport>{};
  // The run's totals when one was asked for; none when the import failed before it began.
  std::optional<Result<privacy::PrivacyRunSummary>> privacy;
  // The event indexes a bulk load built at the end (an error says why they were not; the next
  // open of the store builds them).
  Result<void> indexes;
  bool bulk_load = false;     // the store was empty: indexes set aside, the run beside the import
  double import_seconds = 0;  // until the last file was committed
  double total_seconds = 0;   // until the run and the indexes were done too
};

struct ImportWithPrivacyOptions {
  ingest::ImportOptions import;
  std::optional<privacy::PrivacyConfig> privacy;  // the run's configuration; none: no run
  privacy::Loading beside;  // scan_events for the run beside the import (more_coming is set here)
  ingest::ProgressCallback progress;
};

// Imports `paths` into `store`, with the privacy run when options.privacy is set.
ImportWithPrivacy import_with_privacy(store::Store& store, const std::vector<std::filesystem::path>& paths,
                                      const ImportWithPrivacyOptions& options);

}  // namespace ward::privacy_import
