// The overview's routes as a client sees them: events per input per day over the days up to the
// newest event, stale inputs flagged, cases by status and open ones by category, alerts by level;
// and the case queue's paging, sorting and filters.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class StatsApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"privacy_officer"}));  // who works cases (and reads the counts)
    ingest::ParsedRecords r;
    // An old input (Nov 1) and one with an event a minute ago.
    auto add = [&](const char* source, TimeNs time, const char* user, const char* patient) {
      Event& e = r.events.start_event();
      e.time = time;
      e.kind = EventKind::ehr_access;
      e.action = Action::read;
      e.actor.user_id = r.events.keep(user);
      e.patient.id = r.events.keep(patient);
      e.source = r.events.keep(source);
    };
    for (int i = 0; i < 3; ++i) add("old.csv", *parse_iso8601("2026-11-01T10:00:00Z") + i * kNsPerSecond, "E1", "pat-1");
    add("live:mllp", now_ns() - 60 * kNsPerSecond, "E2", "pat-2");
    add("live:mllp", now_ns() - 61 * kNsPerSecond, "E2", "pat-3");
    ASSERT_TRUE(store_->accept(r));
  }
  json get_json(const std::string& target, http::status want = http::status::ok) {
    auto res = request(http::verb::get, target, "", "", token_of("privacy_officer"));
    EXPECT_EQ(res.result(), want) << target << ": " << res.body();
    return json::parse(res.body(), nullptr, false);
  }
};

TEST_F(StatsApiTest, InputsShowDailyCountsUpToTheNewestEventAndFlagStaleOnes) {
  auto body = get_json("/api/v1/stats/inputs?days=3");
  ASSERT_EQ(body["days"].size(), 3u);
  const std::string today = format_iso8601(now_ns() - 60 * kNsPerSecond).substr(0, 10);
  EXPECT_EQ(body["days"][2], today);
  ASSERT_EQ(body["inputs"].size(), 2u);
  const auto& live = body["inputs"][0];
  EXPECT_EQ(live["source"], "live:mllp");
  EXPECT_EQ(live["events"], 2);
  EXPECT_EQ(live["stale"], false);
  EXPECT_EQ(live["per_day"][2], 2);
  const auto& old = body["inputs"][1];
  EXPECT_EQ(old["source"], "old.csv");
  EXPECT_EQ(old["events"], 3);
  EXPECT_EQ(old["last"], "2026-11-01T10:00:02Z");
  EXPECT_EQ(old["stale"], true);
  EXPECT_EQ(old["per_day"], json::array({0, 0, 0}));  // Nov 1 is before the window
  EXPECT_EQ(body["stale_after_hours"], 24);
  auto year = get_json("/api/v1/stats/inputs?days=366");
  EXPECT_EQ(year["days"][0], "2026-11-01");  // not the empty days before the oldest event
  EXPECT_EQ(year["inputs"][1]["per_day"][0], 3);
  EXPECT_EQ(year["inputs"][1]["per_day"].size(), year["days"].size());
  get_json("/api/v1/stats/inputs?days=0", http::status::bad_request);
}

TEST_F(StatsApiTest, CasesAndAlertsAreCountedNotListed) {
  ASSERT_EQ(request(http::verb::post, "/api/v1/privacy/run", "", "", token_of("privacy_officer")).result(), http::status::ok);
  auto cases = get_json("/api/v1/stats/cases");
  EXPECT_GE(cases["total"].get<int>(), 1);
  EXPECT_EQ(cases["open"], cases["by_status"]["new"]);
  EXPECT_EQ(cases["by_status"]["dismissed"], 0);
  int by_category = 0;
  for (const auto& [category, n] : cases["open_by_category"].items()) {
    EXPECT_EQ(category.find(';'), std::string::npos);
    by_category += n.get<int>();
  }
  EXPECT_GE(by_category, cases["open"].get<int>());  // a case may have several categories

  store::AlertRecord a;
  a.rule_id = "r1";
  a.rule_title = "Rule one";
  a.level = "high";
  a.event_time = a.detected = 1;
  a.source = "test";
  a.event_ref = "line 1";
  a.matched = "{}";
  ASSERT_TRUE(store_->add_alerts({a}));
  auto alerts = get_json("/api/v1/stats/alerts");
  EXPECT_EQ(alerts["open"], 1);
  EXPECT_EQ(alerts["by_level"]["high"]["open"], 1);
  EXPECT_EQ(alerts["by_level"]["high"]["closed"], 0);
}

TEST_F(StatsApiTest, TheCaseQueuePagesSortsAndFilters) {
  ASSERT_EQ(request(http::verb::post, "/api/v1/privacy/run", "", "", token_of("privacy_officer")).result(), http::status::ok);
  auto all = get_json("/api/v1/privacy/cases?status=open&sort=score&order=desc");
  const int total = all["total"];
  ASSERT_GE(total, 2);
  ASSERT_EQ(all["cases"].size(), static_cast<std::size_t>(total));
  auto second = get_json("/api/v1/privacy/cases?status=open&limit=1&offset=1");
  EXPECT_EQ(second["total"], total);
  EXPECT_EQ(second["offset"], 1);
  ASSERT_EQ(second["cases"].size(), 1u);
  EXPECT_EQ(second["cases"][0]["case_id"], all["cases"][1]["case_id"]);
  auto ascending = get_json("/api/v1/privacy/cases?sort=score&order=asc");
  EXPECT_EQ(ascending["cases"][0]["score"], all["cases"][total - 1]["score"]);  // ties: lower id first either way
  EXPECT_LE(ascending["cases"][0]["score"].get<double>(), ascending["cases"][1]["score"].get<double>());
  auto mine = get_json("/api/v1/privacy/cases?user=E2");
  for (const auto& c : mine["cases"]) EXPECT_EQ(c["user_id"], "E2");
  EXPECT_EQ(mine["total"], mine["cases"].size());
  get_json("/api/v1/privacy/cases?sort=patient_name", http::status::bad_request);
  get_json("/api/v1/privacy/cases?order=sideways", http::status::bad_request);
  get_json("/api/v1/privacy/cases?offset=-1", http::status::bad_request);
  get_json("/api/v1/privacy/cases?user=x'%20OR%201=1--", http::status::ok);  // bound, not spliced
  EXPECT_EQ(get_json("/api/v1/privacy/cases?user=x'%20OR%201=1--")["total"], 0);
}

}  // namespace
}  // namespace ward::api
