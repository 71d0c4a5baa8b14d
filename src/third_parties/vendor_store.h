// Vendors in the store (migration 0022, table program_vendors). A vendor's name key (the name
// normalised as devices/vendor_names.h does: "Change Healthcare, Inc." = "change healthcare")
// is unique, so the same vendor cannot be added twice. Thread-safe (one connection behind a mutex).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.h"
#include "store/sqlite_db.h"
#include "third_parties/vendor.h"

namespace ward::third_parties {

class VendorStore {
 public:
  static Result<std::unique_ptr<VendorStore>> open(const std::filesystem::path& data_dir);

  // Adds `v` (already checked by vendor_from_json) and returns it with its id. A vendor whose
  // name key is taken is ErrorCode::invalid_input on field "name", naming the one that exists.
  Result<Vendor> add(Vendor v);
  Result<std::vector<Vendor>> list();
  // By id ("3") or by name (normalised); nullopt when none.
  Result<std::optional<Vendor>> find(const std::string& id_or_name);
  // Replaces vendor `v.id` with `v` (checked by vendor_from_json); its name key may not be another
  // vendor's ("name"). ErrorCode::not_found when there is no such vendor.
  Result<Vendor> update(const Vendor& v);
  // Deletes vendor `id` with its questionnaires and their answers, in one transaction.
  // ErrorCode::not_found when there is none. Services that depend on it are resilience's
  // concern (resilience/vendor_removal.h), checked before this is called.
  Result<void> remove(std::int64_t id);

 private:
  explicit VendorStore(store::Db db) : db_(std::move(db)) {}
  // The error for a name key held by a vendor other than `self` (0: any), or {}; mu_ held.
  Result<void> check_name_free(const std::string& key, std::int64_t self);
  std::mutex mu_;
  store::Db db_;
};

}  // namespace ward::third_parties
