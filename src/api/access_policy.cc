#include "api/access_policy.h"

#include <algorithm>

#include "api/roles.h"

namespace ward::api {
namespace {

constexpr PhiView X = PhiView::refused;
constexpr PhiView M = PhiView::masked;
constexpr PhiView S = PhiView::shown;
constexpr auto GET = http::verb::get;
constexpr auto POST = http::verb::post;
constexpr auto PATCH = http::verb::patch;
constexpr auto DELETE = http::verb::delete_;
constexpr auto PUT = http::verb::put;
constexpr std::array<PhiView, 5> kAnyone = {S, S, S, S, S};

// Columns: admin, privacy_officer, security_analyst, compliance, executive.
// The privacy officer alone sees patients as they are; the security analyst and the admin work
// events, alerts and rules with patients masked; compliance reads reports and histories
// masked; the executive gets counts and summaries only.
constexpr RouteAccess kPolicy[] = {
    {GET, "/api/v1/health", true, kAnyone},
    {POST, "/api/v1/session", true, kAnyone},
    {GET, "/api/v1/session", true, kAnyone},
    {DELETE, "/api/v1/session", true, kAnyone},

    // Summaries: counts only, no PHI.
    {GET, "/api/v1/stats", false, {S, S, S, S, S}},
    {GET, "/api/v1/privacy/status", false, {S, S, S, S, S}},
    {GET, "/api/v1/detection/status", false, {S, S, S, S, S}},
    {GET, "/api/v1/stats/inputs", false, {S, S, S, S, S}},  // per input: its name and counts
    {GET, "/api/v1/stats/cases", false, {S, S, S, S, S}},
    {GET, "/api/v1/stats/alerts", false, {S, S, S, S, S}},
    {GET, "/api/v1/inputs", false, {S, S, S, S, X}},  // the listeners: addresses and counts

    // Events and the directory.
    {GET, "/api/v1/events", false, {M, S, M, M, X}},
    {GET, "/api/v1/patients/{id}/accesses", false, {X, S, X, M, X}},
    {GET, "/api/v1/users/{id}/accesses", false, {M, S, M, M, X}},
    {GET, "/api/v1/quarantine", false, {S, S, S, X, X}},
    {POST, "/api/v1/ingest/fhir", false, {S, X, S, X, X}},

    // Privacy cases: the privacy officer's work; compliance reads them masked.
    {POST, "/api/v1/privacy/run", false, {S, S, X, X, X}},
    {GET, "/api/v1/privacy/cases", false, {X, S, X, M, X}},
    {GET, "/api/v1/privacy/cases/{case}", false, {X, S, X, M, X}},
    {POST, "/api/v1/privacy/cases/{case}/review", false, {X, S, X, X, X}},
    {GET, "/api/v1/privacy/proposals", false, {X, S, X, M, X}},
    {POST, "/api/v1/privacy/proposals/{proposal}/accept", false, {X, S, X, X, X}},
    {POST, "/api/v1/privacy/proposals/{proposal}/reject", false, {X, S, X, X, X}},

    // Detection: the security analyst's work.
    {GET, "/api/v1/alerts", false, {M, S, M, M, X}},
    {GET, "/api/v1/alerts/{alert}", false, {M, S, M, M, X}},
    {PATCH, "/api/v1/alerts/{alert}", false, {M, X, M, X, X}},
    {GET, "/api/v1/alerts/{alert}/history", false, {M, S, M, M, X}},
    {GET, "/api/v1/rules", false, {S, S, S, S, X}},
    {GET, "/api/v1/rules/{rule}", false, {S, S, S, S, X}},
    {POST, "/api/v1/rules", false, {S, X, S, X, X}},
    {PATCH, "/api/v1/rules/{rule}", false, {S, X, S, X, X}},
    {DELETE, "/api/v1/rules/{rule}", false, {S, X, S, X, X}},
    {POST, "/api/v1/phi/scan", false, {S, S, S, X, X}},  // answers where PHI is, never its values

    // Administration: Ward's accounts and API tokens.
    {GET, "/api/v1/accounts", false, {S, X, X, X, X}},
    {POST, "/api/v1/accounts", false, {S, X, X, X, X}},
    {PATCH, "/api/v1/accounts/{username}", false, {S, X, X, X, X}},
    {GET, "/api/v1/tokens", false, {S, X, X, X, X}},
    {POST, "/api/v1/tokens", false, {S, X, X, X, X}},
    {DELETE, "/api/v1/tokens/{id}", false, {S, X, X, X, X}},

    // Ward's own audit trail (who did what through Ward, with the patient or case id it was
    // about): the admin and compliance review it, the privacy officer checks who looked at what.
    {GET, "/api/v1/audit", false, {S, S, X, S, X}},
    {GET, "/api/v1/audit/verify", false, {S, S, X, S, X}},

    // The security program (docs/program.md#api). The intake is open to any staff member without
    // an account (rate-limited, answers only a receipt). Compliance and the admin run incidents
    // and vendors; the privacy officer reads incidents and their breach assessments; the executive
    // gets the deadlines (ids, dates, rules: no titles) and the summary's counts. Incident records
    // are the program's, written by staff told not to put patient details in them.
    {POST, "/api/v1/program/intake", true, kAnyone},
    {POST, "/api/v1/program/intake/{receipt}", true, kAnyone},
    {GET, "/api/v1/program/incidents", false, {S, S, X, S, X}},
    {POST, "/api/v1/program/incidents", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/incidents/{incident}", false, {S, S, X, S, X}},
    {PATCH, "/api/v1/program/incidents/{incident}", false, {S, X, X, S, X}},
    {POST, "/api/v1/program/incidents/{incident}/entries", false, {S, X, X, S, X}},
    {PUT, "/api/v1/program/incidents/{incident}/assessment", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/deadlines", false, {S, S, X, S, S}},
    {GET, "/api/v1/program/summary", false, {S, S, X, S, S}},
    {GET, "/api/v1/program/export/ocr", false, {S, S, X, S, X}},
    {GET, "/api/v1/program/vendors", false, {S, X, X, S, X}},
    {POST, "/api/v1/program/vendors", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/vendors/{vendor}", false, {S, X, X, S, X}},
    {PATCH, "/api/v1/program/vendors/{vendor}", false, {S, X, X, S, X}},
    {DELETE, "/api/v1/program/vendors/{vendor}", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/reminders", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/concentration", false, {S, X, X, S, X}},
    // Control assessments: compliance and the admin rate controls; the executive reads the
    // posture per function (the list), not the control-by-control detail.
    {GET, "/api/v1/program/assessments", false, {S, X, X, S, S}},
    {POST, "/api/v1/program/assessments", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/assessments/{assessment}", false, {S, X, X, S, X}},
    {PUT, "/api/v1/program/assessments/{assessment}/controls/{control}", false, {S, X, X, S, X}},
    // Resilience (no PHI): compliance and the admin keep services, backups and exercises; the
    // security analyst reads them (ransomware recovery is their work too); the executive gets
    // the resilience report (findings and single points of failure).
    {GET, "/api/v1/program/services", false, {S, X, S, S, X}},
    {POST, "/api/v1/program/services", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/services/{service}", false, {S, X, S, S, X}},
    {PATCH, "/api/v1/program/services/{service}", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/backups", false, {S, X, S, S, X}},
    {POST, "/api/v1/program/backups", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/exercises", false, {S, X, S, S, X}},
    {POST, "/api/v1/program/exercises", false, {S, X, X, S, X}},
    {POST, "/api/v1/program/exercises/{exercise}/actions", false, {S, X, X, S, X}},
    {PATCH, "/api/v1/program/exercises/{exercise}/actions/{action}", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/resilience", false, {S, X, S, S, S}},
    // The risk register: compliance and the admin keep it; the executive and the privacy officer
    // read the list (the Program page), the executive the board report (no patient data in either).
    {GET, "/api/v1/program/risks", false, {S, S, X, S, S}},
    {POST, "/api/v1/program/risks", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/risks/{risk}", false, {S, S, X, S, X}},
    {POST, "/api/v1/program/risks/{risk}/treatments", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/board-report", false, {S, X, X, S, S}},
    // MFA coverage: staff accounts, no patients; the identity team (admin, analyst) and compliance.
    {POST, "/api/v1/program/mfa", false, {S, X, S, S, X}},
    {GET, "/api/v1/program/mfa", false, {S, X, S, S, X}},
    // Medical devices and their findings (not patient data): the security analyst and the admin
    // work them, compliance reads them, the executive gets the counts.
    {GET, "/api/v1/devices", false, {S, X, S, S, X}},
    {GET, "/api/v1/devices/{device}", false, {S, X, S, S, X}},
    {GET, "/api/v1/vulns/worklist", false, {S, X, S, S, X}},
    {PATCH, "/api/v1/devices/{device}/findings/{finding}", false, {S, X, S, X, X}},
    {GET, "/api/v1/stats/devices", false, {S, X, S, S, S}},
    {GET, "/api/v1/devices/discovered", false, {S, X, S, S, X}},  // passive discovery, as the inventory
    // Device models' security contacts and MDS2 answers: read as the inventory; the analyst and the admin keep them.
    {GET, "/api/v1/devices/models", false, {S, X, S, S, X}},
    {GET, "/api/v1/devices/models/{model}", false, {S, X, S, S, X}},
    {PUT, "/api/v1/devices/models/{model}", false, {S, X, S, X, X}},
    // CVD intake: the security analyst and the admin record and move reports on; compliance reads them.
    {GET, "/api/v1/devices/cvd", false, {S, X, S, S, X}},
    {POST, "/api/v1/devices/cvd", false, {S, X, S, X, X}},
    {GET, "/api/v1/devices/cvd/{report}", false, {S, X, S, S, X}},
    {PATCH, "/api/v1/devices/cvd/{report}", false, {S, X, S, X, X}},
    // AI governance: compliance and admins run the registry and its workflow; the privacy
    // officer and the security analyst read it; the executive gets the summary and the
    // transparency listing (no PHI anywhere in it).
    {GET, "/api/v1/ai/systems", false, {S, S, S, S, X}},
    {POST, "/api/v1/ai/systems", false, {S, X, X, S, X}},
    {GET, "/api/v1/ai/systems/{system}", false, {S, S, S, S, X}},
    {POST, "/api/v1/ai/systems/{system}/reviews", false, {S, X, X, S, X}},
    {POST, "/api/v1/ai/systems/{system}/evidence", false, {S, X, X, S, X}},
    {POST, "/api/v1/ai/systems/{system}/decisions", false, {S, X, X, S, X}},
    {POST, "/api/v1/ai/systems/{system}/rmf", false, {S, X, X, S, X}},
    {GET, "/api/v1/ai/summary", false, {S, S, S, S, S}},
    {GET, "/api/v1/ai/transparency", false, {S, S, S, S, S}},
    // AI use names staff and PHI sent to AI services (counts, never values): not the executive.
    {GET, "/api/v1/ai/usage", false, {S, S, S, S, X}},
    // Vendor security questionnaires: compliance and the admin, as for the vendors themselves.
    {GET, "/api/v1/program/questionnaires/template", false, {S, X, X, S, X}},
    {POST, "/api/v1/program/vendors/{vendor}/questionnaires", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/questionnaires", false, {S, X, X, S, X}},
    {GET, "/api/v1/program/questionnaires/{questionnaire}", false, {S, X, X, S, X}},
    {PUT, "/api/v1/program/questionnaires/{questionnaire}/answers", false, {S, X, X, S, X}},
};

}  // namespace

std::span<const RouteAccess> access_policy() { return kPolicy; }

const RouteAccess* route_access(http::verb method, std::string_view pattern) {
  for (const RouteAccess& r : kPolicy)
    if (r.method == method && r.pattern == pattern) return &r;
  return nullptr;
}

PhiView view_of(const RouteAccess& access, std::string_view role) {
  auto it = std::find(kRoles.begin(), kRoles.end(), role);
  return it == kRoles.end() ? PhiView::refused : access.by_role[static_cast<std::size_t>(it - kRoles.begin())];
}

std::vector<std::string> routes_for_role(std::string_view role) {
  std::vector<std::string> out;
  for (const RouteAccess& r : kPolicy)
    if (!r.is_public && view_of(r, role) != PhiView::refused)
      out.push_back(std::string(http::to_string(r.method)) + " " + std::string(r.pattern));
  return out;
}

}  // namespace ward::api
