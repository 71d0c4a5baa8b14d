// Test helpers: where the public samples in ../shared/data are, and a RecordSink that keeps
// everything a parser produced so a test can look at it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/field_view.h"
#include "ingest/parse_context.h"

namespace ward::testing {

// ../shared/data/<relative>, found through $WARD_SHARED_DATA (set by CMake for ctest) or by
// walking up from the working directory. Fails the calling test when the folder is missing.
std::filesystem::path shared_data(std::string_view relative = "");

std::string read_file(const std::filesystem::path& path);
// Writes `text` to `path` (replacing it); fails the calling test when it cannot.
void write_file(const std::filesystem::path& path, std::string_view text);

// The JSON objects of a file (pretty-printed, back to back, as SigmaHQ's regression events are),
// compacted one per line, each line ended: what `jq -c .` makes of it. Fails the calling test
// when the file is not such JSON.
std::string as_json_lines(const std::filesystem::path& json_file);

// A fresh, empty directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
 private:
  std::filesystem::path path_;
};

// Copies out what a parser hands over. Event strings are copied into owned storage.
struct OwnedEvent {
  std::string id;
  TimeNs time = 0;
  EventKind kind = EventKind::unknown;
  Action action = Action::unknown;
  Outcome outcome = Outcome::unknown;
  std::string user_id, user_name, role, department, host, ip;
  std::string patient_id, patient_mrn, object, purpose, source, raw;
  std::vector<std::pair<std::string, std::string>> fields;  // read through ingest::FieldView
  std::string field(std::string_view name) const;  // first match or ""
};

class CollectingSink : public ingest::RecordSink {
 public:
  Result<void> accept(ingest::ParsedRecords& records) override;
  std::vector<OwnedEvent> events;
  std::vector<PatientRecord> patients;
  std::vector<WorkforceMember> workforce;
  std::vector<EncounterRecord> encounters;
  std::vector<ingest::Rejection> rejections;

 private:
  ingest::FieldView field_view_;
};

// What a parser handed to its sink, and the context's summary.
struct ParsedInput {
  CollectingSink sink;
  ingest::ImportSummary summary;
};

// Runs `parse(ParseContext&)` (a parser's entry point) over a fresh context named `source`, with
// the flat field view on (tests look at it; import leaves it off); the parse must succeed.
template <class Parse>
std::unique_ptr<ParsedInput> parse_input(std::string source, ingest::ParseOptions options,
                                         Parse parse) {
  auto p = std::make_unique<ParsedInput>();
  options.keep_fields = true;
  ingest::ParseContext ctx(std::move(source), p->sink, options);
  EXPECT_TRUE(parse(ctx));
  p->summary = ctx.summary();
  return p;
}

}  // namespace ward::testing
