// CVD reports as the CLI (`ward vulns cvd show --format json`) and the API answer them, and the
// JSON bodies the API reads (POST a new report, PATCH a change): unknown keys and non-string
// values are refused with the field named.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "devices/cvd_report.h"

namespace ward::devices {

// {id, subject, reporter, reporter_contact, anonymous, vendor, product, version, title,
// description, cve, state, the dates, days_to_disclosure, disclosure_overdue, days_taken,
// created, updated, next_states (the states it may move to)}; `timeline` added when given.
nlohmann::json cvd_report_json(const CvdReport& report, std::string_view today, const std::vector<CvdEntry>* timeline = nullptr);

// The keys a new report and a change may carry.
extern const std::initializer_list<std::string_view> kCvdReportKeys;
extern const std::initializer_list<std::string_view> kCvdChangeKeys;

Result<CvdReport> cvd_report_from_json(const nlohmann::json& body);
Result<CvdChange> cvd_change_from_json(const nlohmann::json& body);

}  // namespace ward::devices
