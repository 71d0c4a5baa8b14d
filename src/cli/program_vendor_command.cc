// `ward program vendor add|update|delete|list|show|reminders`, `ward program reminders` and
// `ward program concentration`: vendors and business associates, their risk, expiring BAAs and
// certificates, and the critical services that hang on one vendor (docs/program.md). Audited
// (program_cli.h).
#include <memory>

#include <fmt/format.h>

#include "cli/program_cli.h"
#include "core/plural.h"
#include "resilience/vendor_removal.h"
#include "third_parties/questionnaire_service.h"
#include "third_parties/vendor_json.h"
#include "third_parties/vendor_store.h"
#include "third_parties/vendor_views.h"

namespace ward::cli {
namespace {

using namespace ward::third_parties;
using nlohmann::json;

struct VendorOptions {
  std::string file, name, criticality, baa_status, baa_signed, baa_expires, notes;
  std::vector<std::string> services, systems, phi, access;
  std::int64_t phi_records = -1;
  bool business_associate = false, not_business_associate = false, force = false;
  std::string which, format = "text";
  int within = 60;
};

// The vendor from --file, or from the flags; both go through vendor_from_json's checks.
Result<json> vendor_body(const VendorOptions& o) {
  if (!o.file.empty()) return read_json_input(o.file);
  json body = json::object();
  for (auto [key, value] : {std::pair{"name", &o.name}, std::pair{"criticality", &o.criticality}, std::pair{"baa_status", &o.baa_status},
                            std::pair{"baa_signed", &o.baa_signed}, std::pair{"baa_expires", &o.baa_expires},
                            std::pair{"notes", &o.notes}})
    if (!value->empty()) body[key] = *value;
  for (auto [key, value] : {std::pair{"services", &o.services}, std::pair{"systems", &o.systems},
                            std::pair{"phi_categories", &o.phi}, std::pair{"access_paths", &o.access}})
    if (!value->empty()) body[key] = *value;
  if (o.business_associate) body["business_associate"] = true;
  if (o.not_business_associate) body["business_associate"] = false;
  if (o.phi_records >= 0) body["phi_records"] = o.phi_records;
  return body;
}

std::string vendor_text(const json& v) {
  std::string out = fmt::format("vendor {}: {}\n  criticality {}, business associate {}, BAA {}{}\n", v["id"].get<std::int64_t>(),
                                v["name"].get<std::string>(), v["criticality"].get<std::string>(),
                                v["business_associate"].get<bool>() ? "yes" : "no", v["baa_status"].get<std::string>(),
                                v["baa_expires"].get<std::string>().empty() ? "" : " until " + v["baa_expires"].get<std::string>());
  for (const char* key : {"services", "systems", "phi_categories", "access_paths"})
    if (!v[key].empty()) out += fmt::format("  {}: {}\n", key, fmt::join(v[key].get<std::vector<std::string>>(), ", "));
  if (v["phi_records"].get<std::int64_t>() > 0) out += fmt::format("  phi_records: {}\n", v["phi_records"].get<std::int64_t>());
  for (const json& c : v["certifications"])
    out += fmt::format("  certificate {} until {}\n", c["name"].get<std::string>(), c["expires"].get<std::string>());
  out += fmt::format("  risk {} ({})\n", v["risk"]["score"].get<int>(), v["risk"]["level"].get<std::string>());
  for (const json& r : v["risk"]["reasons"]) out += fmt::format("    {}\n", r.get<std::string>());
  return out;
}

Result<std::string> vendor_add(const GlobalOptions& g, const VendorOptions& o) {
  auto body = vendor_body(o);
  if (!body) return Unexpected(body.error());
  auto v = vendor_from_json(*body);
  if (!v) return Unexpected(v.error());
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto added = (*store)->add(std::move(*v));
  if (!added) return Unexpected(added.error());
  return fmt::format("vendor {} added: {}\n", added->id, added->name);
}

// The flags given (or --file) change those fields of the vendor; the rest stay.
Result<std::string> vendor_update(const GlobalOptions& g, const VendorOptions& o) {
  auto changes = vendor_body(o);
  if (!changes) return Unexpected(changes.error());
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto current = (*store)->find(o.which);
  if (!current) return Unexpected(current.error());
  if (!*current) return fail(ErrorCode::not_found, fmt::format("there is no vendor \"{}\" (ward program vendor list)", o.which), "vendor");
  auto v = vendor_with_changes(**current, *changes);
  if (!v) return Unexpected(v.error());
  auto updated = (*store)->update(*v);
  if (!updated) return Unexpected(updated.error());
  return fmt::format("vendor {} updated: {}\n", updated->id, updated->name);
}

Result<std::string> vendor_remove(const GlobalOptions& g, const VendorOptions& o) {
  auto r = resilience::remove_vendor(g.data_dir, o.which, o.force);
  if (!r) return Unexpected(r.error());
  if (!r->removed) return fail(ErrorCode::invalid_input, resilience::refusal_message(*r, "--force"));
  std::string text = fmt::format("vendor {} deleted: {}\n", r->vendor.id, r->vendor.name);
  if (!r->services.empty())
    text += fmt::format("  no longer a dependency of: {}\n", fmt::join(r->services, ", "));
  return text;
}

Result<std::string> list_vendors(const GlobalOptions& g, const VendorOptions& o) {
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto vendors = (*store)->list();
  if (!vendors) return Unexpected(vendors.error());
  auto results = questionnaire_results(g.data_dir);
  if (!results) return Unexpected(results.error());
  const auto today = incidents::today_utc();
  if (o.format == "json") {
    json rows = json::array();
    for (const Vendor& v : *vendors) rows.push_back(vendor_with_risk_json(v, today, result_for(*results, v.id)));
    return json{{"vendors", rows}}.dump(2) + "\n";
  }
  std::string text = fmt::format("{:>4}  {:<30}  {:<11}  {:<3}  {:<12}  {:>4}  {}\n", "ID", "NAME", "CRITICALITY", "BA", "BAA", "RISK", "LEVEL");
  for (const Vendor& v : *vendors) {
    const RiskScore r = vendor_risk(v, today, result_for(*results, v.id));
    text += fmt::format("{:>4}  {:<30}  {:<11}  {:<3}  {:<12}  {:>4}  {}\n", v.id, v.name, v.criticality,
                        v.business_associate ? "yes" : "no", v.baa_status, r.score, r.level);
  }
  return text + fmt::format("{}\n", counted(vendors->size(), "vendor", "vendors"));
}

Result<std::string> vendor_show(const GlobalOptions& g, const VendorOptions& o) {
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto v = (*store)->find(o.which);
  if (!v) return Unexpected(v.error());
  if (!*v) return fail(ErrorCode::not_found, fmt::format("there is no vendor \"{}\"", o.which), "vendor");
  auto results = questionnaire_results(g.data_dir);
  if (!results) return Unexpected(results.error());
  const json j = vendor_with_risk_json(**v, incidents::today_utc(), result_for(*results, (*v)->id));
  return o.format == "json" ? j.dump(2) + "\n" : vendor_text(j);
}

Result<std::string> vendor_reminders(const GlobalOptions& g, const VendorOptions& o) {
  if (o.within < 0 || o.within > 3650) return fail(ErrorCode::invalid_input, "--within: expected 0 to 3650 days", "--within");
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto vendors = (*store)->list();
  if (!vendors) return Unexpected(vendors.error());
  auto rows = expiry_reminders(*vendors, incidents::today_utc(), o.within);
  if (o.format == "json") return reminders_json(rows, o.within).dump(2) + "\n";
  std::string text;
  for (const Reminder& r : rows)
    text += fmt::format("{:<10}  {:>12}  {:<30}  {}\n", r.expires,
                        r.days_left < 0 ? fmt::format("expired {}d", -r.days_left) : fmt::format("{} days", r.days_left),
                        r.vendor, r.what);
  return text + fmt::format("{} (expiring within {} days or expired)\n", counted(rows.size(), "reminder", "reminders"), o.within);
}

Result<std::string> vendor_concentration(const GlobalOptions& g, const VendorOptions& o) {
  auto store = VendorStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto vendors = (*store)->list();
  if (!vendors) return Unexpected(vendors.error());
  auto rows = single_vendor_services(*vendors);
  if (o.format == "json") return concentration_json(rows).dump(2) + "\n";
  std::string text;
  for (const Concentration& c : rows)
    text += fmt::format("{} ({}): only {}; depends on it: {}\n", c.service, c.criticality, c.vendor,
                        c.systems.empty() ? "-" : fmt::format("{}", fmt::join(c.systems, ", ")));
  return text + fmt::format("{} with a single vendor\n", counted(rows.size(), "critical service", "critical services"));
}

}  // namespace

void add_program_vendor_commands(CLI::App& program, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<VendorOptions>();
  auto run = [&global, &exit_code, o](std::string_view command, auto body, bool about_vendor = false) {
    return [&global, &exit_code, o, command, body, about_vendor] {
      exit_code = run_audited(global, command, about_vendor ? "vendor:" + o->which : std::string(),
                              [&] { return body(global, *o); });
    };
  };
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto* vendor = program.add_subcommand("vendor", "vendors and business associates");
  vendor->require_subcommand(1);
  // The vendor's fields as flags: all of them for add, the ones to change for update.
  auto add_fields = [o](CLI::App* c) {
    c->add_option("--file", o->file, "the vendor as JSON (docs/program.md), - for stdin");
    c->add_option("--name", o->name, "the vendor's name");
    c->add_option("--service", o->services, "a service they provide (repeat)");
    c->add_option("--system", o->systems, "a system or process of ours that depends on them (repeat)");
    c->add_option("--criticality", o->criticality, std::string(kCriticalities));
    c->add_flag("--business-associate", o->business_associate, "they handle PHI for us (HIPAA business associate)");
    c->add_option("--phi", o->phi, "a category of PHI shared (repeat): demographic, clinical, financial…");
    c->add_option("--phi-records", o->phi_records, "about how many patients' records they hold or see");
    c->add_option("--baa-status", o->baa_status, std::string(kBaaStatuses));
    c->add_option("--baa-signed", o->baa_signed, "YYYY-MM-DD");
    c->add_option("--baa-expires", o->baa_expires, "YYYY-MM-DD");
    c->add_option("--access", o->access, std::string(kAccessPaths) + " (repeat)");
    c->add_option("--notes", o->notes, "anything else");
  };
  auto* add_cmd = vendor->add_subcommand("add", "add a vendor (from --file JSON, or from the flags)");
  add_fields(add_cmd);
  add_cmd->callback(run("ward program vendor add", vendor_add));
  auto* update_cmd = vendor->add_subcommand("update", "change the fields given (flags, or --file JSON); a list flag replaces the list");
  update_cmd->add_option("vendor", o->which, "id or name")->required();
  add_fields(update_cmd);
  update_cmd->add_flag("--no-business-associate", o->not_business_associate, "they no longer handle PHI for us");
  update_cmd->callback(run("ward program vendor update {vendor}", vendor_update, true));
  auto* delete_cmd = vendor->add_subcommand("delete", "delete a vendor and its questionnaires; refused while services depend on it");
  delete_cmd->add_option("vendor", o->which, "id or name")->required();
  delete_cmd->add_flag("--force", o->force, "take it out of the services that depend on it first");
  delete_cmd->callback(run("ward program vendor delete {vendor}", vendor_remove, true));
  auto* list_cmd = vendor->add_subcommand("list", "vendors with their risk score");
  add_format(list_cmd);
  list_cmd->callback(run("ward program vendor list", list_vendors));
  auto* show_cmd = vendor->add_subcommand("show", "one vendor with the reasons for its risk score");
  show_cmd->add_option("vendor", o->which, "id or name")->required();
  add_format(show_cmd);
  show_cmd->callback(run("ward program vendor show {vendor}", vendor_show, true));
  // The same reminders under both names: `ward program reminders` and `ward program vendor reminders`.
  for (auto [parent, command] : {std::pair{&program, "ward program reminders"}, std::pair{vendor, "ward program vendor reminders"}}) {
    auto* reminders_cmd = parent->add_subcommand("reminders", "BAAs and certificates expiring soon or expired");
    reminders_cmd->add_option("--within", o->within, "days ahead")->capture_default_str();
    add_format(reminders_cmd);
    reminders_cmd->callback(run(command, vendor_reminders));
  }
  add_program_questionnaire_commands(*vendor, global, exit_code);
  auto* conc_cmd = program.add_subcommand("concentration", "critical services that depend on a single vendor");
  add_format(conc_cmd);
  conc_cmd->callback(run("ward program concentration", vendor_concentration));
}

}  // namespace ward::cli
