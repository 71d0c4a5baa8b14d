#include "ingest/fhir/audit_event_classifier.h"

#include <array>
#include <utility>

#include "core/ascii_case.h"

namespace ward::ingest::fhir {
namespace {

bool has_code(std::span<const CodingView> codings, std::string_view code) {
  for (const CodingView& c : codings)
    if (c.code == code) return true;
  return false;
}

// FHIR restful-interaction codes; "" means "decided by AuditEvent.action".
constexpr std::array<std::pair<std::string_view, Action>, 17> kRestful = {{
    {"read", Action::read},           {"vread", Action::read},
    {"capabilities", Action::read},   {"search", Action::search},
    {"search-type", Action::search},  {"search-system", Action::search},
    {"search-compartment", Action::search},
    {"history", Action::search},      {"history-instance", Action::search},
    {"history-type", Action::search}, {"history-system", Action::search},
    {"create", Action::create},       {"update", Action::update},
    {"patch", Action::update},        {"delete", Action::delete_},
    {"batch", Action::unknown},       {"transaction", Action::unknown},
}};

// IHE ITI transactions (subtype system urn:oid:1.3.6.1.4.1.19376.1.2) that say what was done.
constexpr std::array<std::pair<std::string_view, Action>, 20> kIheTransactions = {{
    {"ITI-9", Action::query},   {"ITI-18", Action::query},  {"ITI-21", Action::query},
    {"ITI-38", Action::query},  {"ITI-45", Action::query},  {"ITI-47", Action::query},
    {"ITI-51", Action::query},  {"ITI-55", Action::query},  {"ITI-63", Action::query},
    {"ITI-66", Action::query},  {"ITI-67", Action::query},  {"ITI-78", Action::query},
    {"ITI-83", Action::query},  {"ITI-90", Action::query},  {"ITI-43", Action::read},
    {"ITI-68", Action::read},   {"ITI-39", Action::read},   {"ITI-41", Action::create},
    {"ITI-65", Action::create}, {"ITI-32", Action::export_},
}};

constexpr std::string_view kDcmAuthentication = "110114";
constexpr std::string_view kDcmLogin = "110122";
constexpr std::string_view kDcmLogout = "110123";
constexpr std::string_view kDcmExport = "110106";
constexpr std::string_view kDcmImport = "110107";
constexpr std::string_view kDcmQuery = "110112";

bool is_restful_system(std::string_view system) {
  return system.empty() || system.ends_with("restful-interaction");
}

// The restful-interaction entry of a subtype, or nullptr.
const std::pair<std::string_view, Action>* restful_entry(std::span<const CodingView> subtypes) {
  for (const CodingView& c : subtypes) {
    if (!is_restful_system(c.system)) continue;
    for (const auto& entry : kRestful)
      if (entry.first == c.code) return &entry;
  }
  return nullptr;
}

Action ihe_action(std::span<const CodingView> subtypes) {
  for (const CodingView& c : subtypes)
    for (const auto& [code, action] : kIheTransactions)
      if (c.code == code) return action;
  return Action::unknown;
}

bool is_disclosure(std::span<const CodingView> codings) {
  for (const CodingView& c : codings)
    if (ascii_iequals(c.code, "disclose") || ascii_iequals(c.code, "disclosure")) return true;
  return false;
}

Action from_action_code(std::string_view code, bool has_query_entity) {
  if (code == "C") return Action::create;
  if (code == "R") return Action::read;
  if (code == "U") return Action::update;
  if (code == "D") return Action::delete_;
  if (code == "E") return has_query_entity ? Action::search : Action::execute;
  return Action::unknown;
}

}  // namespace

Action classify_action(const AuditEventCodes& codes) {
  if (is_disclosure(codes.subtypes) || is_disclosure(codes.types)) return Action::disclose;
  if (has_code(codes.subtypes, kDcmLogin)) return Action::login;
  if (has_code(codes.subtypes, kDcmLogout)) return Action::logout;
  if (has_code(codes.types, kDcmExport)) return Action::export_;
  if (has_code(codes.types, kDcmImport)) return Action::create;
  if (const auto* restful = restful_entry(codes.subtypes)) {
    if (restful->second != Action::unknown) return restful->second;
    return from_action_code(codes.action, codes.has_query_entity);  // batch, transaction
  }
  if (Action a = ihe_action(codes.subtypes); a != Action::unknown) return a;
  if (has_code(codes.types, kDcmQuery)) return Action::query;
  return from_action_code(codes.action, codes.has_query_entity);
}

EventKind classify_kind(const AuditEventCodes& codes, Action action) {
  if (action == Action::login || action == Action::logout ||
      has_code(codes.types, kDcmAuthentication))
    return EventKind::authentication;
  if (codes.has_patient || has_code(codes.types, "rest") || restful_entry(codes.subtypes) ||
      action == Action::disclose || action == Action::query ||
      ihe_action(codes.subtypes) != Action::unknown)
    return EventKind::ehr_access;
  return EventKind::audit;
}

Outcome outcome_from_code(std::string_view code) {
  if (code == "0" || ascii_iequals(code, "success")) return Outcome::success;
  if (code == "4" || code == "8" || code == "12" || ascii_iequals(code, "minor") ||
      ascii_iequals(code, "major") || ascii_iequals(code, "fatal") || ascii_iequals(code, "failure") ||
      ascii_iequals(code, "serious"))
    return Outcome::failure;
  return Outcome::unknown;
}

}  // namespace ward::ingest::fhir
