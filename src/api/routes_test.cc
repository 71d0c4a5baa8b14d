#include "api/routes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class ApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"privacy_officer", "admin"}, testing::test_api_options(), "test"));
    ingest::ParsedRecords r;
    r.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "1 Elm St", "1980-01-02", false, "t"});
    WorkforceMember w;
    w.id = "prac-1";
    w.employee_id = "E1";
    w.name = "Gregory House";
    w.role = "Physician";
    w.department = "Diagnostics";
    r.workforce.push_back(w);
    for (int i = 0; i < 3; ++i) {
      Event& e = r.events.start_event();
      e.time = *parse_iso8601("2026-11-01T10:00:00Z") + i * kNsPerSecond;
      e.kind = EventKind::ehr_access;
      e.action = i == 2 ? Action::export_ : Action::read;
      e.outcome = Outcome::success;
      e.actor.user_id = r.events.keep("E1");
      e.actor.ip = r.events.keep("10.1.2.3");
      e.patient.mrn = r.events.keep("MRN1");
      e.purpose = r.events.keep("TREAT");
      e.source = r.events.keep("access_log.csv");
    }
    ASSERT_TRUE(store_->accept(r));
  }

  // As the privacy officer, who sees patients as they are; ingesting is for admins.
  Response get(std::string target, bool with_token = true) {
    return request(http::verb::get, std::move(target), "", "", with_token ? token_of("privacy_officer") : "");
  }
  Response post(std::string target, std::string body) {
    const char* role = target.starts_with("/api/v1/ingest/") ? "admin" : "privacy_officer";
    return request(http::verb::post, std::move(target), std::move(body), "", token_of(role));
  }
};

TEST_F(ApiTest, HealthNeedsNoToken) {
  auto res = get("/api/v1/health", false);
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(json::parse(res.body())["status"], "ok");
}

TEST_F(ApiTest, EveryOtherRouteNeedsAValidToken) {
  auto res = get("/api/v1/events", false);
  EXPECT_EQ(res.result(), http::status::unauthorized);
  EXPECT_EQ(res[http::field::www_authenticate], "Bearer realm=\"ward\"");
  Request req{http::verb::get, "/api/v1/events", 11};
  req.set(http::field::authorization, "Bearer ward_not-a-real-token");
  auto wrong = handle_request(router_, *store_, req);
  EXPECT_EQ(wrong.result(), http::status::unauthorized);
  EXPECT_EQ(json::parse(wrong.body())["error"]["message"], "unknown token");
}

TEST_F(ApiTest, PatientAccessReportByMrnOrFhirIdNamesTheUser) {
  for (std::string id : {"MRN1", "pat-1"}) {
    auto res = get("/api/v1/patients/" + id + "/accesses");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    auto body = json::parse(res.body());
    EXPECT_EQ(body["patient"]["name"], "Ada Lovelace");
    ASSERT_EQ(body["accesses"].size(), 3u);
    const auto& newest = body["accesses"][0];
    EXPECT_EQ(newest["action"], "export");
    EXPECT_EQ(newest["time"], "2026-11-01T10:00:02Z");
    EXPECT_EQ(newest["user"]["id"], "E1");
    EXPECT_EQ(newest["user"]["name"], "Gregory House");  // from the directory
    EXPECT_EQ(newest["user"]["department"], "Diagnostics");
    EXPECT_EQ(newest["network_address"], "10.1.2.3");
    EXPECT_EQ(newest["purpose"], "TREAT");
  }
}

TEST_F(ApiTest, EveryViewOfAPatientIsInTheAuditTrail) {
  ASSERT_EQ(get("/api/v1/patients/MRN1/accesses").result(), http::status::ok);
  ASSERT_EQ(get("/api/v1/events?patient=MRN1").result(), http::status::ok);
  ASSERT_EQ(get("/api/v1/patients/MRN1/accesses", false).result(), http::status::unauthorized);
  auto trail = store_->api_requests_about("MRN1", 10);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);  // the unauthenticated request saw nothing
  EXPECT_EQ((*trail)[1].route, "/api/v1/patients/{id}/accesses");
  EXPECT_EQ((*trail)[1].method, "GET");
  EXPECT_EQ((*trail)[1].status, 200);
  EXPECT_GT((*trail)[1].token_id, 0);
  EXPECT_EQ((*trail)[0].route, "/api/v1/events");
}

