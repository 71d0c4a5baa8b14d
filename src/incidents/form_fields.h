// Reading a form's JSON fields with errors that name the field ("title: expected a string"),
// shared by the incident, assessment and vendor readers and the program's API routes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ward::incidents {

// ErrorCode::invalid_input "<field>: <what>" on `field`.
Unexpected field_error(std::string_view field, std::string_view what);

// body[key] as a string: "" when absent or null; an error on `field` when it is not a string.
Result<std::string> string_field(const nlohmann::json& body, const char* key, std::string_view field);
inline Result<std::string> string_field(const nlohmann::json& body, const char* key) { return string_field(body, key, key); }

// body[key] as a list of non-empty strings: empty when absent or null; an error on `key` otherwise.
Result<std::vector<std::string>> string_list_field(const nlohmann::json& body, const char* key);

}  // namespace ward::incidents
