// program_cli.h: audit, JSON input, state laws for the program commands.
#include "cli/program_cli.h"

#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "core/file_reader.h"
#include "store/store.h"

namespace ward::cli {

int run_audited(const GlobalOptions& global, std::string_view command, const std::string& subject,
                const std::function<Result<std::string>()>& body) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) {
    print_error(store.error());
    return kExitFailure;
  }
  Result<std::string> out = body();
  if (!audit_command(**store, command, subject, out.has_value())) return kExitFailure;
  if (!out) {
    print_error(out.error());
    return kExitFailure;
  }
  fmt::print("{}", *out);
  return kExitOk;
}

Result<nlohmann::json> read_json_input(const std::string& file) {
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto bytes = read_input_file(file);
    if (!bytes) return Unexpected(bytes.error());
    text = std::string(bytes->view());
  }
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Unexpected(Error{ErrorCode::invalid_input, "expected a JSON object", file == "-" ? "stdin" : file});
  return j;
}

Result<incidents::StateLaws> state_laws_from(const std::string& file) {
  if (file.empty()) return incidents::builtin_state_laws();
  auto bytes = read_input_file(file);
  if (!bytes) return Unexpected(bytes.error());
  return incidents::parse_state_laws(bytes->view(), file);
}

}  // namespace ward::cli