TEST_F(ApiTest, UserAccessesAndEventsFilterAndPage) {
  auto res = get("/api/v1/users/prac-1/accesses?limit=2");
  ASSERT_EQ(res.result(), http::status::ok);
  auto body = json::parse(res.body());
  EXPECT_EQ(body["user"]["employee_id"], "E1");
  ASSERT_EQ(body["accesses"].size(), 2u);
  ASSERT_TRUE(body["next_cursor"].is_string());
  auto next = json::parse(get("/api/v1/users/E1/accesses?limit=2&cursor=" + body["next_cursor"].get<std::string>()).body());
  EXPECT_EQ(next["accesses"].size(), 1u);
  EXPECT_TRUE(next["next_cursor"].is_null());

  auto window = json::parse(get("/api/v1/events?patient=MRN1&from=2026-11-01T10:00:01Z&to=2026-11-01T10:00:02Z").body());
  EXPECT_EQ(window["events"].size(), 1u);
}

TEST_F(ApiTest, BadParametersAreNamed) {
  auto res = get("/api/v1/events?limit=zero");
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_NE(json::parse(res.body())["error"]["message"].get<std::string>().find("limit"), std::string::npos);
  auto from = get("/api/v1/events?from=yesterday");
  EXPECT_EQ(from.result(), http::status::bad_request);
  EXPECT_NE(json::parse(from.body())["error"]["message"].get<std::string>().find("from"), std::string::npos);
  EXPECT_EQ(get("/api/v1/events?cursor=nonsense").result(), http::status::bad_request);
}

TEST_F(ApiTest, UnknownThingsAre404And405) {
  EXPECT_EQ(get("/api/v1/nothing-here").result(), http::status::not_found);
  EXPECT_EQ(get("/api/v1/patients/nobody/accesses").result(), http::status::not_found);
  EXPECT_EQ(post("/api/v1/events", "{}").result(), http::status::method_not_allowed);
}

TEST_F(ApiTest, IngestFhirCommitsBeforeAnswering) {
  std::string bundle = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-vread.json"));
  auto res = post("/api/v1/ingest/fhir", bundle);
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  auto body = json::parse(res.body());
  EXPECT_EQ(body["accepted"], 1);
  EXPECT_EQ(body["by_type"]["AuditEvent"]["accepted"], 1);
  auto counts = store_->counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->events, 4u);  // visible to the next reader as soon as the 200 is sent

  auto bad = post("/api/v1/ingest/fhir", "{\"resourceType\": \"AuditEvent\", \"recorded\": \"not a date\"}");
  EXPECT_EQ(bad.result(), http::status::unprocessable_entity);
  EXPECT_EQ(json::parse(bad.body())["rejected"], 1);
  EXPECT_EQ(post("/api/v1/ingest/fhir", "").result(), http::status::bad_request);
}

TEST_F(ApiTest, IngestingTheSameAuditEventTwiceStoresItOnceAndSaysSo) {
  std::string event = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-vread.json"));
  auto first = post("/api/v1/ingest/fhir", event);
  ASSERT_EQ(first.result(), http::status::ok) << first.body();
  EXPECT_EQ(json::parse(first.body())["duplicates"], 0);
  auto again = post("/api/v1/ingest/fhir", event);  // a client retrying after a lost answer
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  auto body = json::parse(again.body());
  EXPECT_EQ(body["accepted"], 1);
  EXPECT_EQ(body["duplicates"], 1);
  EXPECT_EQ(body["by_type"]["AuditEvent"]["duplicates"], 1);
  auto counts = store_->counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->events, 4u);
}

