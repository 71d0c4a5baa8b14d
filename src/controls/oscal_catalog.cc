// OSCAL catalogue and profile reading (oscal_catalog.h): nlohmann::json walked by hand so that
// every complaint carries its JSON path.
#include "controls/oscal_catalog.h"

#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/file_reader.h"

namespace ward::controls {
namespace {

using nlohmann::json;

// What a walk needs to complain precisely.
struct Walk {
  std::string_view source;
  Unexpected error(const std::string& path, std::string message) const {
    Error e{ErrorCode::invalid_input, fmt::format("{}: {}", path, message), std::string(source), 0, 0, path};
    return Unexpected(std::move(e));
  }
};

Result<json> parse_json(std::string_view text, std::string_view source) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    Error err{ErrorCode::invalid_input, fmt::format("not JSON: {}", e.what()), std::string(source), 0, e.byte, ""};
    return Unexpected(std::move(err));
  }
}

// A string member; "" when absent, an error when present and not a string.
Result<std::string> text(const Walk& w, const json& obj, const char* key, const std::string& path, bool required = false) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return w.error(path + "." + key, "missing");
    return std::string();
  }
  if (!it->is_string()) return w.error(path + "." + key, "must be a string");
  return it->get<std::string>();
}

// The array member `key` (empty when absent), each element an object.
Result<const json*> array_of_objects(const Walk& w, const json& obj, const char* key, const std::string& path) {
  static const json kEmpty = json::array();
  auto it = obj.find(key);
  if (it == obj.end()) return &kEmpty;
  if (!it->is_array()) return w.error(path + "." + key, "must be an array");
  for (std::size_t i = 0; i < it->size(); ++i)
    if (!(*it)[i].is_object()) return w.error(fmt::format("{}.{}[{}]", path, key, i), "must be an object");
  return &*it;
}

// Props label, sort-id and status into the out-parameters.
Result<void> read_props(const Walk& w, const json& obj, const std::string& path, std::string& label, std::string* sort_id,
                        bool* withdrawn, std::vector<Prop>* others = nullptr) {
  auto props = array_of_objects(w, obj, "props", path);
  if (!props) return Unexpected(props.error());
  for (std::size_t i = 0; i < (*props)->size(); ++i) {
    const std::string p = fmt::format("{}.props[{}]", path, i);
    auto name = text(w, (**props)[i], "name", p, true);
    if (!name) return Unexpected(name.error());
    auto value = text(w, (**props)[i], "value", p, true);
    if (!value) return Unexpected(value.error());
    if (*name == "label") label = *value;
    else if (*name == "sort-id" && sort_id) *sort_id = *value;
    else if (*name == "status" && withdrawn) *withdrawn = *value == "withdrawn";
    else if (others) others->push_back({*name, *value});
  }
  return {};
}

// A control's parameters as the text that stands for them in its prose, by id (OSCAL's
// `{{ insert: param, ID }}`), the way NIST prints SP 800-53: "[Assignment: organization-defined
// personnel or roles]", "[Selection (one or more): organization-level; system-level]". An
// SP 800-53 ODP's label ("official") is an organization-defined parameter's, so it says so.
using ParamTexts = std::unordered_map<std::string, std::string>;

constexpr std::string_view kInsertParam = "{{ insert: param, ";

// `prose` with each parameter insertion replaced by its text (unknown ids are left as they are).
std::string with_params(std::string_view prose, const ParamTexts& params) {
  std::string out;
  for (;;) {
    const auto at = prose.find(kInsertParam);
    const auto end = at == std::string_view::npos ? at : prose.find("}}", at);
    if (end == std::string_view::npos) break;
    std::string_view id = prose.substr(at + kInsertParam.size(), end - at - kInsertParam.size());
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    out.append(prose.substr(0, at));
    auto known = params.find(std::string(id));
    out.append(known != params.end() ? std::string_view(known->second) : prose.substr(at, end + 2 - at));
    prose.remove_prefix(end + 2);
  }
  out.append(prose);
  return out;
}

