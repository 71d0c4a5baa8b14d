// Dates as the PHI scanner finds them in text ("2019-03-14", "3/14/19 10:30", "March 14th, 2019",
// "14 Mar 2019", "Sept. 2019"), read into their parts and written back in the same layout:
// shifted by a number of days (intervals between dates kept) or reduced to the year.
// Numeric dates are read month first (US order), as the scanner does; HL7 v2 timestamps
// ("198808181126+0215") as year, month, day, then the time kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ward::deid {

class DateText {
 public:
  // nullopt when the text has no month and day or month and year that make a calendar date.
  static std::optional<DateText> parse(std::string_view text);

  // The same layout with the date moved by `days` (negative: earlier). A date without a year
  // moves within a common year and is written without one; a month without a day moves from
  // its 15th. Times of day and other text are kept.
  std::string shifted(int days) const;
  // "2019"; nullopt when the text names no year.
  std::optional<std::string> year_only() const;

 private:
  enum class Part { text, year4, year2, month_number, month_name, day };
  struct Token {
    Part part = Part::text;
    std::string text;     // as written
    std::string suffix;   // a day's ordinal ("th") as written, "" when none
    bool padded = false;  // a month or day number written with two digits
  };
  std::vector<Token> tokens_;
  int year_ = 0, month_ = 0, day_ = 0;  // 0: not in the text

  static std::optional<DateText> parse_compact(std::string_view text);
  std::string render(int year, int month, int day) const;
};

}  // namespace ward::deid
