// The API of case review (docs/api.md#reviewing-privacy-cases): a case with its timeline and
// history, review changes, and the explanation rules dismissals propose. The HTTP layer audits
// every request; the {case} and {proposal} captures make the audit subject "case:42",
// "proposal:3".
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "case_review/case_review.h"
#include "case_review/review_json.h"

namespace ward::api {
namespace {

using nlohmann::json;

Result<case_review::ReviewRequest> review_request(const Request& req) {
  auto fields = string_fields(req, {"status", "outcome", "reason_code", "reason", "assignee"});
  if (!fields) return Unexpected(fields.error());
  if (fields->count("status") == 0)
    return fail(ErrorCode::invalid_input,
                "the body needs \"status\": in_review, confirmed or dismissed", "status");
  auto field = [&](const char* key) {
    auto it = fields->find(key);
    return it == fields->end() ? std::string() : it->second;
  };
  return case_review::ReviewRequest{field("status"), field("outcome"), field("reason_code"),
                                    field("reason"), field("assignee")};
}

}  // namespace

void add_case_review_routes(Router& router, store::Store& store, const ApiOptions& options) {
  router.add(http::verb::get, "/api/v1/privacy/cases/{case}", [&store](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "case");
    if (!id) return error_response(ctx.request, id.error());
    auto view = case_review::view_case(store, *id);
    if (!view) return error_response(ctx.request, view.error());
    return ok(ctx, case_review::case_view_json(*view));
  });

  router.add(http::verb::post, "/api/v1/privacy/cases/{case}/review",
             [&store, options](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "case");
    if (!id) return error_response(ctx.request, id.error());
    auto request = review_request(ctx.request);
    if (!request) return error_response(ctx.request, request.error());
    auto result = case_review::review_case(store, options.privacy.explanations, *id, *request,
                                           actor_of(ctx));
    if (!result) return error_response(ctx.request, result.error());
    return ok(ctx, case_review::review_json(*result));
  });

  router.add(http::verb::get, "/api/v1/privacy/proposals", [&store](const RequestContext& ctx) {
    store::ProposalQuery q;
    if (auto it = ctx.query.find("status"); it != ctx.query.end() && !it->second.empty()) {
      q.status = it->second;
      if (!case_review::is_one_of(case_review::kProposalStates, q.status))
        return error_response(ctx.request, http::status::bad_request,
                              "status: expected proposed, accepted or rejected");
    }
    if (auto r = read_int_param(ctx, "limit", 1, 10000, q.limit); !r) return error_response(ctx.request, r.error());
    auto proposals = store.explanation_proposals(q);
    if (!proposals) return error_response(ctx.request, proposals.error());
    json out = json::array();
    for (const auto& p : *proposals) out.push_back(case_review::proposal_json(p));
    return ok(ctx, json{{"proposals", std::move(out)}});
  });

  for (const bool accept : {true, false}) {
    router.add(http::verb::post,
               fmt::format("/api/v1/privacy/proposals/{{proposal}}/{}", accept ? "accept" : "reject"),
               [&store, options, accept](const RequestContext& ctx) {
      auto id = id_in_path(ctx, "proposal");
      if (!id) return error_response(ctx.request, id.error());
      auto fields = string_fields(ctx.request, {"reason"});
      if (!fields) return error_response(ctx.request, fields.error());
      auto decided = case_review::decide_proposal(store, options.privacy.explanations, *id, accept,
                                                  actor_of(ctx), (*fields)["reason"]);
      if (!decided) return error_response(ctx.request, decided.error());
      return ok(ctx, case_review::proposal_json(*decided));
    });
  }
}

}  // namespace ward::api
