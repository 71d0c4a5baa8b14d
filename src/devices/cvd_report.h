// Coordinated vulnerability disclosure (CVD) intake: a vulnerability reported to the hospital in a
// device model or in Ward itself, as staff record it from the reporter's report (the reporter may
// stay anonymous), its state and the dates of its disclosure timeline (received, acknowledged,
// triaged, vendor notified, fix available, public disclosure against a target date, by default 90
// days after receipt). The checks here are the only ones: the CLI, the API and the store
// (cvd_store.h) all go through them. Plain functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace ward::devices {

inline constexpr std::string_view kCvdStates =
    "received, acknowledged, triaged, vendor_notified, fix_available, disclosed, closed, rejected";
inline constexpr std::string_view kCvdSubjects = "device, ward";
inline constexpr int kDefaultDisclosureDays = 90;

struct CvdReport {
  std::int64_t id = 0;
  std::string subject = "device";          // "device" (a device model) or "ward" (Ward itself)
  std::string reporter, reporter_contact;  // both empty for an anonymous report
  std::string vendor, product, version;    // the affected product or model and its version(s)
  std::string title, description, cve;     // cve: "" until one is assigned
  std::string state = "received";
  // YYYY-MM-DD; a step's date is "" until the report reaches it.
  std::string received_on, acknowledged_on, triaged_on, vendor_notified_on, fix_available_on, disclosed_on;
  std::string target_disclosure_on;  // the planned public disclosure
  TimeNs created = 0, updated = 0;
};

// One line of a report's timeline: who did what when.
struct CvdEntry {
  std::int64_t report_id = 0;
  TimeNs at = 0;
  std::string actor;   // "cli:<user>" or the API's actor ("account:alice")
  std::string event;   // "received", "state", "dates", "details", "note"
  std::string detail;  // "acknowledged (was received) on 2026-12-01", the note…
};

// What an update may change; an empty optional leaves the field as it is.
struct CvdChange {
  std::optional<std::string> state, title, description, cve, vendor, product, version, reporter, reporter_contact;
  std::optional<std::string> received_on, acknowledged_on, triaged_on, vendor_notified_on, fix_available_on, disclosed_on,
      target_disclosure_on;
  std::string note;  // a timeline note, may be the only change
};

// A new report as it will be stored: received_on `today` when not given, the target date
// received_on + 90 days when not given, state "received"; then check_report.
Result<CvdReport> new_report(CvdReport report, std::string_view today);

// Title or description required, subject and state known, CVE "CVE-YYYY-NNNN…", dates real,
// no step's date after `today`, and in order: acknowledged not before received, triaged not
// before acknowledged, vendor notified not before triaged, fix available, disclosure and the
// target not before received. The error names the field.
Result<void> check_report(const CvdReport& report, std::string_view today);

// ErrorCode::invalid_input on "state" ("state: \"x\" is not one of received, …") for an unknown state.
Result<void> check_state(std::string_view state);

// The states a report may move to from `from`, comma-separated ("acknowledged, rejected"); "" for none.
std::string_view next_states(std::string_view from);

// ErrorCode::invalid_input on "state" naming both states and the ones allowed from `from`.
Result<void> check_transition(std::string_view from, std::string_view to);

// Applies `change` to `report`: a new state must be allowed from the current one and sets its
// step's date (the one given, else `today`); a step's date may be given only once the report
// has reached that step. The result passes check_report. Returns the timeline entries (event,
// detail) it makes; `report` is left as it was on error.
Result<std::vector<std::pair<std::string, std::string>>> apply_change(CvdReport& report, const CvdChange& change,
                                                                      std::string_view today);

// Days until the target disclosure date (negative: overdue) while the report is open; once
// disclosed, the days from receipt to disclosure.
struct DisclosureClock {
  std::optional<int> days_to_disclosure;  // empty once disclosed, closed or rejected
  bool overdue = false;
  std::optional<int> days_taken;          // receipt to disclosure, once disclosed
};
DisclosureClock disclosure_clock(const CvdReport& report, std::string_view today);

}  // namespace ward::devices
