// The identifier patterns: every regular expression the scanner runs, in one table, compiled
// into Hyperscan databases (pattern_database.h) so a text is read once per database for all of them.
// A pattern's first capture group, if any, is the value (the label before it is context):
// RE2 extracts it from a candidate only. What each kind's candidates must pass: candidate_checks.h.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "phi/finding.h"

namespace ward::phi {

enum class PatternKind : std::uint8_t {
  email, url, ipv4, ipv6, ssn, ssn_labelled, payment_card, iban,
  date_iso, date_numeric, date_month_day, date_day_month, date_month_year, age_years, age_labelled,
  phone, mrn, health_plan, account, license, npi, dea, vin, plate, udi, device_labelled, serial,
  biometric, other_id, street, street_name_number, street_word_number, street_number_name_number, street_after_cue, street_corner, street_name_only, unit, military_address,
  state_zip, zip_labelled,
};

struct Pattern {
  PatternKind kind;
  PhiType type;
  std::string_view regex;  // PCRE subset shared by Hyperscan and RE2; byte semantics
  double confidence;       // before context
  std::string_view reason;
  // The fewest digits a match must hold to pass the kind's check (candidate_checks.h), or 0: an
  // end with fewer digits before it than that, as far back as a match can reach, costs no start
  // to find (the phone pattern ends at every number; its check wants 7 digits or more).
  unsigned int min_digits = 0;
  // What the forward scan looks for instead of `regex`, or empty (the regex itself): a regex that
  // ends wherever a match of `regex` ends, such as the part of it after its last unbounded or
  // literal-less prefix, because Hyperscan reads it faster (pattern_database.h). An end it reports
  // where no match of `regex` ends gets no start from the reverse scan and is dropped.
  std::string_view forward = {};
  // True when, wherever the pattern ends at two neighbouring bytes, the match ending at the later
  // one holds the other (a word that goes on): the forward scan then keeps only the last end of
  // each run of ends one byte apart, which keep_longest_matches would keep anyway.
  bool ends_run_on = false;
};

std::span<const Pattern> patterns();

// The fewest digits a phone number has: check_phone's rule and the phone pattern's min_digits.
inline constexpr unsigned int kPhoneMinDigits = 7;

}  // namespace ward::phi
