// A GET on the REST API of a `ward serve` a benchmark started (127.0.0.1, bearer token), for the
// figures only the server knows (GET /api/v1/detection/status). Blocking; one call, one
// connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::bench {

// The body of a 200 answer; an error with the status and body otherwise, or when the server
// cannot be reached.
Result<std::string> api_get(std::uint16_t port, std::string_view target, std::string_view token);

}  // namespace ward::bench
