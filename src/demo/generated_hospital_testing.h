// Test support for the demo hospital (included by *_test.cc only): generates a hospital and
// reads its files back as a user would (JSON lines, CSV rows, HL7 text). default_hospital()
// generates the default spec once per test binary, since most tests only look at it.
#pragma once

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "demo/hospital_generator.h"
#include "testing/shared_data.h"

namespace ward::demo::testing_support {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::size_t column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
inline CsvTable parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  CsvTable t;
  if (records.empty()) return t;
  t.header = std::move(records.front());
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i].size(), t.header.size()) << "CSV record " << i << " has the wrong field count";
    t.rows.push_back(std::move(records[i]));
  }
  return t;
}

inline std::vector<nlohmann::json> parse_ndjson(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    auto j = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "line " << line_no << " is not JSON";
    out.push_back(std::move(j));
  }
  return out;
}

inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

inline std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// "Patient/pat-000001" -> "pat-000001"
inline std::string id_of(const nlohmann::json& reference) {
  std::string r = reference.get<std::string>();
  return r.substr(r.find('/') + 1);
}

// The fields of an AuditEvent that the access tests compare, read with simdjson because the
// default hospital has tens of thousands of events (the full shape is checked with nlohmann in
// hospital_files_test.cc). A line that does not parse fails the test.
struct AuditSummary {
  std::string id, action, recorded, user, patient;  // user and patient: ids without the type
};

inline std::vector<AuditSummary> audit_summaries(const std::string& ndjson) {
  std::vector<AuditSummary> out;
  simdjson::ondemand::parser parser;
  std::istringstream in(ndjson);
  std::size_t line_no = 0;
  auto after_slash = [](std::string_view ref) { return std::string(ref.substr(ref.find('/') + 1)); };
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    try {
      simdjson::padded_string padded(line);
      simdjson::ondemand::document doc = parser.iterate(padded);
      AuditSummary a;
      a.id = std::string(std::string_view(doc["id"]));
      a.action = std::string(std::string_view(doc["action"]));
      a.recorded = std::string(std::string_view(doc["recorded"]));
      a.user = after_slash(doc["agent"].at(0)["who"]["reference"]);
      a.patient = after_slash(doc["entity"].at(0)["what"]["reference"]);
      out.push_back(std::move(a));
    } catch (const simdjson::simdjson_error& e) {
      ADD_FAILURE() << "audit_events.ndjson line " << line_no << ": " << e.what();
    }
  }
  return out;
}

// A generated hospital in a temporary folder; each file is read and parsed on first use.
class LoadedHospital {
 public:
  explicit LoadedHospital(const HospitalSpec& spec) {
    auto generated = generate_hospital(spec, dir.path());
    EXPECT_TRUE(generated) << (generated ? "" : generated.error().describe());
    if (generated) files = *generated;
  }

  testing::TempDir dir;
  GeneratedFiles files;

  std::string text(std::string_view name) const { return testing::read_file(dir.path() / std::string(name)); }

  const std::vector<nlohmann::json>& practitioners() const { split_practitioners(); return *practitioners_; }
  const std::vector<nlohmann::json>& roles() const { split_practitioners(); return *roles_; }
  const std::vector<nlohmann::json>& patients() const { return json_lines(patients_, "patients.ndjson"); }
  const std::vector<nlohmann::json>& encounters() const { return json_lines(encounters_, "encounters.ndjson"); }
  const std::vector<nlohmann::json>& audit_events() const { return json_lines(audit_events_, "audit_events.ndjson"); }
  const std::vector<AuditSummary>& audit_summary() const {
    if (!audit_summary_) audit_summary_ = audit_summaries(text("audit_events.ndjson"));
    return *audit_summary_;
  }
  const CsvTable& roster() const { return table(roster_, "roster.csv"); }
  const CsvTable& access_log() const { return table(access_log_, "access_log.csv"); }
  const CsvTable& truth() const { return table(truth_, "truth.csv"); }
  const std::string& adt() const {
    if (!adt_) adt_ = text("adt.hl7");
    return *adt_;
  }

 private:
  using Lines = std::optional<std::vector<nlohmann::json>>;
  const std::vector<nlohmann::json>& json_lines(Lines& cache, std::string_view name) const {
    if (!cache) cache = parse_ndjson(text(name));
    return *cache;
  }
  const CsvTable& table(std::optional<CsvTable>& cache, std::string_view name) const {
    if (!cache) cache = parse_csv(text(name));
    return *cache;
  }
  void split_practitioners() const {
    if (practitioners_) return;
    practitioners_.emplace();
    roles_.emplace();
    for (auto& j : parse_ndjson(text("practitioners.ndjson")))
      (j.value("resourceType", "") == "Practitioner" ? *practitioners_ : *roles_).push_back(std::move(j));
  }

  mutable Lines practitioners_, roles_, patients_, encounters_, audit_events_;
  mutable std::optional<CsvTable> roster_, access_log_, truth_;
  mutable std::optional<std::string> adt_;
  mutable std::optional<std::vector<AuditSummary>> audit_summary_;
};

inline std::unique_ptr<LoadedHospital> load_hospital(const HospitalSpec& spec) {
  return std::make_unique<LoadedHospital>(spec);
}

// The default spec: 200 users, 2000 patients, 7 days. Generated once per test process.
inline const LoadedHospital& default_hospital() {
  static const std::unique_ptr<LoadedHospital> hospital = load_hospital(HospitalSpec{});
  return *hospital;
}

// A smaller hospital of the same shape (80 users, 800 patients, 3 days from 2026-11-01), for
// tests that read every record: quicker where each test runs in its own process.
inline HospitalSpec medium_spec() {
  HospitalSpec spec;
  spec.users = 80;
  spec.patients = 800;
  spec.days = 3;
  return spec;
}

inline const LoadedHospital& medium_hospital() {
  static const std::unique_ptr<LoadedHospital> hospital = load_hospital(medium_spec());
  return *hospital;
}

}  // namespace ward::demo::testing_support
