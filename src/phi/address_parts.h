// Parts of an address next to a place or street already found, which no pattern matches alone:
// the house number before a street ("3565 Πλατεία Συντάγματος 204") and the postal code after a
// town ("Aalborg NO 9100", "Coimbra 3000-123", "Uppsala 753 10", "Mill Village\n NS\n B0J 2H0").
#pragma once

#include <string_view>
#include <vector>

#include "phi/finding.h"

namespace ward::phi {

// For each geography finding of confidence >= 0.7 in `findings` (any order): starts it at a house
// number of 1-6 digits just before it (one space between; not a year such as "1972"), and appends a finding for a postal code just after
// it — on the same line after a space or ", ", or alone on one of the next two lines, optionally
// after a two-letter region code — in one of the shapes 9999, 99999, 999999, 999 99, 9999-999,
// 99-999, A9A 9A9. A number of 3 digits, or one from 1900 to 2099 (a year), counts only at the
// end of a line; one before a unit ("5000 mg") never. Findings of other types are left alone.
void add_address_parts(std::string_view text, std::vector<Finding>& findings);

}  // namespace ward::phi
