// Reading device model profiles (manufacturer contact and MDS2 answers, model_profile.h) from a
// CSV, one row per model: `ward devices model-import FILE`. Columns, found by header name
// compared as CsvHeader does (case, spaces and hyphens ignored): manufacturer and model
// (required), contact_name, contact_email, contact_phone, psirt_url, end_of_support, notes, and
// one column per MDS2 question named by its id (MPII-1, MLDP-2…; mds2_questions()). Other
// columns are ignored and listed. A row failing checked_profile is quarantined with its line and
// field; the rest goes on. A later row for the same model (model_key) replaces an earlier one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "devices/model_profile.h"

namespace ward::devices {

struct ModelCsvRead {
  std::vector<ModelProfile> profiles;
  std::vector<Error> quarantined;
  std::vector<std::string> ignored_columns;  // headers that name no field
  std::size_t rows = 0;
};

// Fails as a whole only when the header lacks manufacturer or model. `source` names the file.
Result<ModelCsvRead> read_model_csv(std::string_view text, const VendorAliases& aliases, std::string_view source);

}  // namespace ward::devices
