// One advisory matched alone and recorded (advisory_match_run.h).
#include "devices/advisory_match_run.h"

#include <fmt/format.h>

#include "devices/advisory_json.h"
#include "devices/device_store.h"
#include "devices/fleet_index.h"
#include "devices/remediation_store.h"
#include "devices/sbom_store.h"

namespace ward::devices {
namespace {

Result<Advisory> parse_document(const AdvisoryDocument& doc) {
  auto a = parse_advisory(doc.body);
  if (!a) {
    Error e = a.error();
    e.source = doc.source;
    return Unexpected(std::move(e));
  }
  return a;
}

}  // namespace

std::optional<std::string> fixed_note(const Advisory& advisory, const TrackedFinding& f) {
  for (const AdvisoryVulnerability& v : advisory.vulnerabilities) {
    if (v.cve != f.cve) continue;
    for (const std::string& id : v.fixed) {
      for (const AdvisoryProduct& p : advisory.products) {
        if (p.product_id != id) continue;
        const bool same = p.full_name == f.product || (!p.product_name.empty() && f.product.starts_with(p.product_name));
        if (!same || version_in_range(f.version, p.range).answer != Answer::yes) continue;
        return fmt::format("fixed in revision {}: the advisory lists {} as fixed", advisory.revision, p.full_name);
      }
    }
  }
  return std::nullopt;
}

Result<AdvisoryMatchRun> run_advisory_match(const std::filesystem::path& data_dir, const DevicesConfig& config,
                                            const std::string& advisory_id, TimeNs now) {
  const auto& tables = SsvcTables::published();
  if (!tables) return Unexpected(tables.error());
  auto store = DeviceStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto documents = store->advisories();
  if (!documents) return Unexpected(documents.error());
  std::optional<Advisory> advisory;
  std::vector<Advisory> kept;  // KEV (for SSVC exploitation) and the VEX documents
  for (const AdvisoryDocument& doc : *documents) {
    if (doc.advisory_id != advisory_id && doc.kind != "kev" && !doc.kind.ends_with("_vex")) continue;
    auto a = parse_document(doc);
    if (!a) return Unexpected(a.error());
    if (doc.advisory_id == advisory_id) advisory = *a;
    else kept.push_back(std::move(*a));
  }
  if (!advisory) {
    return fail(ErrorCode::not_found, fmt::format("advisory {} was not imported (ward vulns import FILE)", advisory_id), "advisory");
  }
  auto devices = store->devices();
  if (!devices) return Unexpected(devices.error());
  std::vector<AttachedSbom> sboms;
  if (names_identifiers(*advisory) || std::any_of(kept.begin(), kept.end(), names_identifiers)) {
    auto sbom_store = SbomStore::open(data_dir);
    if (!sbom_store) return Unexpected(sbom_store.error());
    auto attached = sbom_store->attached();
    if (!attached) return Unexpected(attached.error());
    sboms = std::move(*attached);
  }
  const VendorAliases aliases(config.vendor_aliases);
  const FleetIndex index(*devices, aliases, sboms);
  AdvisoryMatchRun out{advisory->id, advisory->revision, {}, 0};
  out.run.findings = index.match(*advisory, kept);
  kept.push_back(*advisory);
  auto assessments = assess_findings(out.run.findings, *devices, AdvisoryFacts(kept), *tables, config.ssvc);
  if (!assessments) return Unexpected(assessments.error());
  out.run.assessments = std::move(*assessments);
  auto remediation = RemediationStore::open(data_dir);
  if (!remediation) return Unexpected(remediation.error());
  const std::map<std::string, std::string> revisions{{advisory->id, advisory->revision}};
  auto reconciled = remediation->record_advisory_match(
      advisory->id, tracked_findings(out.run.findings, out.run.assessments, revisions, now), now, [&](ReconciledFinding& r) {
        if (auto note = fixed_note(*advisory, r.finding)) {
          r.finding.change_note = std::move(*note);
          ++out.fixed;
        }
      });
  if (!reconciled) return Unexpected(reconciled.error());
  out.run.reconciled = std::move(*reconciled);
  return out;
}

}  // namespace ward::devices
