// Checks that turn a pattern's candidate into a finding: structure and check digits of
// identifiers (SSN, payment cards, NPI, DEA, IBAN, VIN), calendar validity of dates, IP
// addresses, US states and ZIP codes. Each takes the matched text and says yes or no; none throws.
#pragma once

#include <string_view>

namespace ward::phi {

// 3-2-4 digits (separators "-" or " " or none): area not 000, 666 or 9xx, group not 00,
// serial not 0000, and not one of the well-known advertising numbers (078-05-1120, 219-09-9999).
bool valid_ssn(std::string_view text);
// The Luhn check over the digits of `text` (separators ignored); 12 to 19 digits.
bool valid_luhn(std::string_view text);
// 10 digits, the Luhn check with the 80840 prefix (CMS NPI standard).
bool valid_npi(std::string_view text);
// Two letters and seven digits, the DEA check digit.
bool valid_dea(std::string_view text);
// ISO 13616: country letters, two check digits, mod 97 == 1 (spaces ignored, any case).
bool valid_iban(std::string_view text);
// ISO 3779 (North America): 17 characters without I, O, Q, check digit in position 9.
bool valid_vin(std::string_view text);
// A real calendar day, years 1800 to 2199.
bool valid_date(int year, int month, int day);
// Dotted quad with each part 0..255; or an IPv6 address (inet_pton).
bool valid_ip(std::string_view text);
// A USPS state or territory code ("MA", "PR").
bool is_state_code(std::string_view text);
// Five digits, or five and four with a hyphen; not 00000.
bool valid_zip(std::string_view text);

}  // namespace ward::phi
