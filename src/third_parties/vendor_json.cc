// vendor_json.h: checked JSON in, JSON out.
#include "third_parties/vendor_json.h"

#include <fmt/format.h>

#include "incidents/calendar_day.h"
#include "incidents/form_fields.h"
#include "incidents/incident.h"

namespace ward::third_parties {
namespace {

using nlohmann::json;
using incidents::check_one_of;

using incidents::field_error;

Result<std::string> text(const json& j, const char* key, std::string_view field) {
  return incidents::string_field(j, key, field);
}

Result<std::string> day_text(const json& j, const char* key, std::string_view field) {
  auto t = text(j, key, field);
  if (!t || t->empty()) return t;
  if (auto d = incidents::parse_day(*t, field); !d) return Unexpected(d.error());
  return t;
}

}  // namespace

Result<Vendor> vendor_from_json(const json& body) {
  if (!body.is_object()) return field_error("body", "expected a JSON object");
  for (const auto& [key, value] : body.items()) {
    static constexpr std::string_view kKeys[] = {"name", "services", "systems", "criticality", "business_associate",
                                                 "phi_categories", "phi_records", "baa_status", "baa_signed", "baa_expires",
                                                 "certifications", "access_paths", "notes", "id"};
    bool known = false;
    for (std::string_view k : kKeys) known = known || k == key;
    if (!known) return field_error(key, "unknown field");
  }
  Vendor v;
  for (auto [key, out] : {std::pair{"name", &v.name}, std::pair{"criticality", &v.criticality},
                          std::pair{"baa_status", &v.baa_status}, std::pair{"notes", &v.notes}}) {
    auto t = text(body, key, key);
    if (!t) return Unexpected(t.error());
    if (!t->empty()) *out = *t;
  }
  if (v.name.empty()) return field_error("name", "missing: the vendor's name");
  if (v.name.size() > 200) return field_error("name", "longer than 200 characters");
  if (auto r = check_one_of(v.criticality, kCriticalities, "criticality"); !r) return Unexpected(r.error());
  if (auto r = check_one_of(v.baa_status, kBaaStatuses, "baa_status"); !r) return Unexpected(r.error());
  for (auto [key, out] : {std::pair{"services", &v.services}, std::pair{"systems", &v.systems},
                          std::pair{"phi_categories", &v.phi_categories}, std::pair{"access_paths", &v.access_paths}}) {
    auto list = incidents::string_list_field(body, key);
    if (!list) return Unexpected(list.error());
    *out = std::move(*list);
  }
  for (const std::string& p : v.access_paths)
    if (auto r = check_one_of(p, kAccessPaths, "access_paths"); !r) return Unexpected(r.error());
  if (body.contains("business_associate")) {
    if (!body["business_associate"].is_boolean()) return field_error("business_associate", "expected true or false");
    v.business_associate = body["business_associate"].get<bool>();
  }
  if (body.contains("phi_records")) {
    if (!body["phi_records"].is_number_integer() || body["phi_records"].get<std::int64_t>() < 0)
      return field_error("phi_records", "expected a whole number, 0 or more");
    v.phi_records = body["phi_records"].get<std::int64_t>();
  }
  auto signed_on = day_text(body, "baa_signed", "baa_signed");
  if (!signed_on) return Unexpected(signed_on.error());
  auto expires = day_text(body, "baa_expires", "baa_expires");
  if (!expires) return Unexpected(expires.error());
  v.baa_signed = *signed_on;
  v.baa_expires = *expires;
  if (!v.baa_signed.empty() && !v.baa_expires.empty() && v.baa_expires < v.baa_signed)
    return field_error("baa_expires", fmt::format("{} is before baa_signed {}: dates in the wrong order", v.baa_expires, v.baa_signed));
  if (v.baa_status == "signed" && v.baa_signed.empty()) return field_error("baa_signed", "missing: the day the BAA was signed");
  if (body.contains("certifications")) {
    if (!body["certifications"].is_array()) return field_error("certifications", "expected a list of {name, expires}");
    for (std::size_t i = 0; i < body["certifications"].size(); ++i) {
      const json& c = body["certifications"][i];
      const std::string at = fmt::format("certifications[{}]", i);
      if (!c.is_object()) return field_error(at, "expected {name, expires}");
      auto name = text(c, "name", at + ".name");
      if (!name) return Unexpected(name.error());
      if (name->empty()) return field_error(at + ".name", "missing");
      auto exp = day_text(c, "expires", at + ".expires");
      if (!exp) return Unexpected(exp.error());
      if (exp->empty()) return field_error(at + ".expires", "missing: the day the certificate expires");
      v.certifications.push_back({*name, *exp});
    }
  }
  return v;
}

json vendor_to_json(const Vendor& v) {
  json certs = json::array();
  for (const Certification& c : v.certifications) certs.push_back({{"name", c.name}, {"expires", c.expires}});
  return {{"id", v.id},
          {"name", v.name},
          {"services", v.services},
          {"systems", v.systems},
          {"criticality", v.criticality},
          {"business_associate", v.business_associate},
          {"phi_categories", v.phi_categories},
          {"phi_records", v.phi_records},
          {"baa_status", v.baa_status},
          {"baa_signed", v.baa_signed},
          {"baa_expires", v.baa_expires},
          {"certifications", certs},
          {"access_paths", v.access_paths},
          {"notes", v.notes}};
}

Result<Vendor> vendor_with_changes(const Vendor& current, const json& changes) {
  if (!changes.is_object()) return field_error("body", "expected a JSON object");
  if (changes.contains("id")) return field_error("id", "given by Ward; it cannot change");
  json merged = vendor_to_json(current);
  for (const auto& [key, value] : changes.items()) merged[key] = value;
  auto v = vendor_from_json(merged);
  if (!v) return v;
  v->id = current.id;
  return v;
}

}  // namespace ward::third_parties
