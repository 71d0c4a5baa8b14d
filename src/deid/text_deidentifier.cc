// Free-text de-identification: scan, then replace each finding by its type's action
// (text_deidentifier.h).
#include "deid/text_deidentifier.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "deid/date_text.h"
#include "deid/repeated_values.h"
#include "deid/surrogates.h"

namespace ward::deid {
namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(unsigned char c) { return std::isalpha(c) != 0 || c >= 0x80; }

bool is_zip(std::string_view v) {
  auto digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  return (v.size() == 5 && digits(v)) || (v.size() == 10 && v[5] == '-' && digits(v.substr(0, 5)) && digits(v.substr(6)));
}

}  // namespace

std::uint64_t ChangeCounts::total() const {
  std::uint64_t n = 0;
  for (std::uint64_t c : by_type) n += c;
  return n + documents_removed;
}

ChangeCounts& ChangeCounts::operator+=(const ChangeCounts& other) {
  for (std::size_t i = 0; i < by_type.size(); ++i) by_type[i] += other.by_type[i];
  documents_removed += other.documents_removed;
  return *this;
}

std::string redaction_label(phi::PhiType type) {
  std::string label(phi::to_string(type));
  for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "[" + label + "]";
}

std::string normalise_for_link(phi::PhiType type, std::string_view value) {
  using phi::PhiType;
  std::string out;
  const bool identifier = type != PhiType::name && type != PhiType::geography && type != PhiType::email &&
                          type != PhiType::url && type != PhiType::date && type != PhiType::age;
  for (char c : value) {
    if (identifier) {
      if (is_alnum(c)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) out.assign(value);  // only separators: link the text as it is
  return out;
}

Result<int> TextDeidentifier::date_offset(std::string_view record) {
  auto n = linker_.number("date_shift", record);
  if (!n) return Unexpected(n.error());
  const auto span = static_cast<std::uint64_t>(policy_.date_shift_max_days - policy_.date_shift_min_days + 1);
  return -(policy_.date_shift_min_days + static_cast<int>(*n % span));
}

Result<std::string> TextDeidentifier::shifted_date(std::string_view value, std::string_view record) {
  const auto date = DateText::parse(value);
  if (!date) return redaction_label(phi::PhiType::date);  // unreadable: removed, never passed through
  auto days = date_offset(record);
  if (!days) return Unexpected(days.error());
  return date->shifted(*days);
}

Result<std::string> TextDeidentifier::pseudonym(phi::PhiType type, std::string_view value) {
  auto n = linker_.number(phi::to_string(type), normalise_for_link(type, value));
  if (!n) return Unexpected(n.error());
  std::string label = redaction_label(type);
  label.pop_back();
  return fmt::format("{}-{}]", label, link_code(*n));
}

// Word by word, so "John Smith" and a later "Smith" get the same surname.
Result<std::string> TextDeidentifier::surrogate_name(std::string_view value, bool place, NamePart part) {
  std::vector<std::pair<std::size_t, std::size_t>> words;  // [begin, end) of each word of letters
  for (std::size_t i = 0; i < value.size();) {
    if (!is_alpha(static_cast<unsigned char>(value[i]))) { ++i; continue; }
    std::size_t j = i;
    while (j < value.size() && (is_alpha(static_cast<unsigned char>(value[j])) || value[j] == '\'')) ++j;
    if (!is_name_title(value.substr(i, j - i))) words.emplace_back(i, j);
    i = j;
  }
  // "Smith, John": the family name first.
  const std::size_t comma = value.find(',');
  const bool family_first = words.size() >= 2 && comma != std::string_view::npos && comma >= words[0].second &&
                            comma < words[1].first;
  std::string out;
  std::size_t at = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const auto [b, e] = words[k];
    out.append(value.substr(at, b - at));
    const std::string_view word = value.substr(b, e - b);
    const bool last = k + 1 == words.size();
    NameRole role = place                        ? NameRole::place
                    : part == NamePart::given  ? NameRole::given
                    : part == NamePart::family ? NameRole::family
                    : family_first ? (k == 0 ? NameRole::family : NameRole::given)
                                   : (last ? NameRole::family : NameRole::given);
    const std::string_view kind = role == NameRole::given ? "given_name" : role == NameRole::family ? "family_name" : "place";
    auto n = linker_.number(kind, normalise_for_link(phi::PhiType::name, word));
    if (!n) return Unexpected(n.error());
    if (word.size() == 1) out += static_cast<char>('A' + *n % 26);  // an initial
    else out += surrogate_word(role, *n, word);
    at = e;
  }
  out.append(value.substr(at));
  return out;
}

Result<std::string> TextDeidentifier::surrogate(phi::PhiType type, std::string_view value, std::string_view record,
                                                NamePart part) {
  using phi::PhiType;
  switch (type) {
    case PhiType::name: return surrogate_name(value, false, part);
    case PhiType::date: return shifted_date(value, record);
    case PhiType::age: return generalise(type, value);
    default: break;
  }
  auto n = linker_.number(phi::to_string(type), normalise_for_link(type, value));
  if (!n) return Unexpected(n.error());
  switch (type) {
    case PhiType::email: return surrogate_email(*n);
    case PhiType::url: return surrogate_url(*n);
    case PhiType::ip_address: return surrogate_ip(value, *n);
    case PhiType::geography: {
      // Numbers stay numbers; words become place names ("12 Oak Street" keeps "Street").
      if (is_zip(value)) return surrogate_shape(type, value, *n);
      const bool has_digits = std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      std::string shaped = surrogate_shape(type, value, *n);
      std::string out;
      auto words = surrogate_name(value, true);
      if (!words) return words;
      // Digits from the shape, letters from the place words, both in the original layout.
      for (std::size_t i = 0, j = 0; i < words->size(); ++i) {
        const char c = (*words)[i];
        if (has_digits && c >= '0' && c <= '9') {
          while (j < shaped.size() && !(shaped[j] >= '0' && shaped[j] <= '9')) ++j;
          out += j < shaped.size() ? shaped[j++] : c;
        } else {
          out += c;
        }
      }
      return out;
    }
    default: return surrogate_shape(type, value, *n);
  }
}

Result<std::string> TextDeidentifier::generalise(phi::PhiType type, std::string_view value) {
  using phi::PhiType;
  switch (type) {
    case PhiType::date: {
      const auto date = DateText::parse(value);
      if (date)
        if (auto year = date->year_only()) return *year;
      return redaction_label(type);
    }
    case PhiType::age: {
      // "92 years old" → "90+ years old": the number becomes 90+, the words stay.
      const auto first = std::find_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (first == value.end()) return std::string("90+");
      const auto last = std::find_if(first, value.end(), [](char c) { return c < '0' || c > '9'; });
      return std::string(value.begin(), first) + "90+" + std::string(last, value.end());
    }
    case PhiType::geography: {
      if (!is_zip(value)) return redaction_label(type);
      const std::string zip3(value.substr(0, 3));
      const bool restricted = std::find(policy_.restricted_zip3.begin(), policy_.restricted_zip3.end(), zip3) !=
                              policy_.restricted_zip3.end();
      return (restricted ? std::string("000") : zip3) + "**";
    }
    default: return redaction_label(type);
  }
}

Result<std::string> TextDeidentifier::replace(phi::PhiType type, std::string_view value, std::string_view record,
                                              NamePart part) {
  Result<std::string> out = std::string();
  switch (policy_.action_for(type)) {
    case Action::keep: return std::string(value);
    case Action::redact: out = redaction_label(type); break;
    case Action::mask: {
      std::string masked(value);
      for (char& c : masked)
        if (is_alnum(c)) c = '*';
      out = masked;
      break;
    }
    case Action::surrogate: out = surrogate(type, value, record, part); break;
    case Action::pseudonym: out = pseudonym(type, value); break;
    case Action::date_shift: out = shifted_date(value, record); break;
    case Action::generalise: out = generalise(type, value); break;
  }
  // Redactions and codes are bracketed already; what reads like data is marked when asked.
  const Action a = policy_.action_for(type);
  if (out && policy_.mark_changes && a != Action::redact && a != Action::pseudonym && out->front() != '[')
    *out = "[[" + *out + "]]";
  return out;
}

// The finding's text replaced piece by piece between the markup inside it (where `text` and
// `scanned` differ: "Jonathan <b>Whitfield" has "Jonathan " and "Whitfield"), the markup kept;
// the pieces of a name are its given names and, last, its family name.
Result<void> TextDeidentifier::replace_around_markup(const phi::Finding& f, std::string_view text, std::string_view scanned,
                                                     std::string_view record, std::string& out) {
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // [begin, end) outside markup
  for (std::size_t i = f.begin; i < f.end;) {
    std::size_t j = i;
    while (j < f.end && text[j] == scanned[j]) ++j;
    if (j > i) pieces.emplace_back(i, j);
    while (j < f.end && text[j] != scanned[j]) ++j;
    i = j;
  }
  std::size_t at = f.begin;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    auto [b, e] = pieces[k];
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (b == e) continue;
    const NamePart part = pieces.size() == 1 || f.type != phi::PhiType::name ? NamePart::whole
                          : k + 1 == pieces.size()                          ? NamePart::family
                                                                              : NamePart::given;
    auto replacement = replace(f.type, text.substr(b, e - b), record, part);
    if (!replacement) return Unexpected(replacement.error());
    out.append(text.substr(at, b - at));
    out += *replacement;
    at = e;
  }
  out.append(text.substr(at, f.end - at));
  return {};
}

Result<Deidentified> TextDeidentifier::deidentify_markup(std::string_view text, std::string_view scanned_text,
                                                         phi::ScanScratch& scratch, std::string_view record,
                                                         const std::vector<phi::KnownValue>& known) {
  if (scanned_text.size() != text.size()) return fail(ErrorCode::internal, "markup and its scanned text differ in length");
  auto scanned = scanner_.scan(scanned_text, scratch, known);
  if (!scanned) return Unexpected(scanned.error());
  const std::vector<phi::Finding> findings = with_repeated_values(scanned_text, std::move(*scanned), policy_.min_confidence);
  Deidentified out;
  out.text.reserve(text.size());
  std::size_t at = 0;
  for (const phi::Finding& f : findings) {
    if (f.confidence < policy_.min_confidence || f.begin < at || f.end > text.size()) continue;
    if (policy_.action_for(f.type) == Action::keep) continue;
    out.text.append(text.substr(at, f.begin - at));
    if (auto ok = replace_around_markup(f, text, scanned_text, record, out.text); !ok) return Unexpected(ok.error());
    at = f.end;
    ++out.changed.by_type[static_cast<std::size_t>(f.type)];
  }
  out.text.append(text.substr(at));
  return out;
}

}  // namespace ward::deid