Result<ParamTexts> read_params(const Walk& w, const json& control, const std::string& path) {
  ParamTexts out;
  auto params = array_of_objects(w, control, "params", path);
  if (!params) return Unexpected(params.error());
  for (std::size_t i = 0; i < (*params)->size(); ++i) {
    const json& param = (**params)[i];
    const std::string p = fmt::format("{}.params[{}]", path, i);
    auto id = text(w, param, "id", p, true);
    if (!id) return Unexpected(id.error());
    auto label = text(w, param, "label", p);
    if (!label) return Unexpected(label.error());
    std::string shown;
    if (auto select = param.find("select"); select != param.end() && select->is_object()) {
      std::vector<std::string> choices;
      if (auto c = select->find("choice"); c != select->end() && c->is_array())
        for (const json& choice : *c)
          if (choice.is_string()) choices.push_back(choice.get<std::string>());
      const bool many = select->value("how-many", std::string()) == "one-or-more";
      shown = fmt::format("[Selection{}: {}]", many ? " (one or more)" : "", fmt::join(choices, "; "));
    } else if (!label->empty()) {
      shown = label->starts_with("organization-defined") || id->find("_odp") == std::string::npos
                  ? fmt::format("[Assignment: {}]", *label)
                  : fmt::format("[Assignment: organization-defined {}]", *label);
    } else {
      continue;
    }
    out.emplace(std::move(*id), std::move(shown));
  }
  for (auto& [id, shown] : out) shown = with_params(shown, out);  // a choice naming another parameter
  return out;
}

// The prose of a part and the parts inside it, one paragraph each, an item's label before it
// ("a. Develop, document…"), parameters as their text.
Result<std::string> prose_of(const Walk& w, const json& part, const std::string& path, const ParamTexts& params) {
  auto prose = text(w, part, "prose", path);
  if (!prose) return Unexpected(prose.error());
  std::string out = with_params(*prose, params);
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (part.value("name", std::string()) == "item" && !out.empty()) {
    std::string label;
    if (auto r = read_props(w, part, path, label, nullptr, nullptr); !r) return Unexpected(r.error());
    if (!label.empty()) out = label + " " + out;
  }
  auto parts = array_of_objects(w, part, "parts", path);
  if (!parts) return Unexpected(parts.error());
  for (std::size_t i = 0; i < (*parts)->size(); ++i) {
    auto inner = prose_of(w, (**parts)[i], fmt::format("{}.parts[{}]", path, i), params);
    if (!inner) return Unexpected(inner.error());
    if (inner->empty()) continue;
    if (!out.empty()) out += '\n';
    out += *inner;
  }
  return out;
}

Result<Control> read_control(const Walk& w, const json& obj, const std::string& path) {
  Control c;
  for (auto [key, out] : {std::pair{"id", &c.id}, std::pair{"title", &c.title}, std::pair{"class", &c.control_class}}) {
    auto v = text(w, obj, key, path, key != std::string_view("class"));
    if (!v) return Unexpected(v.error());
    *out = *v;
  }
  if (auto r = read_props(w, obj, path, c.label, &c.sort_id, &c.withdrawn, &c.other_props); !r) return Unexpected(r.error());
  auto params = read_params(w, obj, path);
  if (!params) return Unexpected(params.error());
  auto parts = array_of_objects(w, obj, "parts", path);
  if (!parts) return Unexpected(parts.error());
  for (std::size_t i = 0; i < (*parts)->size(); ++i) {
    const std::string p = fmt::format("{}.parts[{}]", path, i);
    auto name = text(w, (**parts)[i], "name", p, true);
    if (!name) return Unexpected(name.error());
    if (*name != "statement" && *name != "guidance") continue;
    auto prose = prose_of(w, (**parts)[i], p, *params);
    if (!prose) return Unexpected(prose.error());
    (*name == "statement" ? c.statement : c.guidance) = *prose;
  }
  auto nested = array_of_objects(w, obj, "controls", path);
  if (!nested) return Unexpected(nested.error());
  for (std::size_t i = 0; i < (*nested)->size(); ++i) {
    auto child = read_control(w, (**nested)[i], fmt::format("{}.controls[{}]", path, i));
    if (!child) return Unexpected(child.error());
    c.controls.push_back(std::move(*child));
  }
  return c;
}

