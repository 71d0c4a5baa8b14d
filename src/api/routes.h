// Ward's REST API v1: which routes exist and what they answer. Start here to add a route;
// the transport is in http_server.h. Every route but /api/v1/health and /api/v1/session
// needs a bearer token or a session cookie.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "api/router.h"
#include "devices/ssvc_settings.h"
#include "devices/vendor_names.h"
#include "api/sign_in.h"
#include "core/input_status.h"
#include "ingest/parse_context.h"
#include "live_detection/detection_monitor.h"
#include "privacy/engine.h"
#include "privacy/monitor.h"
#include "sigma/compiled_rule.h"
#include "store/store.h"

namespace ward::incidents { class IncidentStore; }
namespace ward::third_parties { class VendorStore; }

namespace ward::api {

struct ApiOptions {
  std::size_t max_body_bytes = 64 * 1024 * 1024;  // larger POST bodies get 413
  std::size_t max_phi_scan_bytes = 1024 * 1024;   // larger POST /api/v1/phi/scan bodies get 413
  ingest::ParseOptions parse;                     // for POST /api/v1/ingest/*
  privacy::PrivacyConfig privacy;                 // for POST /api/v1/privacy/run
  privacy::PrivacyMonitor* monitor = nullptr;  // live scoring (ward serve); null: none
  live_detection::DetectionMonitor* detection = nullptr;  // live Sigma rules (ward serve); null: none
  sigma::CompileOptions rules;                 // for POST /api/v1/rules: how uploads compile
  // Called after a rule change through the API (upload, enable/disable, delete), so live
  // detection takes the rule store's new state (ward serve). May be empty.
  std::function<void()> on_rules_changed;
  SessionSettings sessions;  // sign-in: timeouts, lockout, password cost (ward.yaml sessions:)
  LiveInputs live_inputs;    // the listeners' counts (ward serve); empty: none run here
  // The security program's stores (program_routes.cc; thread-safe, outliving the router);
  // null: its routes answer 503.
  incidents::IncidentStore* incidents = nullptr;
  third_parties::VendorStore* vendors = nullptr;
  std::filesystem::path data_dir;  // devices and their findings, the AI registry (ward.db there); empty: those routes answer 503
  devices::SsvcSettings ssvc;      // devices.ssvc: the SSVC tree and due days the device routes use
  // devices.vendor_aliases: how the device routes key a device's model by its manufacturer
  // ("Phillips" is Philips), as `ward vulns match` and `ward devices model-set` do.
  devices::VendorAliases::Table vendor_aliases = devices::VendorAliases::defaults();
  std::filesystem::path ai_service_catalogue;  // ward.yaml ai.service_catalogue; empty: the built-in AI service list
};

// The routes, bound to `store` (which must outlive the router).
Router build_router(store::Store& store, const ApiOptions& options);

// Reviewing privacy cases (case_review_routes.cc): a case with its timeline and history, review
// changes, and the explanation rules dismissals propose. Part of build_router.
void add_case_review_routes(Router& router, store::Store& store, const ApiOptions& options);

// Detection alerts (alert_routes.cc): the list with filters and paging, one alert with its raw
// event, status changes and their history. Part of build_router.
void add_alert_routes(Router& router, store::Store& store);

// Live detection's status (detection_routes.cc). Part of build_router.
void add_detection_routes(Router& router, const ApiOptions& options);
// The rule store (rule_routes.cc): list, one rule with its YAML, upload (checked with Ward's
// compiler), enable/disable, delete. Part of build_router.
void add_rule_routes(Router& router, store::Store& store, const ApiOptions& options);
// Ward's own audit trail (audit_routes.cc): the trail newest first as JSON or FHIR AuditEvents,
// and the hash chain's check; admins and compliance only. Part of build_router.
void add_audit_routes(Router& router, store::Store& store);
// PHI detection (phi_routes.cc): POST a text, HL7 v2 message, FHIR resource or CSV, get back
// where the PHI is and of which type, never the values. Part of build_router.
void add_phi_routes(Router& router, const ApiOptions& options);
// Signing in and out (session_routes.cc): POST, GET and DELETE /api/v1/session. Part of
// build_router.
void add_session_routes(Router& router, store::Store& store, std::shared_ptr<SignIn> sign_in);
// Ward's accounts and API tokens (account_routes.cc): /api/v1/accounts and /api/v1/tokens, for
// admins. Part of build_router.
void add_account_routes(Router& router, store::Store& store, const ApiOptions& options);
// The overview's aggregates (stats_routes.cc): events per input per day and each input's
// freshness, cases by status and category, alerts by level and status. Part of build_router.
void add_stats_routes(Router& router, store::Store& store, const ApiOptions& options);
// Control assessments (assessment_routes.cc): list with posture, one with its controls, start,
// rate a control; on options.data_dir. Part of build_router.
void add_assessment_routes(Router& router, const ApiOptions& options);
// The risk register and the board report (risk_routes.cc): risks with their scores, one risk,
// adding a risk or a treatment, the one-page board report as HTML. Part of build_router.
void add_risk_routes(Router& router, const ApiOptions& options);
// The security program (program_routes.cc): the public intake, incidents, breach assessments and
// deadlines, the OCR export, vendors. Part of build_router.
void add_program_routes(Router& router, const ApiOptions& options);
// MFA coverage (mfa_routes.cc): upload an identity provider's user export, read the latest
// coverage; on options.data_dir. Part of build_router.
void add_mfa_routes(Router& router, const ApiOptions& options);
// Medical devices and their findings' remediation (device_routes.cc): the inventory, one device
// with its findings, the worklist, a finding's state. Part of build_router.
void add_device_routes(Router& router, const ApiOptions& options);
// Coordinated vulnerability disclosure intake (cvd_routes.cc); called by add_device_routes.
void add_cvd_routes(Router& router, const ApiOptions& options);
// AI governance (ai_routes.cc): the AI system registry, its workflow, the summary and the
// transparency listing, over the store in options.data_dir. Part of build_router.
void add_ai_routes(Router& router, store::Store& store, const ApiOptions& options);
// Resilience (resilience_routes.cc): services, backups, exercises and their actions, the
// resilience report, over the store in options.data_dir. Part of build_router.
void add_resilience_routes(Router& router, const ApiOptions& options);
// Passive device discovery (discovery_routes.cc): GET /api/v1/devices/discovered. Added before
// add_device_routes, whose /api/v1/devices/{device} would otherwise take "discovered" as an id.
void add_discovery_routes(Router& router, const ApiOptions& options);
// Vendor security questionnaires (questionnaire_routes.cc): the template, send, list, one,
// answers; on options.data_dir. Part of build_router.
void add_questionnaire_routes(Router& router, const ApiOptions& options);

}  // namespace ward::api
