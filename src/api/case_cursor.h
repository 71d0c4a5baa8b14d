// The case list's page cursor (`?cursor=` and `next_cursor` of GET /api/v1/privacy/cases): the
// last case's sort value and id as text, so the next page starts there instead of skipping.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "store/privacy_rows.h"

namespace ward::api {

// "VALUE:ID" (score or time, then the case id), or "ID" for sort=case_id.
std::string case_cursor_text(const store::CaseRecord& last, const store::CaseQuery& q);

// Reads a cursor made by case_cursor_text for the same sort; invalid_input naming `cursor`.
Result<store::CaseCursor> read_case_cursor(std::string_view text, const store::CaseQuery& q);

}  // namespace ward::api
