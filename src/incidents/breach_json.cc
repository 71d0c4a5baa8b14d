// breach_json.h: JSON in and out for assessments and law-enforcement contacts.
#include "incidents/breach_json.h"

#include <fmt/format.h>

#include "incidents/form_fields.h"
#include "incidents/incident.h"

namespace ward::incidents {
namespace {

using nlohmann::json;

Result<void> only_keys(const json& j, std::initializer_list<std::string_view> allowed, std::string_view where) {
  if (!j.is_object()) return field_error(where.empty() ? "body" : where, "expected a JSON object");
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return field_error(where.empty() ? key : fmt::format("{}.{}", where, key), "unknown field");
  }
  return {};
}

Result<std::string> text(const json& j, const char* key, std::string_view field) { return string_field(j, key, field); }

Result<std::optional<Day>> optional_day(const json& j, const char* key, std::string_view field) {
  auto t = text(j, key, field);
  if (!t) return Unexpected(t.error());
  if (t->empty()) return std::optional<Day>();
  auto d = parse_day(*t, field);
  if (!d) return Unexpected(d.error());
  return std::optional<Day>(*d);
}

Result<std::int64_t> count(const json& j, std::string_view field) {
  if (!j.is_number_integer() || j.get<std::int64_t>() < 0) return field_error(field, "expected a whole number, 0 or more");
  return j.get<std::int64_t>();
}

Result<FactorAnswer> factor(const json& body, const char* key) {
  if (!body.contains(key)) return FactorAnswer{};
  const json& j = body[key];
  if (auto r = only_keys(j, {"answer", "notes"}, key); !r) return Unexpected(r.error());
  auto answer = text(j, "answer", fmt::format("{}.answer", key));
  if (!answer) return Unexpected(answer.error());
  auto notes = text(j, "notes", fmt::format("{}.notes", key));
  if (!notes) return Unexpected(notes.error());
  return FactorAnswer{*answer, *notes};
}

Result<OcrDetails> ocr_from_json(const json& body) {
  OcrDetails o;
  if (!body.contains("ocr")) return o;
  const json& j = body["ocr"];
  if (auto r = only_keys(j, {"breach_start", "breach_end", "breach_type", "location", "phi_types", "safeguards", "actions",
                             "business_associate_involved"},
                         "ocr");
      !r)
    return Unexpected(r.error());
  auto start = optional_day(j, "breach_start", "ocr.breach_start");
  if (!start) return Unexpected(start.error());
  auto end = optional_day(j, "breach_end", "ocr.breach_end");
  if (!end) return Unexpected(end.error());
  if (*start && *end && **end < **start) return field_error("ocr.breach_end", "before ocr.breach_start: dates in the wrong order");
  o.breach_start = *start ? format_day(**start) : "";
  o.breach_end = *end ? format_day(**end) : "";
  for (auto [key, out] : {std::pair{"breach_type", &o.breach_type}, std::pair{"location", &o.location},
                          std::pair{"safeguards", &o.safeguards}, std::pair{"actions", &o.actions}}) {
    auto t = text(j, key, fmt::format("ocr.{}", key));
    if (!t) return Unexpected(t.error());
    *out = *t;
  }
  if (!o.breach_type.empty())
    if (auto r = check_one_of(o.breach_type, "Hacking/IT Incident, Improper Disposal, Loss, Theft, "
                                             "Unauthorized Access/Disclosure, Other", "ocr.breach_type"); !r)
      return Unexpected(r.error());
  if (!o.location.empty())
    if (auto r = check_one_of(o.location, "Desktop Computer, Electronic Medical Record, Email, Laptop, Network Server, "
                                          "Other Portable Electronic Device, Paper/Films, Other", "ocr.location"); !r)
      return Unexpected(r.error());
  if (j.contains("phi_types")) {
    if (!j["phi_types"].is_array()) return field_error("ocr.phi_types", "expected a list");
    for (const json& t : j["phi_types"]) {
      if (!t.is_string()) return field_error("ocr.phi_types", "expected a list of strings");
      if (auto r = check_one_of(t.get<std::string>(), "Clinical, Demographic, Financial, Other", "ocr.phi_types"); !r)
        return Unexpected(r.error());
      o.phi_types.push_back(t.get<std::string>());
    }
  }
  if (j.contains("business_associate_involved")) {
    if (!j["business_associate_involved"].is_boolean()) return field_error("ocr.business_associate_involved", "expected true or false");
    o.business_associate_involved = j["business_associate_involved"].get<bool>();
  }
  return o;
}

json factor_json(const FactorAnswer& a) { return {{"answer", a.answer}, {"notes", a.notes}}; }

}  // namespace

