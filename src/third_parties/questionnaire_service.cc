// questionnaire_service.h.
#include "third_parties/questionnaire_service.h"

#include <fmt/format.h>

#include "incidents/calendar_day.h"

namespace ward::third_parties {

Result<Questionnaire> send_questionnaire(VendorStore& vendors, QuestionnaireStore& questionnaires, const std::string& vendor,
                                         const QuestionnaireTemplate& t, const std::string& actor) {
  auto v = vendors.find(vendor);
  if (!v) return Unexpected(v.error());
  if (!*v) return fail(ErrorCode::not_found, fmt::format("there is no vendor \"{}\"", vendor), "vendor");
  return questionnaires.send(**v, t, incidents::format_day(incidents::today_utc()), actor);
}

Result<Questionnaire> answer_questionnaire(QuestionnaireStore& questionnaires, std::int64_t id, const nlohmann::json& body,
                                           const std::string& actor) {
  auto q = questionnaires.find(id);
  if (!q) return Unexpected(q.error());
  if (!*q) return fail(ErrorCode::not_found, fmt::format("no questionnaire {}", id), "questionnaire");
  auto answers = answers_from_json(body, (*q)->questions);
  if (!answers) return Unexpected(answers.error());
  if (auto r = questionnaires.answer(id, *answers, actor); !r) return Unexpected(r.error());
  auto now = questionnaires.find(id);
  if (!now) return Unexpected(now.error());
  return std::move(**now);
}

ResultsByVendor results_by_vendor(const std::vector<Questionnaire>& all) {
  ResultsByVendor out;
  for (const Questionnaire& q : all) {
    QuestionnaireResult r = score_questionnaire(q);
    auto it = out.find(q.vendor_id);
    if (it == out.end()) out.emplace(q.vendor_id, std::move(r));
    else if (!it->second.complete && r.complete) it->second = std::move(r);
  }
  return out;
}

Result<ResultsByVendor> questionnaire_results(const std::filesystem::path& data_dir) {
  auto store = QuestionnaireStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto all = (*store)->list();
  if (!all) return Unexpected(all.error());
  return results_by_vendor(*all);
}

const QuestionnaireResult* result_for(const ResultsByVendor& results, std::int64_t vendor_id) {
  auto it = results.find(vendor_id);
  return it == results.end() ? nullptr : &it->second;
}

}  // namespace ward::third_parties
