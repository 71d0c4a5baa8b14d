#include "core/error.h"

#include <fmt/format.h>

namespace ward {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::io: return "io";
    case ErrorCode::storage: return "storage";
    case ErrorCode::config: return "config";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string Error::describe() const {
  std::string out = source;
  if (line > 0) out += fmt::format(":{}", line);
  if (line == 0 && offset > 0) out += fmt::format(":@{}", offset);
  if (!out.empty()) out += ": ";
  // Messages for a form usually name their field already ("title: missing"): say it once.
  if (!field.empty() && !message.starts_with(field + ":")) out += field + ": ";
  out += message;
  return out;
}

}  // namespace ward
