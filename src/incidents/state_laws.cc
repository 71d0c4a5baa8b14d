// state_laws.h: the YAML table of state deadlines.
#include "incidents/state_laws.h"

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "incidents/state_laws_data.h"
#include "incidents/us_states.h"

namespace ward::incidents {

const StateLaw* StateLaws::find(std::string_view state) const {
  for (const StateLaw& l : laws)
    if (l.state == state) return &l;
  return nullptr;
}

Result<StateLaws> parse_state_laws(std::string_view yaml, std::string_view source) {
  auto named = [&](Error e) {
    e.source = std::string(source);
    return Unexpected(std::move(e));
  };
  auto doc = load_yaml_text(yaml, source);
  if (!doc) return named(doc.error());
  if (auto r = check_keys(*doc, {"states"}, "state_laws"); !r) return named(r.error());
  const YAML::Node states = (*doc)["states"];
  if (!states || !states.IsSequence()) return named(Error{ErrorCode::config, "states: expected a list", {}, 0, 0, "states"});
  StateLaws out;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const std::string path = fmt::format("states[{}]", i);
    const YAML::Node row = states[i];
    if (!row.IsMap()) return named(Error{ErrorCode::config, path + ": expected a map", {}, 0, 0, path});
    if (auto r = check_keys(row, {"state", "name", "days", "statute", "verified", "hipaa_exempt", "sources", "note"}, path); !r)
      return named(r.error());
    StateLaw law;
    std::string sources;
    for (auto r : {read_key(row, "state", law.state, path), read_key(row, "name", law.name, path),
                   read_key(row, "days", law.days, path), read_key(row, "statute", law.statute, path),
                   read_key(row, "verified", law.verified, path), read_key(row, "hipaa_exempt", law.hipaa_exempt, path),
                   read_key(row, "sources", sources, path), read_key(row, "note", law.note, path)})
      if (!r) return named(r.error());
    auto bad = [&](std::string_view key, std::string_view what) {
      const std::string field = fmt::format("{}.{}", path, key);
      return named(Error{ErrorCode::config, fmt::format("{}: {}", field, what), {}, 0, 0, field});
    };
    if (!is_us_state_code(law.state)) return bad("state", fmt::format("\"{}\" is not a US state or territory code", law.state));
    if (out.find(law.state) != nullptr) return bad("state", fmt::format("{} is listed twice", law.state));
    if (law.days < 1 || law.days > 365) return bad("days", "expected a whole number of days from 1 to 365");
    if (law.statute.empty()) return bad("statute", "missing: cite the statute");
    out.laws.push_back(std::move(law));
  }
  return out;
}

const StateLaws& builtin_state_laws() {
  // The shipped table is checked by a test; should it ever fail to parse, no state rows apply.
  static const StateLaws kBuiltin = [] {
    auto parsed = parse_state_laws(kStateBreachLawsYaml, "data/program/state_breach_laws.yaml");
    return parsed ? std::move(*parsed) : StateLaws{};
  }();
  return kBuiltin;
}

}  // namespace ward::incidents
