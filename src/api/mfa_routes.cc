// MFA coverage over the API (docs/program.md#mfa-coverage): POST /api/v1/program/mfa takes an
// identity provider's user export as the body (CSV; ?source= names the file, "upload" when not
// given) and answers what was read, the rejected rows with line, column and reason, and the
// coverage; GET /api/v1/program/mfa the latest coverage and the enabled accounts without MFA.
// The rules are identity/mfa_import.h's, shared with the CLI. The HTTP layer audits both.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "api/routes.h"
#include "identity/mfa_import.h"

namespace ward::api {
namespace {

constexpr std::size_t kMaxSourceName = 200;

bool is_csv_content_type(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  for (std::string_view t : {"text/csv", "application/csv", "text/plain"})
    if (type.size() == t.size() && std::equal(t.begin(), t.end(), type.begin(), [](char a, char b) { return a == std::tolower(b); }))
      return true;
  return false;
}

Response mfa_unavailable(const RequestContext& ctx) {
  return error_response(ctx.request, http::status::service_unavailable, "MFA coverage is not available on this server");
}

}  // namespace

void add_mfa_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path data_dir = options.data_dir;

  router.add(http::verb::post, "/api/v1/program/mfa", [data_dir](const RequestContext& ctx) {
    if (data_dir.empty()) return mfa_unavailable(ctx);
    const auto type = ctx.request[http::field::content_type];
    if (!is_csv_content_type(std::string_view(type.data(), type.size())))
      return error_response(ctx.request, http::status::unsupported_media_type,
                            "send the user export as CSV: Content-Type text/csv");
    std::string source = "upload";
    if (auto it = ctx.query.find("source"); it != ctx.query.end() && !it->second.empty()) {
      source = std::filesystem::path(it->second).filename().string();  // a name, never a path
      if (source.empty() || source.size() > kMaxSourceName)
        return error_response(ctx.request, http::status::bad_request,
                              fmt::format("source: a file name of 1 to {} characters", kMaxSourceName), "source");
    }
    auto store = identity::MfaStore::open(data_dir);
    if (!store) return error_response(ctx.request, store.error());
    auto report = identity::import_mfa_export(*store, ctx.request.body(), source, actor_of(ctx));
    if (!report) return error_response(ctx.request, report.error());
    return ok(ctx, identity::import_json(*report), http::status::created);
  });

  router.add(http::verb::get, "/api/v1/program/mfa", [data_dir](const RequestContext& ctx) {
    if (data_dir.empty()) return mfa_unavailable(ctx);
    auto store = identity::MfaStore::open(data_dir);
    if (!store) return error_response(ctx.request, store.error());
    auto latest = store->latest();
    if (!latest) return error_response(ctx.request, latest.error());
    auto accounts = store->accounts();
    if (!accounts) return error_response(ctx.request, accounts.error());
    return ok(ctx, identity::coverage_report_json(*latest, *accounts));
  });
}

}  // namespace ward::api
