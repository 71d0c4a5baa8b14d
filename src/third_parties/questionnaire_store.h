// Questionnaires in the store (migration 0027: program_questionnaires, program_questionnaire_answers).
// A questionnaire keeps its template as sent; answers are replaced question by question, all of
// one call in one transaction. Thread-safe (one connection behind a mutex), like VendorStore.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.h"
#include "store/sqlite_db.h"
#include "third_parties/questionnaire.h"
#include "third_parties/vendor.h"

namespace ward::third_parties {

class QuestionnaireStore {
 public:
  static Result<std::unique_ptr<QuestionnaireStore>> open(const std::filesystem::path& data_dir);

  // A new questionnaire of `t` for vendor `v` (an existing one, with its id), sent on `sent_on`.
  Result<Questionnaire> send(const Vendor& v, const QuestionnaireTemplate& t, const std::string& sent_on,
                             const std::string& actor);
  // Sets (replaces) the answers given, already checked by answers_from_json; not_found for an
  // unknown questionnaire. Nothing is saved unless all are.
  Result<void> answer(std::int64_t id, const std::vector<Answer>& answers, const std::string& actor);
  Result<std::optional<Questionnaire>> find(std::int64_t id);
  // Newest first; only vendor `vendor_id`'s when it is not 0.
  Result<std::vector<Questionnaire>> list(std::int64_t vendor_id = 0);

 private:
  explicit QuestionnaireStore(store::Db db) : db_(std::move(db)) {}
  Result<std::vector<Questionnaire>> select(std::int64_t id, std::int64_t vendor_id);  // mu_ held
  std::mutex mu_;
  store::Db db_;
};

}  // namespace ward::third_parties
