// FHIR de-identification (fhir_deidentifier.h): a walk over nlohmann's ordered DOM (which keeps
// the key order; exact_json.h keeps decimals as written and writes valid JSON back) that keeps the resource's type and the field's shape
// (its path without indices), as the scan does over simdjson.
#include "deid/fhir_deidentifier.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "deid/exact_json.h"
#include "deid/fhir_references.h"
#include "ingest/fhir/fhir_parser.h"
#include "ingest/fhir/fhir_values.h"
#include "phi/formats/fhir_phi_fields.h"
#include "phi/formats/fhir_phi_scan.h"
#include "phi/formats/field_scanner.h"

namespace ward::deid {
namespace {

using Json = nlohmann::ordered_json;
using phi::PhiType;

constexpr int kMaxDepth = 64;                          // objects inside each other; deeper: refused
constexpr std::size_t kMaxAttachmentBytes = 16 << 20;  // decoded text attachments de-identified, at most
constexpr std::string_view kSecuritySystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

// Providers and places: their identifiers, addresses and dates are not the patient's.
bool is_provider(std::string_view type) {
  return type == "Practitioner" || type == "PractitionerRole" || type == "Organization" || type == "Location" ||
         type == "HealthcareService" || type == "Endpoint";
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A FHIR date, dateTime or instant with at least a month: "2019-03", "2019-03-04T10:22:33-05:00".
bool is_fhir_date(std::string_view s) {
  if (s.size() < 7 || !is_digits(s.substr(0, 4)) || s[4] != '-' || !is_digits(s.substr(5, 2))) return false;
  if (s.size() == 7) return true;
  if (s.size() < 10 || s[7] != '-' || !is_digits(s.substr(8, 2))) return false;
  return s.size() == 10 || s[10] == 'T';
}

std::string_view text_of(const Json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
}

// The first code of the CodeableConcept under `key` ("type": {"coding": [{"code": "MR"}]}).
std::string_view first_code(const Json& object, std::string_view key) {
  const auto concept_value = object.find(key);
  if (concept_value == object.end() || !concept_value->is_object()) return {};
  const auto coding = concept_value->find("coding");
  if (coding == concept_value->end() || !coding->is_array()) return {};
  for (const Json& c : *coding)
    if (const std::string_view code = text_of(c, "code"); !code.empty()) return code;
  return {};
}

// Keys whose strings are codes, not the value a path rule is about (HumanName.use, Address.state,
// Identifier.system…): a rule of a PHI type over a whole element leaves them.
bool is_code_key(std::string_view key) {
  return key == "use" || key == "system" || key == "code" || key == "type" || key == "url" || key == "status" ||
         key == "state" || key == "country" || key == "unit" || key == "prefix" || key == "suffix";
}

NamePart name_part(std::string_view shape) {
  if (shape.ends_with("given")) return NamePart::given;
  if (shape.ends_with("family")) return NamePart::family;
  return NamePart::whole;
}

std::string_view security_code(Action action) {
  switch (action) {
    case Action::redact: return "REDACTED";
    case Action::mask:
    case Action::generalise: return "MASKED";
    case Action::surrogate:
    case Action::pseudonym:
    case Action::date_shift: return "PSEUDED";
    case Action::keep: break;
  }
  return {};
}

// The id of the patient a reference names ("urn:uuid:X", "Patient/X"), or "".
std::string_view referenced_id(const Json& reference_object) {
  return ingest::fhir::reference_id(text_of(reference_object, "reference"));
}

// A compiled fhir.paths rule: "Patient.name" → resource type "Patient", shape "name".
struct PathRule {
  std::string resource_type;  // "*": any
  std::string shape;
  const FieldRule* rule;
};

std::vector<PathRule> compile(const std::vector<FieldRule>& rules) {
  std::vector<PathRule> out;
  for (const FieldRule& r : rules) {
    const std::size_t dot = r.selector.find('.');
    out.push_back(PathRule{r.selector.substr(0, dot), dot == std::string::npos ? "" : r.selector.substr(dot + 1), &r});
  }
  return out;
}

class DocumentDeid {
 public:
  DocumentDeid(TextDeidentifier& deid, phi::ScanScratch& scratch, const std::vector<PathRule>& rules,
               const std::vector<phi::KnownValue>& known, const std::set<std::string>& people, std::string document_record,
               bool mark, ChangeCounts& changed)
      : deid_(deid), scratch_(scratch), rules_(rules), known_(known), people_(people),
        document_record_(std::move(document_record)), mark_(mark), changed_(changed) {}

  Result<void> resource(Json& r, int depth) {
    if (depth > kMaxDepth) return fail(ErrorCode::invalid_input, "resources nested too deeply");
    const std::string type(text_of(r, "resourceType"));
    if (type == "Bundle") return bundle(r, depth);
    const std::string saved_type = type_, saved_record = record_;
    std::set<Action> saved_actions;
    saved_actions.swap(actions_);
    type_ = type;
    record_ = record_of(r);
    std::string shape;
    Result<void> ok;
    for (auto& [key, value] : r.items()) {
      if (key == "resourceType" || key == "meta") continue;
      if (key == "id" && value.is_string()) {
        ok = pseudonymise_id(value);
      } else {
        shape = key;
        ok = member(value, shape, key, depth + 1);
      }
      if (!ok) break;
    }
    if (ok && mark_ && !actions_.empty()) mark(r);
    type_ = saved_type;
    record_ = saved_record;
    actions_.swap(saved_actions);
    return ok;
  }

 private:
  Result<void> bundle(Json& b, int depth) {
    for (auto& [key, value] : b.items()) {
      if (key == "id" && value.is_string()) {
        if (auto ok = pseudonymise_id(value); !ok) return ok;
      } else if (key == "entry" && value.is_array()) {
        for (Json& entry : value) {
          if (!entry.is_object()) continue;
          for (auto& [entry_key, entry_value] : entry.items()) {
            Result<void> ok;
            if (entry_key == "fullUrl" && entry_value.is_string()) ok = pseudonymise_reference(entry_value);
            else if (entry_key == "resource" && entry_value.is_object()) ok = resource(entry_value, depth + 1);
            else if (entry_key == "request" && entry_value.is_object() && entry_value.contains("url") &&
                     entry_value["url"].is_string())
              ok = pseudonymise_reference(entry_value["url"]);
            else if (entry_key == "response" && entry_value.is_object() && entry_value.contains("location") &&
                     entry_value["location"].is_string())
              ok = pseudonymise_reference(entry_value["location"]);
            if (!ok) return ok;
          }
        }
      }
    }
    return {};
  }

  // A reference to one of the document's people (by id or fullUrl), or to any Patient, Person or
  // RelatedPerson: its display is the person's name.
  bool points_at_person(std::string_view reference) const {
    if (reference.empty()) return false;
    return phi::is_fhir_person(ingest::fhir::reference_type(reference)) ||
           people_.count(std::string(ingest::fhir::reference_id(reference))) > 0;
  }

  // The patient this resource is about, for its date offset.
  std::string record_of(const Json& r) const {
    if (type_ == "Patient")
      if (const std::string_view id = text_of(r, "id"); !id.empty()) return std::string(id);
    for (std::string_view key : {"subject", "patient", "beneficiary"})
      if (r.contains(key))
        if (const std::string_view id = referenced_id(r[std::string(key)]); !id.empty()) return std::string(id);
    return document_record_;
  }

  const FieldRule* policy_rule(std::string_view shape) const {
    for (const PathRule& p : rules_)
      if ((p.resource_type == "*" || p.resource_type == type_) &&
          (p.shape == shape || (shape.starts_with(p.shape) && shape.size() > p.shape.size() && shape[p.shape.size()] == '.')))
        return p.rule;
    return nullptr;
  }

  // One member of an object (or an item of an array under `key`), at `shape`.
  Result<void> member(Json& value, std::string& shape, std::string_view key, int depth) {
    if (depth > kMaxDepth) return fail(ErrorCode::invalid_input, "JSON nested too deeply");
    if (const FieldRule* rule = policy_rule(shape)) return by_rule(value, *rule, shape, key, depth);
    if (value.is_array()) {
      for (Json& item : value)
        if (auto ok = member(item, shape, key, depth + 1); !ok) return ok;
      return {};
    }
    if (value.is_object()) return object(value, shape, depth);
    if (!value.is_string()) return {};
    return leaf(value, shape, key);
  }

  Result<void> object(Json& value, std::string& shape, int depth) {
    if (value.contains("resourceType")) return resource(value, depth + 1);  // contained, or a Bundle inside
    const bool person = phi::is_fhir_person(type_);
    if ((shape.ends_with("identifier") || shape.ends_with("Identifier")) && value.contains("value") && value["value"].is_string() &&
        (person || !is_provider(type_)))
      return replace(value["value"], phi::fhir_identifier_type(first_code(value, "type"), text_of(value, "system")),
                     NamePart::whole);
    if (person && (shape == "telecom" || shape == "contact.telecom") && value.contains("value") && value["value"].is_string())
      return replace(value["value"], phi::fhir_telecom_type(text_of(value, "system")), NamePart::whole);
    if (person && shape == "extension") {
      const std::string_view url = text_of(value, "url");
      if (phi::is_fhir_maiden_name_extension(url) && value.contains("valueString") && value["valueString"].is_string())
        return replace(value["valueString"], PhiType::name, NamePart::whole);
      if (!phi::is_fhir_birth_place_extension(url)) return {};
    }
    if (value.contains("contentType") && (value.contains("data") || value.contains("url"))) return attachment(value);
    if (person && (shape == "address" || shape == "contact.address")) drop_geolocation(value);
    const bool names_a_person = points_at_person(text_of(value, "reference"));
    for (auto& [key, member_value] : value.items()) {
      const std::size_t base = shape.size();
      shape.append(".").append(key);
      Result<void> ok;
      if (key == "reference" && member_value.is_string()) ok = pseudonymise_reference(member_value);
      else if (key == "display" && names_a_person && member_value.is_string()) ok = replace(member_value, PhiType::name, NamePart::whole);
      else ok = member(member_value, shape, key, depth + 1);
      shape.resize(base);
      if (!ok) return ok;
    }
    return {};
  }

  Result<void> leaf(Json& value, const std::string& shape, std::string_view key) {
    if (phi::is_fhir_person(type_))
      if (const auto type = phi::fhir_person_field_type(shape)) return replace(value, *type, name_part(shape));
    if (key == "div") return markup(value);
    if (phi::is_fhir_free_text(key, shape)) return free_text(value);
    if (!is_provider(type_) && is_fhir_date(value.get_ref<const std::string&>())) return replace(value, PhiType::date, NamePart::whole);
    return {};
  }

  // Everything under a policy rule: kept, scanned, or replaced as one type.
  Result<void> by_rule(Json& value, const FieldRule& rule, const std::string& shape, std::string_view key, int depth) {
    if (rule.kind == FieldRule::Kind::keep) return {};
    if (depth > kMaxDepth) return fail(ErrorCode::invalid_input, "JSON nested too deeply");
    if (value.is_structured()) {
      for (auto& [child_key, child] : value.items()) {
        const std::string child_shape = value.is_object() ? shape + "." + child_key : shape;
        if (auto ok = by_rule(child, rule, child_shape, value.is_object() ? std::string_view(child_key) : key, depth + 1); !ok)
          return ok;
      }
      return {};
    }
    if (!value.is_string()) return {};
    if (key == "reference") return pseudonymise_reference(value);
    if (rule.kind == FieldRule::Kind::free_text) return key == "div" ? markup(value) : free_text(value);
    if (is_code_key(key)) return {};  // "Patient.address: geography" keeps address.use and .state
    return replace(value, rule.type, rule.type == PhiType::name ? name_part(shape) : NamePart::whole);
  }

  Result<void> replace(Json& value, PhiType type, NamePart part) {
    const std::string original = value.get<std::string>();
    const std::string_view trimmed = phi::trim_whitespace(original);
    if (trimmed.empty()) return {};
    auto replacement = deid_.replace(type, trimmed, record_, part);
    if (!replacement) return Unexpected(replacement.error());
    if (*replacement == trimmed) return {};
    value = *replacement;
    ++changed_.by_type[static_cast<std::size_t>(type)];
    actions_.insert(deid_.policy().action_for(type));
    return {};
  }

  Result<void> free_text(Json& value) {
    auto done = deid_.deidentify(value.get_ref<const std::string&>(), scratch_, record_, known_);
    if (!done) return Unexpected(done.error());
    return take(value, *done);
  }

  Result<void> markup(Json& value) {
    const std::string& xhtml = value.get_ref<const std::string&>();
    auto done = deid_.deidentify_markup(xhtml, phi::fhir_narrative_without_tags(xhtml), scratch_, record_, known_);
    if (!done) return Unexpected(done.error());
    return take(value, *done);
  }

  Result<void> take(Json& value, Deidentified& done) {
    if (done.changed.total() == 0) return {};
    value = std::move(done.text);
    changed_ += done.changed;
    for (std::size_t i = 0; i < phi::kPhiTypeCount; ++i)
      if (done.changed.by_type[i] > 0) actions_.insert(deid_.policy().action_for(static_cast<PhiType>(i)));
    return {};
  }

  // A text attachment's base64 data: decoded, de-identified and encoded again. A person's other
  // attachments (Patient.photo: a full-face photograph) lose their data and URL; any other
  // attachment Ward cannot read (a PDF report, an image, data that is not base64) loses its data
  // unless the policy keeps everything: what is in it cannot be de-identified.
  Result<void> attachment(Json& value) {
    const bool is_text = text_of(value, "contentType").starts_with("text/");
    if (!is_text && phi::is_fhir_person(type_)) {
      if (deid_.policy().action_for(PhiType::biometric) == Action::keep) return {};
      value.erase("data");
      value.erase("url");
      value.erase("hash");
      ++changed_.by_type[static_cast<std::size_t>(PhiType::biometric)];
      actions_.insert(Action::redact);
      return {};
    }
    if (!value.contains("data")) return {};
    std::string decoded;
    if (!is_text || !decode_base64(text_of(value, "data"), decoded, kMaxAttachmentBytes + 1)) {
      if (deid_.policy().keeps_everything()) return {};
      value.erase("data");
      value.erase("hash");
      value.erase("size");
      ++changed_.documents_removed;
      actions_.insert(Action::redact);
      return {};
    }
    if (decoded.size() > kMaxAttachmentBytes)
      return fail(ErrorCode::too_large, fmt::format("a text attachment over {} MB", kMaxAttachmentBytes >> 20));
    auto done = deid_.deidentify(decoded, scratch_, record_, known_);
    if (!done) return Unexpected(done.error());
    if (done->changed.total() == 0) return {};
    Json text = encode_base64(done->text);
    value["data"] = std::move(text);
    value.erase("hash");  // of the original bytes: would identify them, and no longer matches
    value.erase("size");
    changed_ += done->changed;
    for (std::size_t i = 0; i < phi::kPhiTypeCount; ++i)
      if (done->changed.by_type[i] > 0) actions_.insert(deid_.policy().action_for(static_cast<PhiType>(i)));
    return {};
  }

  // An address's geolocation extension (latitude and longitude to 14 digits) places the person
  // more exactly than a ZIP code: removed unless the policy keeps geography.
  void drop_geolocation(Json& address) {
    if (deid_.policy().action_for(PhiType::geography) == Action::keep || !address.contains("extension")) return;
    Json& extensions = address["extension"];
    if (!extensions.is_array()) return;
    const auto before = extensions.size();
    extensions.erase(std::remove_if(extensions.begin(), extensions.end(),
                                    [](const Json& e) { return text_of(e, "url").ends_with("geolocation"); }),
                     extensions.end());
    if (extensions.size() == before) return;
    changed_.by_type[static_cast<std::size_t>(PhiType::geography)] += before - extensions.size();
    actions_.insert(Action::redact);
    if (extensions.empty()) address.erase("extension");
  }

  Result<void> pseudonymise_id(Json& value) {
    auto id = pseudonymous_fhir_id(deid_, value.get_ref<const std::string&>());
    if (!id) return Unexpected(id.error());
    value = *id;
    return {};
  }

  Result<void> pseudonymise_reference(Json& value) {
    auto ref = pseudonymous_reference(deid_, value.get_ref<const std::string&>());
    if (!ref) return Unexpected(ref.error());
    value = *ref;
    return {};
  }

  // meta.security gets one coding per kind of change made in the resource.
  void mark(Json& r) const {
    Json& security = r["meta"]["security"];
    if (!security.is_array()) security = Json::array();
    for (Action a : actions_) {
      const std::string_view code = security_code(a);
      if (code.empty()) continue;
      const bool present = std::any_of(security.begin(), security.end(), [&](const Json& c) {
        return text_of(c, "system") == kSecuritySystem && text_of(c, "code") == code;
      });
      if (!present) security.push_back(Json{{"system", std::string(kSecuritySystem)}, {"code", std::string(code)}});
    }
  }

  TextDeidentifier& deid_;
  phi::ScanScratch& scratch_;
  const std::vector<PathRule>& rules_;
  const std::vector<phi::KnownValue>& known_;
  const std::set<std::string>& people_;  // ids of the document's Patient, Person and RelatedPerson resources
  std::string document_record_;
  bool mark_;  // meta.security per changed resource
  ChangeCounts& changed_;
  std::string type_;    // the resource being walked
  std::string record_;  // its patient
  std::set<Action> actions_;  // what was done to it
};

// The ids of the people (Patient, Person, RelatedPerson) in a document, a Bundle's entries too;
// `first_patient` the first Patient's.
void collect_people(const Json& root, std::set<std::string>& ids, std::string& first_patient, int depth = 0) {
  if (depth > 4 || !root.is_object()) return;
  const std::string_view type = text_of(root, "resourceType");
  if (phi::is_fhir_person(type)) {
    const std::string_view id = text_of(root, "id");
    if (!id.empty()) ids.emplace(id);
    if (type == "Patient" && first_patient.empty()) first_patient = id;
    return;
  }
  if (type != "Bundle" || !root.contains("entry") || !root["entry"].is_array()) return;
  for (const Json& entry : root["entry"])
    if (entry.is_object() && entry.contains("resource")) collect_people(entry["resource"], ids, first_patient, depth + 1);
}

Error document_error(std::string message, std::uint64_t line) {
  return Error{ErrorCode::invalid_input, fmt::format("line {}: {}, so the file is not de-identified", line, message), {},
               line, 0, {}};
}

// One JSON document (the whole file, or one NDJSON line), written back with `indent`.
struct DocumentContext {
  TextDeidentifier& deid;
  phi::ScanScratch& scratch;
  const std::vector<PathRule>& rules;
  std::string_view file;
  bool mark;
};

Result<std::string> deidentify_document(std::string_view text, std::uint64_t line, int indent, const DocumentContext& c,
                                        ChangeCounts& changed) {
  auto parsed = read_exact_json(text);
  if (!parsed) return Unexpected(document_error(parsed.error().message, line));
  Json& root = *parsed;
  if (text_of(root, "resourceType").empty())
    return Unexpected(document_error("not a FHIR resource (a JSON object with a resourceType)", line));
  std::vector<phi::KnownValue> known;
  phi::add_fhir_known_values(text, known);
  std::set<std::string> people;
  std::string record;
  collect_people(root, people, record);
  if (record.empty()) record = std::string(c.file);
  if (auto ok = DocumentDeid(c.deid, c.scratch, c.rules, known, people, std::move(record), c.mark, changed).resource(root, 0);
      !ok) {
    Error e = ok.error();
    e.line = line;
    return Unexpected(std::move(e));
  }
  return write_exact_json(root, indent);
}

}  // namespace

Result<Deidentified> deidentify_fhir(std::string_view data, TextDeidentifier& marked, phi::ScanScratch& scratch,
                                     std::string_view file) {
  // Changes are marked in meta.security, not with "[[…]]" inside values (a birthDate must stay a date).
  Policy policy = marked.policy();
  policy.mark_changes = false;
  TextDeidentifier deid(policy, marked.scanner(), marked.linker());
  const std::vector<PathRule> rules = compile(marked.policy().fhir_paths);
  const DocumentContext context{deid, scratch, rules, file, marked.policy().mark_changes};
  Deidentified out;
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  if (!ingest::is_ndjson(data)) {
    const bool pretty = phi::trim_whitespace(data).find('\n') != std::string_view::npos;
    auto text = deidentify_document(phi::trim_whitespace(data), 1, pretty ? 2 : -1, context, out.changed);
    if (!text) return Unexpected(text.error());
    out.text = std::move(*text) + "\n";
    return out;
  }
  std::uint64_t line = 0;
  while (!data.empty()) {
    ++line;
    const std::size_t eol = data.find('\n');
    const std::string_view record = phi::trim_whitespace(data.substr(0, eol));
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (record.empty()) {
      out.text += '\n';
      continue;
    }
    auto text = deidentify_document(record, line, -1, context, out.changed);
    if (!text) return Unexpected(text.error());
    out.text += *text;
    out.text += '\n';
  }
  return out;
}

}  // namespace ward::deid
