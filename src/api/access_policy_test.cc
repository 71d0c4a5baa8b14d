// Minimum necessary, checked over the Router's own list of routes (a route added without a row
// in access_policy.cc fails here): no credentials and a wrong token are 401, each role the
// table refuses is 403, each it admits gets through, by token and by session alike. Then what
// masking leaves of patients for each role, injection attempts in filters, and the admin routes
// for accounts and tokens.
#include "api/access_policy.h"

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "api/phi_masking.h"
#include "api/roles.h"
#include "store/store_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

// The route's pattern with every {capture} filled by an id that names nothing.
std::string target_of(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') { out += pattern[i]; continue; }
    out += "999999";
    i = pattern.find('}', i);
  }
  return out;
}

class AccessPolicyTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"admin", "privacy_officer", "security_analyst", "compliance", "executive"}));
    ingest::ParsedRecords r;
    r.patients.push_back({"pat-0042", "A7781234", "Ada Lovelace", "1 Elm St", "1980-01-02", false, "t"});
    WorkforceMember w;
    w.id = "prac-1";
    w.employee_id = "E1";
    w.name = "Gregory House";
    r.workforce.push_back(w);
    Event& e = r.events.start_event();
    e.time = *parse_iso8601("2026-11-01T10:00:00Z");
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep("E1");
    e.patient.id = r.events.keep("pat-0042");
    e.patient.mrn = r.events.keep("A7781234");
    e.source = r.events.keep("access_log.csv");
    ASSERT_TRUE(store_->accept(r));
  }
  Response call(http::verb verb, const std::string& target, std::string_view token) {
    const bool has_body = verb == http::verb::post || verb == http::verb::patch;
    return request(verb, target, has_body ? "{}" : "", has_body ? "application/json" : "", token);
  }
  json get_json(const std::string& target, std::string_view role) {
    Response res = request(http::verb::get, target, "", "", token_of(role));
    EXPECT_EQ(res.result(), http::status::ok) << role << " " << target << ": " << res.body();
    return json::parse(res.body(), nullptr, false);
  }
};

TEST_F(AccessPolicyTest, EveryRouteHasARowAndEveryRowARoute) {
  const auto routes = router_.routes();
  for (const Router::RouteInfo& r : routes) {
    const RouteAccess* access = route_access(r.method, r.pattern);
    ASSERT_NE(access, nullptr) << r.pattern << ": add a row to access_policy.cc";
    EXPECT_EQ(access->is_public, r.is_public) << r.pattern;
  }
  for (const RouteAccess& row : access_policy()) {
    bool found = false;
    for (const Router::RouteInfo& r : routes) found = found || (r.method == row.method && r.pattern == row.pattern);
    EXPECT_TRUE(found) << row.pattern << ": a row for a route the Router does not have";
  }
}

TEST_F(AccessPolicyTest, EveryRouteRefusesNoTokenAWrongTokenAndTheRolesTheTableRefuses) {
  const std::string wrong = "ward_" + std::string(64, '0');
  for (const Router::RouteInfo& r : router_.routes()) {
    if (r.is_public) continue;
    const std::string target = target_of(r.pattern);
    const std::string what = std::string(http::to_string(r.method)) + " " + target;
    EXPECT_EQ(call(r.method, target, "").result(), http::status::unauthorized) << what;
    EXPECT_EQ(call(r.method, target, wrong).result(), http::status::unauthorized) << what;
    const RouteAccess* row = route_access(r.method, r.pattern);
    ASSERT_NE(row, nullptr) << what;
    const RouteAccess& access = *row;
    for (std::string_view role : kRoles) {
      const auto status = call(r.method, target, token_of(role)).result();
      if (view_of(access, role) == PhiView::refused) {
        EXPECT_EQ(status, http::status::forbidden) << role << " " << what;
      } else {
        EXPECT_NE(status, http::status::unauthorized) << role << " " << what;
        EXPECT_NE(status, http::status::forbidden) << role << " " << what;
        EXPECT_LT(static_cast<int>(status), 500) << role << " " << what;
      }
    }
  }
}

