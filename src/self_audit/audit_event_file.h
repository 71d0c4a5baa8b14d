// A file of Ward's audit entries as FHIR AuditEvents, one per line (NDJSON): what
// `ward audit export --fhir FILE` writes, and what `ward serve` keeps appending to when the
// config names one (audit.fhir_file, docs/configuration.md) for a SIEM or an archive to pick up.
// The file is created with mode 0600; an existing file open to others is refused. Not
// thread-safe: one owner calls catch_up().
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace ward::self_audit {

class AuditEventFile {
 public:
  enum class Mode {
    replace,  // start the file afresh (an export)
    resume,   // keep what it holds and go on after the entry on its last line (a follower)
  };
  // Opens or creates `path`; `site` names this Ward in the events (audit_event_json). Errors:
  // the file cannot be created or read, or others may read it.
  static Result<AuditEventFile> open(const std::filesystem::path& path, std::string site, Mode mode);

  // Appends every entry of the trail after the last one written, in chain order, and flushes;
  // returns how many. Entries without a place in the chain are left out (`ward verify` names them).
  Result<std::uint64_t> catch_up(store::Store& store);

  // The seq of the last entry written; 0 before the first.
  std::int64_t last_seq() const { return last_seq_; }

 private:
  AuditEventFile(std::filesystem::path path, std::string site, std::int64_t last_seq)
      : path_(std::move(path)), site_(std::move(site)), last_seq_(last_seq) {}
  std::filesystem::path path_;
  std::string site_;
  std::int64_t last_seq_ = 0;
};

}  // namespace ward::self_audit
