// PHI in CSV with a header row (any of , ; tab | as delimiter): a column whose name says what it
// holds (ssn, mrn, dob, phone, email, first_name, address, zip…) makes each of its values a
// finding; the other cells are scanned as text, with the row's name, MRN and address as known PHI.
#pragma once

#include <optional>
#include <span>
#include <vector>
#include <string_view>

#include "phi/finding.h"
#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"

namespace ward::phi {

// The PHI type a column holds by its name ("Date of Birth", "patient_ssn"), or none.
std::optional<PhiType> column_phi_type(std::string_view column_name);

// The row's own values for its free-text cells: the cells of name, MRN and geography columns
// (`column_types` by column, as column_phi_type gives them).
void add_csv_known_values(std::span<const std::optional<PhiType>> column_types, std::span<const std::string_view> row,
                          std::vector<KnownValue>& known);

// Findings located as "row N COLUMN" (N: data row, 1-based) on the row's line. A row with
// another number of fields than the header, or an unclosed quote, is one error naming its line
// and row; the other rows are still scanned. Fails only when Hyperscan fails.
Result<StructuredScan> scan_csv(std::string_view data, FieldScanner& fields);

}  // namespace ward::phi
