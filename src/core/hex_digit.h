// The value of one hexadecimal digit, for decoders of escapes (\x41, %41): 0–15, or -1 when the
// byte is not a hexadecimal digit.
#pragma once

namespace ward {

inline int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace ward
