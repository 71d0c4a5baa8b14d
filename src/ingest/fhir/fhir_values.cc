#include "ingest/fhir/fhir_values.h"

#include <array>
#include <cstdint>

namespace ward::ingest::fhir {
namespace {

constexpr auto npos = std::string_view::npos;

// "Patient/123/_history/2" -> "Patient/123"
std::string_view without_history(std::string_view ref) {
  if (std::size_t h = ref.find("/_history/"); h != npos) return ref.substr(0, h);
  return ref;
}

// The part after the last `sep`, or all of `s` when there is none.
std::string_view after_last(std::string_view s, std::string_view sep) {
  std::size_t p = s.rfind(sep);
  return p == npos ? s : s.substr(p + sep.size());
}

bool starts_with_ci(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}


// Length of the valid UTF-8 sequence starting at s[i], or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  auto c1 = static_cast<unsigned char>(s[i + 1]);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F))
    return 0;  // overlong, surrogate or beyond U+10FFFF
  return len;
}

}  // namespace

std::string_view reference_id(std::string_view ref) {
  if (ref.empty()) return {};
  if (starts_with_ci(ref, "urn:uuid:") || starts_with_ci(ref, "urn:oid:"))
    return ref.substr(ref.find(':', 4) + 1);
  if (ref.front() == '#') return ref.substr(1);
  if (std::size_t q = ref.find('?'); q != npos) {
    // Conditional reference: the value of the identifier parameter, without its system.
    std::string_view query = ref.substr(q + 1);
    std::size_t p = query.find("identifier=");
    if (p == npos) return {};
    std::string_view value = query.substr(p + 11);
    value = value.substr(0, value.find('&'));
    if (value.find('|') != npos) return after_last(value, "|");
    if (std::size_t enc = value.rfind("%7C"); enc != npos) return value.substr(enc + 3);
    return after_last(value, "%7c");
  }
  return after_last(without_history(ref), "/");
}

std::string_view reference_type(std::string_view ref) {
  if (ref.empty() || ref.front() == '#' || starts_with_ci(ref, "urn:")) return {};
  if (std::size_t q = ref.find('?'); q != npos) return after_last(ref.substr(0, q), "/");
  ref = without_history(ref);
  std::size_t slash = ref.rfind('/');
  if (slash == npos) return {};
  return after_last(ref.substr(0, slash), "/");
}

std::string_view cx_id(std::string_view value) { return value.substr(0, value.find('^')); }

void repair_latin1(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size() + in.size() / 8);
  std::size_t i = 0;
  while (i < in.size()) {
    if (std::size_t len = utf8_sequence_length(in, i); len != 0) {
      out.append(in.substr(i, len));
      i += len;
      continue;
    }
    auto c = static_cast<unsigned char>(in[i++]);
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool is_printable_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
    std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view utf8_prefix(std::string_view s, std::size_t limit) {
  if (s.size() <= limit) return s;
  std::size_t n = limit;
  // Step back over continuation bytes (10xxxxxx) so the cut falls before a lead byte.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace ward::ingest::fhir
