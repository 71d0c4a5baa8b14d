// Reading the data rows of a devices CSV (inventory, device models) so that a bad row costs only
// itself. Defined in inventory_csv.cc.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "ingest/csv/csv_reader.h"

namespace ward::devices {

// The next data row into `row`: true when there is one; false at the end, or when a read error
// lost the rest of the file (an unclosed quote). A read error is quarantined with `source` and
// its line; when only its row is lost, the next row is read.
bool next_csv_row(ingest::CsvReader& reader, ingest::CsvRow& row, std::string_view source, std::vector<Error>& quarantined);

}  // namespace ward::devices
