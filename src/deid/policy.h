// De-identification policies: what happens to each PHI type (redact, mask, surrogate,
// pseudonym, date shift, generalise, keep) and under which legal basis. The basis decides how
// consistent codes are made: under Safe Harbor they must not be derived from the identifiers
// (45 CFR 164.514(c)), so they are random and kept in the vault (vault.h); under Expert
// Determination or a limited data set they are keyed HMAC-SHA256 pseudonyms (secret_key.h).
// Start here, then text_deidentifier.h.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "phi/finding.h"

namespace ward::deid {

enum class Action : std::uint8_t {
  redact,      // "[NAME]": the type in brackets
  mask,        // every letter and digit becomes '*', the shape stays
  surrogate,   // a realistic replacement, the same for the same value (names from the word lists)
  pseudonym,   // a code, the same for the same value: "[MRN-7KQ2M9XD3A]"
  date_shift,  // dates moved by one offset per patient, so intervals are kept
  generalise,  // dates to the year, ages over 89 to "90+", ZIP codes to their first three digits
  keep,
};
std::string_view to_string(Action action);

enum class Basis : std::uint8_t {
  safe_harbor,           // 45 CFR 164.514(b)(2): codes random (vault), no dates but years
  expert_determination,  // 164.514(b)(1): keyed pseudonyms and date shifts allowed
  limited_data_set,      // 164.514(e): dates and towns may be kept; keyed codes allowed
};
std::string_view to_string(Basis basis);

// What one CSV column or FHIR path holds, when the policy says so instead of the built-in field
// knowledge (phi/formats): PHI of one type (replaced whole, without a scan), free text (scanned),
// or nothing to change (kept as it is, not scanned).
struct FieldRule {
  enum class Kind : std::uint8_t { phi, free_text, keep };
  std::string selector;  // a CSV column name, or a FHIR path ("Patient.name", "*.identifier.value")
  Kind kind = Kind::phi;
  phi::PhiType type = phi::PhiType::other_id;  // for Kind::phi
};

struct Policy {
  std::string name;
  Basis basis = Basis::safe_harbor;
  std::array<Action, phi::kPhiTypeCount> actions{};  // by PhiType
  // Three-digit ZIP prefixes whose area has 20,000 people or fewer: generalised to "000".
  // Default: the 17 prefixes HHS lists from the 2000 Census.
  std::vector<std::string> restricted_zip3;
  int date_shift_min_days = 1;    // dates move back by min … max days (one offset per patient)
  int date_shift_max_days = 365;
  bool mark_changes = false;      // replacements wrapped in "[[" … "]]" so readers see them
  double min_confidence = 0.5;    // findings below are not changed
  std::vector<FieldRule> csv_columns;  // before the column names `ward scan` knows
  std::vector<FieldRule> fhir_paths;   // before the built-in FHIR paths; the first match decides

  Action action_for(phi::PhiType type) const { return actions[static_cast<std::size_t>(type)]; }
  // Keyed codes (HMAC) or random ones from the vault.
  bool keyed() const { return basis != Basis::safe_harbor; }
  // Every type kept: then an embedded document Ward cannot read (a PDF in HL7 v2 or FHIR) may stay.
  bool keeps_everything() const {
    for (Action a : actions)
      if (a != Action::keep) return false;
    return true;
  }
};

// The built-in Safe Harbor policy: names and other identifiers get surrogates or random codes,
// dates keep only their year, ages over 89 become "90+", ZIP codes their first three digits
// (restricted ones "000"), other places and the remaining identifiers are redacted; findings from
// confidence 0.45 are changed (a YAML policy's default is 0.5, as `ward scan`'s).
Policy safe_harbor_policy();

// Reads a policy from YAML; `source` names it in errors ("policy.yaml: types.date: …").
Result<Policy> policy_from_yaml(const YAML::Node& root, std::string_view source);
// "safe-harbor" (built in) or the path of a YAML policy file.
Result<Policy> load_policy(std::string_view name_or_path);

}  // namespace ward::deid