TEST(ListenAddress, ParsesHostAndPortAndNamesBadInput) {
  ServerOptions o;
  ASSERT_TRUE(parse_listen_address("127.0.0.1:9090", o));
  EXPECT_EQ(o.address, "127.0.0.1");
  EXPECT_EQ(o.port, 9090);
  ASSERT_TRUE(parse_listen_address("[::1]:0", o));
  EXPECT_EQ(o.address, "::1");
  auto bad = parse_listen_address("localhost", o);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("HOST:PORT"), std::string::npos);
  EXPECT_FALSE(parse_listen_address("127.0.0.1:99999", o));
  EXPECT_FALSE(parse_listen_address("not-an-ip:80", o));
}

TEST(Router, CapturesAndDecodesPathParameters) {
  Router r;
  r.add(http::verb::get, "/api/v1/patients/{id}/accesses", [](const RequestContext&) { return Response{}; });
  auto m = r.match(http::verb::get, "/api/v1/patients/MRN%2F12/accesses");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.params.at("id"), "MRN/12");
  EXPECT_EQ(r.match(http::verb::get, "/api/v1/patients/x").handler, nullptr);
  EXPECT_EQ(parse_query("a=1&b=x%20y&c")["b"], "x y");
}

TEST_F(ApiTest, PrivacyRunExplainsTheReportAndListsCases) {
  // Before any run, the report says nothing about explanations.
  auto before = json::parse(get("/api/v1/patients/MRN1/accesses").body());
  ASSERT_EQ(before["accesses"].size(), 3u);
  EXPECT_TRUE(before["accesses"][0]["explanation"].is_null());

  auto run = post("/api/v1/privacy/run", "");
  ASSERT_EQ(run.result(), http::status::ok) << run.body();
  auto summary = json::parse(run.body());
  EXPECT_EQ(summary["accesses"], 3);
  EXPECT_EQ(summary["explained"], 0);  // no encounter ties Dr House to Ada Lovelace
  EXPECT_EQ(summary["cases"], 1);

  auto after = json::parse(get("/api/v1/patients/pat-1/accesses").body());
  for (const auto& a : after["accesses"]) {
    EXPECT_EQ(a["explanation"]["explained"], false);
    EXPECT_TRUE(a["explanation"]["code"].is_null());
  }

  auto res = get("/api/v1/privacy/cases?status=new&limit=10");
  ASSERT_EQ(res.result(), http::status::ok);
  auto cases = json::parse(res.body())["cases"];
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["user_id"], "E1");
  EXPECT_EQ(cases[0]["patient_id"], "MRN1");  // as the access log named the patient
  EXPECT_EQ(cases[0]["categories"], "curiosity");
  EXPECT_EQ(cases[0]["events"].size(), 3u);
  EXPECT_EQ(cases[0]["status"], "new");
  EXPECT_EQ(get("/api/v1/privacy/cases?status=closed").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/v1/privacy/cases?limit=0").result(), http::status::bad_request);

  // A full page gives the cursor of the next; the page after the last case is empty, without one.
  auto first = json::parse(get("/api/v1/privacy/cases?limit=1").body());
  ASSERT_EQ(first["cases"].size(), 1u);
  const std::string cursor = first["next_cursor"].get<std::string>();
  EXPECT_EQ(cursor, fmt::format("{}:{}", first["cases"][0]["score"].get<double>(), first["cases"][0]["case_id"].get<int>()));
  auto next = json::parse(get("/api/v1/privacy/cases?limit=1&cursor=" + cursor).body());
  EXPECT_TRUE(next["cases"].empty());
  EXPECT_TRUE(next["next_cursor"].is_null());
  EXPECT_TRUE(json::parse(get("/api/v1/privacy/cases?limit=2").body())["next_cursor"].is_null());
  for (const std::string& bad : std::vector<std::string>{"cursor=abc", "cursor=1.5", "cursor=60:0", "sort=case_id&cursor=60:1",
                                "sort=last&cursor=1.5:1", "cursor=" + cursor + "&offset=1"}) {
    auto res = get("/api/v1/privacy/cases?" + bad);
    EXPECT_EQ(res.result(), http::status::bad_request) << bad;
    EXPECT_EQ(json::parse(res.body())["error"]["field"], "cursor") << bad;
  }
}

// --- reviewing privacy cases --------------------------------------------------------------------

