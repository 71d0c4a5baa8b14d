// OSCAL 1.x JSON catalogues and profiles (NIST's published format): groups nested in groups,
// controls nested in controls (CSF subcategories, SP 800-53 enhancements), the statement and
// guidance parts' prose (items with their labels, parameters as NIST prints them: "[Assignment:
// organization-defined frequency]"), the label and sort-id props, and a withdrawn status. A profile is read
// for what Ward needs of it: the control ids its imports include (`include-controls.with-ids`).
// Errors name the file and the JSON path ("catalog.groups[2].controls[0].id"). Plain values,
// no shared state: callable from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::controls {

struct Prop {
  std::string name, value;
};

struct Control {
  std::string id, title, control_class;  // "GV.OC-01", "GV.OC-01", "subcategory"
  std::string label, sort_id;            // props label and sort-id ("" when absent)
  std::vector<Prop> other_props;         // the other props, in order ("implementation": "required")
  std::string statement, guidance;       // prose of the statement and guidance parts, flattened
  bool withdrawn = false;                // props status = withdrawn
  // Set by apply_profile on a control the profile does not select, kept for a selected control
  // nested in it (PRIVACY selects AC-3(14) but not AC-3): its context, never rated.
  bool kept_for_nested = false;
  std::vector<Control> controls;         // nested controls (enhancements, subcategories)
};

struct Group {
  std::string id, title, group_class, label;
  std::vector<Group> groups;
  std::vector<Control> controls;
};

struct Catalog {
  std::string uuid, title, version;  // metadata.title and metadata.version
  std::vector<Group> groups;
  std::vector<Control> controls;  // controls outside any group
};

struct Profile {
  std::string title;
  std::vector<std::string> include_ids;  // imports[].include-controls[].with-ids, in order
};

// `json_text` is the file's content; `source` names it in errors.
Result<Catalog> parse_catalog(std::string_view json_text, std::string_view source);
Result<Profile> parse_profile(std::string_view json_text, std::string_view source);
Result<Catalog> load_catalog(const std::string& path);
Result<Profile> load_profile(const std::string& path);

// A control in a catalogue with where it sits: `top_group` is the id of the outermost group
// (the CSF function, the SP 800-53 family), `parent` the enclosing control's id ("" at the top).
struct ControlEntry {
  const Control* control = nullptr;
  std::string top_group, top_group_title, parent;
};

// Every control, depth first in catalogue order, withdrawn ones included.
std::vector<ControlEntry> all_controls(const Catalog& catalog);

// The controls an assessment rates: active controls with no active controls nested in them
// (CSF subcategories, not categories), except that an SP 800-53 base control is rated beside its
// enhancements, as SP 800-53A assesses it (AC-2 and AC-2(1) each); not a control a profile kept
// only for what is nested in it.
std::vector<ControlEntry> assessable_controls(const Catalog& catalog);

// A profile against a catalogue: the included ids found, and those the catalogue lacks.
struct ProfileResolution {
  std::vector<ControlEntry> found;
  std::vector<std::string> missing;
};
ProfileResolution resolve_profile(const Profile& profile, const Catalog& catalog);

// The value of the prop `name` among `c.other_props`, "" when absent.
std::string prop_value(const Control& c, std::string_view name);

// `catalog` cut down to the controls `profile` includes (a control stays while it, or a control
// nested in it, is included; empty groups go), titled "<catalogue> (<profile>)" when the two differ. When the
// catalogue lacks included ids it is invalid_input on field "profile" naming `profile_source`,
// how many are missing and the first few: a baseline needs the catalogue it selects from.
Result<Catalog> apply_profile(const Profile& profile, Catalog catalog, std::string_view profile_source);

}  // namespace ward::controls
