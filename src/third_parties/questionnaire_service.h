// What the CLI and the API do with questionnaires, in one place: send one to a vendor, record
// answers, and find the result that counts in each vendor's risk score.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "third_parties/questionnaire_score.h"
#include "third_parties/questionnaire_store.h"
#include "third_parties/vendor_store.h"

namespace ward::third_parties {

// Sends `t` to the vendor `vendor` (id or name), dated today. An unknown vendor is not_found on
// field "vendor" and saves nothing.
Result<Questionnaire> send_questionnaire(VendorStore& vendors, QuestionnaireStore& questionnaires, const std::string& vendor,
                                         const QuestionnaireTemplate& t, const std::string& actor);

// Checks `body` (answers_from_json) against questionnaire `id`'s questions, saves the answers and
// returns the questionnaire as it now stands. not_found for an unknown id; nothing saved on error.
Result<Questionnaire> answer_questionnaire(QuestionnaireStore& questionnaires, std::int64_t id, const nlohmann::json& body,
                                           const std::string& actor);

// Per vendor id, the questionnaire that speaks for it: the newest complete one, else the newest.
// `all` newest first, as QuestionnaireStore::list gives them.
using ResultsByVendor = std::map<std::int64_t, QuestionnaireResult>;
ResultsByVendor results_by_vendor(const std::vector<Questionnaire>& all);

// results_by_vendor of every questionnaire in the store of `data_dir` (what the vendor list and
// a vendor's page score with); and the one for `vendor_id`, nullptr when it has none.
Result<ResultsByVendor> questionnaire_results(const std::filesystem::path& data_dir);
const QuestionnaireResult* result_for(const ResultsByVendor& results, std::int64_t vendor_id);

}  // namespace ward::third_parties