Result<std::vector<Control>> read_controls(const Walk& w, const json& obj, const std::string& path) {
  std::vector<Control> out;
  auto list = array_of_objects(w, obj, "controls", path);
  if (!list) return Unexpected(list.error());
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    auto c = read_control(w, (**list)[i], fmt::format("{}.controls[{}]", path, i));
    if (!c) return Unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::vector<Group>> read_groups(const Walk& w, const json& obj, const std::string& path) {
  std::vector<Group> out;
  auto list = array_of_objects(w, obj, "groups", path);
  if (!list) return Unexpected(list.error());
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const json& g = (**list)[i];
    const std::string p = fmt::format("{}.groups[{}]", path, i);
    Group group;
    for (auto [key, out] : {std::pair{"id", &group.id}, std::pair{"title", &group.title}, std::pair{"class", &group.group_class}}) {
      auto v = text(w, g, key, p, key == std::string_view("title"));
      if (!v) return Unexpected(v.error());
      *out = *v;
    }
    if (auto r = read_props(w, g, p, group.label, nullptr, nullptr); !r) return Unexpected(r.error());
    auto inner = read_groups(w, g, p);
    if (!inner) return Unexpected(inner.error());
    group.groups = std::move(*inner);
    auto controls = read_controls(w, g, p);
    if (!controls) return Unexpected(controls.error());
    group.controls = std::move(*controls);
    out.push_back(std::move(group));
  }
  return out;
}

// The document's one root object `root` ("catalog", "profile"), or an error saying what it is.
Result<const json*> root_of(const Walk& w, const json& doc, const char* root) {
  if (!doc.is_object()) return w.error("$", "must be an object");
  auto it = doc.find(root);
  if (it == doc.end() || !it->is_object()) {
    std::string found = doc.empty() ? "nothing" : doc.begin().key();
    return w.error(root, fmt::format("missing: not an OSCAL {} (the document holds \"{}\")", root, found));
  }
  return &*it;
}

Result<std::string> read_file_text(const std::string& path) {
  auto bytes = read_input_file(path);
  if (!bytes) return Unexpected(bytes.error());
  return std::string(bytes->view());
}

// Keeps the controls of `controls` that `keep` names or that hold one it names; true if any stayed.
bool keep_included(std::vector<Control>& controls, const std::unordered_set<std::string>& keep) {
  std::erase_if(controls, [&](Control& c) {
    const bool nested = keep_included(c.controls, keep);
    if (keep.contains(c.id)) return false;
    c.kept_for_nested = nested;
    return !nested;
  });
  return !controls.empty();
}

bool keep_included(std::vector<Group>& groups, const std::unordered_set<std::string>& keep) {
  std::erase_if(groups, [&](Group& g) {
    const bool inner = keep_included(g.groups, keep);
    return !keep_included(g.controls, keep) && !inner;
  });
  return !groups.empty();
}

void collect(const Control& c, const std::string& top, const std::string& top_title, const std::string& parent,
             std::vector<ControlEntry>& out) {
  out.push_back({&c, top, top_title, parent});
  for (const Control& child : c.controls) collect(child, top, top_title, c.id, out);
}

void collect(const Group& g, const std::string& top, const std::string& top_title, std::vector<ControlEntry>& out) {
  for (const Control& c : g.controls) collect(c, top, top_title, "", out);
  for (const Group& inner : g.groups) collect(inner, top, top_title, out);
}

}  // namespace

Result<Catalog> parse_catalog(std::string_view json_text, std::string_view source) {
  const Walk w{source};
  auto doc = parse_json(json_text, source);
  if (!doc) return Unexpected(doc.error());
  auto root = root_of(w, *doc, "catalog");
  if (!root) return Unexpected(root.error());
  const json& cat = **root;
  Catalog out;
  auto uuid = text(w, cat, "uuid", "catalog", true);
  if (!uuid) return Unexpected(uuid.error());
  out.uuid = *uuid;
  auto meta = cat.find("metadata");
  if (meta == cat.end() || !meta->is_object()) return w.error("catalog.metadata", "missing or not an object");
  auto title = text(w, *meta, "title", "catalog.metadata", true);
  if (!title) return Unexpected(title.error());
  out.title = *title;
  auto version = text(w, *meta, "version", "catalog.metadata");
  if (!version) return Unexpected(version.error());
  out.version = *version;
  auto groups = read_groups(w, cat, "catalog");
  if (!groups) return Unexpected(groups.error());
  out.groups = std::move(*groups);
  auto controls = read_controls(w, cat, "catalog");
  if (!controls) return Unexpected(controls.error());
  out.controls = std::move(*controls);
  return out;
}

