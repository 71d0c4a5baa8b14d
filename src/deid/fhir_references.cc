// FHIR ids and references pseudonymised (fhir_references.h).
#include "deid/fhir_references.h"

#include <algorithm>

#include <fmt/format.h>

#include "deid/surrogates.h"
#include "ingest/fhir/fhir_values.h"
#include "phi/formats/fhir_phi_fields.h"

namespace ward::deid {
namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_uuid(std::string_view id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !is_hex(id[i])) return false;
  }
  return true;
}

}  // namespace

Result<std::string> pseudonymous_fhir_id(TextDeidentifier& deid, std::string_view id) {
  auto n = deid.link_number("fhir_id", id);
  if (!n) return Unexpected(n.error());
  if (!is_uuid(id)) return link_code(*n);
  // A version 4 UUID from the number, so it reads as a random one.
  NumberStream stream(*n);
  const std::uint64_t high = (stream.next() & ~0xF000ULL) | 0x4000ULL;
  const std::uint64_t low = (stream.next() & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                     low & 0xFFFFFFFFFFFFULL);
}

Result<std::string> pseudonymous_reference(TextDeidentifier& deid, std::string_view reference) {
  if (reference.empty() || reference.front() == '#' || reference.starts_with("urn:oid:")) return std::string(reference);
  // A bare type ("Patient", a transaction's POST url) names no resource.
  if (!reference.starts_with("urn:uuid:") && reference.find_first_of("/?") == std::string_view::npos)
    return std::string(reference);
  if (reference.find('?') != std::string_view::npos && !phi::is_fhir_person(ingest::fhir::reference_type(reference)))
    return std::string(reference);
  const std::string_view id = ingest::fhir::reference_id(reference);
  if (id.empty()) return std::string(reference);
  auto code = pseudonymous_fhir_id(deid, id);
  if (!code) return code;
  const auto at = static_cast<std::size_t>(id.data() - reference.data());
  return std::string(reference.substr(0, at)) + *code + std::string(reference.substr(at + id.size()));
}

}  // namespace ward::deid