TEST_F(AccessPolicyTest, ASessionGetsWhatItsRoleGetsAndNeedsItsCsrfTokenToChangeThings) {
  std::map<std::string, testing::SignedIn> sessions;
  for (std::string_view role : kRoles) sessions[std::string(role)] = sign_in_as(role);
  const std::string none;
  for (const Router::RouteInfo& r : router_.routes()) {
    if (r.is_public) continue;
    const std::string target = target_of(r.pattern);
    const bool changes = r.method != http::verb::get;
    const std::string body = changes && r.method != http::verb::delete_ ? "{}" : "";
    const RouteAccess* row = route_access(r.method, r.pattern);
    ASSERT_NE(row, nullptr) << r.pattern;
    const RouteAccess& access = *row;
    for (std::string_view role : kRoles) {
      const testing::SignedIn& who = sessions[std::string(role)];
      const std::string what = std::string(role) + " " + std::string(http::to_string(r.method)) + " " + target;
      if (changes) {
        EXPECT_EQ(session_request(r.method, target, body, who, &none).result(), http::status::forbidden) << what;
      }
      const auto status = session_request(r.method, target, body, who, &who.csrf_token).result();
      if (view_of(access, role) == PhiView::refused) {
        EXPECT_EQ(status, http::status::forbidden) << what;
      } else {
        EXPECT_TRUE(status != http::status::unauthorized && status != http::status::forbidden) << what << " " << status;
      }
    }
  }
}

// What the table must keep saying, whatever rows are added: on a route that answers PHI (some
// role gets it masked) only the privacy officer sees it; the executive gets the summaries and
// nothing else; accounts and tokens are the admin's alone.
TEST(AccessPolicy, TheTableKeepsMinimumNecessary) {
  // Counts only, no PHI: what an executive may see (the overview page included).
  const std::vector<std::string_view> summaries = {"/api/v1/stats", "/api/v1/stats/inputs", "/api/v1/stats/cases",
                                                   "/api/v1/stats/alerts", "/api/v1/privacy/status",
                                                   "/api/v1/detection/status", "/api/v1/program/deadlines",
                                                   "/api/v1/program/summary", "/api/v1/stats/devices",
                                                   "/api/v1/ai/summary", "/api/v1/ai/transparency",
                                                   "/api/v1/program/assessments",   // posture per function
                                                   "/api/v1/program/resilience",    // findings, single points of failure
                                                   "/api/v1/program/risks", "/api/v1/program/board-report"};
  auto at = [](const RouteAccess& r, std::string_view role) { return view_of(r, role); };
  for (const RouteAccess& r : access_policy()) {
    if (r.is_public) continue;
    const bool answers_phi = std::find(r.by_role.begin(), r.by_role.end(), PhiView::masked) != r.by_role.end();
    if (answers_phi) {
      for (std::string_view role : {"admin", "security_analyst", "compliance", "executive"})
        EXPECT_NE(at(r, role), PhiView::shown) << role << " " << r.pattern;
    }
    // Reading a summary; writing to the same path (starting an assessment) is not the executive's.
    const bool summary = r.method == http::verb::get && std::find(summaries.begin(), summaries.end(), r.pattern) != summaries.end();
    EXPECT_EQ(at(r, "executive") != PhiView::refused, summary) << r.pattern;
    if (r.pattern.starts_with("/api/v1/accounts") || r.pattern.starts_with("/api/v1/tokens")) {
      for (std::string_view role : kRoles)
        EXPECT_EQ(at(r, role) != PhiView::refused, role == "admin") << role << " " << r.pattern;
    }
  }
  EXPECT_EQ(at(*route_access(http::verb::get, "/api/v1/patients/{id}/accesses"), "privacy_officer"), PhiView::shown);
  EXPECT_EQ(at(*route_access(http::verb::get, "/api/v1/privacy/cases"), "compliance"), PhiView::masked);
  EXPECT_EQ(at(*route_access(http::verb::get, "/api/v1/events"), "security_analyst"), PhiView::masked);
}

TEST_F(AccessPolicyTest, ARouteWithoutARowIsRefusedToEveryone) {
  router_.add(http::verb::get, "/api/v1/forgotten", [](const RequestContext& ctx) {
    return json_response(ctx.request, http::status::ok, "{}");
  });
  for (std::string_view role : kRoles)
    EXPECT_EQ(call(http::verb::get, "/api/v1/forgotten", token_of(role)).result(), http::status::forbidden) << role;
}

