// PHI in FHIR JSON (fhir_phi_scan.h): a walk over simdjson's DOM that keeps the JSON path, the
// path without indices (the field's "shape", e.g. "name.family") and the resource's type.
#include "phi/formats/fhir_phi_scan.h"

#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

#include "core/base64.h"
#include "ingest/fhir/fhir_json.h"
#include "ingest/fhir/fhir_parser.h"
#include "ingest/fhir/fhir_values.h"
#include "phi/formats/fhir_phi_fields.h"
#include "phi/formats/pdf_text.h"

namespace ward::phi {
namespace {

using Element = simdjson::dom::element;

constexpr int kMaxDepth = 8;                          // Bundles and contained resources inside each other
constexpr std::size_t kMaxAttachmentBytes = 16 << 20;  // decoded text attachments scanned, at most

// An identifier's type by its type code (v2-0203) or system.
PhiType identifier_type(Element identifier) {
  return fhir_identifier_type(ingest::fhir::code_of(identifier["type"]), ingest::fhir::text(identifier["system"]));
}

PhiType telecom_type(Element contact_point) { return fhir_telecom_type(ingest::fhir::text(contact_point["system"])); }

// The patient values of the resources in `value` (a resource or a Bundle), for free text.
void collect_known(Element value, std::vector<KnownValue>& known, int depth) {
  if (depth > kMaxDepth) return;
  const std::string_view type = ingest::fhir::text(value["resourceType"]);
  if (type == "Bundle") {
    ingest::fhir::for_each_item(value["entry"], [&](Element entry) {
      Element resource;
      if (entry["resource"].get(resource) == simdjson::SUCCESS) collect_known(resource, known, depth + 1);
    });
    return;
  }
  if (!is_fhir_person(type)) return;
  ingest::fhir::for_each_item(value["name"], [&](Element name) {
    std::string full;
    ingest::fhir::for_each_item(name["given"], [&](Element given) { full.append(ingest::fhir::text(given)).append(" "); });
    full += ingest::fhir::text(name["family"]);
    add_known(PhiType::name, full, known);
  });
  ingest::fhir::for_each_item(value["identifier"], [&](Element id) {
    add_known(identifier_type(id) == PhiType::ssn ? PhiType::ssn : PhiType::mrn, ingest::fhir::text(id["value"]), known);
  });
  ingest::fhir::for_each_item(value["address"], [&](Element address) {
    ingest::fhir::for_each_item(address["line"], [&](Element line) { add_known(PhiType::geography, ingest::fhir::text(line), known); });
  });
  ingest::fhir::for_each_item(value["telecom"], [&](Element t) { add_known(telecom_type(t), ingest::fhir::text(t["value"]), known); });
  add_known(PhiType::date, ingest::fhir::text(value["birthDate"]), known);
}

class ResourceWalk {
 public:
  ResourceWalk(FieldScanner& fields, const std::vector<KnownValue>& known, std::uint64_t line, std::vector<FieldFinding>& out)
      : fields_(fields), known_(known), line_(line), out_(out) {}

  // `prefix`: where the resource is ("entry[3] "), "" at the top.
  Result<void> resource(Element value, const std::string& prefix, int depth) {
    const std::string_view type = ingest::fhir::text(value["resourceType"]);
    if (type == "Bundle" && depth < kMaxDepth) {
      std::size_t index = 0;
      Result<void> r;
      ingest::fhir::for_each_item(value["entry"], [&](Element entry) {
        Element inner;
        if (r && entry["resource"].get(inner) == simdjson::SUCCESS)
          r = resource(inner, fmt::format("{}entry[{}] ", prefix, index), depth + 1);
        ++index;
      });
      return r;
    }
    const std::string saved_type = type_;
    type_ = type;
    std::string path = prefix + std::string(type);
    std::string shape;
    Result<void> r = walk(value, path, shape, "", depth);
    type_ = saved_type;
    return r;
  }

 private:
  FieldPlace place(const std::string& path) const { return FieldPlace{path, line_}; }

  void add(PhiType type, std::string_view value, const std::string& path, const std::string& shape) {
    fields_.add_field(type, fmt::format("{}.{} field", type_, shape), value, place(path), out_);
  }

  Result<void> walk(Element value, std::string& path, std::string& shape, std::string_view key, int depth) {
    switch (value.type()) {
      case simdjson::dom::element_type::OBJECT: return walk_object(value, path, shape, depth);
      case simdjson::dom::element_type::ARRAY: {
        std::size_t i = 0;
        simdjson::dom::array items;
        if (value.get_array().get(items) != simdjson::SUCCESS) return {};
        for (Element item : items) {
          const std::size_t base = path.size();
          path += fmt::format("[{}]", i++);
          Result<void> r = walk(item, path, shape, key, depth);
          path.resize(base);
          if (!r) return r;
        }
        return {};
      }
      case simdjson::dom::element_type::STRING: {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) return {};
        return leaf(text, path, shape, key);
      }
      default: return {};
    }
  }