class CaseReviewApiTest : public ApiTest {
 protected:
  // Runs the privacy engine and returns the one case it finds (Dr House's look at Ada's chart).
  std::int64_t run_and_find_case() {
    EXPECT_EQ(post("/api/v1/privacy/run", "").result(), http::status::ok);
    auto cases = json::parse(get("/api/v1/privacy/cases").body())["cases"];
    EXPECT_EQ(cases.size(), 1u);
    return cases.empty() ? 0 : cases[0]["case_id"].get<std::int64_t>();
  }
  Response review(std::int64_t id, const json& body) {
    return post(fmt::format("/api/v1/privacy/cases/{}/review", id), body.dump());
  }
  // Ada's stay on Oncology while Dr House (Diagnostics) opened her chart.
  void add_stay() {
    ingest::ParsedRecords r;
    EncounterRecord stay;
    stay.id = "enc-1";
    stay.patient_id = "pat-1";
    stay.class_code = "IMP";
    stay.department = "Oncology";
    stay.start = *parse_iso8601("2026-11-01T08:00:00Z");
    stay.end = *parse_iso8601("2026-11-02T08:00:00Z");
    r.encounters.push_back(stay);
    ASSERT_TRUE(store_->accept(r));
  }
  static std::string message(const Response& res) {
    return json::parse(res.body())["error"]["message"].get<std::string>();
  }
};

TEST_F(CaseReviewApiTest, ACaseShowsItsTimelineAndHistoryAndEveryLookIsAudited) {
  const std::int64_t id = run_and_find_case();
  auto view = get(fmt::format("/api/v1/privacy/cases/{}", id));
  ASSERT_EQ(view.result(), http::status::ok) << view.body();
  auto body = json::parse(view.body());
  EXPECT_EQ(body["status"], "new");
  ASSERT_EQ(body["timeline"].size(), 3u);
  EXPECT_EQ(body["timeline"][0]["time"], "2026-11-01T10:00:00Z");
  EXPECT_EQ(body["timeline"][0]["action"], "read");
  EXPECT_EQ(body["timeline"][0]["explained"], false);
  EXPECT_TRUE(body["timeline"][0]["code"].is_null());
  EXPECT_EQ(body["timeline"][2]["action"], "export");
  EXPECT_TRUE(body["history"].empty());

  auto started = review(id, {{"status", "in_review"}, {"assignee", "dana"}});
  ASSERT_EQ(started.result(), http::status::ok) << started.body();
  EXPECT_EQ(json::parse(started.body())["case"]["assignee"], "dana");
  auto confirmed = review(id, {{"status", "confirmed"}, {"outcome", "snooping"}, {"reason", "no consult"}});
  ASSERT_EQ(confirmed.result(), http::status::ok) << confirmed.body();
  EXPECT_TRUE(json::parse(confirmed.body())["proposal"].is_null());

  auto history = json::parse(get(fmt::format("/api/v1/privacy/cases/{}", id)).body())["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["from"], "in_review");
  EXPECT_EQ(history[1]["to"], "confirmed");
  EXPECT_EQ(history[1]["outcome"], "snooping");
  EXPECT_EQ(history[1]["assignee"], "dana");
  EXPECT_EQ(history[1]["actor"].get<std::string>().find("token:"), 0u);
  EXPECT_NE(history[1]["actor"].get<std::string>().find("(test)"), std::string::npos);

  auto trail = store_->api_requests_about(fmt::format("case:{}", id), 10);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 4u);  // two views and two changes
  EXPECT_EQ((*trail)[0].route, "/api/v1/privacy/cases/{case}");
  EXPECT_EQ((*trail)[1].route, "/api/v1/privacy/cases/{case}/review");
  EXPECT_EQ((*trail)[1].method, "POST");
  EXPECT_EQ((*trail)[3].route, "/api/v1/privacy/cases/{case}");
}

