// Workforce roster CSV (an HR export) -> WorkforceMember in ctx.out().workforce, so the privacy
// engine knows each user's name, role, department, address and hire/termination dates.
// Columns are found by header name (case-insensitive, with common aliases); see parse_roster_csv.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Parses a roster, counting "roster row". The delimiter (, ; tab |) is read off the header.
// Columns, with aliases: id (employee_id, emp_id, user_id), practitioner_id (fhir_id), name
// (full_name; or first_name + last_name), role (job_title, title), department (dept, unit),
// address, birth_date (dob), hire_date (start_date), termination_date (term_date, end_date).
// id = practitioner_id when given, else the employee id. Dates become YYYY-MM-DD from
// YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD. A file without a header or an id column is one rejection;
// a row with the wrong column count, no id or a bad date is rejected and the rest goes on.
// Returns an error only when the sink fails.
Result<void> parse_roster_csv(std::string_view data, ParseContext& ctx);

// True when the first line of `head` has an id column, a name (or first and last name) and a
// role or department column, and no timestamp column (that would be an access log).
bool looks_like_roster_csv(std::string_view head);

// "2024-03-07", "3/7/2024", "03/07/2024" or "20240307" -> "2024-03-07"; "" stays "". Fails on
// anything else or on a date that does not exist, without quoting the text.
Result<std::string> normalise_roster_date(std::string_view text);

}  // namespace ward::ingest
