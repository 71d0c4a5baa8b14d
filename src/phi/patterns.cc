// The pattern table (patterns.h). Letters outside ASCII are matched as any byte >= 0x80, so
// the patterns work on UTF-8 without decoding it. Street suffixes are the USPS standard ones.
#include "phi/patterns.h"

#include <array>

namespace ward::phi {
namespace {

#define WARD_MONTH "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
#define WARD_UPPER "(?:[A-Z]|[\\xc3-\\xc5][\\x80-\\xbf])"
#define WARD_LETTER "[A-Za-z\\x80-\\xff]"
#define WARD_LABEL_END "\\s*(?:is\\s+|was\\s+|:\\s*|#\\s*|=\\s*)*"
#define WARD_STREET_SUFFIX                                                                               \
  "(?:Street|St|Str|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|" \
  "Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Crescent|Close|Parks?|Pass|Fort|"  \
  "Flats?|Squares|Streets|Heights|Hills?|Ridge|View|Point|Crossing|Plaza|Alley|Walk|Green|Grove|"      \
  "Gardens?|Mews|Ports?|Station|Villages?|Vista|Junction|Mall|Manor|Meadows|Mills?|Motorway|Orchard|"  \
  "Oval|Path|Pike|Pines?|Shores?|Springs?|Summit|Turnpike|Valley|Wells?|Lakes?|Landing|Isle|Islands?|" \
  "Harbor|Haven|Glen|Gateway|Fields|Forest|Ford|Falls|Estates?|Expressway|Extension|Dale|Cove|Creek|"  \
  "Courts|Corners?|Cliffs?|Causeway|Center|Canyon|Brooks?|Bridge|Branch|Bluff|Bend|Beach|Bypass|"      \
  "Common|Curve|Freeway|Knolls?|Lodge|Ranch|River|Route|Run|Skyway|Spur|Stream|Trace|Tunnel|Ways)"

constexpr std::array kPatterns = {
    Pattern{PatternKind::email, PhiType::email,
            "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b", 0.95, "e-mail address pattern", 0,
            "[A-Za-z0-9._%+-]@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"},
    Pattern{PatternKind::url, PhiType::url, "\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`]+", 0.9, "URL pattern"},
    Pattern{PatternKind::ipv4, PhiType::ip_address, "\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b", 0.9, "IPv4 address, each part 0-255"},
    Pattern{PatternKind::ipv6, PhiType::ip_address, "\\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}\\b", 0.9, "IPv6 address", 0,
            ":[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}\\b"},
    Pattern{PatternKind::ssn, PhiType::ssn, "\\b(\\d{3}-\\d{2}-\\d{4}|\\d{3} \\d{2} \\d{4})\\b", 0.9,
            "SSN pattern, valid area/group/serial"},
    Pattern{PatternKind::ssn_labelled, PhiType::ssn,
            "(?i)\\b(?:SSN|SS#|social\\s+security(?:\\s+(?:number|no\\.?|#))?)" WARD_LABEL_END "(\\d{9}|\\d{3}[- ]\\d{2}[- ]\\d{4})\\b",
            0.97, "SSN after its label, valid area/group/serial"},
    Pattern{PatternKind::payment_card, PhiType::account, "\\b(\\d(?:[ -]?\\d){11,18})\\b", 0.9, "payment card number, Luhn check", 0,
            "\\d(?:[ -]?\\d){11,18}\\b"},
    Pattern{PatternKind::iban, PhiType::account, "\\b([A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?)\\b", 0.95,
            "IBAN, mod-97 check"},
    Pattern{PatternKind::date_iso, PhiType::date,
            "\\b\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b", 0.9,
            "date (year-month-day), valid calendar day"},
    Pattern{PatternKind::date_numeric, PhiType::date, "\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b(?: \\d{1,2}:\\d{2}(?::\\d{2})?)?",
            0.85, "date (month/day/year), valid calendar day"},
    Pattern{PatternKind::date_month_day, PhiType::date,
            "\\b" WARD_MONTH "\\.? \\d{1,2}(?:st|nd|rd|th)?\\b(?:,? \\d{4}\\b)?", 0.9, "date with a month name"},
    Pattern{PatternKind::date_day_month, PhiType::date,
            "\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?" WARD_MONTH "\\b\\.?(?:,? \\d{4}\\b)?", 0.9, "date with a month name"},
    Pattern{PatternKind::date_month_year, PhiType::date, "\\b" WARD_MONTH "\\.?,? \\d{4}\\b", 0.85, "month and year"},
    Pattern{PatternKind::age_years, PhiType::age,
            "(?i)\\b(\\d{2,3})(?: |-)?(?:years?|yrs?|y/?o|yo)\\b(?:[ -]old)?", 0.9, "age over 89"},
    Pattern{PatternKind::age_labelled, PhiType::age, "(?i)\\b(?:aged?|age of|turned|turning|turns|turn)\\s+(\\d{2,3})\\b", 0.9,
            "age over 89"},
    Pattern{PatternKind::phone, PhiType::phone,
            "(?:\\+\\d{1,3}[ .-]?(?:\\(0?\\d{0,4}\\)[ .-]?)?|\\(\\d{1,4}\\)[ .-]?|\\b)\\d{1,12}(?:[ .-]\\d{1,8}){0,5}"
            "(?: ?(?:x|ext\\.?) ?\\d{1,6})?\\b",
            0.75, "telephone number", kPhoneMinDigits,
            // Its last 7 digits (kPhoneMinDigits) and what the pattern lets between two of them: at
            // most 6 of these bytes (" ext. ").
            "\\d(?:[ .()+xet-]{0,6}\\d){6}\\b"},
    Pattern{PatternKind::mrn, PhiType::mrn,
            "(?i)\\b(?:MRN|MR#|MR no\\.?|medical\\s+record(?:\\s+(?:number|no\\.?|#))?|chart\\s+(?:number|no\\.?|#)|"
            "patient\\s+(?:id|number|no\\.?))" WARD_LABEL_END "([A-Z0-9][A-Z0-9-]{3,})\\b",
            0.95, "medical record number after its label"},
    Pattern{PatternKind::health_plan, PhiType::health_plan,
            "(?i)\\b(?:member|subscriber|beneficiary|policy|insurance|health\\s+plan|medicare|medicaid)\\s+"
            "(?:id|number|no\\.?|#)" WARD_LABEL_END "([A-Z0-9][A-Z0-9-]{4,})\\b",
            0.9, "health plan number after its label"},
    Pattern{PatternKind::account, PhiType::account,
            "(?i)\\b(?:account|acct)\\b\\s*(?:number|no\\.?|#)?" WARD_LABEL_END "(\\d[\\d-]{5,})\\b", 0.9,
            "account number after its label"},
    Pattern{PatternKind::license, PhiType::license,
            "(?i)\\b(?:driver'?s?\\s+licen[cs]e|licen[cs]e|certificate|permit)\\b\\s*(?:number|no\\.?|#|id)?" WARD_LABEL_END
            "([A-Z0-9][A-Z0-9-]{4,})\\b",
            0.9, "licence or certificate number after its label"},
    Pattern{PatternKind::npi, PhiType::license, "(?i)\\bNPI\\s*(?:number|no\\.?|#)?" WARD_LABEL_END "(\\d{10})\\b", 0.95,
            "NPI after its label, check digit"},
    Pattern{PatternKind::dea, PhiType::license, "\\b([A-Z][A-Z9]\\d{7})\\b", 0.8, "DEA registration number, check digit"},
    Pattern{PatternKind::vin, PhiType::vehicle, "\\b([A-HJ-NPR-Z0-9]{17})\\b", 0.9, "vehicle identification number, check digit", 0,
            "[A-HJ-NPR-Z0-9]{17}"},
    Pattern{PatternKind::plate, PhiType::vehicle,
            "(?i)\\b(?:licen[cs]e\\s+plate|plate)\\b\\s*(?:number|no\\.?|#)?" WARD_LABEL_END "([A-Z0-9][A-Z0-9 -]{1,7}[A-Z0-9])\\b",
            0.9, "licence plate after its label"},
    Pattern{PatternKind::udi, PhiType::device, "\\(01\\)\\d{14}(?:\\(\\d{2,4}\\)[A-Za-z0-9]{1,20})*", 0.95, "GS1 UDI"},
    Pattern{PatternKind::device_labelled, PhiType::device,
            "(?i)\\b(?:UDI|device\\s+(?:id|identifier))" WARD_LABEL_END "([A-Z0-9][A-Z0-9()+/-]{5,})", 0.9,
            "device identifier after its label"},
    Pattern{PatternKind::serial, PhiType::device,
            "(?i)\\b(?:serial\\s*(?:number|no\\.?|#)?|S/N)" WARD_LABEL_END "([A-Z0-9][A-Z0-9-]{3,})\\b", 0.9,
            "serial number after its label"},
    Pattern{PatternKind::biometric, PhiType::biometric,
            "(?i)\\b(?:fingerprint|retina|retinal|iris|voice\\s*print|facial|biometric)\\s+(?:scan\\s+|template\\s+)?"
            "(?:id|identifier|number|no\\.?|#|template)" WARD_LABEL_END "([A-Z0-9][A-Z0-9-]{3,})\\b",
            0.9, "biometric identifier after its label"},
    Pattern{PatternKind::other_id, PhiType::other_id,
            "(?i)\\b(?:encounter|visit|case|specimen|accession|claim|employee|badge)\\s+(?:id|number|no\\.?|#)" WARD_LABEL_END
            "([A-Z0-9][A-Z0-9-]{3,})\\b",
            0.85, "identifier after its label"},
    Pattern{PatternKind::street, PhiType::geography,
            "\\b(?:\\d{1,6} )?\\d{1,6}[A-Za-z]?(?: (?:[NSEW]\\.?|North|South|East|West))?(?: " WARD_UPPER WARD_LETTER "*\\.?){1,4} " WARD_STREET_SUFFIX
            "\\b\\.?",
            0.9, "street address (number, name, street suffix)"},
    Pattern{PatternKind::street_name_number, PhiType::geography,
            "\\b(?:\\d{1,6} ){0,2}(?:Rua|R\\xc3\\xbaa|Rue|Via|Viale|Avenida|Avda\\.|Avenue|Av\\.?|C/|Trg|Calle|Carrer|Camino|Strada|Piazza|Largo|Travessa|"
            "Pra\\xc3\\xa7a|Paseo|Chauss\\xc3\\xa9e|Ulica|ul\\.)(?: " WARD_LETTER "+\\.?){1,4}(?: \\d{1,5}\\b)?",
            0.85, "street address (street word and name)"},
    Pattern{PatternKind::street_name_number, PhiType::geography,
            "\\b\\d{1,6} (?:\\d{1,6} )?(?i:rua|r\\xc3\\xbaa|rue|via|avenida|avenue|calle|carrer|strada|piazza|viale|avda\\.|"
            "ulica|ul\\.)(?: " WARD_LETTER "+\\.?){1,4}",
            0.85, "street address (house number, street word and name)"},
    Pattern{PatternKind::street_word_number, PhiType::geography,
            "(?i)\\b(?:\\d{1,6} ){0,2}(?:" WARD_LETTER "+ ){0,2}" WARD_LETTER "*(?:gade|vej|v\\xc3\\xa6nget|katu|kuja|gatan|v\\xc3\\xa4gen|gr\\xc3\\xa4nd|veien|vegen|"
            "stra\\xc3\\x9fe|strasse|straat|laan|weg|plein|gasse|allee|torget|str\\xc3\\xa6de|str\\.|utca|u\\.|t\\xc3\\xa9r|"
            "\\xc3\\xbat|k\\xc3\\xb6r\\xc3\\xbat)\\s+\\d{1,5}[A-Za-z]?\\b\\.?",
            0.85, "street address (street name and number)"},
    Pattern{PatternKind::street_number_name_number, PhiType::geography,
            "\\b\\d{1,6}(?: \\d{1,5})? " WARD_UPPER WARD_LETTER "*\\.?(?: " WARD_LETTER "+\\.?){0,3} \\d{1,5}[A-Za-z]?\\b\\.?", 0.8,
            "street address (number, street, number)"},
    Pattern{PatternKind::street_after_cue, PhiType::geography,
            "(?i:lives? (?:at|on)|address(?: is)?:?|located at|meet (?:me|you) at|is at|sent to|return to) (?:\\d{1,6} ){1,2}"
            WARD_UPPER WARD_LETTER "*\\.?(?: " WARD_UPPER WARD_LETTER "*\\.?){0,3}",
            0.8, "house number and street name after an address cue", 0, {},
            // It ends after every letter of the street's words (163,000 ends per 20 MB of notes): a
            // match ending at a letter or '.' goes on by the next letter or '.' with the same start
            // (its last word's LETTER* or \\.?), and after a '.' it cannot end a byte later at all.
            true},
    Pattern{PatternKind::street_name_only, PhiType::geography,
            "\\b" WARD_UPPER WARD_LETTER "+(?: " WARD_UPPER WARD_LETTER "+){0,2} (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
            "Lane|Ln|Drive|Court|Way|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Alley|Crescent|Close)\\b\\.?",
            0.75, "street name"},
    Pattern{PatternKind::street_corner, PhiType::geography,
            "\\b[Cc]orner of (?:the )?(?:(?:" WARD_LETTER "+|\\d{1,5})\\.? ){1,4}(?:and|&) (?:(?:" WARD_UPPER WARD_LETTER
            "*|\\d{1,5})\\.? ?){1,4}",
            0.85, "street corner"},
    Pattern{PatternKind::unit, PhiType::geography,
            "\\b(?i:Apt|Apartment|Suite|Ste|Unit|P\\.? ?O\\.? Box|Box|Postbox|Bldg|PSC|USNS|USS|USCGC|CMR)\\.? ?#? ?\\d{1,6}[A-Za-z]?\\b",
            0.8, "apartment, suite, unit or box number"},
    Pattern{PatternKind::military_address, PhiType::geography, "\\b(?i:APO|FPO|DPO) (?i:AA|AE|AP) \\d{5}\\b", 0.9,
            "military postal address"},
    Pattern{PatternKind::state_zip, PhiType::geography, "\\b[A-Z]{2},?\\s+(\\d{5}(?:-\\d{4})?)\\b", 0.9,
            // The ZIP and the blank before it, which every match has (\s+): a 5-digit tail of a longer
            // number (a 7-digit MRN) is not an end of this form, so it costs no reverse scan.
            "ZIP code after a state code", 0, "\\s\\d{5}(?:-\\d{4})?\\b"},
    Pattern{PatternKind::zip_labelled, PhiType::geography,
            "(?i)\\b(?:zip(?:\\s*code)?|postal\\s+code|post\\s*code)" WARD_LABEL_END "([A-Z0-9]{2,5}(?:[ -][A-Z0-9]{2,4})?)\\b", 0.9,
            "postal code after its label"},
};

static_assert(kPhoneMinDigits == 7, "the phone pattern's forward form counts 7 digits");

#undef WARD_MONTH
#undef WARD_UPPER
#undef WARD_LETTER
#undef WARD_LABEL_END
#undef WARD_STREET_SUFFIX

}  // namespace

std::span<const Pattern> patterns() { return kPatterns; }

}  // namespace ward::phi
