// Validating identifier candidates (candidate_checks.h).
#include "phi/candidate_checks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <re2/re2.h>

#include "phi/context.h"
#include "phi/patterns.h"
#include "phi/validators.h"

namespace ward::phi {
namespace {

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }

std::size_t digit_count(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// Up to 8 numbers, in place (a phone candidate asks for them two or three times).
class Numbers {
 public:
  void push_back(int v) { values_[size_++] = v; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int operator[](std::size_t i) const { return values_[i]; }

 private:
  std::array<int, 8> values_{};
  std::size_t size_ = 0;
};

// The runs of digits in `s`, as numbers (at most 8).
Numbers numbers_in(std::string_view s) {
  Numbers out;
  for (std::size_t i = 0; i < s.size() && out.size() < 8;) {
    if (s[i] < '0' || s[i] > '9') { ++i; continue; }
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    int v = 0;
    std::from_chars(s.data() + i, s.data() + std::min(j, i + 9), v);
    out.push_back(v);
    i = j;
  }
  return out;
}

int full_year(int y) { return y >= 100 ? y : (y < 30 ? 2000 + y : 1900 + y); }

bool numeric_date_valid(std::string_view s, bool year_first) {
  const auto n = numbers_in(s);
  if (n.size() < 3) return false;
  if (year_first) return valid_date(n[0], n[1], n[2]);
  const int y = full_year(n[2]);
  return valid_date(y, n[0], n[1]) || valid_date(y, n[1], n[0]);
}

bool looks_like_date(std::string_view s) {
  const auto n = numbers_in(s);
  if (n.size() != 3) return false;
  return (s.size() >= 8 && s[4] == '-' && valid_date(n[0], n[1], n[2])) || numeric_date_valid(s, false);
}

const std::initializer_list<std::string_view> kPhoneWords = {
    "call", "phone", "tel", "telephone", "mobile", "cell", "fax", "pager", "reach", "contact", "dial", "text",
    "number", "desk", "office", "ph", "home", "work", "whatsapp", "answering"};

// "0700-1500", "1930-0730": two clock times on the quarter hour joined by a hyphen — a shift or a
// window of hours in a note, not a telephone number.
bool clock_time_range(std::string_view v) {
  if (v.size() != 9 || v[4] != '-') return false;
  auto clock = [](std::string_view t) {
    if (!std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    const int hours = (t[0] - '0') * 10 + (t[1] - '0'), minutes = (t[2] - '0') * 10 + (t[3] - '0');
    return hours <= 24 && minutes % 15 == 0 && minutes < 60;
  };
  return clock(v.substr(0, 4)) && clock(v.substr(5, 4));
}

std::optional<Finding> check_phone(std::string_view text, std::size_t begin, std::size_t end, const Pattern& p) {
  std::string_view v = text.substr(begin, end - begin);
  std::string_view main = v;
  if (auto x = main.find_first_of("xe"); x != std::string_view::npos) main = main.substr(0, x);
  const std::size_t digits = digit_count(main);
  if (digits < kPhoneMinDigits || digits > 15) return std::nullopt;
  if (looks_like_date(main) || valid_ip(main) || clock_time_range(main)) return std::nullopt;
  const bool marked = main.front() == '+' || main.front() == '(';
  const bool dashed = main.find_first_of("-.") != std::string_view::npos;
  const std::size_t groups = numbers_in(main).size();
  const bool context = word_before(text, begin, kPhoneWords, 40) ||
                       word_after(text, end, {"office", "fax", "mobile", "cell", "home", "work", "desk"}, 12);
  double confidence = p.confidence;
  if (groups == 1) {
    if (!context || digits < 10 || digits > 12) return std::nullopt;
    confidence = 0.85;
  } else if (!marked && !dashed) {
    if (!context && !(digits >= 9 && groups >= 3)) return std::nullopt;
    if (!context && groups > 4) return std::nullopt;
  }
  if (context) confidence = std::max(confidence, 0.9);
  const bool fax = word_before(text, begin, {"fax"}, 20) || word_after(text, end, {"fax"}, 8);
  Finding f{fax ? PhiType::fax : PhiType::phone, begin, end, confidence,
            std::string(fax ? "fax number (\"fax\" nearby)" : context ? "telephone number, phone words nearby" : p.reason)};
  return f;
}

}  // namespace

CandidateChecker::CandidateChecker(CandidateChecker&&) noexcept = default;
CandidateChecker& CandidateChecker::operator=(CandidateChecker&&) noexcept = default;
CandidateChecker::~CandidateChecker() = default;

Result<CandidateChecker> CandidateChecker::build() {
  CandidateChecker checker;
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // byte semantics, as Hyperscan's
  options.set_log_errors(false);
  for (const Pattern& p : patterns()) {
    auto re = std::make_unique<RE2>(re2::StringPiece(p.regex.data(), p.regex.size()), options);
    if (!re->ok()) return fail(ErrorCode::internal, "PHI pattern does not compile with RE2: " + re->error());
    checker.values_.push_back(re->NumberOfCapturingGroups() >= 1 ? std::move(re) : nullptr);
  }
  return checker;
}

std::optional<Finding> CandidateChecker::check(std::string_view text, const Candidate& c) const {
  const Pattern& p = patterns()[c.pattern];
  std::size_t begin = c.begin, end = c.end;
  if (const auto& re = values_[c.pattern]) {
    re2::StringPiece match(text.data() + c.begin, c.end - c.begin), value;
    if (!RE2::PartialMatch(match, *re, &value) || value.data() == nullptr || value.empty()) return std::nullopt;
    begin = static_cast<std::size_t>(value.data() - text.data());
    end = begin + value.size();
  }
  const std::string_view v = text.substr(begin, end - begin);
  Finding f{p.type, begin, end, p.confidence, std::string(p.reason)};
  auto accept = [&](bool ok) { return ok ? std::optional<Finding>(f) : std::nullopt; };
  switch (p.kind) {
    case PatternKind::email: return f;
    case PatternKind::url:
      while (f.end > f.begin && is_one_of(text[f.end - 1], ".,;:!?)]}")) --f.end;
      return accept(f.end - f.begin > 4);
    case PatternKind::ipv4:
    case PatternKind::ipv6: return accept(valid_ip(v) && (p.kind == PatternKind::ipv4 || v.find("::") != std::string_view::npos ||
                                                          std::count(v.begin(), v.end(), ':') == 7));
    case PatternKind::ssn:
    case PatternKind::ssn_labelled:
      if (p.kind == PatternKind::ssn && word_before(text, begin, {"ssn", "social security", "ss#"}, 30)) f.confidence = 0.97;
      return accept(valid_ssn(v));
    case PatternKind::payment_card: {
      const bool context = word_before(text, begin, {"card", "credit", "cc", "visa", "mastercard", "amex", "debit"}, 40);
      const std::size_t digits = digit_count(v);
      if (digits < (context ? 12u : 13u) || digits > 19) return std::nullopt;
      if (valid_luhn(v)) {
        if (context) f.confidence = 0.97;
        return f;
      }
      if (!context) return std::nullopt;
      f.confidence = 0.7;
      f.reason = "card number after \"card\" (fails the Luhn check)";
      return f;
    }
    case PatternKind::iban: return accept(valid_iban(v));
    case PatternKind::date_iso: return accept(numeric_date_valid(v, true));
    case PatternKind::date_numeric: {
      // One separator throughout: "8.6-10.3" is a reference range, not a date.
      const std::size_t first = v.find_first_of("/.-"), second = v.find_first_of("/.-", first + 1);
      return accept(second != std::string_view::npos && v[second] == v[first] && numeric_date_valid(v, false));
    }
    case PatternKind::date_month_day:
    case PatternKind::date_day_month: {
      const auto n = numbers_in(v);
      if (n.empty() || n[0] < 1 || n[0] > 31) return std::nullopt;
      if (word_before(text, begin, {"dob", "born", "birth", "admitted", "discharged", "seen", "on"}, 25)) f.confidence = 0.95;
      return f;
    }
    case PatternKind::date_month_year: {
      const auto n = numbers_in(v);
      return accept(!n.empty() && n[0] >= 1800 && n[0] <= 2199);
    }
    case PatternKind::age_years:
    case PatternKind::age_labelled: {
      const auto n = numbers_in(v);
      return accept(!n.empty() && n[0] >= 90 && n[0] <= 130);
    }
    case PatternKind::phone: return check_phone(text, begin, end, p);
    case PatternKind::npi: return accept(valid_npi(v));
    case PatternKind::dea:
      if (!is_one_of(v[0], "ABCDEFGHJKLMPRSTUX") || !valid_dea(v)) return std::nullopt;
      if (word_before(text, begin, {"dea"}, 20)) f.confidence = 0.95;
      return f;
    case PatternKind::vin: return accept(valid_vin(v));
    case PatternKind::state_zip: return accept(is_state_code(text.substr(c.begin, 2)) && valid_zip(v));
    case PatternKind::unit:
      if (v.starts_with("Unit") && digit_count(v) < 3) return std::nullopt;
      return f;
    case PatternKind::street_name_number:
      // "Integra Camino ICP bolt": with no number, a label in capitals among the words is a device's.
      if (!has_digit(v) && names_a_measure(v)) return std::nullopt;
      if (!has_digit(v)) f.confidence = 0.75;
      return f;
    case PatternKind::street_number_name_number: {
      // "take 2 Tylenol 500 mg" is a dose, not an address.
      const std::string_view unit = next_word(text, end);
      for (std::string_view u : {"mg", "mcg", "g", "ml", "units", "unit", "iu", "mmhg", "mmol", "tablets", "tabs", "times",
                                 "days", "hours", "minutes", "weeks", "kg", "cm", "mm"})
        if (equals_folded(unit, u)) return std::nullopt;
      if (end < text.size() && text[end] == '%') return std::nullopt;
      // "19 Fr Blake x 2", "60 Gy in 30", "6 L face mask. Aldrete 9": a size, dose or volume
      // after the first number (a one-letter unit before a word in lower case: not "1200 L Street").
      if (const std::size_t space = v.find(' '); space != std::string_view::npos) {
        const std::string_view first = next_word(v, space);
        for (std::string_view u : {"fr", "french", "gy", "cgy", "mgy", "ml", "mg", "mcg", "kg", "cm", "mm", "mmhg", "lpm",
                                   "units", "meq", "mmol", "gauge", "ga", "cc", "hz", "khz", "mhz", "joules", "mev", "kv"})
          if (equals_folded(first, u)) return std::nullopt;
        const std::size_t after_first = space + 1 + first.size();
        if (first.size() == 1 && after_first + 1 < v.size() && v[after_first] == ' ' && v[after_first + 1] >= 'a' &&
            v[after_first + 1] <= 'z')
          return std::nullopt;
      }
      // A reading: part of "120/80", "37.2" or "4.1" at either end, or labels between the numbers.
      auto digit_at = [&](std::size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
      if (begin >= 2 && is_one_of(text[begin - 1], "/.,") && digit_at(begin - 2)) return std::nullopt;
      if (end > begin && text[end - 1] == '.' && digit_at(end)) return std::nullopt;
      if (end + 1 < text.size() && is_one_of(text[end], "/.,") && digit_at(end + 1)) return std::nullopt;
      if (names_a_measure(v)) return std::nullopt;
      // "Cycle 5 Day 1", "Week 2 Dose 3": a schedule.
      if (const std::size_t space = v.find(' '); space != std::string_view::npos) {
        const std::string_view name = next_word(v, space);
        for (std::string_view w : {"day", "week", "month", "cycle", "dose", "hour", "phase", "step", "visit"})
          if (equals_folded(name, w)) return std::nullopt;
      }
      return f;
    }
    case PatternKind::street_after_cue: {
      // The value starts at the house number.
      std::size_t b = f.begin;
      while (b < f.end && !std::isdigit(static_cast<unsigned char>(text[b]))) ++b;
      f.begin = b;
      return f;
    }
    case PatternKind::street_corner:
      while (f.end > f.begin && text[f.end - 1] == ' ') --f.end;
      return f;
    case PatternKind::street_name_only: {
      // "The Way", "My Lane": the words before the suffix must not all be common sentence words.
      const std::string_view first = next_word(text, f.begin);
      for (std::string_view w : {"the", "a", "my", "this", "that", "one", "no", "any", "every", "which", "each", "our", "your"})
        if (equals_folded(first, w)) return std::nullopt;
      return f;
    }
    case PatternKind::udi:
    case PatternKind::street:
    case PatternKind::street_word_number:
    case PatternKind::military_address: return f;
    case PatternKind::mrn:
    case PatternKind::health_plan:
    case PatternKind::account:
    case PatternKind::license:
    case PatternKind::plate:
    case PatternKind::device_labelled:
    case PatternKind::serial:
    case PatternKind::biometric:
    case PatternKind::other_id:
    case PatternKind::zip_labelled: return accept(has_digit(v) && v.size() <= 40);
  }
  return std::nullopt;
}

}  // namespace ward::phi
