// The AI governance API (docs/ai_governance.md#api): the registry, a system's page (reviews,
// evidence, history, what blocks approval, AI RMF checklist), the workflow's changes, the
// executive summary, the transparency listing, and AI use (GET /api/v1/ai/usage: the counts
// `ward ai usage` recorded, with PHI sent to AI services from the DLP's alerts). Compliance and
// admins change; the HTTP layer
// audits every request ({system} makes the subject "system:<id>"); changes are recorded with
// actor_of(). One store connection, opened at the first request and used under a lock.
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_system_json.h"
#include "ai_governance/ai_usage.h"
#include "ai_governance/ai_usage_report.h"
#include "ai_governance/catalogues.h"
#include "ai_governance/system_view.h"
#include "ai_governance/transparency.h"
#include "ai_governance/workflow.h"
#include "api/routes.h"
#include "core/time.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::ai_governance;

class Registry {
 public:
  explicit Registry(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

  // Runs f(store) under the lock; the store is opened on first use.
  template <class F>
  Response with(const RequestContext& ctx, F f) {
    std::lock_guard lock(mu_);
    if (data_dir_.empty()) {
      return error_response(ctx.request, http::status::service_unavailable, "the AI registry is not available on this server");
    }
    if (!store_) {
      auto s = AiStore::open(data_dir_);
      if (!s) return error_response(ctx.request, s.error());
      store_.emplace(std::move(*s));
    }
    return f(*store_);
  }

 private:
  std::mutex mu_;
  std::filesystem::path data_dir_;
  std::optional<AiStore> store_;  // guarded by mu_
};

std::string today() { return format_day(now_ns() / 86'400'000'000'000LL); }

// A JSON body's text field, "" when absent; an error naming it when not text.
Result<std::string> text_field(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected text", key), key);
  return body[key].get<std::string>();
}

Response system_page(const RequestContext& ctx, AiStore& store, http::status status) {
  auto view = system_view_json(store, ctx.path.at("system"));
  if (!view) return error_response(ctx.request, view.error());
  return ok(ctx, *view, status);
}

}  // namespace

