#include "ingest/atna/atna_parser.h"

#include <algorithm>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "ingest/atna/audit_message.h"
#include "ingest/atna/audit_message_mapper.h"
#include "ingest/text_lines.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kBom = "\xef\xbb\xbf";
constexpr std::string_view kStartTag = "<AuditMessage";
constexpr std::string_view kEndTag = "</AuditMessage";
constexpr std::string_view kSpace = " \t\r\n";
constexpr std::size_t npos = std::string_view::npos;

// rsyslog writes control characters as '#' and three octal digits (a line feed as "#012"), so
// an audit message with line breaks arrives on one line of a syslog file that way.
constexpr std::string_view kEscapedLineFeed = "#012";

// The control character that `s` starts with as "#ooo", or -1.
int escaped_control(std::string_view s) {
  if (s.size() < 4 || s[0] != '#') return -1;
  int value = 0;
  for (char c : s.substr(1, 3)) {
    if (c < '0' || c > '7') return -1;
    value = value * 8 + (c - '0');
  }
  return value < 32 || value == 127 ? value : -1;
}

void unescape_control_characters(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const int c = escaped_control(in.substr(i));
    if (c < 0) {
      out += in[i];
    } else {
      out += static_cast<char>(c);
      i += 3;
    }
  }
}

std::string_view without_bom_and_space(std::string_view s) {
  if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
  for (;;) {
    if (!s.empty() && kSpace.find(s.front()) != npos) s.remove_prefix(1);
    else if (escaped_control(s) >= 0) s.remove_prefix(4);
    else return s;
  }
}

std::uint64_t newlines(std::string_view s) {
  return static_cast<std::uint64_t>(std::count(s.begin(), s.end(), '\n'));
}

// The next "<AuditMessage" start tag at or after `from` (not "<AuditMessageX"), or npos.
std::size_t find_start_tag(std::string_view data, std::size_t from) {
  for (std::size_t at = data.find(kStartTag, from); at != npos;
       at = data.find(kStartTag, at + 1)) {
    const std::size_t after = at + kStartTag.size();
    if (after == data.size() || kSpace.find(data[after]) != npos ||
        data[after] == '>' || data[after] == '/')
      return at;
  }
  return npos;
}

// The length of the declaration, processing instruction, comment or DOCTYPE that `s` starts
// with, or npos when it starts with none or the part is not whole: a part cut short must not
// reach into the next message's prolog.
std::size_t prolog_part(std::string_view s) {
  if (s.starts_with("<?")) {
    const std::size_t end = s.find("?>");
    return end != npos && s.substr(2, end - 2).find('<') == npos ? end + 2 : npos;
  }
  if (s.starts_with("<!--")) {
    const std::size_t end = s.find("-->", 4);
    return end != npos && s.substr(4, end - 4).find("--") == npos ? end + 3 : npos;
  }
  if (s.starts_with("<!DOCTYPE")) {
    const std::size_t subset = s.find('['), gt = s.find('>');
    const std::size_t end = subset < gt ? s.find("]>", subset) : gt;
    if (end == npos || s.substr(0, end).find("<?xml") != npos) return npos;
    return end + (subset < gt ? 2 : 1);
  }
  return npos;
}

// True when `s` holds only what may come before a document's root element: white space, the
// <?xml …?> declaration and other processing instructions, comments and a DOCTYPE. An end tag
// is the rest of a message whose start was damaged.
bool is_prolog(std::string_view s) {
  if (s.find(kEndTag) != npos) return false;
  for (std::size_t at = s.find_first_not_of(kSpace); at != npos;
       at = s.find_first_not_of(kSpace, at)) {
    const std::size_t length = prolog_part(s.substr(at));
    if (length == npos) return false;
    at += length;
  }
  return true;
}

// Where the message whose start tag is at `tag` ends: after its end tag; or, for a message cut
// short, where the next one begins (its <?xml declaration included), so that it is not lost.
std::size_t message_end(std::string_view data, std::size_t tag) {
  const std::size_t next = find_start_tag(data, tag + 1);
  // Searches stay before the next message: a file of messages cut short is read in linear time.
  const std::string_view body =
      data.substr(tag, next == npos ? npos : next - tag);
  if (const std::size_t close = body.find(kEndTag); close != npos) {
    const std::size_t gt = body.find('>', close);
    return tag + (gt == npos ? body.size() : gt + 1);
  }
  const std::size_t decl = body.rfind("<?xml");
  return tag + (decl != npos && decl > 0 ? decl : body.size());
}

class AtnaMessageReader {
 public:
  AtnaMessageReader(ParseContext& ctx, const AuditMessageVisitor& visit) : ctx_(ctx), visit_(visit) {}