Result<BreachAssessmentRecord> assessment_from_json(const json& body, Day today) {
  if (auto r = only_keys(body, {"discovered", "individuals", "residents", "role", "ocr", "exception", "secured", "nature",
                                "recipient", "acquired", "mitigation"},
                         "");
      !r)
    return Unexpected(r.error());
  BreachAssessmentRecord rec;
  auto discovered = text(body, "discovered", "discovered");
  if (!discovered) return Unexpected(discovered.error());
  auto day = parse_day(*discovered, "discovered");
  if (!day) return Unexpected(day.error());
  if (*day > today) return field_error("discovered", fmt::format("{} is in the future", *discovered));
  rec.facts.discovered = *day;
  if (!body.contains("individuals")) return field_error("individuals", "missing: the number of individuals affected (an estimate will do)");
  auto n = count(body["individuals"], "individuals");
  if (!n) return Unexpected(n.error());
  rec.facts.individuals = *n;
  if (body.contains("residents")) {
    if (!body["residents"].is_object()) return field_error("residents", "expected an object of state codes and counts");
    for (const auto& [state, value] : body["residents"].items()) {
      auto c = count(value, "residents." + state);
      if (!c) return Unexpected(c.error());
      rec.facts.residents[state] = *c;
    }
  }
  auto role = text(body, "role", "role");
  if (!role) return Unexpected(role.error());
  if (!role->empty())
    if (auto r = check_one_of(*role, "covered_entity, business_associate", "role"); !r) return Unexpected(r.error());
  rec.facts.role = *role == "business_associate" ? EntityRole::business_associate : EntityRole::covered_entity;
  auto ocr = ocr_from_json(body);
  if (!ocr) return Unexpected(ocr.error());
  rec.ocr = std::move(*ocr);
  if (!rec.ocr.breach_start.empty() && rec.facts.discovered < *parse_day(rec.ocr.breach_start, "ocr.breach_start"))
    return field_error("discovered", fmt::format("{} is before the breach started ({}): dates in the wrong order", *discovered,
                                         rec.ocr.breach_start));
  auto exception = text(body, "exception", "exception");
  if (!exception) return Unexpected(exception.error());
  rec.answers.exception = *exception;
  if (body.contains("secured")) {
    if (!body["secured"].is_boolean()) return field_error("secured", "expected true or false");
    rec.answers.secured = body["secured"].get<bool>();
  }
  for (auto [key, out] : {std::pair{"nature", &rec.answers.nature}, std::pair{"recipient", &rec.answers.recipient},
                          std::pair{"acquired", &rec.answers.acquired}, std::pair{"mitigation", &rec.answers.mitigation}}) {
    auto f = factor(body, key);
    if (!f) return Unexpected(f.error());
    *out = std::move(*f);
  }
  return rec;
}

