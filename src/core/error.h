// Errors as values: every function that can fail on input returns ward::Result<T>.
// An Error says what went wrong for a person, and where: source (file or peer), line, byte
// offset and field. Start here before reading any parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace ward {

enum class ErrorCode : std::uint8_t {
  invalid_input,   // the record is malformed (bad JSON, bad date, missing required field)
  unsupported,     // well-formed but of a kind Ward does not take (wrong resourceType, HL7 version)
  too_large,       // over a configured limit (line length, body size)
  not_found,       // a lookup found nothing
  io,              // the operating system refused (open, read, write)
  storage,         // the store failed
  config,          // a configuration key is wrong
  unauthorized,    // missing or wrong credentials
  forbidden,       // right credentials, but their role may not do this
  internal,        // a bug in Ward: report it
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // for a person; never contains PHI values
  std::string source;   // file path, peer address or route
  std::uint64_t line = 0;    // 1-based; 0 when not known
  std::uint64_t offset = 0;  // byte offset of the record in the source
  std::string field;         // the offending field, e.g. "agent[0].who" or "PID-7"

  // "file:line: field: message" with the parts that are known.
  std::string describe() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Unexpected = tl::unexpected<Error>;

inline Unexpected fail(ErrorCode code, std::string message, std::string field = {}) {
  return Unexpected(Error{code, std::move(message), {}, 0, 0, std::move(field)});
}

}  // namespace ward
