// `ward devices sbom FILE… [--vendor V --model M --version X]`, `ward devices sbom-check FILE…`,
// `ward vulns vex import FILE… [--vendor V]` and `ward vulns vex export --advisory ID --format
// csaf|cyclonedx`: SBOMs attached to device models, their NTIA check, and VEX in both formats
// (docs/devices.md).
#include <algorithm>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "devices/device_store.h"
#include "devices/json_node.h"
#include "devices/ntia_check.h"
#include "devices/sbom_json.h"
#include "devices/sbom_store.h"
#include "devices/vex.h"

namespace ward::cli {
namespace {

using namespace ward::devices;

struct SbomOptions {
  std::vector<std::string> files;
  std::string vendor, model, version, format = "csaf", advisory;
};

// The file's SBOM with its problems printed (source set to the file); nullopt when unreadable.
std::optional<Sbom> read_sbom_file(const std::string& file, std::string& text, bool& partial) {
  auto bytes = read_input_file(file);
  if (!bytes) { print_error(bytes.error()); return std::nullopt; }
  text = std::string(bytes->view());
  auto sbom = parse_sbom(text);
  if (!sbom) {
    Error e = sbom.error();
    e.source = file;
    print_error(e);
    return std::nullopt;
  }
  for (Error e : sbom->problems) {
    e.source = file;
    print_error(e);
    partial = true;
  }
  return std::move(*sbom);
}

std::size_t count_with(const Sbom& s, std::vector<std::string> SbomComponent::*ids) {
  return static_cast<std::size_t>(std::count_if(s.components.begin(), s.components.end(), [&](const SbomComponent& c) { return !(c.*ids).empty(); }));
}

int attach(const GlobalOptions& global, const SbomOptions& o) {
  auto store = SbomStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  bool failed = false, partial = false;
  for (const std::string& file : o.files) {
    std::string text;
    std::optional<Sbom> sbom = read_sbom_file(file, text, partial);
    if (!sbom) { failed = true; continue; }
    const std::string vendor = o.vendor.empty() ? sbom->subject.supplier : o.vendor;
    const std::string model = o.model.empty() ? sbom->subject.name : o.model;
    const std::string version = o.version.empty() ? sbom->subject.version : o.version;
    if (vendor.empty() || model.empty()) {
      print_error(Error{ErrorCode::invalid_input,
                        fmt::format("the SBOM names no {} for the device software it describes (metadata.component); give {}",
                                    vendor.empty() ? "supplier" : "name", vendor.empty() ? "--vendor" : "--model"),
                        file, 0, 0, vendor.empty() ? "metadata.component.supplier" : "metadata.component.name"});
      failed = true;
      continue;
    }
    const auto components = static_cast<std::int64_t>(sbom->components.size());
    auto outcome = store->upsert({vendor, model, version, sbom->format, sbom->spec_version, components, content_hash(text), file, text});
    if (!outcome) { print_error(outcome.error()); return kExitFailure; }
    fmt::print("{}: {} SBOM of {} {} {}: {} {}, {} components ({} with a CPE, {} with a purl)\n", file,
               *outcome == Upsert::added ? "added" : *outcome == Upsert::updated ? "updated" : "unchanged", vendor, model,
               version.empty() ? "(no version)" : version, sbom->format,
               sbom->spec_version.starts_with("SPDX-") ? sbom->spec_version.substr(5) : sbom->spec_version, components,
               count_with(*sbom, &SbomComponent::cpes), count_with(*sbom, &SbomComponent::purls));
    const std::string report = format_ntia(check_ntia(*sbom), file);
    fmt::print("{}", report.substr(0, report.find('\n') + 1));
  }
  return failed ? kExitFailure : partial ? kExitPartial : kExitOk;
}

int check(const SbomOptions& o) {
  bool failed = false, partial = false;
  for (const std::string& file : o.files) {
    std::string text;
    std::optional<Sbom> sbom = read_sbom_file(file, text, partial);
    if (!sbom) { failed = true; continue; }
    const NtiaReport report = check_ntia(*sbom);
    fmt::print("{}", format_ntia(report, file));
    if (!report.complete()) partial = true;
  }
  return failed ? kExitFailure : partial ? kExitPartial : kExitOk;
}

// Either format, told apart by the top-level key bomFormat (CycloneDX).
Result<VexDocument> read_vex(std::string_view text) {
  auto doc = parse_json(text);
  if (!doc) return Unexpected(doc.error());
  if (doc->is_object() && doc->contains("bomFormat")) return vex_from_cyclonedx(text);
  return vex_from_csaf(text);
}

int import_vex(const GlobalOptions& global, const SbomOptions& o) {
  auto store = DeviceStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  bool failed = false;
  for (const std::string& file : o.files) {
    auto bytes = read_input_file(file);
    if (!bytes) { print_error(bytes.error()); failed = true; continue; }
    auto vex = read_vex(bytes->view());
    if (!vex) {
      Error e = vex.error();
      e.source = file;
      print_error(e);
      failed = true;
      continue;
    }
    for (VexProduct& p : vex->products) {
      if (p.vendor.empty()) p.vendor = o.vendor;
    }
    // Kept as CSAF VEX: the conversion loses nothing (vex.h), and the matcher reads it like any advisory.
    const std::string csaf = vex_to_csaf(*vex);
    auto outcome = store->upsert_advisory({vex->id, "csaf_vex", vex->revision.empty() ? "1" : vex->revision, content_hash(csaf), file, csaf});
    if (!outcome) { print_error(outcome.error()); return kExitFailure; }
    fmt::print("{}: {} VEX {} ({} products, {} statements)\n", file,
               *outcome == Upsert::added ? "added" : *outcome == Upsert::updated ? "updated" : "unchanged", vex->id,
               vex->products.size(), vex->statements.size());
  }
  return failed ? kExitPartial : kExitOk;
}

int export_vex(const GlobalOptions& global, const SbomOptions& o) {
  auto store = DeviceStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto docs = store->advisories();
  if (!docs) { print_error(docs.error()); return kExitFailure; }
  const auto doc = std::find_if(docs->begin(), docs->end(), [&](const AdvisoryDocument& d) { return d.advisory_id == o.advisory; });
  if (doc == docs->end()) {
    print_error(Error{ErrorCode::not_found, fmt::format("no imported advisory or VEX document {} (see `ward vulns import`)", o.advisory), {}, 0, 0, "--advisory"});
    return kExitFailure;
  }
  if (doc->kind == "kev") {
    print_error(Error{ErrorCode::unsupported, "the KEV catalogue states no product status to export as VEX", doc->source, 0, 0, "--advisory"});
    return kExitFailure;
  }
  auto vex = read_vex(doc->body);
  if (!vex) {
    Error e = vex.error();
    e.source = doc->source;
    print_error(e);
    return kExitFailure;
  }
  fmt::print("{}", o.format == "cyclonedx" ? vex_to_cyclonedx(*vex) : vex_to_csaf(*vex));
  return kExitOk;
}

}  // namespace

void add_sbom_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<SbomOptions>();
  CLI::App* devices = app.get_subcommand("devices");
  auto* sbom = devices->add_subcommand("sbom", "attach SBOMs (CycloneDX or SPDX 2.3 JSON) to a device model and version");
  sbom->add_option("files", o->files, "SBOM files")->required();
  sbom->add_option("--vendor", o->vendor, "the manufacturer as the inventory writes it (default: the SBOM's supplier)");
  sbom->add_option("--model", o->model, "the model (default: the name of the SBOM's metadata component)");
  sbom->add_option("--version", o->version, "the software version (default: the SBOM's metadata component version)");
  sbom->callback([&global, &exit_code, o] { exit_code = attach(global, *o); });
  auto* sbom_check = devices->add_subcommand("sbom-check", "check SBOMs for the NTIA minimum elements; exit 3 when any is missing");
  sbom_check->add_option("files", o->files, "SBOM files")->required();
  sbom_check->callback([&exit_code, o] { exit_code = check(*o); });

  CLI::App* vulns = app.get_subcommand("vulns");
  auto* vex = vulns->add_subcommand("vex", "VEX statements: CSAF VEX and CycloneDX VEX");
  vex->require_subcommand(1);
  auto* vimport = vex->add_subcommand("import", "import CSAF or CycloneDX VEX files (kept as CSAF VEX)");
  vimport->add_option("files", o->files, "VEX files")->required();
  vimport->add_option("--vendor", o->vendor, "the vendor of products the VEX names without a supplier");
  vimport->callback([&global, &exit_code, o] { exit_code = import_vex(global, *o); });
  auto* vexport = vex->add_subcommand("export", "write an imported advisory's or VEX document's statements as VEX");
  vexport->add_option("--advisory", o->advisory, "the advisory or VEX document id")->required();
  vexport->add_option("--format", o->format, "csaf or cyclonedx")->check(CLI::IsMember({"csaf", "cyclonedx"}))->capture_default_str();
  vexport->callback([&global, &exit_code, o] { exit_code = export_vex(global, *o); });
}

}  // namespace ward::cli
