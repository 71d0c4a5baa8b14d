// Test helpers for the FHIR input: run parse_fhir over a string or a public sample and keep what
// it handed to the sink, its summary and its result. Used by the *_test.cc files of this folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/file_reader.h"
#include "ingest/fhir/fhir_parser.h"
#include "testing/shared_data.h"

namespace ward::ingest::fhir_testing {

struct Parsed {
  ward::testing::CollectingSink sink;
  ImportSummary summary;
  Result<void> result;

  const TypeCounts& counts(const std::string& type) { return summary.by_type[type]; }
};

// Tests look at the flat field view too, which import leaves off by default.
inline ParseOptions with_fields() {
  ParseOptions options;
  options.keep_fields = true;
  return options;
}

inline Parsed parse_text(std::string_view data, std::string source = "test.json",
                         ParseOptions options = with_fields()) {
  Parsed out;
  ParseContext ctx(std::move(source), out.sink, options);
  out.result = parse_fhir(data, ctx);
  out.summary = ctx.summary();
  return out;
}

// A file under ../shared/data (gunzipped when it is .gz), parsed with the path as source.
inline Parsed parse_shared(std::string_view relative, ParseOptions options = with_fields()) {
  std::filesystem::path path = ward::testing::shared_data(relative);
  Result<InputBytes> data = read_input_file(path);
  if (!data) {
    Parsed out;
    out.result = tl::unexpected(data.error());
    return out;
  }
  return parse_text(data->view(), path.string(), options);
}

// tests/golden/fhir/<relative> in this checkout: found from this file's path, or — when the
// compiler was given a relative one (ccache with base_dir) — from the working directory, which
// ctest sets to the checkout.
inline std::filesystem::path golden(std::string_view relative) {
  const std::filesystem::path here(__FILE__);
  const std::filesystem::path root =
      here.is_absolute() ? here.parent_path().parent_path().parent_path().parent_path()
                         : std::filesystem::path(".");
  return root / "tests" / "golden" / "fhir" / std::string(relative);
}

}  // namespace ward::ingest::fhir_testing
