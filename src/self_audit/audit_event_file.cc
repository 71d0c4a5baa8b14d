// The NDJSON file of AuditEvents (see audit_event_file.h). Resuming reads only the file's tail:
// the last whole line names the last entry written ("id": "ward-audit-<seq>").
#include "self_audit/audit_event_file.h"

#include <charconv>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/private_file.h"
#include "self_audit/audit_event_fhir.h"

namespace ward::self_audit {
namespace {

constexpr std::size_t kTailBytes = 64 * 1024;  // longer than any one AuditEvent line
constexpr std::string_view kIdPrefix = "ward-audit-";

Error io_error(const std::filesystem::path& path, std::string message) {
  return Error{ErrorCode::io, std::move(message), path.string(), 0, 0, {}};
}

// The seq named by the last whole line of `path`; 0 when it has none. A line cut short by a
// crash is ended with a newline first, so the next line starts on its own.
Result<std::int64_t> last_seq_in(const std::filesystem::path& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary | std::ios::ate);
  if (!file) return Unexpected(io_error(path, "cannot read the AuditEvent file"));
  const std::streamoff size = file.tellg();
  if (size <= 0) return std::int64_t{0};
  const std::streamoff from = size > static_cast<std::streamoff>(kTailBytes) ? size - static_cast<std::streamoff>(kTailBytes) : 0;
  std::string tail(static_cast<std::size_t>(size - from), '\0');
  file.seekg(from);
  file.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  if (!file) return Unexpected(io_error(path, "cannot read the AuditEvent file"));
  if (tail.back() != '\n') {
    file.seekp(0, std::ios::end);
    file.put('\n');
    if (!file.flush()) return Unexpected(io_error(path, "cannot write the AuditEvent file"));
    tail = tail.substr(0, tail.rfind('\n') + 1);  // the cut line names nothing
  }
  while (!tail.empty() && tail.back() == '\n') tail.pop_back();
  if (tail.empty()) return std::int64_t{0};
  const std::string line = tail.substr(tail.rfind('\n') + 1);
  nlohmann::json event = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  const std::string id = event.is_object() ? event.value("id", "") : "";
  std::int64_t seq = 0;
  if (id.starts_with(kIdPrefix)) {
    const char* first = id.data() + kIdPrefix.size();
    auto [end, ec] = std::from_chars(first, id.data() + id.size(), seq);
    if (ec == std::errc() && end == id.data() + id.size() && seq > 0) return seq;
  }
  return Unexpected(io_error(path, "the last line is not an AuditEvent Ward wrote; name another file"));
}

}  // namespace

Result<AuditEventFile> AuditEventFile::open(const std::filesystem::path& path, std::string site, Mode mode) {
  auto created = ensure_private_file(path);
  if (!created) return Unexpected(created.error());
  std::int64_t last = 0;
  if (mode == Mode::replace) {
    std::ofstream empty(path, std::ios::binary | std::ios::trunc);
    if (!empty) return Unexpected(io_error(path, "cannot write the AuditEvent file"));
  } else {
    auto found = last_seq_in(path);
    if (!found) return Unexpected(found.error());
    last = *found;
  }
  return AuditEventFile(path, std::move(site), last);
}

Result<std::uint64_t> AuditEventFile::catch_up(store::Store& store) {
  std::ofstream out(path_, std::ios::binary | std::ios::app);
  if (!out) return Unexpected(io_error(path_, "cannot write the AuditEvent file"));
  std::uint64_t written = 0;
  std::int64_t last = last_seq_;
  auto walked = store.for_each_audit_record(last_seq_, [&](const store::AuditRecord& r) -> Result<void> {
    if (r.seq == 0) return {};
    out << audit_event_json(r, site_).dump() << '\n';
    last = r.seq;
    ++written;
    return {};
  });
  out.flush();
  if (!out) return Unexpected(io_error(path_, "the AuditEvent file could not be written in full"));
  last_seq_ = last;  // what is in the file, even when reading the trail stopped part way
  if (!walked) return Unexpected(walked.error());
  return written;
}

}  // namespace ward::self_audit
