// The SBOMs attached to device models in the store (migration 0020, table device_sboms): one
// per (vendor, model, version) as the user wrote them, kept as the document's JSON text. Its
// own connection, used by one thread at a time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/device_store.h"
#include "devices/sbom.h"
#include "store/sqlite_db.h"

namespace ward::devices {

struct SbomDocument {
  std::string vendor, model, version, format, spec_version;
  std::int64_t components = 0;
  std::string content_hash, source, body;
};

class SbomStore {
 public:
  static Result<SbomStore> open(const std::filesystem::path& data_dir);

  // Added, updated (another text for the same vendor, model and version) or unchanged.
  Result<Upsert> upsert(const SbomDocument& doc);
  // All, by vendor, model and version.
  Result<std::vector<SbomDocument>> all();
  // All, parsed, for the matcher; a stored text that no longer parses is an Error naming its source.
  Result<std::vector<AttachedSbom>> attached();

 private:
  explicit SbomStore(store::Db db) : db_(std::move(db)) {}
  store::Db db_;
};

}  // namespace ward::devices
