// Passive discovery as the CLI and the API run it: `discover_files` reads Zeek logs and ATNA
// audit messages (XML files, or syslog files carrying them: atna_observations.h) into the
// hosts already stored, names MAC vendors from the IEEE OUI table and saves the result;
// `discovered_view` reconciles the stored hosts with the CMMS inventory. Start here.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/device.h"
#include "discovery/discovery_store.h"
#include "discovery/oui_table.h"
#include "discovery/reconcile.h"
#include "discovery/zeek_observations.h"

namespace ward::discovery {

struct DiscoverOptions {
  ObserveOptions observe;
  std::filesystem::path oui_file = kDebianOuiCsv;  // "" = no vendor names
};

struct DiscoverRun {
  ObserveSummary summary;      // records per log type, bad lines, observations
  std::vector<Error> errors;   // files that could not be read (the others were)
  std::string oui_note;        // why MAC vendors are not named, when they are not
  std::size_t hosts = 0;       // hosts known after the run
  std::size_t dropped = 0;     // new hosts not kept: the table was full
  SaveCounts saved;
};

// Reads `files` (Zeek logs or ATNA audit messages, gzip or not) and saves what they show. Bad lines and unreadable
// files are reported in the run; nothing is saved when the store fails.
Result<DiscoverRun> discover_files(const std::filesystem::path& data_dir,
                                   const std::vector<std::filesystem::path>& files,
                                   const DiscoverOptions& options = {});

// Which rows a listing shows.
enum class RowFilter { all, new_devices, unseen, conflicts };

// The stored hosts and inventory with their reconciliation; rows point into the two vectors.
struct DiscoveredView {
  std::vector<DiscoveredAsset> assets;
  std::vector<devices::Device> devices;
  std::vector<ReconciledRow> rows;  // filtered
};

Result<std::unique_ptr<DiscoveredView>> discovered_view(const std::filesystem::path& data_dir, RowFilter filter);

// The rows of `rows` that `filter` keeps.
bool shown(const ReconciledRow& row, RowFilter filter);

}  // namespace ward::discovery
