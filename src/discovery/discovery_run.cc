// discover_files / discovered_view (discovery_run.h).
#include "discovery/discovery_run.h"

#include <fmt/format.h>

#include "core/file_reader.h"
#include "devices/device_store.h"
#include "discovery/atna_observations.h"
#include "ingest/atna/atna_parser.h"
#include "ingest/syslog/syslog_parser.h"

namespace ward::discovery {
namespace {

// A file of ATNA audit messages (XML, or syslog lines carrying them), else a Zeek log.
Result<ObserveSummary> read_observations(std::string_view bytes, const std::string& source, AssetTable& table,
                                         const ObserveOptions& options) {
  const std::string_view head = bytes.substr(0, 4096);
  if (ingest::looks_like_atna(head)) return read_atna_observations(bytes, source, AtnaFraming::xml, table, options);
  if (ingest::looks_like_syslog(head)) return read_atna_observations(bytes, source, AtnaFraming::syslog, table, options);
  return read_zeek_observations(bytes, source, table, options);
}

}  // namespace

Result<DiscoverRun> discover_files(const std::filesystem::path& data_dir,
                                   const std::vector<std::filesystem::path>& files,
                                   const DiscoverOptions& options) {
  auto store = DiscoveryStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto stored = store->assets();
  if (!stored) return Unexpected(stored.error());
  AssetTable table;
  for (DiscoveredAsset& a : *stored) table.add(std::move(a));

  DiscoverRun run;
  for (const std::filesystem::path& file : files) {
    auto bytes = read_input_file(file);
    if (!bytes) {
      run.errors.push_back(bytes.error());
      continue;
    }
    auto read = read_observations(bytes->view(), file.string(), table, options.observe);
    if (!read) return Unexpected(read.error());
    run.summary.merge(*read);
  }

  OuiTable oui;
  if (options.oui_file.empty()) {
    run.oui_note = "no OUI table given: MAC vendors are not named";
  } else if (auto loaded = OuiTable::load(options.oui_file); loaded) {
    oui = std::move(*loaded);
  } else {
    run.oui_note = fmt::format("MAC vendors are not named: {} (Debian's ieee-data package installs it)",
                               loaded.error().describe());
  }
  std::vector<DiscoveredAsset> assets = table.assets();
  for (DiscoveredAsset& a : assets) {
    if (a.vendor.empty() && !a.mac.empty()) a.vendor = std::string(oui.vendor(a.mac));
  }
  auto saved = store->save(assets, table.merged_away());
  if (!saved) return Unexpected(saved.error());
  run.saved = *saved;
  run.hosts = assets.size();
  run.dropped = table.dropped();
  return run;
}

bool shown(const ReconciledRow& row, RowFilter filter) {
  switch (filter) {
    case RowFilter::all: return true;
    case RowFilter::new_devices: return row.status == Reconciled::new_device;
    case RowFilter::unseen: return row.status == Reconciled::unseen;
    case RowFilter::conflicts: return !row.conflicts.empty();
  }
  return true;
}

Result<std::unique_ptr<DiscoveredView>> discovered_view(const std::filesystem::path& data_dir, RowFilter filter) {
  auto store = DiscoveryStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto devices = devices::DeviceStore::open(data_dir);
  if (!devices) return Unexpected(devices.error());
  auto view = std::make_unique<DiscoveredView>();
  auto assets = store->assets();
  if (!assets) return Unexpected(assets.error());
  auto inventory = devices->devices();
  if (!inventory) return Unexpected(inventory.error());
  view->assets = std::move(*assets);
  view->devices = std::move(*inventory);
  for (ReconciledRow& row : reconcile(view->assets, view->devices))
    if (shown(row, filter)) view->rows.push_back(std::move(row));
  return view;
}

}  // namespace ward::discovery