TEST_F(AccessPolicyTest, OnlyThePrivacyOfficerSeesPatientsAsTheyAre) {
  json shown = get_json("/api/v1/events", "privacy_officer");
  EXPECT_EQ(shown["events"][0]["patient"], (json{{"id", "pat-0042"}, {"mrn", "A7781234"}}));
  for (std::string_view role : {"security_analyst", "admin", "compliance"}) {
    json masked = get_json("/api/v1/events", role);
    EXPECT_EQ(masked["events"][0]["patient"], (json{{"id", "•••0042"}, {"mrn", "MRN•••1234"}})) << role;
    EXPECT_EQ(masked["events"][0]["user"]["name"], "Gregory House") << "workforce names are not PHI";
  }
  json report = get_json("/api/v1/patients/A7781234/accesses", "privacy_officer");
  EXPECT_EQ(report["patient"]["name"], "Ada Lovelace");
  EXPECT_EQ(report["patient"]["birth_date"], "1980-01-02");
  json for_compliance = get_json("/api/v1/patients/A7781234/accesses", "compliance");
  EXPECT_EQ(for_compliance["patient"]["name"], "A. L.");
  EXPECT_EQ(for_compliance["patient"]["birth_date"], "•••");
  EXPECT_EQ(for_compliance["patient"]["mrn"], "MRN•••1234");
  EXPECT_EQ(for_compliance["count"], 1);
  // The executive gets counts, never a patient.
  EXPECT_EQ(call(http::verb::get, "/api/v1/events", token_of("executive")).result(), http::status::forbidden);
  EXPECT_EQ(get_json("/api/v1/stats", "executive")["patients"], 1);
}

TEST(PhiMasking, IdentifiersKeepTheirLastFourAndNamesTheirInitials) {
  EXPECT_EQ(mask_identifier("A7781234", "MRN"), "MRN•••1234");
  EXPECT_EQ(mask_identifier("0042"), "•••");
  EXPECT_EQ(mask_identifier(""), "");
  EXPECT_EQ(initials("Jonathan Q Whitfield"), "J. Q. W.");
  EXPECT_EQ(initials("WHITFIELD^JONATHAN"), "W. J.");
  EXPECT_EQ(initials("Émile Zola"), "É. Z.");
  json case_answer = {{"case_id", 3}, {"user_id", "E1"}, {"patient_id", "pat-0042"},
                      {"reason", "the patient shares the surname and the home address (1 Elm St) of E1"},
                      {"timeline", {{{"patient_id", "A7781234"}, {"evidence", "same unit"}}}},
                      {"outcome", nullptr}};
  mask_phi(case_answer);
  EXPECT_EQ(case_answer, (json{{"case_id", 3}, {"user_id", "E1"}, {"patient_id", "•••0042"}, {"reason", "•••"},
                               {"timeline", {{{"patient_id", "•••1234"}, {"evidence", "•••"}}}},
                               {"outcome", nullptr}}));
}

