// PHI in CSV (csv_phi_scan.h), read with ingest's CsvReader.
#include "phi/formats/csv_phi_scan.h"

#include <array>

#include <fmt/format.h>

#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::phi {
namespace {

struct ColumnRule {
  std::string_view part;  // a word of the normalised column name starts with this
  PhiType type;
};

// Checked in order: the first part found decides ("patient_ssn" is an SSN before a patient id).
constexpr std::array kColumnRules = {
    ColumnRule{"ssn", PhiType::ssn},           ColumnRule{"social_security", PhiType::ssn},
    ColumnRule{"mrn", PhiType::mrn},           ColumnRule{"medical_record", PhiType::mrn},
    ColumnRule{"patient_id", PhiType::mrn},    ColumnRule{"dob", PhiType::date},
    ColumnRule{"birth", PhiType::date},        ColumnRule{"death", PhiType::date},
    ColumnRule{"fax", PhiType::fax},           ColumnRule{"phone", PhiType::phone},
    ColumnRule{"mobile", PhiType::phone},      ColumnRule{"telephone", PhiType::phone},
    ColumnRule{"email", PhiType::email},       ColumnRule{"e_mail", PhiType::email},
    ColumnRule{"address", PhiType::geography}, ColumnRule{"street", PhiType::geography},
    ColumnRule{"city", PhiType::geography},    ColumnRule{"zip", PhiType::geography},
    ColumnRule{"postal", PhiType::geography},  ColumnRule{"postcode", PhiType::geography},
    ColumnRule{"county", PhiType::geography},  ColumnRule{"account", PhiType::account},
    ColumnRule{"member_id", PhiType::health_plan}, ColumnRule{"subscriber", PhiType::health_plan},
    ColumnRule{"policy", PhiType::health_plan}, ColumnRule{"insurance_id", PhiType::health_plan},
    ColumnRule{"licen", PhiType::license},     ColumnRule{"npi", PhiType::license},
    ColumnRule{"vin", PhiType::vehicle},       ColumnRule{"plate", PhiType::vehicle},
    ColumnRule{"serial", PhiType::device},     ColumnRule{"device_id", PhiType::device},
    ColumnRule{"ip_address", PhiType::ip_address}, ColumnRule{"url", PhiType::url},
};

// Whole names only: "name" alone is too common inside other column names (drug_name, test_name).
constexpr std::array<std::string_view, 14> kNameColumns = {
    "name",      "first_name", "last_name", "middle_name", "given_name", "family_name", "surname",
    "full_name", "patient_name", "firstname", "lastname", "given", "family", "maiden_name"};

// "DateOfBirth", "Date of Birth", "date-of-birth" -> "date_of_birth": camel case split into
// words, then ingest's column key (lower case, spaces and hyphens as underscores).
std::string words_of(std::string_view name) {
  std::string split;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i], before = i > 0 ? name[i - 1] : ' ';
    if (c >= 'A' && c <= 'Z' && ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'))) split += '_';
    split += c;
  }
  return ingest::column_key(split);
}

}  // namespace

std::optional<PhiType> column_phi_type(std::string_view column_name) {
  const std::string key = words_of(column_name);
  for (std::string_view n : kNameColumns)
    if (key == n) return PhiType::name;
  if (key == "ip") return PhiType::ip_address;
  // A part matches at the start of a word: "home_phone" is a phone, "ethnicity" no city.
  const std::string bounded = "_" + key;
  for (const ColumnRule& rule : kColumnRules)
    if (bounded.find("_" + std::string(rule.part)) != std::string::npos) return rule.type;
  return std::nullopt;
}

void add_csv_known_values(std::span<const std::optional<PhiType>> column_types, std::span<const std::string_view> row,
                          std::vector<KnownValue>& known) {
  for (std::size_t c = 0; c < column_types.size() && c < row.size(); ++c)
    if (column_types[c] == PhiType::name || column_types[c] == PhiType::mrn || column_types[c] == PhiType::geography)
      add_known(*column_types[c], row[c], known);
}

Result<StructuredScan> scan_csv(std::string_view data, FieldScanner& fields) {
  StructuredScan out;
  ingest::CsvReader reader(data, ingest::CsvOptions{.delimiter = ingest::sniff_delimiter(data.substr(0, 64 * 1024))});
  ingest::CsvRow row;
  auto first = reader.next(row);
  if (!first || !*first) {
    if (!first) out.errors.push_back(first.error());
    return out;
  }
  const ingest::CsvHeader header(row.fields);
  std::vector<std::optional<PhiType>> column_types;
  for (std::size_t c = 0; c < header.size(); ++c) column_types.push_back(column_phi_type(header.name(c)));

  std::vector<KnownValue> known;
  for (std::uint64_t number = 1;; ++number) {
    auto more = reader.next(row);
    if (!more) {
      Error e = more.error();
      e.message = fmt::format("row {} not scanned: {}", number, e.message);
      e.line = row.line;
      out.errors.push_back(std::move(e));
      continue;  // too long: the next row follows; an unclosed quote: next() then returns false
    }
    if (!*more) break;
    if (row.fields.size() != header.size()) {
      out.errors.push_back(Error{ErrorCode::invalid_input,
                                 fmt::format("row {} not scanned: {} fields, the header has {}", number, row.fields.size(),
                                             header.size()),
                                 {}, row.line, row.offset, {}});
      continue;
    }
    known.clear();
    add_csv_known_values(column_types, row.fields, known);
    for (std::size_t c = 0; c < header.size(); ++c) {
      const FieldPlace place{fmt::format("row {} {}", number, header.name(c)), row.line};
      if (column_types[c]) {
        fields.add_field(*column_types[c], fmt::format("column \"{}\"", header.name(c)), row.fields[c], place, out.findings);
      } else if (auto r = fields.scan_text(row.fields[c], known, place, out.findings); !r) {
        return Unexpected(r.error());
      }
    }
  }
  return out;
}

}  // namespace ward::phi
