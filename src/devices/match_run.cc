// One `ward vulns match` (match_run.h).
#include "devices/match_run.h"

#include "devices/advisory_json.h"
#include "devices/device_store.h"
#include "devices/remediation_store.h"
#include "devices/sbom_store.h"

namespace ward::devices {

Result<MatchRun> run_match(const std::filesystem::path& data_dir, const DevicesConfig& config, TimeNs now) {
  const auto& tables = SsvcTables::published();
  if (!tables) return Unexpected(tables.error());
  auto store = DeviceStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto devices = store->devices();
  if (!devices) return Unexpected(devices.error());
  auto documents = store->advisories();
  if (!documents) return Unexpected(documents.error());
  std::vector<Advisory> advisories;
  std::map<std::string, std::string> revisions;
  for (const AdvisoryDocument& doc : *documents) {
    auto a = parse_advisory(doc.body);
    if (!a) {
      Error e = a.error();
      e.source = doc.source;
      return Unexpected(std::move(e));
    }
    revisions[a->id] = a->revision;
    advisories.push_back(std::move(*a));
  }
  auto sbom_store = SbomStore::open(data_dir);
  if (!sbom_store) return Unexpected(sbom_store.error());
  auto sboms = sbom_store->attached();
  if (!sboms) return Unexpected(sboms.error());
  MatchRun run;
  run.findings = match_devices(*devices, advisories, VendorAliases(config.vendor_aliases), *sboms);
  auto assessments = assess_findings(run.findings, *devices, AdvisoryFacts(advisories), *tables, config.ssvc);
  if (!assessments) return Unexpected(assessments.error());
  run.assessments = std::move(*assessments);
  auto remediation = RemediationStore::open(data_dir);
  if (!remediation) return Unexpected(remediation.error());
  auto reconciled = remediation->record_match(tracked_findings(run.findings, run.assessments, revisions, now), now);
  if (!reconciled) return Unexpected(reconciled.error());
  run.reconciled = std::move(*reconciled);
  return run;
}

}  // namespace ward::devices
