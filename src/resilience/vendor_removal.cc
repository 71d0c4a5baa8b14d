// vendor_removal.h: check the services, detach them when forced, then delete the vendor.
#include "resilience/vendor_removal.h"

#include <fmt/format.h>

#include "resilience/resilience_store.h"
#include "third_parties/vendor_store.h"

namespace ward::resilience {

Result<VendorRemoval> remove_vendor(const std::filesystem::path& data_dir, const std::string& id_or_name, bool force) {
  auto vendors = third_parties::VendorStore::open(data_dir);
  if (!vendors) return Unexpected(vendors.error());
  auto found = (*vendors)->find(id_or_name);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("there is no vendor \"{}\" (ward program vendor list)", id_or_name), "vendor");
  auto services = ResilienceStore::open(data_dir);
  if (!services) return Unexpected(services.error());
  VendorRemoval out{std::move(**found), false, {}};
  auto using_it = force ? (*services)->detach_vendor(out.vendor.id) : (*services)->services_using_vendor(out.vendor.id);
  if (!using_it) return Unexpected(using_it.error());
  for (const Service& s : *using_it) out.services.push_back(s.name);
  if (!force && !out.services.empty()) return out;
  if (auto r = (*vendors)->remove(out.vendor.id); !r) return Unexpected(r.error());
  out.removed = true;
  return out;
}

std::string refusal_message(const VendorRemoval& r, std::string_view how_to_force) {
  return fmt::format("vendor {} \"{}\" is a dependency of {} service{} ({}): edit {} first, or {} to detach {} and delete",
                     r.vendor.id, r.vendor.name, r.services.size(), r.services.size() == 1 ? "" : "s",
                     fmt::join(r.services, ", "), r.services.size() == 1 ? "it" : "them", how_to_force,
                     r.services.size() == 1 ? "it" : "them");
}

}  // namespace ward::resilience
