#include "ingest/atna/audit_message.h"

#include <cstring>

namespace ward::ingest::atna {
namespace {

std::string_view view(const char* s) { return s == nullptr ? std::string_view{} : s; }

std::string_view attr(pugi::xml_node node, const char* name) {
  return view(node.attribute(name).value());
}

// csd-code/originalText (DICOM) or code/displayName (RFC 3881; DICOM allows displayName too).
CodedValue coded(pugi::xml_node node) {
  CodedValue c;
  c.code = attr(node, "csd-code");
  if (c.code.empty()) c.code = attr(node, "code");
  c.system = attr(node, "codeSystemName");
  if (c.system.empty()) c.system = attr(node, "codeSystem");
  c.display = attr(node, "originalText");
  if (c.display.empty()) c.display = attr(node, "displayName");
  return c;
}

bool is(pugi::xml_node node, const char* name) { return std::strcmp(node.name(), name) == 0; }

bool truthy(std::string_view s) { return s == "true" || s == "1" || s == "TRUE" || s == "True"; }

// Element text, or the element's "value" attribute when it has no text (some producers put the
// base64 query in an attribute).
std::string_view text_of(pugi::xml_node node) {
  std::string_view t = view(node.child_value());
  return t.empty() ? attr(node, "value") : t;
}

ActiveParticipant read_participant(pugi::xml_node node) {
  ActiveParticipant p;
  p.user_id = attr(node, "UserID");
  p.alternative_user_id = attr(node, "AlternativeUserID");
  p.user_name = attr(node, "UserName");
  p.user_type = attr(node, "UserTypeCode");
  // Required in DICOM; RFC 3881's schema makes it optional with the default true.
  const std::string_view requestor = attr(node, "UserIsRequestor");
  p.requestor = requestor.empty() || truthy(requestor);
  p.network_id = attr(node, "NetworkAccessPointID");
  p.network_type = attr(node, "NetworkAccessPointTypeCode");
  for (pugi::xml_node child : node.children())
    if (is(child, "RoleIDCode")) p.roles.push_back(coded(child));
  return p;
}

ParticipantObject read_object(pugi::xml_node node) {
  ParticipantObject o;
  o.id = attr(node, "ParticipantObjectID");
  o.type_code = attr(node, "ParticipantObjectTypeCode");
  o.type_code_role = attr(node, "ParticipantObjectTypeCodeRole");
  for (pugi::xml_node child : node.children()) {
    if (is(child, "ParticipantObjectIDTypeCode")) o.id_type = coded(child);
    else if (is(child, "ParticipantObjectName")) o.name = view(child.child_value());
    else if (is(child, "ParticipantObjectQuery")) o.query = text_of(child);
  }
  return o;
}

Unexpected missing(pugi::xml_node at, std::string message, std::string field) {
  Error e{ErrorCode::invalid_input, std::move(message), {}, 0, 0, std::move(field)};
  // offset_debug() is that of the element's name; its '<' is one byte before.
  const std::ptrdiff_t offset = at.offset_debug();
  if (offset > 0) e.offset = static_cast<std::uint64_t>(offset - 1);
  return Unexpected(std::move(e));
}

}  // namespace

Result<void> read_audit_message(pugi::xml_node root, AuditMessage& out) {
  out = {};
  if (!is(root, "AuditMessage"))
    return missing(root, "the root element is not AuditMessage", "AuditMessage");
  pugi::xml_node event = root.child("EventIdentification");
  if (!event)
    return missing(root, "AuditMessage has no EventIdentification (required)",
                   "EventIdentification");
  out.action_code = attr(event, "EventActionCode");
  out.date_time = attr(event, "EventDateTime");
  out.outcome = attr(event, "EventOutcomeIndicator");
  if (out.date_time.empty())
    return missing(event, "EventIdentification has no EventDateTime (required)",
                   "EventIdentification.EventDateTime");
  for (pugi::xml_node child : event.children()) {
    if (is(child, "EventID")) out.event_id = coded(child);
    else if (is(child, "EventTypeCode")) out.event_types.push_back(coded(child));
    else if (is(child, "PurposeOfUse")) out.purposes.push_back(coded(child));
  }
  if (out.event_id.code.empty())
    return missing(event, "EventIdentification has no EventID code (required)",
                   "EventIdentification.EventID");
  for (pugi::xml_node child : root.children()) {
    if (is(child, "ActiveParticipant")) out.participants.push_back(read_participant(child));
    else if (is(child, "ParticipantObjectIdentification"))
      out.objects.push_back(read_object(child));
  }
  return {};
}

namespace {

bool looks_like_ip(std::string_view s) {
  if (s.empty()) return false;
  if (s.find(':') != std::string_view::npos) return true;  // IPv6
  return s.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

std::string_view network_ip(const ActiveParticipant& p) {
  const std::string_view type = p.network_type;
  return type == "2" || (type.empty() && looks_like_ip(p.network_id)) ? p.network_id : std::string_view();
}

}  // namespace ward::ingest::atna