TEST_F(CaseReviewApiTest, BadReviewsAre400sThatSayWhyAndUnknownCases404) {
  const std::int64_t id = run_and_find_case();
  const std::string target = fmt::format("/api/v1/privacy/cases/{}/review", id);
  auto not_json = post(target, "status=dismissed");
  EXPECT_EQ(not_json.result(), http::status::bad_request);
  EXPECT_EQ(message(not_json), "the body must be a JSON object");
  EXPECT_EQ(message(post(target, R"({"status": 3})")), "status: expected a string");
  EXPECT_NE(message(post(target, R"({"state": "in_review"})")).find("unknown key \"state\""), std::string::npos);
  EXPECT_NE(message(post(target, "{}")).find("needs \"status\""), std::string::npos);
  auto jump = review(id, {{"status", "dismissed"}, {"reason_code", "float_pool"}, {"reason", "x"}});
  EXPECT_EQ(jump.result(), http::status::bad_request);
  EXPECT_EQ(message(jump), fmt::format("case {} is new; it can go to in_review, not dismissed", id));

  EXPECT_EQ(review(id + 1000, {{"status", "in_review"}}).result(), http::status::not_found);
  EXPECT_EQ(get(fmt::format("/api/v1/privacy/cases/{}", id + 1000)).result(), http::status::not_found);
  auto bad_id = get("/api/v1/privacy/cases/abc");
  EXPECT_EQ(bad_id.result(), http::status::not_found);
  EXPECT_EQ(message(bad_id), "there is no case abc");
  EXPECT_EQ(get(fmt::format("/api/v1/privacy/cases/{}/review", id)).result(), http::status::method_not_allowed);
}

TEST_F(CaseReviewApiTest, ADismissalsProposalIsListedAcceptedAndUsedByTheNextRun) {
  add_stay();
  const std::int64_t id = run_and_find_case();
  ASSERT_EQ(review(id, {{"status", "in_review"}}).result(), http::status::ok);
  auto dismissed = review(id, {{"status", "dismissed"}, {"reason_code", "float_pool"},
                               {"reason", "covering Oncology"}});
  ASSERT_EQ(dismissed.result(), http::status::ok) << dismissed.body();
  auto proposal = json::parse(dismissed.body())["proposal"];
  ASSERT_TRUE(proposal.is_object()) << dismissed.body();
  const std::string code = proposal["code"];
  EXPECT_EQ(code, fmt::format("float_pool_case_{}", id));
  EXPECT_EQ(proposal["open_cases"], 0);
  EXPECT_EQ(proposal["status"], "proposed");

  auto listed = json::parse(get("/api/v1/privacy/proposals?status=proposed").body())["proposals"];
  ASSERT_EQ(listed.size(), 1u);
  const std::int64_t pid = listed[0]["proposal_id"];
  EXPECT_NE(listed[0]["rule_yaml"].get<std::string>().find("user_departments: [Diagnostics]"), std::string::npos)
      << listed[0]["rule_yaml"];
  EXPECT_EQ(get("/api/v1/privacy/proposals?status=maybe").result(), http::status::bad_request);

  auto accepted = post(fmt::format("/api/v1/privacy/proposals/{}/accept", pid), R"({"reason": "ok"})");
  ASSERT_EQ(accepted.result(), http::status::ok) << accepted.body();
  EXPECT_EQ(json::parse(accepted.body())["status"], "accepted");
  EXPECT_EQ(json::parse(accepted.body())["decision_reason"], "ok");
  auto twice = post(fmt::format("/api/v1/privacy/proposals/{}/reject", pid), "");
  EXPECT_EQ(twice.result(), http::status::bad_request);
  EXPECT_NE(message(twice).find("already accepted"), std::string::npos);
  EXPECT_EQ(post("/api/v1/privacy/proposals/999/accept", "").result(), http::status::not_found);

  auto run = json::parse(post("/api/v1/privacy/run", "").body());
  EXPECT_EQ(run["explained_by"][code], 3);
  auto report = json::parse(get("/api/v1/patients/MRN1/accesses").body());
  EXPECT_EQ(report["accesses"][0]["explanation"]["code"], code);
  auto trail = store_->api_requests_about(fmt::format("proposal:{}", pid), 10);
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->size(), 2u);
}

}  // namespace
}  // namespace ward::api
