// PHI in HL7 v2 messages (hl7v2_phi_scan.h). The table says which fields are PHI and of which
// HL7 data type they are; the data type says which components hold the value.
#include "phi/formats/hl7v2_phi_scan.h"

#include <array>

#include <fmt/format.h>

#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"

namespace ward::phi {
namespace {

using ingest::Hl7v2Message;

// How a field's value is laid out (HL7 v2 data types).
enum class Layout : std::uint8_t {
  whole,    // ST, ID: the field
  name,     // XPN/XCN: family (1, with its own and the partner's surname), given (2), middle (3)
  address,  // XAD: street (1), other designation (2), city (3), ZIP (5), county (9); not state, country
  phone,    // XTN: number (1), e-mail (4), area and local number (6, 7); equipment FX is a fax
  id,       // CX: id (1); identifier type (5) SS is an SSN, DL a driver's licence
  time,     // TS/DTM: the time (1)
};

struct PhiField {
  std::string_view segment;
  std::size_t field;
  Layout layout;
  PhiType type;
  std::string_view reason;
};

constexpr std::array kPhiFields = {
    PhiField{"PID", 2, Layout::id, PhiType::mrn, "patient ID field (PID-2)"},
    PhiField{"PID", 3, Layout::id, PhiType::mrn, "patient identifier list field (PID-3)"},
    PhiField{"PID", 4, Layout::id, PhiType::other_id, "alternate patient ID field (PID-4)"},
    PhiField{"PID", 5, Layout::name, PhiType::name, "patient name field (PID-5)"},
    PhiField{"PID", 6, Layout::name, PhiType::name, "mother's maiden name field (PID-6)"},
    PhiField{"PID", 7, Layout::time, PhiType::date, "date of birth field (PID-7)"},
    PhiField{"PID", 9, Layout::name, PhiType::name, "patient alias field (PID-9)"},
    PhiField{"PID", 11, Layout::address, PhiType::geography, "patient address field (PID-11)"},
    PhiField{"PID", 12, Layout::whole, PhiType::geography, "county code field (PID-12)"},
    PhiField{"PID", 13, Layout::phone, PhiType::phone, "home phone field (PID-13)"},
    PhiField{"PID", 14, Layout::phone, PhiType::phone, "business phone field (PID-14)"},
    PhiField{"PID", 18, Layout::id, PhiType::account, "patient account number field (PID-18)"},
    PhiField{"PID", 19, Layout::whole, PhiType::ssn, "SSN field (PID-19)"},
    PhiField{"PID", 20, Layout::id, PhiType::license, "driver's licence field (PID-20)"},
    PhiField{"PID", 21, Layout::id, PhiType::other_id, "mother's identifier field (PID-21)"},
    PhiField{"PID", 29, Layout::time, PhiType::date, "death date field (PID-29)"},
    PhiField{"MRG", 1, Layout::id, PhiType::mrn, "prior patient identifier field (MRG-1)"},
    PhiField{"NK1", 2, Layout::name, PhiType::name, "next of kin name field (NK1-2)"},
    PhiField{"NK1", 4, Layout::address, PhiType::geography, "next of kin address field (NK1-4)"},
    PhiField{"NK1", 5, Layout::phone, PhiType::phone, "next of kin phone field (NK1-5)"},
    PhiField{"NK1", 6, Layout::phone, PhiType::phone, "next of kin business phone field (NK1-6)"},
    PhiField{"PV1", 19, Layout::id, PhiType::other_id, "visit number field (PV1-19)"},
    PhiField{"PV1", 44, Layout::time, PhiType::date, "admit date field (PV1-44)"},
    PhiField{"PV1", 45, Layout::time, PhiType::date, "discharge date field (PV1-45)"},
    PhiField{"GT1", 3, Layout::name, PhiType::name, "guarantor name field (GT1-3)"},
    PhiField{"GT1", 5, Layout::address, PhiType::geography, "guarantor address field (GT1-5)"},
    PhiField{"GT1", 6, Layout::phone, PhiType::phone, "guarantor phone field (GT1-6)"},
    PhiField{"GT1", 12, Layout::whole, PhiType::ssn, "guarantor SSN field (GT1-12)"},
    PhiField{"IN1", 16, Layout::name, PhiType::name, "insured's name field (IN1-16)"},
    PhiField{"IN1", 19, Layout::address, PhiType::geography, "insured's address field (IN1-19)"},
    PhiField{"IN1", 36, Layout::whole, PhiType::health_plan, "policy number field (IN1-36)"},
};

// OBX-5 is free text only for these value types (OBX-2); NTE-3 always is.
bool is_text_value_type(std::string_view type) { return type == "TX" || type == "FT" || type == "ST" || type.empty(); }

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
    collect_known();
    const char* counted = chunk_.text.data();
    segment_line_ = chunk_.line;
    for (std::string_view segment : message_.segments()) {
      const std::string_view name = Hl7v2Message::segment_name(segment);
      segment_line_ += line_breaks(counted, segment.data());
      counted = segment.data();
      for (const PhiField& f : kPhiFields)
        if (f.segment == name) add_field(segment, f);
      if (name == "OBX" && is_text_value_type(message_.field(segment, 2))) {
        if (auto r = scan_text(segment, 5); !r) return r;
      } else if (name == "NTE") {
        if (auto r = scan_text(segment, 3); !r) return r;
      }
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

  void add(const PhiField& f, PhiType type, std::string_view segment, std::size_t repetition, std::size_t component,
           std::string_view raw) {
    fields_.add_field(type, f.reason, plain_text(raw),
                      FieldPlace{place(segment, f.field, repetition, component), segment_line_}, out_);
  }

  // A component's text: its subcomponents ("1000&Hospital Lane") joined by a space, escapes decoded.
  std::string plain_text(std::string_view raw) const {
    std::string out;
    const char separator = message_.delimiters().subcomponent;
    for (;;) {
      const std::size_t at = raw.find(separator);
      const std::string_view piece = raw.substr(0, at);
      if (!piece.empty()) {
        if (!out.empty()) out += ' ';
        message_.append_decoded(piece, out);
      }
      if (at == std::string_view::npos) return out;
      raw.remove_prefix(at + 1);
    }
  }

  void add_field(std::string_view segment, const PhiField& f) {
    const std::string_view value = message_.field(segment, f.field);
    if (value.empty()) return;
    const std::size_t repetitions = message_.repetition_count(value);
    for (std::size_t r = 1; r <= repetitions; ++r) {
      const std::string_view rep = message_.repetition(value, r);
      auto component = [&](std::size_t c) { return message_.component(rep, c); };
      switch (f.layout) {
        case Layout::whole: add(f, f.type, segment, r, 0, rep); break;
        case Layout::time: add(f, f.type, segment, r, 1, component(1)); break;
        case Layout::name:
          for (std::size_t c : {1, 2, 3}) add(f, f.type, segment, r, c, component(c));
          break;
        case Layout::address:
          for (std::size_t c : {1, 2, 3, 5, 9}) add(f, f.type, segment, r, c, component(c));
          break;
        case Layout::phone: {
          const PhiType number_type = component(3) == "FX" ? PhiType::fax : f.type;
          add(f, number_type, segment, r, 1, component(1));
          const bool is_email = component(4).find('@') != std::string_view::npos;
          add(f, is_email ? PhiType::email : number_type, segment, r, 4, component(4));
          if (component(1).empty()) add(f, number_type, segment, r, 7, component(7));
          break;
        }
        case Layout::id: {
          const std::string_view kind = component(5);
          const PhiType type = kind == "SS" ? PhiType::ssn : kind == "DL" ? PhiType::license : f.type;
          add(f, type, segment, r, 1, component(1));
          break;
        }
      }
    }
  }

  // The patient's own values (every PID): found again, even misspelt, in the message's free text.
  void collect_known() {
    for (std::string_view segment : message_.segments()) {
      if (Hl7v2Message::segment_name(segment) != "PID") continue;
      const std::string_view name = message_.repetition(message_.field(segment, 5), 1);
      const std::string given = message_.decode(message_.component(name, 2));
      const std::string family = message_.decode(message_.subcomponent(message_.component(name, 1), 1));
      add_known(PhiType::name, given.empty() ? family : given + " " + family, known_);
      for (std::size_t f : {2, 3, 4}) {
        const std::string_view ids = message_.field(segment, f);
        for (std::size_t r = 1; r <= message_.repetition_count(ids); ++r)
          add_known(PhiType::mrn, message_.decode(message_.component(message_.repetition(ids, r), 1)), known_);
      }
      const std::string_view address = message_.repetition(message_.field(segment, 11), 1);
      add_known(PhiType::geography, message_.decode(message_.component(address, 1)), known_);
      add_known(PhiType::ssn, message_.decode(message_.field(segment, 19)), known_);
      add_known(PhiType::phone, message_.decode(message_.component(message_.repetition(message_.field(segment, 13), 1), 1)),
                known_);
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
