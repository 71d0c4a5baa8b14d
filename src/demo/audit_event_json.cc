#include "demo/audit_event_json.h"

namespace ward::demo {
namespace {

struct Subtype {
  std::string_view code;
  char action;
};

Subtype subtype_of(Interaction i) {
  switch (i) {
    case Interaction::search: return {"search-type", 'E'};
    case Interaction::create: return {"create", 'C'};
    case Interaction::update: return {"update", 'U'};
    case Interaction::remove: return {"delete", 'D'};
    case Interaction::read:
    case Interaction::print:
    case Interaction::export_records: return {"read", 'R'};
  }
  return {"read", 'R'};
}

constexpr std::string_view kEntityType = R"("type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type",)";
constexpr std::string_view kObjectRole = R"("role":{"system":"http://terminology.hl7.org/CodeSystem/object-role",)";

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

void append_base64(std::string& out, std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 0) return;
  unsigned v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
  out += kAlphabet[v >> 18];
  out += kAlphabet[(v >> 12) & 63];
  out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
  out += '=';
}

void append_audit_event_json(std::string& out, const AuditEventFields& e) {
  const Subtype sub = subtype_of(e.interaction);
  out += R"({"resourceType":"AuditEvent","id":)";
  append_json_string(out, e.id);
  out += R"(,"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest","display":"Restful Operation"})"
         R"(,"subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":")";
  out += sub.code;
  out += R"(","display":")";
  out += sub.code;
  out += R"("}],"action":")";
  out += sub.action;
  out += R"(","recorded":")";
  append_utc_instant_ms(out, e.recorded);
  out += R"(","outcome":")";
  out += static_cast<char>('0' + e.outcome % 10);
  out += '"';
  if (e.outcome == 4) out += R"(,"outcomeDesc":"Requested resource not found")";
  if (e.outcome == 8) out += R"(,"outcomeDesc":"Server error while processing the request")";
  out += R"(,"purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":)";
  append_json_string(out, e.purpose);
  out += R"(}]}],"agent":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP","display":"information recipient"}]})"
         R"(,"who":{"reference":"Practitioner/)";
  out += e.practitioner_id;
  out += R"(","identifier":{"system":")";
  out += kEmployeeIdSystem;
  out += R"(","value":)";
  append_json_string(out, e.employee_id);
  out += R"(},"display":)";
  append_json_string(out, e.user_display);
  out += R"(},"requestor":true,"network":{"address":)";
  append_json_string(out, e.ip);
  out += R"(,"type":"2"}},{"type":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110153","display":"Source Role ID"}]})"
         R"(,"who":{"display":")";
  out += kEhrHost;
  out += R"("},"requestor":false}],"source":{"site":"Ward General Hospital","observer":{"display":")";
  out += kEhrHost;
  out += R"("},"type":[{"system":"http://terminology.hl7.org/CodeSystem/security-source-type","code":"4","display":"Application Server"}]})"
         R"(,"entity":[{"what":{"reference":"Patient/)";
  out += e.patient_id;
  out += R"("},)";
  out += kEntityType;
  out += R"("code":"1","display":"Person"},)";
  out += kObjectRole;
  out += R"("code":"1","display":"Patient"}},{)";
  if (e.interaction == Interaction::search) {
    out += kEntityType;
    out += R"("code":"2","display":"System Object"},)";
    out += kObjectRole;
    out += R"("code":"24","display":"Query"},"query":")";
    append_base64(out, e.query);
    out += '"';
  } else {
    out += R"("what":{"reference":)";
    append_json_string(out, e.object_reference);
    out += "},";
    out += kEntityType;
    out += R"("code":"2","display":"System Object"},)";
    out += kObjectRole;
    out += R"("code":"4","display":"Domain Resource"})";
  }
  out += "}]}\n";
}

}  // namespace ward::demo