TEST_F(AccessPolicyTest, InjectionAttemptsInFiltersAreAnswered400OrEmptyAndTheStoreStaysWhole) {
  const std::string huge(100'000, 'A');
  const std::vector<std::string> targets = {
      "/api/v1/events?user='%20OR%201=1%20--",
      "/api/v1/events?patient=x%27)%3B%20DROP%20TABLE%20events%3B--",
      "/api/v1/events?patient=%00",
      "/api/v1/events?user=" + huge,
      "/api/v1/events?limit=1%3BDROP",
      "/api/v1/events?cursor='%20OR%201=1",
      "/api/v1/events?from=2026-01-01'--",
      "/api/v1/patients/'%20OR%201=1%20--/accesses",
      "/api/v1/patients/%00/accesses",
      "/api/v1/users/" + huge + "/accesses",
      "/api/v1/alerts?status='%20OR%201=1%20--",
      "/api/v1/alerts?rule=%25%27%20OR%201=1--",
      "/api/v1/alerts?cursor=1:1%20OR%201=1",
      "/api/v1/rules?q='%20OR%201=1%20--",
      "/api/v1/rules?level=high'--",
      "/api/v1/privacy/cases?status=new'%20OR%20'1'='1",
      "/api/v1/privacy/proposals?status=%00",
      "/api/v1/quarantine?limit=-1",
  };
  const auto before = store_->counts();
  ASSERT_TRUE(before);
  for (const std::string& target : targets) {
    Response res = request(http::verb::get, target, "", "", token_of("privacy_officer"));
    if (res.result() == http::status::forbidden) res = request(http::verb::get, target, "", "", token_of("admin"));
    const int status = static_cast<int>(res.result());
    const std::string shown = target.substr(0, 80);
    EXPECT_TRUE(status == 200 || status == 400 || status == 404) << shown << " → " << status << " " << res.body().substr(0, 200);
    if (status == 200) {
      json body = json::parse(res.body());
      for (const char* list : {"events", "accesses", "alerts", "rules", "cases", "proposals", "rejections"})
        if (body.contains(list)) {
          EXPECT_TRUE(body[list].empty()) << shown;
        }
    }
  }
  const auto after = store_->counts();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->events, before->events);
  EXPECT_EQ(after->patients, before->patients);
  EXPECT_EQ(ward::store::testing::query(dir_, "SELECT count(*) FROM sqlite_master WHERE name = 'events'"), "1");
}

TEST_F(AccessPolicyTest, AnAdminManagesAccountsAndTokens) {
  auto send_json = [&](http::verb verb, std::string target, json body) {
    return request(verb, std::move(target), body.dump(), "application/json", token_of("admin"));
  };
  Response added = send_json(http::verb::post, "/api/v1/accounts",
                             {{"username", "carol"}, {"role", "auditor"}, {"password", "a long enough password"}});
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  json carol = json::parse(added.body());
  EXPECT_EQ(carol["role"], "compliance");
  EXPECT_FALSE(carol.contains("password_hash"));
  EXPECT_EQ(send_json(http::verb::post, "/api/v1/accounts", {{"username", "dave"}, {"role", "admin"}, {"password", "short"}})
                .result(), http::status::bad_request);
  EXPECT_EQ(send_json(http::verb::post, "/api/v1/accounts", {{"username", "carol"}, {"role", "admin"}, {"password", "a long enough password"}})
                .result(), http::status::bad_request);

  Response changed = send_json(http::verb::patch, "/api/v1/accounts/carol", {{"role", "executive"}, {"disabled", true}});
  ASSERT_EQ(changed.result(), http::status::ok) << changed.body();
  EXPECT_EQ(json::parse(changed.body())["role"], "executive");
  EXPECT_EQ(json::parse(changed.body())["disabled"], true);
  EXPECT_EQ(send_json(http::verb::patch, "/api/v1/accounts/carol", {{"role", "root"}}).result(), http::status::bad_request);
  EXPECT_EQ(send_json(http::verb::patch, "/api/v1/accounts/nobody", {{"unlock", true}}).result(), http::status::not_found);
  json list = get_json("/api/v1/accounts", "admin");
  ASSERT_EQ(list["accounts"].size(), 1u);
  EXPECT_EQ(list["accounts"][0]["username"], "carol");

  Response token = send_json(http::verb::post, "/api/v1/tokens", {{"role", "compliance"}, {"label", "reports"}});
  ASSERT_EQ(token.result(), http::status::created) << token.body();
  const std::string secret = json::parse(token.body())["token"];
  const std::int64_t id = json::parse(token.body())["id"];
  EXPECT_EQ(request(http::verb::get, "/api/v1/stats", "", "", secret).result(), http::status::ok);
  json tokens = get_json("/api/v1/tokens", "admin");
  EXPECT_EQ(tokens["tokens"][0]["label"], "reports");
  EXPECT_EQ(tokens["tokens"].dump().find(token_hash(secret)), std::string::npos);
  EXPECT_EQ(request(http::verb::delete_, "/api/v1/tokens/" + std::to_string(id), "", "", token_of("admin")).result(),
            http::status::ok);
  EXPECT_EQ(request(http::verb::get, "/api/v1/stats", "", "", secret).result(), http::status::unauthorized);
}

}  // namespace
}  // namespace ward::api
