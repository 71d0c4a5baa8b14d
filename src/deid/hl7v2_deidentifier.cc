// HL7 v2 de-identification (hl7v2_deidentifier.h): each segment split into fields, repetitions
// and components, the PHI ones replaced, and joined again with the message's own delimiters.
#include "deid/hl7v2_deidentifier.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/base64.h"
#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"
#include "phi/formats/field_scanner.h"
#include "phi/formats/hl7v2_phi_fields.h"

namespace ward::deid {
namespace {

using ingest::Hl7v2Message;

constexpr std::size_t kMaxEncapsulatedBytes = 16 << 20;  // decoded OBX-5 text de-identified, at most

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> out;
  for (;;) {
    const std::size_t at = s.find(separator);
    out.emplace_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

std::string join(const std::vector<std::string>& pieces, char separator) {
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) out += separator;
    out += pieces[i];
  }
  return out;
}

// Text written back into a field: delimiters escaped, line breaks as the formatted-text \.br\.
std::string escape_text(std::string_view text, const ingest::Hl7v2Delimiters& d) {
  if (d.escape == d.field) return ingest::hl7v2_escape(text, d);
  std::string out;
  for (;;) {
    const std::size_t at = text.find('\n');
    out += ingest::hl7v2_escape(text.substr(0, at), d);
    if (at == std::string_view::npos) return out;
    out.append(1, d.escape).append(".br").append(1, d.escape);
    text.remove_prefix(at + 1);
  }
}

// The part of a name a component of an XPN/XCN holds (family 1, given 2, middle 3).
NamePart name_part(const phi::Hl7v2PhiField& f, std::size_t component) {
  if (f.layout != phi::Hl7v2Layout::name) return NamePart::whole;
  return component == 1 ? NamePart::family : NamePart::given;
}

class MessageDeid {
 public:
  MessageDeid(const Hl7v2Message& message, TextDeidentifier& deid, phi::ScanScratch& scratch, std::string record,
              ChangeCounts& changed)
      : message_(message), deid_(deid), scratch_(scratch), record_(std::move(record)), changed_(changed) {
    phi::add_hl7v2_known_values(message_, known_);
  }

  // The segment as it is to be written. Of MSH only its date/time changes: its numbering starts
  // at the field separator itself (MSH-2, the encoding characters, is the first piece after the
  // name), and nothing else in it is the patient's.
  Result<std::string> segment(std::string_view segment) {
    const std::string_view name = Hl7v2Message::segment_name(segment);
    const std::size_t shift = name == "MSH" ? 1 : 0;
    std::vector<std::string> fields = split(segment, message_.delimiters().field);
    for (const phi::Hl7v2PhiField& f : phi::hl7v2_phi_fields()) {
      if (f.segment != name) continue;
      const std::size_t at = f.field - shift;
      if (at < fields.size() && !fields[at].empty())
        if (auto ok = typed_field(f, fields[at]); !ok) return Unexpected(ok.error());
    }
    if (const std::size_t text_field = phi::hl7v2_free_text_field(message_, segment); text_field != 0 && text_field < fields.size())
      if (auto ok = free_text(fields[text_field]); !ok) return Unexpected(ok.error());
    if (name == "OBX" && message_.field(segment, 2) == "ED" && fields.size() > 5)
      if (auto ok = encapsulated(fields[5]); !ok) return Unexpected(ok.error());
    return join(fields, message_.delimiters().field);
  }

 private:
  Result<void> typed_field(const phi::Hl7v2PhiField& f, std::string& field) {
    const ingest::Hl7v2Delimiters& d = message_.delimiters();
    std::vector<std::string> repetitions = split(field, d.repetition);
    for (std::string& rep : repetitions) {
      const std::vector<phi::Hl7v2PhiComponent> phi_components = phi::hl7v2_phi_components(f, message_, rep);
      if (!phi_components.empty() && phi_components.front().component == 0) {  // the whole repetition
        if (auto ok = replace(phi_components.front().type, NamePart::whole, rep); !ok) return ok;
        continue;
      }
      std::vector<std::string> components = split(rep, d.component);
      for (const phi::Hl7v2PhiComponent& c : phi_components)
        if (c.component <= components.size())
          if (auto ok = replace(c.type, name_part(f, c.component), components[c.component - 1]); !ok) return ok;
      rep = join(components, d.component);
    }
    field = join(repetitions, d.repetition);
    return {};
  }

  // `raw` (a component, or a whole repetition) replaced as its type says; blank ones and the HL7
  // null `""` (delete the value) stay.
  Result<void> replace(phi::PhiType type, NamePart part, std::string& raw) {
    const std::string value = phi::hl7v2_component_text(message_, raw);
    const std::string_view trimmed = phi::trim_whitespace(value);
    if (trimmed.empty() || trimmed == "\"\"") return {};
    auto replacement = deid_.replace(type, trimmed, record_, part);
    if (!replacement) return Unexpected(replacement.error());
    if (*replacement == trimmed) return {};  // kept
    raw = escape_text(*replacement, message_.delimiters());
    ++changed_.by_type[static_cast<std::size_t>(type)];
    return {};
  }

