// The DLP decision for an outbound request (outbound_inspector.h).
#include "dlp/outbound_inspector.h"

#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/html_escape.h"
#include "core/plural.h"
#include "dlp/request_body.h"

namespace ward::dlp {
namespace {

std::string strip_port(std::string_view host) {
  if (host.starts_with('[')) {  // [::1]:443
    const std::size_t close = host.find(']');
    return ascii_lower(host.substr(0, close == std::string_view::npos ? host.size() : close + 1));
  }
  const std::size_t colon = host.find(':');
  return ascii_lower(host.substr(0, colon));
}

}  // namespace

std::string_view to_string(DlpAction action) {
  switch (action) {
    case DlpAction::log: return "log";
    case DlpAction::alert: return "alert";
    case DlpAction::block: return "block";
  }
  return "block";
}

Result<DlpAction> dlp_action_from(std::string_view text) {
  if (text == "log") return DlpAction::log;
  if (text == "alert") return DlpAction::alert;
  if (text == "block") return DlpAction::block;
  return fail(ErrorCode::config, fmt::format("unknown DLP action \"{}\" (expected log, alert or block)", text));
}

std::string destination_host(std::string_view head) {
  const std::string_view request_line = head.substr(0, head.find("\r\n"));
  const std::size_t s1 = request_line.find(' ');
  if (s1 != std::string_view::npos) {
    std::string_view target = request_line.substr(s1 + 1);
    target = target.substr(0, target.find(' '));
    if (const std::size_t scheme = target.find("://"); scheme != std::string_view::npos) {
      target.remove_prefix(scheme + 3);
      target = target.substr(0, target.find_first_of("/?#"));
      if (const std::size_t at = target.rfind('@'); at != std::string_view::npos) target.remove_prefix(at + 1);
      return strip_port(target);
    }
  }
  return strip_port(http_header(head.substr(std::min(head.find("\r\n"), head.size())), "host"));
}

std::string Verdict::contents() const {
  std::vector<std::string> parts;
  if (documents > 0) parts.push_back(counted(documents, "PDF", "PDFs") + " read");
  if (images > 0) parts.push_back(counted(images, "image", "images"));
  if (unreadable > 0) parts.push_back(counted(unreadable, "part", "parts") + " not read");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

std::string Verdict::summary() const {
  std::string out;
  for (std::size_t i = 0; i < phi.size(); ++i) {
    if (phi[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", phi[i], phi::describe(static_cast<phi::PhiType>(i)));
  }
  return out.empty() ? "no PHI" : out;
}

Result<Verdict> OutboundInspector::inspect(const IcapRequest& request, phi::ScanScratch& scratch) const {
  Verdict v;
  v.host = destination_host(request.http_head);
  v.client = std::string(request.header("x-client-ip"));
  v.user = std::string(request.header("x-client-username"));
  v.service = catalogue_.service_of(v.host);
  if (v.service.empty() || request.body.empty()) return v;
  const BodyText body = readable_text(request.http_head, request.body, policy_.max_body_bytes);
  v.documents = body.documents;
  v.images = body.images;
  v.unreadable = body.unreadable;
  for (const std::string& text : body.texts) {
    auto findings = scanner_.scan(text, scratch);
    if (!findings) return Unexpected(findings.error());
    for (const phi::Finding& f : *findings) {
      if (f.confidence < policy_.min_confidence) continue;
      ++v.phi[static_cast<std::size_t>(f.type)];
      ++v.total;
    }
  }
  v.scanned = true;
  v.body_truncated = request.body_truncated();
  v.blocked = v.total > 0 && policy_.action == DlpAction::block;
  return v;
}

std::string block_page(const Verdict& v) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Blocked: patient information</title></head>\n"
      "<body style=\"font-family: sans-serif; max-width: 40em; margin: 3em auto; color: #111\">\n"
      "<h1>This request was blocked</h1>\n"
      "<p>It was going to <strong>{}</strong> ({}) and contains what looks like protected health information: "
      "<strong>{}</strong>.</p>\n"
      "<p>Patient information must not be sent to outside AI services that the hospital has not approved. "
      "Remove names, record numbers, dates and other identifiers, or use an approved tool.</p>\n"
      "<p>If this is a mistake, contact the privacy office. Nothing was sent.</p>\n"
      "<p><small>Ward DLP</small></p>\n</body></html>\n",
      html_escape(v.host), html_escape(v.service), html_escape(v.summary()));
}

}  // namespace ward::dlp
