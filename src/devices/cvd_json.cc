// CVD reports to and from JSON (cvd_json.h).
#include "devices/cvd_json.h"

#include <fmt/format.h>

#include "core/time.h"

namespace ward::devices {
namespace {

using nlohmann::json;

// body[key] as a string into `out` when present and not null; an error naming the key otherwise.
Result<bool> read_string(const json& body, std::string_view key, std::string& out) {
  const auto it = body.find(std::string(key));
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected a string", key), std::string(key));
  out = it->get<std::string>();
  return true;
}

Result<void> unknown_keys(const json& body, std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) return fail(ErrorCode::invalid_input, "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return fail(ErrorCode::invalid_input, fmt::format("{}: not a field of a CVD report", key), key);
    }
  }
  return {};
}

}  // namespace

const std::initializer_list<std::string_view> kCvdReportKeys = {
    "subject", "reporter", "reporter_contact", "vendor", "product", "version", "title", "description", "cve", "received_on",
    "target_disclosure_on"};
const std::initializer_list<std::string_view> kCvdChangeKeys = {
    "state", "title", "description", "cve", "vendor", "product", "version", "reporter", "reporter_contact", "received_on",
    "acknowledged_on", "triaged_on", "vendor_notified_on", "fix_available_on", "disclosed_on", "target_disclosure_on", "note"};

json cvd_report_json(const CvdReport& r, std::string_view today, const std::vector<CvdEntry>* timeline) {
  const DisclosureClock clock = disclosure_clock(r, today);
  const auto optional_int = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  json j = {{"id", r.id}, {"subject", r.subject}, {"reporter", r.reporter}, {"reporter_contact", r.reporter_contact},
            {"anonymous", r.reporter.empty() && r.reporter_contact.empty()}, {"vendor", r.vendor}, {"product", r.product},
            {"version", r.version}, {"title", r.title}, {"description", r.description}, {"cve", r.cve}, {"state", r.state},
            {"received_on", r.received_on}, {"acknowledged_on", r.acknowledged_on}, {"triaged_on", r.triaged_on},
            {"vendor_notified_on", r.vendor_notified_on}, {"fix_available_on", r.fix_available_on},
            {"disclosed_on", r.disclosed_on}, {"target_disclosure_on", r.target_disclosure_on},
            {"days_to_disclosure", optional_int(clock.days_to_disclosure)}, {"disclosure_overdue", clock.overdue},
            {"days_taken", optional_int(clock.days_taken)}, {"created", format_iso8601(r.created)},
            {"updated", format_iso8601(r.updated)}};
  json next = json::array();
  for (std::string_view rest = next_states(r.state); !rest.empty();) {
    const auto comma = rest.find(", ");
    next.push_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  j["next_states"] = std::move(next);
  if (timeline != nullptr) {
    json entries = json::array();
    for (const CvdEntry& e : *timeline) {
      entries.push_back({{"at", format_iso8601(e.at)}, {"actor", e.actor}, {"event", e.event}, {"detail", e.detail}});
    }
    j["timeline"] = std::move(entries);
  }
  return j;
}

Result<CvdReport> cvd_report_from_json(const json& body) {
  if (auto ok = unknown_keys(body, kCvdReportKeys); !ok) return Unexpected(ok.error());
  CvdReport r;
  std::string* fields[] = {&r.subject, &r.reporter, &r.reporter_contact, &r.vendor, &r.product, &r.version,
                           &r.title, &r.description, &r.cve, &r.received_on, &r.target_disclosure_on};
  std::size_t i = 0;
  for (std::string_view key : kCvdReportKeys) {
    if (auto read = read_string(body, key, *fields[i++]); !read) return Unexpected(read.error());
  }
  return r;
}

Result<CvdChange> cvd_change_from_json(const json& body) {
  if (auto ok = unknown_keys(body, kCvdChangeKeys); !ok) return Unexpected(ok.error());
  CvdChange c;
  std::optional<std::string>* fields[] = {&c.state, &c.title, &c.description, &c.cve, &c.vendor, &c.product, &c.version,
                                          &c.reporter, &c.reporter_contact, &c.received_on, &c.acknowledged_on,
                                          &c.triaged_on, &c.vendor_notified_on, &c.fix_available_on, &c.disclosed_on,
                                          &c.target_disclosure_on};
  std::size_t i = 0;
  for (std::string_view key : kCvdChangeKeys) {
    std::string value;
    auto read = read_string(body, key, value);
    if (!read) return Unexpected(read.error());
    if (key == "note") {
      c.note = std::move(value);
      continue;
    }
    if (*read) *fields[i] = std::move(value);
    ++i;
  }
  return c;
}

}  // namespace ward::devices
