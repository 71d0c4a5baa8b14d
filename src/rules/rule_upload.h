// Checking an upload of Sigma YAML before it goes into the rule store: every document is parsed
// and compiled with Ward's own loaders and compiler (src/sigma), so a rule in the store is one
// the engine can run. Start here for `POST /api/v1/rules` and `ward rules import`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sigma/compiled_rule.h"
#include "store/store.h"

namespace ward::rules {

// Why one document of an upload was refused. `document` is 1-based among the upload's
// documents (0: the upload as a whole); `line` is in the upload, 0 when not known.
struct UploadProblem {
  int document = 0;
  std::string rule;     // the document's title, else its id; "" when it has neither
  std::uint64_t line = 0;
  std::string field;    // "detection.selection", "correlation.rules"…; "" when not known
  std::string message;
  // "document 2 (SSH brute force), line 14: detection.selection: …"
  std::string describe() const;
};

struct CheckedUpload {
  // One record per document, in upload order, with id, title, level, status, logsource, kind
  // and the document's own text; the caller fills origin and who/when.
  std::vector<store::DetectionRuleRecord> rules;
  std::vector<UploadProblem> problems;  // empty: every document may be stored
};

// Splits `text` (one or more YAML documents separated by `---` lines) and checks each document:
// a Sigma rule (parse_rule_document, compile_rule: a regex RE2 cannot run is refused with the
// compiler's message), a correlation (linked to the rules of the same upload, by id or name) or
// a filter. Documents without an id get "ward-" and a hash of their text, so the same text
// uploaded again keeps its id. `source` names the upload in messages ("upload", a file path).
// Never fails: what is wrong is in `problems`.
CheckedUpload check_rule_upload(std::string_view text, std::string_view source,
                                const sigma::CompileOptions& options = {});

// What upload_rules did: the checked upload and, when it had no problems, what storing each of
// its rules did (same order as checked.rules). Nothing is stored when there are problems.
struct UploadResult {
  CheckedUpload checked;
  std::vector<store::RuleUpsert> outcomes;
  bool accepted() const { return checked.problems.empty(); }
};

// Checks `text` and, when every document is fine, upserts its rules in one transaction as
// added by `actor` ("token:3 (alice)", "cli:alice") through `origin` ("api", "cli") now. Fails
// only when the store does.
Result<UploadResult> upload_rules(store::Store& store, std::string_view text, std::string_view source,
                                  const sigma::CompileOptions& options, std::string_view origin,
                                  std::string_view actor);

// The text of each YAML document of `text`, exactly as written, and the line (1-based) it
// starts on; documents with nothing but blanks and comments are left out. A line `---` (with
// optional text after a space) starts a document, a line `...` ends one.
struct DocumentText {
  std::string_view text;
  std::uint64_t first_line = 1;
};
std::vector<DocumentText> split_documents(std::string_view text);

}  // namespace ward::rules