  Result<void> free_text(std::string& field) {
    std::vector<std::string> repetitions = split(field, message_.delimiters().repetition);
    bool any = false;
    for (std::string& rep : repetitions) {
      auto done = deid_.deidentify(message_.decode(rep), scratch_, record_, known_);
      if (!done) return Unexpected(done.error());
      if (done->changed.total() == 0) continue;  // as it was, escapes and all
      rep = escape_text(done->text, message_.delimiters());
      changed_ += done->changed;
      any = true;
    }
    if (any) field = join(repetitions, message_.delimiters().repetition);
    return {};
  }

  // OBX-5 of type ED: source ^ type ^ subtype ^ encoding ^ data. Text (type TEXT, or subtype
  // plain, RTF, HTML or XML) in ASCII or base64 is de-identified and written back in its encoding;
  // anything else (a PDF report, an image, hex) Ward cannot read, so its data is removed unless the
  // policy keeps everything.
  Result<void> encapsulated(std::string& field) {
    const ingest::Hl7v2Delimiters& d = message_.delimiters();
    std::vector<std::string> repetitions = split(field, d.repetition);
    bool any = false;
    for (std::string& rep : repetitions) {
      std::vector<std::string> c = split(rep, d.component);
      if (c.size() < 5 || c[4].empty()) continue;
      const std::string type = ascii_lower(message_.decode(c[1])), subtype = ascii_lower(message_.decode(c[2]));
      const std::string encoding = ascii_lower(message_.decode(c[3]));
      const bool text = type == "text" || subtype == "plain" || subtype == "rtf" || subtype == "html" || subtype == "xml";
      std::string decoded;
      const bool readable = text && (encoding == "a"        ? (decoded = message_.decode(c[4]), true)
                                     : encoding == "base64" ? decode_base64(c[4], decoded, kMaxEncapsulatedBytes + 1)
                                                            : false);
      if (readable && decoded.size() > kMaxEncapsulatedBytes)
        return fail(ErrorCode::too_large, fmt::format("an OBX-5 text over {} MB", kMaxEncapsulatedBytes >> 20));
      if (readable) {
        auto done = deid_.deidentify(decoded, scratch_, record_, known_);
        if (!done) return Unexpected(done.error());
        if (done->changed.total() == 0) continue;
        c[4] = encoding == "a" ? escape_text(done->text, d) : encode_base64(done->text);
        changed_ += done->changed;
      } else {
        if (deid_.policy().keeps_everything()) continue;
        c[4].clear();
        ++changed_.documents_removed;
      }
      rep = join(c, d.component);
      any = true;
    }
    if (any) field = join(repetitions, d.repetition);
    return {};
  }

  const Hl7v2Message& message_;
  TextDeidentifier& deid_;
  phi::ScanScratch& scratch_;
  std::string record_;
  ChangeCounts& changed_;
  std::vector<phi::KnownValue> known_;
};

}  // namespace

Result<Deidentified> deidentify_hl7v2(std::string_view data, TextDeidentifier& deid, phi::ScanScratch& scratch,
                                      std::string_view file) {
  Deidentified out;
  out.text.reserve(data.size());
  std::size_t copied = 0;  // data before this offset is in out.text
  auto copy_to = [&](const char* at) {
    const auto offset = static_cast<std::size_t>(at - data.data());
    out.text.append(data.substr(copied, offset - copied));
    copied = offset;
  };
  ingest::Hl7v2Splitter splitter(data);
  ingest::Hl7v2Chunk chunk;
  std::size_t number = 0;
  while (splitter.next(chunk)) {
    if (!chunk.is_message) {
      auto done = deid.deidentify(chunk.text, scratch, file);
      if (!done) return Unexpected(done.error());
      copy_to(chunk.text.data());
      out.text += done->text;
      out.changed += done->changed;
      copied += chunk.text.size();
      continue;
    }
    ++number;
    auto message = Hl7v2Message::parse(chunk.text);
    if (!message) {
      Error e = message.error();
      e.message = fmt::format("message {} does not parse, so the file is not de-identified: {}", number, e.message);
      e.line = chunk.line;
      e.offset = chunk.offset;
      return Unexpected(std::move(e));
    }
    std::string record = phi::hl7v2_patient_id(*message);
    if (record.empty()) record = fmt::format("{}#{}", file, number);
    MessageDeid message_deid(*message, deid, scratch, std::move(record), out.changed);
    for (std::string_view segment : message->segments()) {
      auto written = message_deid.segment(segment);
      if (!written) return Unexpected(written.error());
      copy_to(segment.data());
      out.text += *written;
      copied += segment.size();
    }
  }
  out.text.append(data.substr(copied));
  return out;
}

}  // namespace ward::deid