  Result<void> walk_object(Element value, std::string& path, std::string& shape, int depth) {
    if (!shape.empty() && value["resourceType"].error() == simdjson::SUCCESS)  // contained, or a Bundle inside
      return depth < kMaxDepth ? resource(value, path + " ", depth + 1) : Result<void>{};
    const bool person = is_fhir_person(type_);
    if (person && (shape == "identifier" || shape == "contact.identifier")) {
      add(identifier_type(value), ingest::fhir::text(value["value"]), path + ".value", shape + ".value");
      return {};
    }
    if (person && (shape == "telecom" || shape == "contact.telecom")) {
      add(telecom_type(value), ingest::fhir::text(value["value"]), path + ".value", shape + ".value");
      return {};
    }
    if (person && shape == "extension") {
      // Of a person's extensions only these two hold identifiers; the others are coded
      // demographics (race, ethnicity, birth sex) whose display texts are no PHI.
      const std::string_view url = ingest::fhir::text(value["url"]);
      if (is_fhir_maiden_name_extension(url)) {
        add(PhiType::name, ingest::fhir::text(value["valueString"]), path + ".valueString", "extension(mothersMaidenName)");
        return {};
      }
      if (!is_fhir_birth_place_extension(url)) return {};
    }
    if (value["data"].error() == simdjson::SUCCESS && value["contentType"].error() == simdjson::SUCCESS)
      return attachment(value, path);
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return {};
    for (auto [member_key, member] : object) {
      if (member_key == "resourceType") continue;
      const std::size_t path_base = path.size(), shape_base = shape.size();
      path.append(".").append(member_key);
      if (!shape.empty()) shape += '.';
      shape += member_key;
      Result<void> r = walk(member, path, shape, member_key, depth);
      path.resize(path_base);
      shape.resize(shape_base);
      if (!r) return r;
    }
    return {};
  }

  Result<void> leaf(std::string_view text, const std::string& path, const std::string& shape, std::string_view key) {
    if (is_fhir_person(type_))
      if (const auto type = fhir_person_field_type(shape)) {
        add(*type, text, path, shape);
        return {};
      }
    if (key == "div") return fields_.scan_text(fhir_narrative_without_tags(text), known_, place(path), out_);
    if (is_fhir_free_text(key, shape)) return fields_.scan_text(text, known_, place(path), out_);
    return {};
  }

  // A text or PDF attachment (DocumentReference, DiagnosticReport.presentedForm): its base64 data
  // decoded; a PDF read page by page.
  Result<void> attachment(Element value, const std::string& path) {
    const std::string_view type = ingest::fhir::text(value["contentType"]);
    const bool pdf = type == "application/pdf";
    if (!type.starts_with("text/") && !pdf) return {};
    std::string decoded;
    if (!decode_base64(ingest::fhir::text(value["data"]), decoded, kMaxAttachmentBytes)) return {};
    if (pdf || looks_like_pdf(decoded)) {
      auto read = pdf_text(decoded);
      if (!read) return {};
      return scan_pdf_into(*read, fields_, known_, place(path + ".data"), out_);
    }
    return fields_.scan_text(decoded, known_, place(path + ".data"), out_);
  }

  FieldScanner& fields_;
  const std::vector<KnownValue>& known_;
  std::uint64_t line_;
  std::vector<FieldFinding>& out_;
  std::string type_;
};

Error record_error(std::string message, std::uint64_t line) {
  return Error{ErrorCode::invalid_input, std::move(message), {}, line, 0, {}};
}

// One JSON document (a whole file, or one NDJSON line).
Result<void> scan_document(std::string_view record, std::uint64_t line, simdjson::dom::parser& parser, FieldScanner& fields,
                           StructuredScan& out) {
  const simdjson::padded_string padded(record);
  Element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS) {
    out.errors.push_back(record_error(fmt::format("not valid JSON: {}", simdjson::error_message(err)), line));
    return {};
  }
  if (ingest::fhir::text(root["resourceType"]).empty()) {
    out.errors.push_back(record_error("not a FHIR resource (a JSON object with a resourceType)", line));
    return {};
  }
  std::vector<KnownValue> known;
  collect_known(root, known, 0);
  return ResourceWalk(fields, known, line, out.findings).resource(root, "", 0);
}

}  // namespace

void add_fhir_known_values(std::string_view document, std::vector<KnownValue>& known) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(document);
  Element root;
  if (parser.parse(padded).get(root) == simdjson::SUCCESS) collect_known(root, known, 0);
}

Result<StructuredScan> scan_fhir(std::string_view data, FieldScanner& fields) {
  StructuredScan out;
  simdjson::dom::parser parser;
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  if (!ingest::is_ndjson(data)) {
    if (auto r = scan_document(trim_whitespace(data), 1, parser, fields, out); !r) return Unexpected(r.error());
    return out;
  }
  std::uint64_t line = 0;
  while (!data.empty()) {
    ++line;
    const std::size_t eol = data.find('\n');
    const std::string_view record = trim_whitespace(data.substr(0, eol));
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (record.empty()) continue;
    if (auto r = scan_document(record, line, parser, fields, out); !r) return Unexpected(r.error());
  }
  return out;
}

}  // namespace ward::phi