  void read(std::string_view xml, const AtnaRecord& where) {
    where_ = where;
    xml_ = xml;
    if (xml.size() > ctx_.options().max_record_bytes)
      return reject(Error{ErrorCode::too_large,
                          fmt::format("audit message is {} bytes, over the limit of {} "
                                      "(max_record_bytes)",
                                      xml.size(), ctx_.options().max_record_bytes),
                          {}, 0, 0, "AuditMessage"},
                    0);
    if (!is_valid_utf8(xml))
      return reject(Error{ErrorCode::invalid_input, "not valid UTF-8", {}, 0, 0, "AuditMessage"},
                    0);
    escaped_ = xml.find(kEscapedLineFeed) != npos;
    if (escaped_) unescape_control_characters(xml, unescaped_);
    const std::string_view text = escaped_ ? std::string_view(unescaped_) : xml;
    // parse_default: no DOCTYPE processing, so no entity is ever expanded or fetched.
    const pugi::xml_parse_result parsed =
        doc_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
      return reject(Error{ErrorCode::invalid_input,
                          fmt::format("malformed XML: {}", parsed.description()), {}, 0, 0, "xml"},
                    static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)));
    const pugi::xml_node root = doc_.document_element();
    if (auto ok = atna::read_audit_message(root, message_); !ok)
      return reject(ok.error(), ok.error().offset);
    auto mapped = atna::map_audit_message(message_, root, where.fallback_host, ctx_, scratch_);
    if (!mapped) {
      const std::ptrdiff_t at = root.child("EventIdentification").offset_debug() - 1;
      return reject(mapped.error(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(at, 0)));
    }
    ctx_.accepted(kAtnaRecordType);
    if (visit_) visit_(message_, where);
  }

 private:
  // Quarantines the message with the line and offset of byte `at` of it (of its first byte when
  // it was unescaped: positions in the unescaped text are not those of the input).
  void reject(Error error, std::size_t at) {
    at = escaped_ ? 0 : std::min(at, xml_.size());
    const std::uint64_t line = where_.line + newlines(xml_.substr(0, at));
    const std::uint64_t offset = where_.offset + at;
    error.offset = offset;
    ctx_.reject(kAtnaRecordType, std::move(error), line, offset,
                where_.raw.empty() ? xml_ : where_.raw);
  }

  ParseContext& ctx_;
  const AuditMessageVisitor& visit_;
  pugi::xml_document doc_;
  atna::AuditMessage message_;
  atna::MapScratch scratch_;
  AtnaRecord where_;
  std::string_view xml_;
  bool escaped_ = false;    // xml_ had rsyslog's #ooo escapes; unescaped_ was parsed
  std::string unescaped_;
};

}  // namespace

Result<void> parse_atna(std::string_view data, ParseContext& ctx) { return parse_atna_messages(data, ctx, {}); }

Result<void> parse_atna_messages(std::string_view data, ParseContext& ctx, const AuditMessageVisitor& visit) {
  ctx.set_event_type(kAtnaRecordType);
  AtnaMessageReader reader(ctx, visit);
  std::size_t pos = data.starts_with(kBom) ? kBom.size() : 0;
  std::uint64_t line = 1;  // of `pos`
  auto reject_outside = [&](std::size_t from, std::string_view text) {
    ctx.reject(kAtnaRecordType,
               Error{ErrorCode::invalid_input, "text outside any <AuditMessage> element", {}, 0, 0,
                     "AuditMessage"},
               line, from, text);
  };
  while (pos < data.size()) {
    const std::size_t start = data.find_first_not_of(kSpace, pos);
    if (start == npos) break;
    line += newlines(data.substr(pos, start - pos));
    const std::size_t tag = find_start_tag(data, start);
    if (tag == npos) {
      reject_outside(start, data.substr(start));
      break;
    }
    if (!is_prolog(data.substr(start, tag - start))) {
      // Not a message (or one whose start tag was damaged): quarantined apart, so that it does
      // not take the next message down with it.
      const std::string_view junk = data.substr(start, tag - start);
      reject_outside(start, junk);
      line += newlines(junk);
      pos = tag;
      continue;
    }
    const std::size_t end = message_end(data, tag);
    const std::string_view xml = data.substr(start, end - start);
    reader.read(xml, {line, start, {}, {}});
    line += newlines(xml);
    pos = end;
    if (auto flushed = ctx.maybe_flush(); !flushed) return flushed;
  }
  return ctx.flush();
}

bool looks_like_atna(std::string_view head) {
  const std::string_view s = without_bom_and_space(head);
  return (s.starts_with("<?xml") || s.starts_with(kStartTag)) &&
         find_start_tag(s, 0) != npos;
}

bool is_atna_xml(std::string_view message) {
  const std::string_view s = without_bom_and_space(message);
  return s.starts_with("<?xml") || s.starts_with(kStartTag);
}

void add_atna_events(std::string_view xml, const AtnaRecord& where, ParseContext& ctx,
                     const AuditMessageVisitor& visit) {
  AtnaMessageReader reader(ctx, visit);
  reader.read(xml, where);
}

}  // namespace ward::ingest
