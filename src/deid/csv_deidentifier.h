// De-identifies CSV with a header row column by column: a column the policy names (csv.columns)
// or whose header says what it holds (ssn, mrn, dob, phone, first_name… as `ward scan` reads
// them, phi/formats/csv_phi_scan.h) has each value replaced by its type's action without a
// scan; the other cells are scanned as free text with the row's name, MRN and address as known
// values. The header, the delimiter, line ends and unchanged rows are kept byte for byte; a
// changed row is written with RFC 4180 quoting where a value needs it.
//
//   auto out = deidentify_csv(file_bytes, deidentifier, scratch, "export.csv");  // out->text, out->changed
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "deid/text_deidentifier.h"

namespace ward::deid {

// What a column holds: the policy's rule for it (names compared as `ward scan` compares them:
// case, spaces and hyphens aside), else the PHI type its name says, else free text.
FieldRule csv_column_rule(const Policy& policy, std::string_view column_name);

// One date offset per patient: a row's record is its first MRN column's value, else its first
// name column's, else `file`. Fails, naming the row and its line, when a row has another number
// of fields than the header or a quote is never closed: the file is then not de-identified.
Result<Deidentified> deidentify_csv(std::string_view data, TextDeidentifier& deid, phi::ScanScratch& scratch,
                                    std::string_view file);

}  // namespace ward::deid