void add_ai_routes(Router& router, store::Store& store, const ApiOptions& options) {
  auto registry = std::make_shared<Registry>(options.data_dir);
  auto catalogue = std::make_shared<const Result<dlp::DestinationCatalogue>>(ai_service_catalogue(options.ai_service_catalogue));

  router.add(http::verb::get, "/api/v1/ai/systems", [registry](const RequestContext& ctx) {
    return registry->with(ctx, [&](AiStore& store) {
      auto records = store.systems();
      if (!records) return error_response(ctx.request, records.error());
      return ok(ctx, json{{"systems", registry_json(*records, today())}});
    });
  });

  router.add(http::verb::post, "/api/v1/ai/systems", [registry](const RequestContext& ctx) {
    json body = json::parse(ctx.request.body(), nullptr, false);
    if (body.is_discarded()) return error_response(ctx.request, http::status::bad_request, "the body is not JSON: send the AI system's record");
    auto system = ai_system_from_json(body);
    if (!system) {
      Error e = system.error();  // the API's errors carry the key in the message
      if (!e.field.empty()) e.message = e.field + ": " + e.message;
      return error_response(ctx.request, e);
    }
    return registry->with(ctx, [&](AiStore& store) {
      auto added = store.put_system(*system, actor_of(ctx));
      if (!added) return error_response(ctx.request, added.error());
      auto view = system_view_json(store, system->id);
      if (!view) return error_response(ctx.request, view.error());
      return ok(ctx, *view, *added ? http::status::created : http::status::ok);
    });
  });

  router.add(http::verb::get, "/api/v1/ai/systems/{system}", [registry](const RequestContext& ctx) {
    return registry->with(ctx, [&](AiStore& store) { return system_page(ctx, store, http::status::ok); });
  });

  router.add(http::verb::post, "/api/v1/ai/systems/{system}/reviews", [registry](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"area", "outcome", "notes"});
    if (!fields) return error_response(ctx.request, fields.error());
    return registry->with(ctx, [&](AiStore& store) {
      Review review{(*fields)["area"], (*fields)["outcome"], actor_of(ctx), (*fields)["notes"], 0};
      if (auto r = record_review(store, ctx.path.at("system"), review); !r) return error_response(ctx.request, r.error());
      return system_page(ctx, store, http::status::created);
    });
  });

  router.add(http::verb::post, "/api/v1/ai/systems/{system}/evidence", [registry](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"kind", "summary", "body"});
    if (!fields) return error_response(ctx.request, fields.error());
    return registry->with(ctx, [&](AiStore& store) {
      Evidence e{0, (*fields)["kind"], (*fields)["summary"], (*fields)["body"], actor_of(ctx), 0};
      auto id = record_evidence(store, ctx.path.at("system"), e);
      if (!id) return error_response(ctx.request, id.error());
      return system_page(ctx, store, http::status::created);
    });
  });

  router.add(http::verb::post, "/api/v1/ai/systems/{system}/decisions", [registry](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"decision", "reason", "conditions", "next_review", "source_attribute_exception"});
    if (!fields) return error_response(ctx.request, fields.error());
    const std::string decision = (*fields)["decision"];
    if (decision != "approve" && decision != "reject") {
      return error_response(ctx.request, Error{ErrorCode::invalid_input, "decision: expected approve or reject", "", 0, 0, "decision"});
    }
    return registry->with(ctx, [&](AiStore& store) {
      DecisionRequest req{decision == "approve", actor_of(ctx), (*fields)["reason"], (*fields)["conditions"],
                          (*fields)["next_review"], (*fields)["source_attribute_exception"]};
      auto next = decide(store, ctx.path.at("system"), req, now_ns());
      if (!next) {
        // A refused approval is a conflict with the system's state, not a malformed request.
        if (next.error().code == ErrorCode::invalid_input && next.error().field.empty()) {
          return error_response(ctx.request, http::status::conflict, next.error().message);
        }
        return error_response(ctx.request, next.error());
      }
      return system_page(ctx, store, http::status::ok);
    });
  });

  router.add(http::verb::post, "/api/v1/ai/systems/{system}/rmf", [registry](const RequestContext& ctx) {
    auto body = json_object_body(ctx.request, {"subcategory", "met", "evidence"});
    if (!body) return error_response(ctx.request, body.error());
    auto subcategory = text_field(*body, "subcategory");
    auto evidence = text_field(*body, "evidence");
    if (!subcategory) return error_response(ctx.request, subcategory.error());
    if (!evidence) return error_response(ctx.request, evidence.error());
    const auto list = rmf_subcategories();
    if (std::none_of(list.begin(), list.end(), [&](const RmfSubcategory& s) { return s.id == *subcategory; })) {
      return error_response(ctx.request, Error{ErrorCode::invalid_input,
                                               fmt::format("subcategory: '{}' is not an AI RMF 1.0 subcategory (e.g. MEASURE-2.11)", *subcategory),
                                               "", 0, 0, "subcategory"});
    }
    if (!body->contains("met") || !(*body)["met"].is_boolean()) {
      return error_response(ctx.request, Error{ErrorCode::invalid_input, "met: expected true or false", "", 0, 0, "met"});
    }
    return registry->with(ctx, [&](AiStore& store) {
      if (auto r = store.set_rmf(ctx.path.at("system"), {*subcategory, (*body)["met"].get<bool>(), *evidence, actor_of(ctx), 0}); !r) {
        return error_response(ctx.request, r.error());
      }
      return system_page(ctx, store, http::status::ok);
    });
  });

  router.add(http::verb::get, "/api/v1/ai/summary", [registry](const RequestContext& ctx) {
    return registry->with(ctx, [&](AiStore& store) {
      auto records = store.systems();
      if (!records) return error_response(ctx.request, records.error());
      return ok(ctx, registry_summary_json(*records, today()));
    });
  });

  // ?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive, UTC; default the 30 days to today).
  router.add(http::verb::get, "/api/v1/ai/usage", [registry, catalogue, &store](const RequestContext& ctx) {
    if (!*catalogue) return error_response(ctx.request, http::status::service_unavailable,
                                           "the AI service catalogue could not be read: " + catalogue->error().describe());
    auto param = [&](const char* key, std::string fallback) {
      auto it = ctx.query.find(key);
      return it == ctx.query.end() || it->second.empty() ? fallback : it->second;
    };
    const std::int64_t day = now_ns() / 86'400'000'000'000LL;
    const std::string to = param("to", format_day(day));
    const std::string from = param("from", format_day(day - 29));
    return registry->with(ctx, [&](AiStore& ai) {
      auto report = usage_from_store(ai, store, **catalogue, from, to);
      if (!report) {
        Error e = report.error();
        if (!e.field.empty()) e.message = e.field + ": " + e.message;
        return error_response(ctx.request, e);
      }
      return ok(ctx, *report);
    });
  });

  router.add(http::verb::get, "/api/v1/ai/transparency", [registry](const RequestContext& ctx) {
    return registry->with(ctx, [&](AiStore& store) {
      auto records = store.systems();
      if (!records) return error_response(ctx.request, records.error());
      return ok(ctx, transparency_json(*records, format_iso8601(now_ns())));
    });
  });
}

}  // namespace ward::api