json assessment_to_json(const BreachAssessmentRecord& r) {
  json residents = json::object();
  for (const auto& [state, n] : r.facts.residents) residents[state] = n;
  return {{"discovered", format_day(r.facts.discovered)},
          {"individuals", r.facts.individuals},
          {"residents", residents},
          {"role", r.facts.role == EntityRole::business_associate ? "business_associate" : "covered_entity"},
          {"ocr",
           {{"breach_start", r.ocr.breach_start}, {"breach_end", r.ocr.breach_end}, {"breach_type", r.ocr.breach_type},
            {"location", r.ocr.location}, {"phi_types", r.ocr.phi_types}, {"safeguards", r.ocr.safeguards},
            {"actions", r.ocr.actions}, {"business_associate_involved", r.ocr.business_associate_involved}}},
          {"exception", r.answers.exception},
          {"secured", r.answers.secured},
          {"nature", factor_json(r.answers.nature)},
          {"recipient", factor_json(r.answers.recipient)},
          {"acquired", factor_json(r.answers.acquired)},
          {"mitigation", factor_json(r.answers.mitigation)}};
}

Result<LawEnforcementContact> law_enforcement_from_json(const json& body) {
  if (auto r = only_keys(body, {"agency", "official", "contact", "statement", "stated", "until", "notes"}, "law_enforcement"); !r)
    return Unexpected(r.error());
  LawEnforcementContact c;
  for (auto [key, out] : {std::pair{"agency", &c.agency}, std::pair{"official", &c.official}, std::pair{"contact", &c.contact},
                          std::pair{"statement", &c.statement}, std::pair{"notes", &c.notes}}) {
    auto t = text(body, key, fmt::format("law_enforcement.{}", key));
    if (!t) return Unexpected(t.error());
    *out = *t;
  }
  if (c.agency.empty()) return field_error("law_enforcement.agency", "missing: which agency");
  auto stated = optional_day(body, "stated", "law_enforcement.stated");
  if (!stated) return Unexpected(stated.error());
  auto until = optional_day(body, "until", "law_enforcement.until");
  if (!until) return Unexpected(until.error());
  if (!c.statement.empty()) {
    if (auto r = check_one_of(c.statement, "written, oral", "law_enforcement.statement"); !r) return Unexpected(r.error());
    if (!*stated) return field_error("law_enforcement.stated", "missing: the day the delay was asked for");
    if (c.statement == "written" && !*until)
      return field_error("law_enforcement.until", "missing: a written statement names the end of the delay (164.412(a))");
    if (c.statement == "oral" && c.official.empty())
      return field_error("law_enforcement.official", "missing: document who made an oral statement (164.412(b))");
  } else if (*until) {
    return field_error("law_enforcement.statement", "missing: an end of delay needs the statement it comes from (written or oral)");
  }
  if (*stated && *until && **until < **stated) return field_error("law_enforcement.until", "before the day it was stated: dates in the wrong order");
  c.stated = *stated ? format_day(**stated) : "";
  c.until = *until ? format_day(**until) : "";
  return c;
}

json law_enforcement_to_json(const LawEnforcementContact& c) {
  return {{"agency", c.agency}, {"official", c.official}, {"contact", c.contact}, {"statement", c.statement},
          {"stated", c.stated}, {"until", c.until}, {"notes", c.notes}};
}

std::optional<DelayRequest> delay_of(const LawEnforcementContact& c) {
  if (c.statement.empty()) return std::nullopt;
  auto stated = parse_day(c.stated, "stated");
  if (!stated) return std::nullopt;
  DelayRequest d{c.statement == "written", *stated, std::nullopt, c.agency};
  if (auto until = parse_day(c.until, "until"); until) d.until = *until;
  return d;
}

json deadline_json(const Deadline& d, Day today) {
  return {{"duty", d.duty},
          {"notify", d.notify},
          {"due", format_day(d.due)},
          {"days_left", days_between(today, d.due)},
          {"base_days", d.base_days},
          {"delay_days", d.delay_days},
          {"hold_until", d.hold_until ? json(format_day(*d.hold_until)) : json(nullptr)},
          {"rule", d.rule},
          {"reason", d.reason}};
}

}  // namespace ward::incidents