Result<Profile> parse_profile(std::string_view json_text, std::string_view source) {
  const Walk w{source};
  auto doc = parse_json(json_text, source);
  if (!doc) return Unexpected(doc.error());
  auto root = root_of(w, *doc, "profile");
  if (!root) return Unexpected(root.error());
  Profile out;
  if (auto meta = (*root)->find("metadata"); meta != (*root)->end() && meta->is_object()) {
    auto title = text(w, *meta, "title", "profile.metadata");
    if (!title) return Unexpected(title.error());
    out.title = *title;
  }
  auto imports = array_of_objects(w, **root, "imports", "profile");
  if (!imports) return Unexpected(imports.error());
  if ((*imports)->empty()) return w.error("profile.imports", "missing: a profile imports at least one catalogue");
  for (std::size_t i = 0; i < (*imports)->size(); ++i) {
    const std::string p = fmt::format("profile.imports[{}]", i);
    auto includes = array_of_objects(w, (**imports)[i], "include-controls", p);
    if (!includes) return Unexpected(includes.error());
    for (std::size_t j = 0; j < (*includes)->size(); ++j) {
      const std::string q = fmt::format("{}.include-controls[{}]", p, j);
      auto ids = (**includes)[j].find("with-ids");
      if (ids == (**includes)[j].end()) continue;
      if (!ids->is_array()) return w.error(q + ".with-ids", "must be an array");
      for (std::size_t k = 0; k < ids->size(); ++k) {
        if (!(*ids)[k].is_string()) return w.error(fmt::format("{}.with-ids[{}]", q, k), "must be a string");
        out.include_ids.push_back((*ids)[k].get<std::string>());
      }
    }
  }
  return out;
}

Result<Catalog> load_catalog(const std::string& path) {
  auto t = read_file_text(path);
  if (!t) return Unexpected(t.error());
  return parse_catalog(*t, path);
}

Result<Profile> load_profile(const std::string& path) {
  auto t = read_file_text(path);
  if (!t) return Unexpected(t.error());
  return parse_profile(*t, path);
}

std::vector<ControlEntry> all_controls(const Catalog& catalog) {
  std::vector<ControlEntry> out;
  for (const Control& c : catalog.controls) collect(c, "", "", "", out);
  for (const Group& g : catalog.groups) collect(g, g.id, g.title, out);
  return out;
}

std::vector<ControlEntry> assessable_controls(const Catalog& catalog) {
  // SP 800-53's class of an enhancement ("SP800-53-enhancement"): its base is a control of its own.
  auto is_enhancement = [](const Control& c) { return c.control_class.ends_with("-enhancement"); };
  std::vector<ControlEntry> out;
  for (const ControlEntry& e : all_controls(catalog)) {
    if (e.control->withdrawn || e.control->kept_for_nested) continue;
    bool groups_active_controls = false;  // a CSF category, a HIPAA standard with specifications
    for (const Control& child : e.control->controls) groups_active_controls |= !child.withdrawn && !is_enhancement(child);
    if (!groups_active_controls) out.push_back(e);
  }
  return out;
}

ProfileResolution resolve_profile(const Profile& profile, const Catalog& catalog) {
  std::vector<ControlEntry> all = all_controls(catalog);
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < all.size(); ++i) by_id.emplace(all[i].control->id, i);
  ProfileResolution out;
  for (const std::string& id : profile.include_ids) {
    auto it = by_id.find(id);
    if (it == by_id.end()) out.missing.push_back(id);
    else out.found.push_back(all[it->second]);
  }
  return out;
}

std::string prop_value(const Control& c, std::string_view name) {
  for (const Prop& p : c.other_props)
    if (p.name == name) return p.value;
  return {};
}

Result<Catalog> apply_profile(const Profile& profile, Catalog catalog, std::string_view profile_source) {
  const ProfileResolution r = resolve_profile(profile, catalog);
  if (!r.missing.empty()) {
    std::vector<std::string> first(r.missing.begin(), r.missing.begin() + std::min<std::size_t>(r.missing.size(), 5));
    Error e{ErrorCode::invalid_input,
            fmt::format("profile: {} of the {} controls it includes are not in \"{}\" (e.g. {}); give the catalogue the "
                        "profile selects from (for SP 800-53 baselines above LOW, the full rev5 catalogue)",
                        r.missing.size(), profile.include_ids.size(), catalog.title, fmt::join(first, ", ")),
            std::string(profile_source), 0, 0, "profile"};
    return Unexpected(std::move(e));
  }
  const std::unordered_set<std::string> keep(profile.include_ids.begin(), profile.include_ids.end());
  keep_included(catalog.controls, keep);
  keep_included(catalog.groups, keep);
  if (!profile.title.empty() && profile.title != catalog.title) catalog.title = fmt::format("{} ({})", catalog.title, profile.title);
  return catalog;
}

}  // namespace ward::controls
