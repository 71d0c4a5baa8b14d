// form_fields.h: field-naming errors for form JSON.
#include "incidents/form_fields.h"

#include <fmt/format.h>

namespace ward::incidents {

Unexpected field_error(std::string_view field, std::string_view what) {
  return fail(ErrorCode::invalid_input, fmt::format("{}: {}", field, what), std::string(field));
}

Result<std::string> string_field(const nlohmann::json& body, const char* key, std::string_view field) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return field_error(field, "expected a string");
  return body[key].get<std::string>();
}

Result<std::vector<std::string>> string_list_field(const nlohmann::json& body, const char* key) {
  std::vector<std::string> out;
  if (!body.contains(key) || body[key].is_null()) return out;
  if (!body[key].is_array()) return field_error(key, "expected a list of strings");
  for (const nlohmann::json& v : body[key]) {
    if (!v.is_string() || v.get<std::string>().empty()) return field_error(key, "expected a list of non-empty strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace ward::incidents
