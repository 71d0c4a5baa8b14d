#include "testing/shared_data.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>
#include <simdjson.h>

namespace ward::testing {

std::filesystem::path shared_data(std::string_view relative) {
  namespace fs = std::filesystem;
  fs::path base;
  if (const char* env = std::getenv("WARD_SHARED_DATA"); env != nullptr && *env != '\0') {
    base = env;
  } else {
    for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / "shared" / "data")) { base = dir / "shared" / "data"; break; }
      if (fs::exists(dir / ".." / "shared" / "data")) { base = dir / ".." / "shared" / "data"; break; }
      if (dir == dir.parent_path()) break;
    }
  }
  EXPECT_TRUE(!base.empty() && fs::exists(base))
      << "public test data not found: set WARD_SHARED_DATA or check out beside ../shared/data";
  return relative.empty() ? base : base / std::string(relative);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  EXPECT_TRUE(out.good()) << "cannot write " << path;
}

std::string as_json_lines(const std::filesystem::path& json_file) {
  const simdjson::padded_string text(read_file(json_file));
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  std::string lines;
  EXPECT_EQ(parser.parse_many(text).get(stream), simdjson::SUCCESS) << json_file;
  for (auto doc : stream) {
    simdjson::dom::element object;
    EXPECT_EQ(doc.get(object), simdjson::SUCCESS) << json_file;
    if (object.type() != simdjson::dom::element_type::OBJECT) continue;
    lines += simdjson::minify(object);
    lines += '\n';
  }
  return lines;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("ward-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string OwnedEvent::field(std::string_view name) const {
  for (const auto& [n, v] : fields)
    if (n == name) return v;
  return {};
}

Result<void> CollectingSink::accept(ingest::ParsedRecords& records) {
  for (const Event& e : records.events.events()) {
    OwnedEvent o;
    o.id = e.id;
    o.time = e.time;
    o.kind = e.kind;
    o.action = e.action;
    o.outcome = e.outcome;
    o.user_id = e.actor.user_id;
    o.user_name = e.actor.name;
    o.role = e.actor.role;
    o.department = e.actor.department;
    o.host = e.actor.host;
    o.ip = e.actor.ip;
    o.patient_id = e.patient.id;
    o.patient_mrn = e.patient.mrn;
    o.object = e.object;
    o.purpose = e.purpose;
    o.source = e.source;
    o.raw = e.raw;
    for (const Field& f : field_view_.of(records.events, e)) o.fields.emplace_back(f.name, f.value);
    events.push_back(std::move(o));
  }
  for (auto& p : records.patients) patients.push_back(std::move(p));
  for (auto& w : records.workforce) workforce.push_back(std::move(w));
  for (auto& enc : records.encounters) encounters.push_back(std::move(enc));
  for (auto& r : records.rejections) rejections.push_back(std::move(r));
  return {};
}

}  // namespace ward::testing
