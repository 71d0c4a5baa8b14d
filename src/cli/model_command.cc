// `ward devices model-import FILE.csv`, `ward devices model-set --manufacturer M --model X …` and
// `ward devices model-show --manufacturer M --model X [--format json]`: per device model, the
// manufacturer's security contact and the model's MDS2 answers (docs/devices.md#device-models).
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/model_command.h"
#include "cli/ward_config.h"
#include "core/file_reader.h"
#include "core/time.h"
#include "devices/model_csv.h"
#include "devices/model_store.h"

namespace ward::cli {
namespace {

using namespace ward::devices;

struct ModelOptions {
  std::string file, format = "text";
  ModelProfile profile;
  std::vector<std::string> mds2;  // ID=ANSWER
};

Result<VendorAliases> aliases_of(const GlobalOptions& global) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) return Unexpected(config.error());
  return VendorAliases(config->devices.vendor_aliases);
}

int import_models(const GlobalOptions& global, const std::string& file) {
  auto aliases = aliases_of(global);
  if (!aliases) { print_error(aliases.error()); return kExitFailure; }
  auto bytes = read_input_file(file);
  if (!bytes) { print_error(bytes.error()); return kExitFailure; }
  auto read = read_model_csv(bytes->view(), *aliases, file);
  if (!read) { print_error(read.error()); return kExitFailure; }
  for (const Error& e : read->quarantined) print_error(e);
  if (!read->ignored_columns.empty()) fmt::print(stderr, "{}: columns ignored: {}\n", file, fmt::join(read->ignored_columns, ", "));
  auto store = ModelStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto outcomes = store->put(*aliases, read->profiles, cli_actor(), now_ns());
  if (!outcomes) { print_error(outcomes.error()); return kExitFailure; }
  std::size_t added = 0, updated = 0, unchanged = 0, without_mds2 = 0;
  for (Upsert u : *outcomes) ++(u == Upsert::added ? added : u == Upsert::updated ? updated : unchanged);
  for (const ModelProfile& p : read->profiles) without_mds2 += p.mds2.empty() ? 1 : 0;
  fmt::print("{}: {} rows, {} models: {} added, {} updated, {} unchanged; {} without an MDS2 form; {} rows quarantined\n", file,
             read->rows, read->profiles.size(), added, updated, unchanged, without_mds2, read->quarantined.size());
  return read->quarantined.empty() ? kExitOk : kExitPartial;
}

int set_model(const GlobalOptions& global, ModelOptions o) {
  for (const std::string& pair : o.mds2) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) {
      print_error(Error{ErrorCode::invalid_input, fmt::format("--mds2 \"{}\": expected ID=ANSWER (MPII-1=yes)", pair), "", 0, 0, "mds2"});
      return kExitFailure;
    }
    o.profile.mds2[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  auto profile = checked_profile(std::move(o.profile));
  if (!profile) { print_error(profile.error()); return kExitFailure; }
  auto aliases = aliases_of(global);
  if (!aliases) { print_error(aliases.error()); return kExitFailure; }
  auto store = ModelStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto outcome = store->put(*aliases, {*profile}, cli_actor(), now_ns());
  if (!outcome) { print_error(outcome.error()); return kExitFailure; }
  const Upsert u = outcome->front();
  fmt::print("{} {}: {}{}\n", profile->manufacturer, profile->model,
             u == Upsert::added ? "added" : u == Upsert::updated ? "updated" : "unchanged",
             profile->mds2.empty() ? "; no MDS2 form on file" : "");
  return kExitOk;
}

int show_model(const GlobalOptions& global, const ModelOptions& o) {
  auto aliases = aliases_of(global);
  if (!aliases) { print_error(aliases.error()); return kExitFailure; }
  auto store = ModelStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto found = store->find(model_key(*aliases, o.profile.manufacturer, o.profile.model));
  if (!found) { print_error(found.error()); return kExitFailure; }
  const auto j = *found ? model_profile_json(**found) : missing_profile_json(o.profile.manufacturer, o.profile.model);
  if (o.format == "json") {
    fmt::print("{}\n", j.dump());
    return *found ? kExitOk : kExitFailure;
  }
  if (!*found) {
    fmt::print("{}\n", j["mds2_missing"].get<std::string>());
    return kExitFailure;
  }
  const ModelProfile& p = **found;
  fmt::print("{} {}\n", p.manufacturer, p.model);
  fmt::print("security contact: {}{}{}\n", p.contact_name.empty() ? "—" : p.contact_name,
             p.contact_email.empty() ? "" : " <" + p.contact_email + ">", p.contact_phone.empty() ? "" : ", " + p.contact_phone);
  if (!p.psirt_url.empty()) fmt::print("PSIRT / CVD: {}\n", p.psirt_url);
  if (!p.end_of_support.empty()) fmt::print("end of support: {}\n", p.end_of_support);
  if (p.mds2.empty()) fmt::print("{}\n", j["mds2_missing"].get<std::string>());
  for (const auto& a : j["mds2"]) {
    fmt::print("{} {}: {}\n", a["id"].get<std::string>(), a["question"].get<std::string>(), a["answer"].get<std::string>());
  }
  if (!p.notes.empty()) fmt::print("notes: {}\n", p.notes);
  return kExitOk;
}

}  // namespace

void add_model_commands(CLI::App& devices, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ModelOptions>();
  auto* import = devices.add_subcommand("model-import", "import device models' security contacts and MDS2 answers from a CSV");
  import->add_option("file", o->file, "CSV: manufacturer, model, contact_name, contact_email, contact_phone, psirt_url, "
                                      "end_of_support, notes, and MDS2 question ids (MPII-1, MLDP-2…)")->required();
  import->callback([&global, &exit_code, o] { exit_code = import_models(global, o->file); });

  auto* set = devices.add_subcommand("model-set", "set one device model's security contact and MDS2 answers (replaces them)");
  ModelProfile& p = o->profile;
  set->add_option("--manufacturer", p.manufacturer, "the manufacturer, as the inventory writes it")->required();
  set->add_option("--model", p.model, "the model")->required();
  set->add_option("--contact-name", p.contact_name, "the manufacturer's security contact");
  set->add_option("--contact-email", p.contact_email, "their e-mail address");
  set->add_option("--contact-phone", p.contact_phone, "their phone number");
  set->add_option("--psirt-url", p.psirt_url, "the manufacturer's PSIRT or CVD page");
  set->add_option("--end-of-support", p.end_of_support, "the software's end of support, YYYY-MM-DD");
  set->add_option("--notes", p.notes, "anything else clinical engineering should know");
  set->add_option("--mds2", o->mds2, "an MDS2 answer, ID=ANSWER (MPII-1=yes); repeat for each");
  set->callback([&global, &exit_code, o] { exit_code = set_model(global, *o); });

  auto* show = devices.add_subcommand("model-show", "one device model's security contact and MDS2 answers");
  show->add_option("--manufacturer", p.manufacturer, "the manufacturer")->required();
  show->add_option("--model", p.model, "the model")->required();
  show->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  show->callback([&global, &exit_code, o] { exit_code = show_model(global, *o); });
}

}  // namespace ward::cli
