// POST /api/v1/phi/scan: find PHI in a posted text, HL7 v2 message, FHIR resource or CSV, the
// answer says where and what type, never the values (docs/phi.md, docs/openapi.yaml). The
// scanner is built on the first request and shared; each request has its own scratch.
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "api/routes.h"
#include "phi/formats/structured_scan.h"
#include "phi/report_writers.h"

namespace ward::api {
namespace {

using nlohmann::json;

// What a request asks to scan.
struct PhiScanRequest {
  std::string text;
  phi::InputFormat format = phi::InputFormat::text;
  std::vector<phi::KnownValue> known;
};

// "known": {"name": "Jonathan Whitfield", "mrn": ["A7781234"], …}; an error names the key.
Result<std::vector<phi::KnownValue>> known_values(const json& known) {
  std::vector<phi::KnownValue> out;
  if (known.is_null()) return out;
  if (!known.is_object()) return fail(ErrorCode::invalid_input, "known: expected an object of PHI type to values", "known");
  for (const auto& [key, values] : known.items()) {
    const auto type = phi::phi_type_from(key);
    if (!type) return fail(ErrorCode::invalid_input, "known." + key + ": not a PHI type (name, mrn, geography, …)", "known." + key);
    for (const json& v : values.is_array() ? values : json::array({values})) {
      if (!v.is_string()) return fail(ErrorCode::invalid_input, "known." + key + ": expected a string or a list of strings", "known." + key);
      out.push_back(phi::KnownValue{*type, v.get<std::string>()});
    }
  }
  return out;
}

// A JSON body {"text", "format", "known"}, or any other body as the text itself (format from
// ?format=, default text).
Result<PhiScanRequest> read_request(const RequestContext& ctx) {
  PhiScanRequest out;
  std::string format = "text";
  if (auto it = ctx.query.find("format"); it != ctx.query.end()) format = it->second;
  const auto content_type = ctx.request[http::field::content_type];
  if (content_type.starts_with("application/json")) {
    auto body = json_object_body(ctx.request, {"text", "format", "known"});
    if (!body) return Unexpected(body.error());
    if (!body->contains("text") || !(*body)["text"].is_string())
      return fail(ErrorCode::invalid_input, "text: required, a string", "text");
    out.text = (*body)["text"].get<std::string>();
    if (body->contains("format")) {
      if (!(*body)["format"].is_string()) return fail(ErrorCode::invalid_input, "format: expected a string", "format");
      format = (*body)["format"].get<std::string>();
    }
    auto known = known_values(body->value("known", json()));
    if (!known) return Unexpected(known.error());
    out.known = std::move(*known);
  } else {
    out.text = ctx.request.body();
  }
  const auto parsed = phi::input_format_from(format);
  if (!parsed) return fail(ErrorCode::invalid_input, "format: expected text, hl7v2, fhir or csv", "format");
  out.format = *parsed;
  if (!simdjson::validate_utf8(out.text.data(), out.text.size()))
    return fail(ErrorCode::invalid_input, "text: not UTF-8", "text");
  return out;
}

// Findings of plain text: byte span, line and column; no value.
json text_findings_json(std::string_view text, const std::vector<phi::Finding>& findings) {
  std::vector<std::size_t> offsets;
  for (const phi::Finding& f : findings) offsets.push_back(f.begin);
  const auto positions = phi::positions_of(text, offsets);
  json out = json::array();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const phi::Finding& f = findings[i];
    out.push_back({{"type", std::string(phi::to_string(f.type))}, {"begin", f.begin}, {"end", f.end},
                   {"line", positions[i].line}, {"column", positions[i].column}, {"confidence", f.confidence},
                   {"reason", f.reason}});
  }
  return out;
}

// Findings of a structured input: location and the span inside the field's value; no value.
json field_findings_json(const std::vector<phi::FieldFinding>& findings) {
  json out = json::array();
  for (const phi::FieldFinding& f : findings) {
    json row = {{"type", std::string(phi::to_string(f.type))}, {"location", f.location},
                {"value_offset", f.value_begin}, {"value_end", f.value_end},
                {"confidence", f.confidence}, {"reason", f.reason}};
    if (f.line > 0) row["line"] = f.line;
    out.push_back(std::move(row));
  }
  return out;
}

json errors_json(const std::vector<Error>& errors) {
  json out = json::array();
  for (const Error& e : errors) {
    json row = {{"message", e.message}};
    if (e.line > 0) row["line"] = e.line;
    if (!e.field.empty()) row["field"] = e.field;
    out.push_back(std::move(row));
  }
  return out;
}

// The scanner, built by the first request that needs it (a few hundred milliseconds: the
// dictionaries), then shared read-only by every request.
class SharedScanner {
 public:
  Result<const phi::Scanner*> get() {
    std::call_once(once_, [this] {
      auto built = phi::Scanner::build();
      if (built) scanner_ = std::make_unique<phi::Scanner>(std::move(*built));
      else error_ = built.error();
    });
    if (!scanner_) return Unexpected(error_);
    return scanner_.get();
  }

 private:
  std::once_flag once_;
  std::unique_ptr<phi::Scanner> scanner_;
  Error error_;
};

class PhiScanRoute {
 public:
  explicit PhiScanRoute(std::size_t max_body_bytes)
      : max_body_bytes_(max_body_bytes), scanner_(std::make_shared<SharedScanner>()) {}

  Response operator()(const RequestContext& ctx) const {
    if (ctx.request.body().size() > max_body_bytes_)
      return error_response(ctx.request, Error{ErrorCode::too_large,
                                               fmt::format("a PHI scan takes at most {} bytes; split the text", max_body_bytes_)});
    auto request = read_request(ctx);
    if (!request) return error_response(ctx.request, request.error());
    auto scanner = scanner_->get();
    if (!scanner) return error_response(ctx.request, scanner.error());
    auto answer = scan(**scanner, *request);
    if (!answer) return error_response(ctx.request, answer.error());
    return json_response(ctx.request, http::status::ok, answer->dump(-1, ' ', false, json::error_handler_t::replace));
  }

 private:
  static Result<json> scan(const phi::Scanner& scanner, const PhiScanRequest& request) {
    json out = {{"format", std::string(phi::to_string(request.format))}};
    if (request.format == phi::InputFormat::text) {
      auto scratch = phi::ScanScratch::make(scanner);
      if (!scratch) return Unexpected(scratch.error());
      auto findings = scanner.scan(request.text, *scratch, request.known);
      if (!findings) return Unexpected(findings.error());
      out["count"] = findings->size();
      out["findings"] = text_findings_json(request.text, *findings);
      out["errors"] = json::array();
      return out;
    }
    auto fields = phi::FieldScanner::make(scanner);
    if (!fields) return Unexpected(fields.error());
    auto scanned = phi::scan_structured(request.format, request.text, *fields);
    if (!scanned) return Unexpected(scanned.error());
    out["count"] = scanned->findings.size();
    out["findings"] = field_findings_json(scanned->findings);
    out["errors"] = errors_json(scanned->errors);
    return out;
  }

  std::size_t max_body_bytes_;
  std::shared_ptr<SharedScanner> scanner_;  // copies of the route (std::function) share it
};

}  // namespace

void add_phi_routes(Router& router, const ApiOptions& options) {
  router.add(http::verb::post, "/api/v1/phi/scan", PhiScanRoute(options.max_phi_scan_bytes));
}

}  // namespace ward::api
