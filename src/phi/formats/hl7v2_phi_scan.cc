// PHI in HL7 v2 messages (hl7v2_phi_scan.h). The table of PHI fields (hl7v2_phi_fields.h) says
// which fields are PHI and which components hold the value.
#include "phi/formats/hl7v2_phi_scan.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/base64.h"
#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"
#include "phi/formats/hl7v2_phi_fields.h"
#include "phi/formats/pdf_text.h"

namespace ward::phi {
namespace {

using ingest::Hl7v2Message;

constexpr std::size_t kMaxEncapsulatedBytes = 16 << 20;  // an OBX-5 document decoded, at most

// Line ends in [begin, end): \r, \n and \r\n each end one line.
std::uint64_t line_breaks(const char* begin, const char* end) {
  std::uint64_t n = 0;
  for (const char* p = begin; p < end; ++p)
    if (*p == '\n' || (*p == '\r' && !(p + 1 < end && p[1] == '\n'))) ++n;
  return n;
}

class MessageScan {
 public:
  MessageScan(const Hl7v2Message& message, const ingest::Hl7v2Chunk& chunk, std::size_t number, FieldScanner& fields,
              std::vector<FieldFinding>& out)
      : message_(message), chunk_(chunk), number_(number), fields_(fields), out_(out) {}

  Result<void> run() {
    add_hl7v2_known_values(message_, known_);
    const char* counted = chunk_.text.data();
    segment_line_ = chunk_.line;
    for (std::string_view segment : message_.segments()) {
      const std::string_view name = Hl7v2Message::segment_name(segment);
      segment_line_ += line_breaks(counted, segment.data());
      counted = segment.data();
      for (const Hl7v2PhiField& f : hl7v2_phi_fields())
        if (f.segment == name) add_field(segment, f);
      if (const std::size_t text_field = hl7v2_free_text_field(message_, segment); text_field != 0)
        if (auto r = scan_text(segment, text_field); !r) return r;
      if (name == "OBX" && message_.field(segment, 2) == "ED")
        if (auto r = scan_encapsulated(segment); !r) return r;
    }
    return {};
  }

 private:
  std::string place(std::string_view segment, std::size_t field, std::size_t repetition, std::size_t component) const {
    std::string out = fmt::format("message {} {}-{}", number_, Hl7v2Message::segment_name(segment), field);
    if (repetition > 1) out += fmt::format("[{}]", repetition);
    if (component > 0) out += fmt::format(".{}", component);
    return out;
  }

  void add(const Hl7v2PhiField& f, PhiType type, std::string_view segment, std::size_t repetition, std::size_t component,
           std::string_view raw) {
    fields_.add_field(type, f.reason, hl7v2_component_text(message_, raw),
                      FieldPlace{place(segment, f.field, repetition, component), segment_line_}, out_);
  }

  void add_field(std::string_view segment, const Hl7v2PhiField& f) {
    const std::string_view value = message_.field(segment, f.field);
    if (value.empty()) return;
    const std::size_t repetitions = message_.repetition_count(value);
    for (std::size_t r = 1; r <= repetitions; ++r) {
      const std::string_view rep = message_.repetition(value, r);
      for (const Hl7v2PhiComponent& c : hl7v2_phi_components(f, message_, rep))
        add(f, c.type, segment, r, c.component, c.component == 0 ? rep : message_.component(rep, c.component));
    }
  }

  Result<void> scan_text(std::string_view segment, std::size_t field) {
    const std::string_view value = message_.field(segment, field);
    for (std::size_t r = 1; r <= message_.repetition_count(value); ++r) {
      const std::string text = message_.decode(message_.repetition(value, r));
      FieldPlace where{place(segment, field, r, 0), segment_line_};
      if (auto scanned = fields_.scan_text(text, known_, where, out_); !scanned) return scanned;
    }
    return {};
  }

  // OBX-5 of type ED (source ^ type ^ subtype ^ encoding ^ data): a PDF read page by page, text
  // scanned; other documents (images, Word) are not read. Errors in the PDF make no finding.
  Result<void> scan_encapsulated(std::string_view segment) {
    const std::string_view value = message_.field(segment, 5);
    for (std::size_t r = 1; r <= message_.repetition_count(value); ++r) {
      const std::string_view rep = message_.repetition(value, r);
      const std::string encoding = ascii_lower(message_.decode(message_.component(rep, 4)));
      const std::string_view data = message_.component(rep, 5);
      std::string decoded;
      if (encoding == "base64") {
        if (!decode_base64(data, decoded, kMaxEncapsulatedBytes)) continue;
      } else if (encoding == "a") {
        decoded = message_.decode(data);
      } else {
        continue;
      }
      const FieldPlace where{place(segment, 5, r, 5), segment_line_};
      if (looks_like_pdf(decoded)) {
        auto pdf = pdf_text(decoded);
        if (!pdf) continue;
        if (auto scanned = scan_pdf_into(*pdf, fields_, known_, where, out_); !scanned) return scanned;
      } else if (decoded.find('\0') == std::string::npos) {
        if (auto scanned = fields_.scan_text(decoded, known_, where, out_); !scanned) return scanned;
      }
    }
    return {};
  }

  const Hl7v2Message& message_;
  const ingest::Hl7v2Chunk& chunk_;
  std::size_t number_;
  FieldScanner& fields_;
  std::vector<FieldFinding>& out_;
  std::vector<KnownValue> known_;
  std::uint64_t segment_line_ = 0;  // line of the segment being read
};

}  // namespace

Result<StructuredScan> scan_hl7v2(std::string_view data, FieldScanner& fields) {
  StructuredScan out;
  ingest::Hl7v2Splitter splitter(data);
  ingest::Hl7v2Chunk chunk;
  std::size_t number = 0;
  while (splitter.next(chunk)) {
    if (!chunk.is_message) {
      out.errors.push_back(Error{ErrorCode::invalid_input, "text outside an HL7 v2 message (a message starts with a line beginning MSH)",
                                 {}, chunk.line, chunk.offset, {}});
      continue;
    }
    ++number;
    auto message = Hl7v2Message::parse(chunk.text);
    if (!message) {
      Error e = message.error();
      e.message = fmt::format("message {} not scanned: {}", number, e.message);
      e.line = chunk.line;
      e.offset = chunk.offset;
      out.errors.push_back(std::move(e));
      continue;
    }
    if (auto r = MessageScan(*message, chunk, number, fields, out.findings).run(); !r) return Unexpected(r.error());
  }
  return out;
}

}  // namespace ward::phi
