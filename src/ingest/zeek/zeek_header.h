// The header of a Zeek TSV log: the #separator, #set_separator, #empty_field, #unset_field,
// #path, #open, #fields and #types directives Zeek's ASCII writer puts before the rows (and
// again, with #close, each time it rotates or appends). Internal to ingest/zeek.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::ingest::zeek {

struct TsvHeader {
  char separator = '\t';
  std::string set_separator = ",";
  std::string empty_field = "(empty)";
  std::string unset_field = "-";
  std::string path;                  // "conn", "dns", …
  std::string open;                  // "2024-04-12-19-29-12", when given
  std::vector<std::string> fields;   // column names, "id.orig_h"
  std::vector<bool> container;       // per column: a set[...] or vector[...] (from #types)

  // Reads one line that starts with '#'. #close and unknown directives (a "### comment") are
  // ignored. Fails, naming the directive as the field, on a #separator that is not one byte
  // (after "\xHH" escapes) or a #types line whose count differs from #fields.
  Result<void> apply(std::string_view line);
};

// Decodes the "\xHH" escapes Zeek writes in header values ("\x09"); fails on a bad escape.
Result<std::string> decode_header_escapes(std::string_view value);

}  // namespace ward::ingest::zeek
