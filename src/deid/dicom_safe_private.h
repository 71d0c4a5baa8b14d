// DICOM PS3.15 Table E.3.10-1, the Safe Private Attributes that the Retain Safe Private Option
// keeps (data/deid/dicom_safe_private_attributes.tsv, embedded), and the lookup of the private
// creator that owns a private element. A private element (gggg,xxEE) belongs to the block its
// creator (gggg,00xx) reserves in the same item, so the same tag can be safe in one item and not
// in another. Thread-safe: the table is immutable once built.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.h"

class DcmItem;

namespace ward::deid {

extern const std::string_view kDicomSafePrivateAttributes;  // data/deid, embedded (generated)

class SafePrivateTable {
 public:
  static const SafePrivateTable& annex_e();  // the embedded table
  // Tab-separated rows "creator group element vr name" after a header line; # starts a comment.
  // A bad row is an error naming `source` and its line.
  static Result<SafePrivateTable> parse(std::string_view tsv, std::string_view source);

  // Whether element offset `element` (the EE of xxEE) of `creator`'s block in `group` is safe.
  // The creator is compared as written in the standard, spaces around it aside.
  bool is_safe(std::string_view creator, std::uint16_t group, std::uint8_t element) const;
  std::size_t size() const { return rows_.size(); }

 private:
  std::set<std::tuple<std::string, std::uint16_t, std::uint8_t>, std::less<>> rows_;
};

// The private creator that owns (group, element) in `item` — the value of (group,00xx) where xx is
// the element's high byte — or "" when the item has none (the element then belongs to no one).
std::string private_creator_of(DcmItem& item, std::uint16_t group, std::uint16_t element);

}  // namespace ward::deid
