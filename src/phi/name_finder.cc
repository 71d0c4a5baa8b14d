// Names and places from capitalised words (name_finder.h).
#include "phi/name_finder.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "phi/context.h"
#include "phi/line_heads.h"
#include "phi/name_cues.h"

namespace ward::phi {
namespace {

struct Token {
  std::size_t begin = 0, end = 0;  // without a possessive 's
  bool capitalised = false, all_caps = false, has_digit = false, possessive = false;
  bool sentence_start = false, initial = false;
  WordKinds kinds;  // the lists the word is on; looked up for the words of runs only
};

// Whether the first letter of `s` (ASCII, or a Latin/Greek/Cyrillic letter in UTF-8) is upper case.
bool starts_upper(std::string_view s, bool& letter) {
  letter = true;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 >= 'A' && b0 <= 'Z') return true;
  if (b0 >= 'a' && b0 <= 'z') return false;
  if (s.size() < 2 || b0 < 0xC3) { letter = false; return false; }
  const auto b1 = static_cast<unsigned char>(s[1]);
  if (b0 == 0xC3) return b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97;
  if (b0 == 0xC4 || b0 == 0xC5) {
    // Latin Extended-A, U+0100-U+017F: capitals and small letters alternate, a capital first,
    // except in U+0139-U+0148 and U+0179-U+017E, where the small letter comes second on odd code
    // points (Ĺ ĺ … Ň ň, Ź ź Ż ż Ž ž); ĸ, ŉ and ſ are small, Ÿ is a capital.
    const unsigned cp = 0x100u + (((b0 - 0xC4u) << 6) | (b1 & 0x3Fu));
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    if (cp == 0x178) return true;
    const bool odd_capitals = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return (cp % 2 == 1) == odd_capitals;
  }
  if (b0 == 0xCE) return b1 >= 0x91 && b1 <= 0xA9;
  if (b0 == 0xD0) return b1 >= 0x80 && b1 <= 0xAF;
  letter = false;
  return false;
}

constexpr WordList kParticles{{"de", "da", "del", "della", "der", "den", "van", "von", "di", "la", "le",
                               "du", "dos", "das", "bin", "al", "el", "ten", "ter", "los", "las"}};

// The words a run of names can hold: capitalised and all-capital words, and particles ("de",
// "van"). Any other word ends a run, as the gap it leaves between the kept words around it does
// (a run goes on over one space only), so it is not kept.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(text[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < text.size()) {
      if (is_word_byte(text[j])) { ++j; continue; }
      // Keep O'Brien and Jean-Luc together; stop before 's and a trailing apostrophe or hyphen.
      if ((text[j] == '\'' || text[j] == '-') && j + 1 < text.size() && is_word_byte(text[j + 1]) &&
          !(text[j] == '\'' && (text[j + 1] == 's' || text[j + 1] == 't') && (j + 2 >= text.size() || !is_word_byte(text[j + 2])))) {
        ++j;
        continue;
      }
      break;
    }
    Token t{i, j};
    const std::string_view w = text.substr(i, j - i);
    if (w[0] >= 'a' && w[0] <= 'z' && !kParticles.contains(w)) {  // most words: neither capitalised nor all capitals
      i = j;
      continue;
    }
    bool letter = false;
    t.capitalised = starts_upper(w, letter);
    int upper = 0;
    bool lower = false;
    for (char c : w) {  // all capitals: two or more ASCII capitals, no ASCII small letter
      if (c >= 'a' && c <= 'z') lower = true;
      else if (c >= 'A' && c <= 'Z') ++upper;
      else if (c >= '0' && c <= '9') t.has_digit = true;
    }
    t.all_caps = !lower && upper >= 2;
    if (!t.capitalised && !t.all_caps && !kParticles.contains(w)) {
      i = j;
      continue;
    }
    t.initial = t.capitalised && (w.size() == 1 || (w.size() == 2 && static_cast<unsigned char>(w[0]) >= 0xC3));
    if (j + 1 < text.size() && text[j] == '\'' && text[j + 1] == 's') t.possessive = true;
    if (j + 3 < text.size() && text.substr(j, 4) == "\xE2\x80\x99s") t.possessive = true;
    std::size_t k = i;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
    t.sentence_start = k == 0 || is_one_of(text[k - 1], "\n.!?:;\"(>*-\xE2|[");
    // "M." after an initial is part of the name, not a sentence end.
    if (k > 0 && text[k - 1] == '.' && !out.empty() && out.back().initial && out.back().end == k - 1) t.sentence_start = false;
    if (k > 0 && text[k - 1] == '.' && !out.empty() && out.back().end == k - 1) {
      const std::string_view prev = text.substr(out.back().begin, out.back().end - out.back().begin);
      for (std::string_view title : {"Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Mt"})
        if (prev == title) t.sentence_start = false;
    }
    out.push_back(t);
    i = j;
  }
  return out;
}

constexpr WordList kNotPhi{{
    "i", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "english", "spanish", "french", "german", "italian", "american", "african", "asian", "european", "christmas",
    "easter", "god", "internet", "medicare", "medicaid", "ok", "covid", "tv", "ceo", "usa", "uk", "eu", "jesus", "bible",
    // pronouns and their contractions, and the labels of identifiers ("My IBAN is …")
    "you", "i'm", "i've", "i'll", "i'd", "iban", "ssn", "mrn", "dob", "npi"}};
// Words of a postal address that end a name ("Mrs. Barbara Yudina Apt. 675").
constexpr WordList kAddressWords{{"apt", "apartment", "suite", "ste", "unit", "box", "po", "bldg", "floor"}};
// Capitalised at a sentence start, never part of a name.
constexpr WordList kStopWords{{"the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that",
                                           "hi", "hello", "dear", "and", "but", "or", "if", "when", "where", "what",
                                           "why", "how", "is", "was", "has", "have", "in", "on", "at", "to", "from",
                                           "she", "he", "they", "it", "we", "you", "i",
                                           // adverbs that open a sentence ("Yesterday Maria Lopez came")
                                           "then", "now", "also", "so", "today", "yesterday", "tomorrow", "tonight",
                                           "later", "please", "however", "meanwhile", "finally", "recently", "here",
                                           "there",
                                           // a note's orders and negations ("Hold Xarelto", "No Cheyne-Stokes")
                                           "no", "not", "hold", "continue", "start", "stop", "resume", "give",
                                           "check", "consider", "discontinue", "increase", "decrease", "titrate",
                                           "wean", "avoid", "obtain", "repeat"}};
// After a word that is both a name and a common word ("Scott", "Belle"), only these make it a name.
const std::initializer_list<std::string_view> kSpeechCuesAfter = {"said", "says", "shouted", "asked", "told", "explained",
                                                                  "had given", "is very", "is a very", "replied",
                                                                  // "had given Belle his address": someone given something
                                                                  "his", "her"};
// Words after an eponym that make it a clinical term, not a person.
constexpr WordList kClinicalNouns{{
    "disease", "syndrome", "sign", "signs", "catheter", "test", "score", "palsy", "disorder", "tumor", "tumour",
    "lymphoma", "sarcoma", "reflex", "maneuver", "manoeuvre", "phenomenon", "procedure", "operation", "criteria",
    "classification", "scale", "cell", "cells", "node", "ulcer", "fracture", "bag", "tube", "monitor", "stockings",
    "anomaly", "contractions", "contraction", "esophagus", "oesophagus", "thyroiditis", "encephalopathy",
    "ophthalmopathy", "sequence", "type", "point", "incision", "chorea", "virus", "bodies", "body", "rings", "ring",
    "triad", "rosettes", "malformation", "diverticulum", "contracture", "position", "cyst", "muscular", "coma",
    "granulomatosis", "dystrophy", "nodes", "study", "ultrasound", "echocardiogram", "monitoring", "smear", "sign",
    "rating", "criteria", "palsy", "fever", "spots", "law", "method", "principle", "equation", "effect", "mask",
    "valve", "needle", "forceps", "clamp", "retractor", "speculum", "splint", "shunt",
    // instruments, devices and methods named after people
    "repair", "technique", "protocol", "infuser", "ventilator", "harness", "brace", "suction", "drain", "wire",
    "dressing", "flap", "graft", "suture", "scissors", "clip", "stent", "sheath", "tendon", "fascia", "duct",
    "gland", "pouch", "trach", "tracheostomy", "cannula", "curette", "rongeur", "bar", "collar", "frame", "boot",
    "boots", "pessary", "tourniquet", "laryngoscope", "blade", "bougie", "electrode", "probe", "pump", "bed"}};

// Words after an eponym (not after any capitalised word: "Spanish class", "Smith pattern") that
// make it a clinical term: "Hoehn and Yahr stage", "Ziehl-Neelsen stain", "Marcus Gunn pupil".
constexpr WordList kEponymNouns{{"stage", "stages", "grade", "grading", "class", "pattern", "stain", "stains", "antigen",
                                 "antigens", "antibody", "antibodies", "pupil", "screw", "plate", "nail", "formula",
                                 "index", "ratio", "rule", "rules", "questionnaire", "tool", "tracing", "murmur",
                                 "nodes", "nodules", "nodule", "lesions", "lesion", "maneuvers", "manoeuvres", "tests",
                                 "view", "views", "line", "lines", "space", "pouch", "zone", "sign", "phenomenon"}};
// An exam's result after a sign or test named after people: "Ortolani and Barlow negative".
constexpr WordList kResultWords{{"negative", "positive", "absent", "present", "intact", "normal", "equivocal",
                                 "deferred", "not", "neg", "pos", "bilaterally"}};

bool in(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return equals_folded(word, w); });
}
template <std::size_t N>
bool in(std::string_view word, const WordList<N>& list) {
  return list.contains(word);
}

const std::initializer_list<std::string_view> kNameCuesBefore = {
    "name is", "named", "called", "i'm", "i am", "this is", "patient", "pt", "dear", "hi", "hello", "said", "asked",
    "told", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "friend", "partner",
    "guardian", "spouse", "nurse", "doctor", "attending", "signed", "seen by", "referred by", "tribute to", "under",
    "as", "maiden name is", "me", "kid", "fan of", "by", "from", "with", "and", "to",
    // who's who in a note ("PCP: Jennings", "Surgeon: Okafor")
    "pcp", "surgeon", "physician", "provider", "resident", "fellow", "np", "rn", "md", "contact", "dictated by",
    "cosigned by", "discussed with"};
const std::initializer_list<std::string_view> kNameCuesAfter = {
    "said", "says", "lives", "is a", "was", "has", "who", "will", "reported", "reports", "complains", "presented",
    "denies", "states", "shouted", "spent", "began", "listed", "had given", "is very", "is from", "explained",
    "and her", "and his", "speak", "concert", "fan", "version", "novel", "can i", "can you"};
const std::initializer_list<std::string_view> kPlaceCuesBefore = {
    "in", "from", "near", "lives in", "live in", "moved to", "city of", "town of", "visiting", "travelling to",
    "traveling to", "returned to", "arrived at", "born in", "located in", "based in", "to", "at", "city", "town",
    "village", "where", "in the city of"};

// Parkinson, and each part of Wolff-Parkinson-White or Epstein-Barr. `kinds`: w's own.
bool is_eponym(std::string_view w, WordKinds kinds, const Dictionaries& d) {
  if (kinds.eponym()) return true;
  if (w.find('-') == std::string_view::npos) return false;
  for (std::size_t b = 0; b <= w.size();) {
    const std::size_t e = std::min(w.find('-', b), w.size());
    if (d.words.lookup(w.substr(b, e - b)).eponym()) return true;
    b = e + 1;
  }
  return false;
}

// "disease", "catheter", and words such as "thyroiditis", "lymphoma", "encephalopathy".
bool is_clinical_noun(std::string_view w) {
  if (in(w, kClinicalNouns)) return true;
  for (std::string_view suffix : {"itis", "osis", "oma", "pathy", "plasia", "trophy", "algia", "emia", "ectomy", "otomy",
                                  "ostomy", "plasty", "scopy", "graphy", "ism"})
    if (w.size() > suffix.size() + 2 && equals_folded(w.substr(w.size() - suffix.size()), suffix)) return true;
  return false;
}

// How medical words and drug names end: "Hemostasis", "Cardiogenic", "Cholangiogram",
// "Methohexital" … (a word on no list of names or places that ends so is vocabulary, not a name).
bool clinical_word_form(std::string_view w) {
  static constexpr std::string_view kEndings[] = {
      "itis", "osis", "emia", "aemia", "ectomy", "otomy", "ostomy", "plasty", "scopy", "graphy", "gram", "pathy",
      "plasia", "trophy", "algia", "stasis", "genic", "lysis", "penia", "megaly", "rrhea", "rrhoea", "rrhage", "uria",
      "centesis", "pexy", "rrhaphy", "tripsy", "plegia", "paresis", "ptosis", "oma", "ologic", "ological", "vascular",
      "cytosis", "cytic", "tonic", "mab", "tinib", "ciclib", "parib", "vir", "pril", "sartan", "olol", "statin",
      "parin", "cillin", "mycin", "micin", "floxacin", "cycline", "azepam", "azolam", "oxetine", "prazole", "gliptin",
      "gliflozin", "glutide", "dronate", "triptan", "semide", "thiazide", "platin", "rubicin", "taxel", "penem",
      "conazole", "dipine", "tidine", "setron", "lukast", "profen", "caine", "barbital", "hexital", "curium",
      "uronium", "dopa", "terol", "tropium", "asone", "olone", "onide", "afil", "azosin", "oxacin", "bactam",
      "plasma", "cyte", "cytes", "blast", "blasts", "globin", "globulin", "ase"};
  // The endings by their last letter, so a word is compared with the few that end as it does.
  static const std::array<std::vector<std::string_view>, 26> by_last = [] {
    std::array<std::vector<std::string_view>, 26> out;
    for (std::string_view e : kEndings) out[static_cast<std::size_t>(e.back() - 'a')].push_back(e);
    return out;
  }();
  const char last = w.empty() ? '\0' : static_cast<char>(w.back() | 0x20);
  if (last < 'a' || last > 'z') return false;
  for (std::string_view e : by_last[static_cast<std::size_t>(last - 'a')])
    if (w.size() >= e.size() + 3 && equals_folded(w.substr(w.size() - e.size()), e)) return true;
  return false;
}

// "AnchorFast", "ExacTrac", "BioFire", "TrueBeam": a capital inside a word after three or more
// small letters, as brand names are written (names put theirs after a prefix: McDonald,
// MacArthur, DeShawn, FitzGerald).
bool brand_capitals(std::string_view w) {
  int small = 0;
  for (std::size_t i = 1; i < w.size(); ++i) {
    const char c = w[i];
    if (c >= 'a' && c <= 'z') ++small;
    else if (c >= 'A' && c <= 'Z') {
      if (small >= 3 && !(small == 3 && equals_folded(w.substr(0, 3), "mac")) && !equals_folded(w.substr(0, 4), "fitz"))
        return true;
      small = 0;
    } else {
      small = 0;
    }
  }
  return false;
}

// "SVG-RCA", "LIMA-LAD", "CABG-PCI": capitals joined by hyphens, each part an abbreviation (four
// letters at most, or no vowel).
bool hyphenated_abbreviation(std::string_view w) {
  if (w.find('-') == std::string_view::npos) return false;
  for (std::size_t b = 0; b <= w.size();) {
    const std::size_t e = std::min(w.find('-', b), w.size());
    const std::string_view part = w.substr(b, e - b);
    if (part.empty() || (part.size() > 4 && part.find_first_of("AEIOUY") != std::string_view::npos)) return false;
    b = e + 1;
  }
  return true;
}

// A maker's model after a word: "Perseus A500", "Hamilton C6", "Paykel MR850", "Ventana 4B5",
// "AirFit F20" — letters and digits mixed, up to eight, not an ordinal ("3rd").
bool model_after(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != ' ') return false;
  const std::string_view w = next_word(text, pos);
  if (w.size() < 2 || w.size() > 8 || (pos + 1 + w.size() < text.size() && text[pos + 1 + w.size()] == '-' )) return false;
  int digits = 0, letters = 0;
  for (char c : w) {
    if (c >= '0' && c <= '9') ++digits;
    else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
    else return false;
  }
  if (digits == 0 || letters == 0) return false;
  const std::string_view tail = w.substr(w.size() - 2);
  return !(equals_folded(tail, "st") || equals_folded(tail, "nd") || equals_folded(tail, "rd") || equals_folded(tail, "th"));
}

// A reading after `pos`: " 160 (", " 8.9,", " 15;" — a decimal, or up to three digits with more
// on the line (a town's postal code ends it, has more digits or a second group).
bool reading_after(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != ' ') return false;
  std::size_t p = pos + 1, digits = 0;
  bool point = false;
  while (p < text.size() && (std::isdigit(static_cast<unsigned char>(text[p])) ||
                             (text[p] == '.' && !point && p + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[p + 1]))))) {
    if (text[p] == '.') point = true;
    else ++digits;
    ++p;
  }
  if (digits == 0) return false;
  // Not "840 24" or "753 10": a postal code in two groups.
  if (!point && p + 1 < text.size() && text[p] == ' ' && std::isdigit(static_cast<unsigned char>(text[p + 1]))) return false;
  // A whole number before a comma may end a town's name ("Kickapoo Site 7, MA").
  return point || (digits <= 3 && p < text.size() && !is_one_of(text[p], "\n\r,"));
}

// "19 Fr Blake", "14 gauge Angiocath": a device after its size (a number and a unit of catheter
// size before `pos`).
bool size_before(std::string_view text, std::size_t pos) {
  const std::string_view unit = previous_word(text, pos);
  if (!(equals_folded(unit, "fr") || equals_folded(unit, "french") || equals_folded(unit, "gauge") || equals_folded(unit, "ga")))
    return false;
  std::size_t p = static_cast<std::size_t>(unit.data() - text.data());
  while (p > 0 && text[p - 1] == ' ') --p;
  return p > 0 && std::isdigit(static_cast<unsigned char>(text[p - 1]));
}

// Words a note names a place of the hospital with: "transfer to Mother-Baby unit".
constexpr WordList kHospitalAreas{{"unit", "units", "ward", "floor", "bay", "room", "clinic", "service", "team", "bed", "pod",
                                   "lab"}};
// The words a note's or report's title holds: "MICU PROGRESS NOTE - CARDIOGENIC SHOCK".
constexpr WordList kDocumentNouns{{"note", "notes", "report", "record", "flowsheet", "summary", "consult", "consultation",
                                   "evaluation", "assessment", "protocol", "checklist", "orders", "log", "sheet", "form",
                                   "handoff", "addendum", "visit", "exam", "results", "study", "plan"}};
// Whether the line [begin, end) is in capitals (no small ASCII letter) and holds a word of a
// document's title: a heading, whose words are no name or town.
bool capitals_heading(std::string_view line) {
  if (std::any_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  for (std::size_t i = 0; i < line.size();) {
    if (!is_word_byte(line[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < line.size() && is_word_byte(line[j])) ++j;
    if (in(line.substr(i, j - i), kDocumentNouns)) return true;
    i = j;
  }
  return false;
}

constexpr WordList kArticles{{"the", "a", "an"}};
// Words that join a name to what follows it ("gave Maria a dressing", "Smith for repair").
constexpr WordList kLinkWords{{"of", "for", "with", "by", "about", "into", "onto", "some", "any", "new", "one", "two"}};
// Units and routes after a dose.
constexpr WordList kDoseWords{{"mg", "mcg", "g", "ml", "units", "unit", "iu", "meq", "iv", "po", "sc", "sq", "im", "tab",
                               "tabs", "puffs", "drops", "gtt", "mmol", "ug", "u"}};
// Headings of a clinical note: "Meds:" at the start of a line is not a speaker.
constexpr WordList kNoteHeadings{{"meds", "medications", "hpi", "ros", "pmh", "psh", "fhx", "shx", "cc", "dx", "rx", "sx",
                                  "hx", "labs", "vitals", "vs", "plan", "assessment", "impression", "allergies", "diet",
                                  "imaging", "exam", "pe", "disposition", "dispo", "subjective", "objective",
                                  "procedures", "consults", "history", "summary", "course", "findings", "indication"}};
constexpr WordList kStrongPlaceCues{{"in", "where", "city", "town", "village", "near"}};
// How often a drug is given: "Juven BID", "Seroquel QHS".
constexpr WordList kFrequencyWords{{"bid", "tid", "qid", "qd", "qhs", "qam", "qpm", "prn", "qod", "q4h", "q6h", "q8h",
                                    "q12h", "q24h", "daily", "nightly"}};
// A dose after `pos`: " 80 mg", " 40 IV", " 25mg", " 10,000 units", or how often ("BID") — what
// follows a drug's name.
bool dose_after(std::string_view text, std::size_t pos) {
  if (in(next_word(text, pos), kFrequencyWords)) return true;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  std::size_t p = pos;
  while (p < text.size() && (std::isdigit(static_cast<unsigned char>(text[p])) || text[p] == '.' ||
                             (text[p] == ',' && p > pos && p + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[p + 1])))))
    ++p;
  return p > pos && in(next_word(text, p), kDoseWords);
}

// Words that make a given name before them part of the name of a place, company or other body,
// not a person's ("Daniela Hospital", "Bertha Inc").
constexpr WordList kPlaceOrBodyWords{{
    "hospital", "clinic", "center", "centre", "college", "university", "school", "academy", "institute", "street",
    "road", "avenue", "lane", "drive", "park", "square", "bridge", "station", "airport", "bank", "hall", "house",
    "church", "chapel", "cathedral", "foundation", "trust", "fund", "society", "association", "company", "group",
    "ward", "wing", "unit", "building", "tower", "medical", "memorial", "health", "care", "healthcare", "home",
    "hotel", "museum", "library", "theatre", "theater", "river", "lake", "mountain", "valley", "island", "bay",
    "county", "city", "town", "village", "district", "state", "project", "program", "programme", "award", "prize",
    "day", "week", "year", "st", "rd", "ave", "blvd", "court", "place", "way", "close", "gardens", "farm",
    "inc", "ltd", "llc", "corp", "corporation", "co", "plc", "gmbh", "partners", "associates", "holdings",
    "industries", "enterprises", "international", "solutions", "services", "systems", "technologies", "labs",
    "pharmacy", "pharma", "press", "records", "studios", "films", "productions", "media", "news", "times",
    "contributors", "authors", "developers", "maintainers", "team", "community", "public", "license", "licence"}};

// "Daniela Capon", "Rebecca Hides", "Daniela C Capon": a given name that is no English word, then
// initials, then one capitalised word that is an English word too (a surname such as Baker or
// Capon): the word is not at a sentence start, so its capital is the surname's.
bool given_name_then_word_surname(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
  if (last == first) return false;
  const WordKinds head = tokens[first].kinds, tail = tokens[last].kinds;
  if (!head.given_name() || head.common_word() || head.place() || tokens[first].all_caps) return false;
  if (!tail.common_word() || tail.given_name() || tokens[last].all_caps || tokens[last].has_digit) return false;
  for (std::size_t k = first + 1; k < last; ++k)
    if (!tokens[k].initial) return false;
  return true;
}

enum class Kind { name, place, none };

struct RunFacts {
  int name_words = 0, unknown = 0, eponyms = 0;
  bool clinical = false, region = false;
  bool clinical_term = false;  // a lab, a drug before its dose, a specialty: never made a name by a list
};

bool has_vowel(std::string_view w) { return w.find_first_of("AEIOUYaeiouy") != std::string_view::npos; }

// "HFrEF", "eGFR", "NSAIDs": mostly capitals with a small letter among them (names in mixed case
// have two capitals: McDonald, LaToya).
bool mixed_case_abbreviation(std::string_view w) {
  int upper = 0, lower = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower;
  }
  // …and "QTc", "SaO2"-like words: two capitals first, then small letters ("LaToya", "McKenzie"
  // have a small letter between their capitals).
  const bool capitals_first = w.size() >= 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z';
  return lower > 0 && ((upper >= 3 && upper >= lower) || (capitals_first && w.size() <= 4));
}

// A class or model in Roman numerals after an eponym: "Graf IIc", "da Vinci Xi", "Salter-Harris II".
bool roman_class(std::string_view w) {
  if (w.empty() || w.size() > 5 || !is_one_of(w[0], "IVX")) return false;
  std::size_t i = 1;
  while (i < w.size() && is_one_of(w[i], "IVXivx")) ++i;
  if (i < w.size() && w[i] >= 'a' && w[i] <= 'd') ++i;
  return i == w.size() && i <= 4;
}

// "Post-operative", "Critic-Aid": each part a word of the language, none a given name, one at
// least no surname either (not "Price-Young"); a part may be an abbreviation in capitals
// ("PHI-free", "MRI-targeted", "CHG-impregnated").
bool compound_of_words(std::string_view w, const Dictionaries& d) {
  if (w.find('-') == std::string_view::npos) return false;
  bool plain = false, abbreviated = false, worded = false;
  for (std::size_t b = 0; b <= w.size();) {
    const std::size_t e = std::min(w.find('-', b), w.size());
    const std::string_view part_text = w.substr(b, e - b);
    const bool abbreviation = part_text.size() >= 2 && part_text.size() <= 4 &&
                              std::all_of(part_text.begin(), part_text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const WordKinds part = d.words.lookup(part_text);
    if (!abbreviation && (!part.vocabulary() || part.given_name())) return false;
    plain = plain || (!abbreviation && !part.surname());
    abbreviated = abbreviated || abbreviation;
    worded = worded || !abbreviation;
    b = e + 1;
  }
  return plain || (abbreviated && worded);
}

// "LFTs", "ABGs", "PVCs": two to four capitals and a plural s.
bool plural_acronym(std::string_view w) {
  if (w.size() < 3 || w.size() > 5 || w.back() != 's') return false;
  return std::all_of(w.begin(), w.end() - 1, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// `pos` is a colon, then a quotation mark: "Koppány: \"Who are you?\"".
bool quote_after_colon(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != ':') return false;
  ++pos;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos < text.size() && (text[pos] == '"' || text.substr(pos, 3) == "\xE2\x80\x9C");
}

// Scores named after people, read as scores when a number or "score"/"scale"/"fall" follows them.
constexpr WordList kScoreNames{{"braden", "morse", "norton", "wells", "apgar", "glasgow", "ranson", "child", "caprini",
                                "padua", "waterlow", "barthel", "bishop", "gleason", "breslow", "clark", "killip"}};
bool score_reading(std::string_view text, const std::string_view w, std::size_t end) {
  if (!in(w, kScoreNames)) return false;
  std::size_t p = end;
  while (p < text.size() && is_one_of(text[p], " :=")) ++p;
  if (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) return true;
  const std::string_view next = next_word(text, end);
  return equals_folded(next, "score") || equals_folded(next, "scale") || equals_folded(next, "fall") ||
         equals_folded(next, "class") || equals_folded(next, "grade") || equals_folded(next, "stage");
}

// "Nephrology", "Cardiology", "Psychiatry", "Pediatrics": a clinical specialty.
bool is_specialty(std::string_view w) {
  for (std::string_view suffix : {"ology", "ologist", "iatry", "iatrics", "ics"})
    if (w.size() > suffix.size() + 2 && equals_folded(w.substr(w.size() - suffix.size()), suffix)) return true;
  return false;
}

struct RunVerdict {
  Kind kind = Kind::none;
  double confidence = 0;
  const char* reason = "";
};

}  // namespace

void find_names_and_places(std::string_view text, const Dictionaries& d, const std::vector<Finding>& addresses,
                           std::vector<Finding>& out) {
  std::vector<Token> tokens = tokenize(text);
  auto word = [&](const Token& t) { return text.substr(t.begin, t.end - t.begin); };
  auto name_like = [&](const Token& t) { return !t.has_digit && (t.capitalised || t.all_caps); };
  auto joined = [&](const Token& a, const Token& b) {  // one space, or ". " after an initial
    const std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap == " " || ((a.initial || in(word(a), kTitles)) && gap == ". ");
  };
  struct Run { std::size_t first, last; bool titled; RunVerdict verdict; };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < tokens.size();) {
    if (!name_like(tokens[i]) || in(word(tokens[i]), kParticles)) { ++i; continue; }
    std::size_t j = i;
    while (j + 1 < tokens.size() && joined(tokens[j], tokens[j + 1]) && !tokens[j].possessive) {
      const Token& next = tokens[j + 1];
      if (in(word(next), kAddressWords)) break;
      if (name_like(next)) { ++j; continue; }
      // One or two particles inside a name: "Willemine ten Pas", "Chiclana de la Frontera".
      std::size_t p = j + 1;
      while (p < j + 3 && p + 1 < tokens.size() && in(word(tokens[p]), kParticles) && joined(tokens[p], tokens[p + 1])) ++p;
      if (p > j + 1 && p < tokens.size() && name_like(tokens[p]) && !in(word(tokens[p]), kParticles)) {
        j = p;
        continue;
      }
      break;
    }
    bool titled = false;
    std::size_t first = i;
    // "MS Contin", "MR 2+": a title in capitals, with no period, before a word not in capitals, is
    // an abbreviation (morphine sulfate, mitral regurgitation).
    auto title_at = [&](std::size_t k) {
      if (!in(word(tokens[k]), kTitles)) return false;
      const Token& t = tokens[k];
      if (!t.all_caps || (t.end < text.size() && text[t.end] == '.')) return true;
      return k + 1 <= j && tokens[k + 1].all_caps;
    };
    while (first <= j && title_at(first)) { titled = true; ++first; }
    // Drop words that are never PHI (months, weekdays, "I") at the edges.
    std::size_t last = j;
    while (first <= last && in(word(tokens[first]), kNotPhi)) ++first;
    while (last >= first && last != static_cast<std::size_t>(-1) && in(word(tokens[last]), kNotPhi)) --last;
    if (first <= last && last != static_cast<std::size_t>(-1)) runs.push_back(Run{first, last, titled, {}});
    i = j + 1;
  }
  // One look-up per word of a run answers every list question asked about it below; all of them
  // together, so that their cache misses overlap.
  std::vector<std::string_view> run_words;
  for (const Run& run : runs)
    for (std::size_t k = run.first; k <= run.last; ++k) run_words.push_back(word(tokens[k]));
  std::vector<WordKinds> run_kinds(run_words.size());
  d.words.lookup(run_words, run_kinds);
  for (std::size_t next = 0; const Run& run : runs)
    for (std::size_t k = run.first; k <= run.last; ++k) tokens[k].kinds = run_kinds[next++];

  // Every line end, found once: a run's line and the one before are then found without a scan
  // of them for each run.
  std::vector<std::size_t> newlines;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) newlines.push_back(at);
  std::size_t next_newline = 0;  // of the last position asked: the first '\n' at or after it
  auto line_of = [&](std::size_t pos) {  // [begin, end) of the line holding pos: after the last '\n' before pos, to the next
    // Runs come in text order, so the cursor moves on a little each time (back a line for the
    // line before).
    while (next_newline < newlines.size() && newlines[next_newline] < pos) ++next_newline;
    while (next_newline > 0 && newlines[next_newline - 1] >= pos) --next_newline;
    const std::size_t begin = next_newline == 0 ? 0 : newlines[next_newline - 1] + 1;
    return std::pair{begin, next_newline == newlines.size() ? text.size() : newlines[next_newline]};
  };
  auto has_digit_in = [&](std::size_t b, std::size_t e) {
    return std::any_of(text.begin() + static_cast<std::ptrdiff_t>(b), text.begin() + static_cast<std::ptrdiff_t>(e),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  // Speakers or headings at the start of lines (line_heads.h).
  std::vector<LineOpening> openings;
  for (const Token& t : tokens) {
    if (t.end >= text.size() || text[t.end] != ':' || !(t.capitalised || t.all_caps)) continue;
    std::size_t b = t.begin;
    while (b > 0 && is_one_of(text[b - 1], " >\t")) --b;
    if (b > 0 && text[b - 1] != '\n') continue;
    const std::size_t line_end = std::min(text.find('\n', t.end), text.size());
    openings.push_back({word(t), t.all_caps, text.substr(t.end + 1, line_end - t.end - 1)});
  }
  const LineHeads line_heads = read_line_heads(openings, d);
  const bool dialogue = line_heads.dialogue;
  const bool headed_lines = line_heads.headed;
  // The ends of the address patterns, sorted: each run asks whether one ends just before it.
  std::vector<std::size_t> address_ends;
  address_ends.reserve(addresses.size());
  for (const Finding& a : addresses) address_ends.push_back(a.end);
  std::sort(address_ends.begin(), address_ends.end());
  std::vector<RunFacts> facts(runs.size());
  for (std::size_t r = 0; r < runs.size(); ++r) {
    Run& run = runs[r];
    RunFacts& fact = facts[r];
    // "Producer James Sparks", "Hi Freddy", "Patient John Smith": leading common words and name
    // cues are context, not the name (the cue then makes what follows a name).
    bool given_follows = false;
    for (std::size_t k = run.first + 1; k <= run.last; ++k)
      given_follows = given_follows || (tokens[k].kinds.given_name() && !tokens[k].kinds.vocabulary());
    while (run.first < run.last && !run.titled) {
      const std::string_view w = word(tokens[run.first]);
      const WordKinds kinds = tokens[run.first].kinds;
      const bool stop = in(w, kStopWords);
      const bool common_only = (kinds.vocabulary() || in(w, kNotPhi)) && !kinds.given_name() && !kinds.surname();
      const bool cue = in(w, kStrongNameCues);
      if (!stop && !cue && !(common_only && given_follows)) break;
      ++run.first;
    }
    const Token& head = tokens[run.first];
    const Token& tail = tokens[run.last];
    const std::string_view whole = text.substr(head.begin, tail.end - head.begin);
    int given = 0, surname = 0, ambiguous = 0, common = 0, eponym = 0, unknown = 0, region = 0, words = 0, capitals_only = 0;
    // A title or a strong cue before the run: read once, when a rule asks.
    int strong_cue = run.titled ? 1 : -1;
    auto strong_before = [&] {
      if (strong_cue < 0) strong_cue = cue_before(text, head.begin, kStrongNameCues) ? 1 : 0;
      return strong_cue == 1;
    };
    // A given name in the run makes a word beside it a surname, whatever its ending
    // ("Konstantinos Margaritis").
    bool has_given = false;
    for (std::size_t k = run.first; k <= run.last; ++k)
      has_given = has_given || (tokens[k].kinds.given_name() && !tokens[k].kinds.vocabulary());
    bool all_caps = true;
    for (std::size_t k = run.first; k <= run.last; ++k) {
      const Token& t = tokens[k];
      const std::string_view w = word(t);
      if (t.initial || in(w, kParticles)) continue;
      ++words;
      all_caps = all_caps && t.all_caps;
      const WordKinds kinds = t.kinds;
      // ECG, MRI, INR; D-dimer, X-ray, T-cell; LFTs; HFrEF; Post-operative: not names. An
      // all-capital word of four letters or none of them a vowel, on no list of names or places
      // ("PICU", "MRSA", "HFNC", "CVVHDF"), is an abbreviation too (longer ones may be a town's
      // name in an address written in capitals); a lab or vital sign's label ("Hgb") is no name.
      const bool capitals_abbreviation = t.all_caps && w.size() > 3 && (w.size() <= 4 || !has_vowel(w)) &&
                                         !kinds.any(WordKinds::kGivenName | WordKinds::kSurname | WordKinds::kPlace);
      const bool unlisted = !kinds.any(WordKinds::kGivenName | WordKinds::kSurname | WordKinds::kPlace);
      // …and, on no list of names or places, "SVG-RCA", a brand in camel case ("ExacTrac") and a
      // word shaped as medical words and drug names are ("Hemostasis", "Cardiogenic") — unless a
      // title or a strong cue says a person ("Patient Kostoma"), or a given name is beside it.
      const bool acronym = (t.all_caps && w.size() <= 3) || capitals_abbreviation || (w.size() > 2 && w[1] == '-') ||
                           plural_acronym(w) || is_measure_label(w) || mixed_case_abbreviation(w) ||
                           (unlisted && (compound_of_words(w, d) ||
                                         (!kinds.vocabulary() && ((t.all_caps && hyphenated_abbreviation(w)) ||
                                                                  ((brand_capitals(w) || (!has_given && clinical_word_form(w))) && !strong_before())))));
      // On an address block's line a town may be such a word ("OULU").
      if (capitals_abbreviation && !kinds.vocabulary()) ++capitals_only;
      const bool is_common = kinds.vocabulary() || in(w, kNotPhi) || acronym;
      // A clinical term that is also a surname ("Stryker", "Shiley") is the term; one that is a
      // given name too stays a name that is also a word.
      const bool is_name = !acronym && (kinds.given_name() || (kinds.surname() && !kinds.clinical_term()));
      if (is_eponym(w, kinds, d)) ++eponym;
      if (kinds.any(WordKinds::kCountry | WordKinds::kState)) ++region;
      if (is_common && is_name) ++ambiguous;
      else if (is_common) ++common;
      else if (kinds.given_name()) ++given;
      else if (is_name) ++surname;
      else if (!kinds.place()) ++unknown;
    }
    fact.name_words = given + surname + ambiguous;
    bool has_initial = false, inner_particle = false;
    for (std::size_t k = run.first + 1; k < run.last; ++k) {
      has_initial = has_initial || tokens[k].initial;
      inner_particle = inner_particle || in(word(tokens[k]), kParticles);
    }
    fact.unknown = unknown;
    fact.eponyms = eponym;
    const WordKinds whole_kinds = run.first == run.last ? head.kinds : d.words.lookup(whole);
    if (words == 0 || whole_kinds.any(WordKinds::kCountry | WordKinds::kState) || region == words) {  // not PHI
      fact.region = true;
      // …but the postal code after it, at the end of an address, is: "Estonia 62488" (not after
      // a lone initial: "P/F 196").
      std::size_t p = tail.end;
      if (words > 0 && p + 1 < text.size() && text[p] == ' ' && std::isdigit(static_cast<unsigned char>(text[p + 1]))) {
        std::size_t q = p + 1;
        while (q < text.size() && (std::isdigit(static_cast<unsigned char>(text[q])) ||
                                   ((text[q] == ' ' || text[q] == '-') && q + 1 < text.size() &&
                                    std::isdigit(static_cast<unsigned char>(text[q + 1])) && q - p <= 6)))
          ++q;
        const std::size_t digits = static_cast<std::size_t>(
            std::count_if(text.begin() + static_cast<std::ptrdiff_t>(p), text.begin() + static_cast<std::ptrdiff_t>(q),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
        const bool line_ends = q == text.size() || text[q] == '\n' || text[q] == ',' || text[q] == '.';
        if (digits >= 3 && digits <= 9 && line_ends)
          out.push_back(Finding{PhiType::geography, p + 1, q, 0.85, "postal code after a country or state"});
      }
      continue;
    }
    const bool start = head.sentence_start;
    const std::string_view after = next_word(text, tail.end + (tail.possessive ? 2 : 0));
    // "Belmont rapid infuser", "Hamilton C6 ventilator": after one word the noun may come a
    // word later, after a model's number, or after a word in lower case when the word is no
    // given name (and not after a possessive: "Jonathan Whitfield's walk test" is his).
    fact.clinical = is_clinical_noun(after) || (eponym > 0 && in(after, kEponymNouns));
    if (!fact.clinical && !after.empty() && !tail.possessive && words == 1) {
      const bool model_after = std::any_of(after.begin(), after.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (model_after || (given == 0 && std::islower(static_cast<unsigned char>(after[0])) && !in(after, kStopWords) &&
                          !in(after, kLinkWords)))
        fact.clinical = is_clinical_noun(next_word(text, static_cast<std::size_t>(after.data() + after.size() - text.data())));
    }
    // "Na 138", "Hgb 11.2", "2 g Na", "CN II-XII": a lab, vital sign or exam label, not a name or
    // a place; "Lasix 80 IV": a drug before its dose.
    // "PAINAD 5", "CURB 2": a word in capitals before a reading is a score's name.
    if (!run.titled && ((words == 1 && (is_measure_label(word(head)) || is_specialty(word(head)) ||
                                         score_reading(text, word(head), tail.end) ||
                                         (head.all_caps && reading_after(text, tail.end)))) ||
                        dose_after(text, tail.end) || (run.last > run.first && in(word(tail), kFrequencyWords)))) {
      fact.clinical_term = true;
      run.verdict = {Kind::none, 0.3, ""};
      continue;
    }
    // Common words only ("The", "Blood", "Follow"), not a US place, no title: every rule below
    // ends in "common words: not PHI" for them, so their context is not read.
    if (!run.titled && !fact.clinical && common == words && capitals_only == 0 && !whole_kinds.place()) {
      run.verdict = {Kind::none, 0.3, ""};
      continue;
    }
    const bool strong_name = strong_before();
    const bool name_after = cue_after(text, tail.end, kNameCuesAfter) || (tail.possessive && !fact.clinical);
    const bool weak_name = cue_before(text, head.begin, kNameCuesBefore) || name_after;
    const std::string_view before = previous_word(text, head.begin);
    const bool weak_place_cue = equals_folded(before, "to") || equals_folded(before, "at");
    const bool place_cue = !run.titled && !weak_place_cue && in(before, kPlaceCuesBefore);
    const bool in_places = whole_kinds.place();
    const bool strong_place_cue = in(before, kStrongPlaceCues) || cue_before(text, head.begin, kPlacePhrases);
    const auto [line_begin, line_end] = line_of(head.begin);
    std::string_view line_rest = text.substr(tail.end, line_end - tail.end);
    while (!line_rest.empty() && is_one_of(line_rest.front(), " ,.")) line_rest.remove_prefix(1);
    std::string_view line_head = text.substr(line_begin, head.begin - line_begin);
    while (!line_head.empty() && is_one_of(line_head.back(), " >?*-\t")) line_head.remove_suffix(1);
    const bool own_line = line_head.empty() && line_rest.empty() && !strong_name;
    const bool speaker = line_head.empty() && line_rest.starts_with(":") && text.substr(tail.end, 1) == ":";
    // An address block: the line before holds a number ("Suite 501"), or this one follows "…1634, ".
    // Both questions only matter for a run on a line of its own.
    bool after_address = false;
    if (own_line && line_begin >= 2) {
      const auto [prev_begin, prev_end] = line_of(line_begin - 2);
      after_address = has_digit_in(prev_begin, prev_end);
      // A line in capitals after a number may be a note's heading after its readings ("CHEMO"):
      // a town's only after a street found in the two lines before.
      if (after_address && all_caps) {
        const std::size_t from = prev_begin >= 2 ? line_of(prev_begin - 2).first : prev_begin;
        const auto street = std::lower_bound(address_ends.begin(), address_ends.end(), from);
        after_address = street != address_ends.end() && *street < line_begin;
      }
    }
    // "Cheshire\nFrance": the next line names a country (asked when no number is before, or of a
    // run in capitals)
    bool country_next = false;
    if (own_line && (!after_address || all_caps) && line_end < text.size()) {
      std::size_t n = line_end + 1;
      while (n < text.size() && is_one_of(text[n], " >?*\t")) ++n;
      const std::size_t n_end = std::min(text.find('\n', n), text.size());
      std::string_view next_line = text.substr(n, n_end - n);
      while (!next_line.empty() && (std::isdigit(static_cast<unsigned char>(next_line.back())) || next_line.back() == ' ' ||
                                    next_line.back() == '-'))
        next_line.remove_suffix(1);
      country_next = !next_line.empty() && d.words.lookup(next_line).any(WordKinds::kCountry | WordKinds::kState);
    }
    std::size_t k = head.begin;
    while (k > 0 && text[k - 1] == ' ') --k;
    bool after_number_comma = k >= 2 && text[k - 1] == ',' && (std::isdigit(static_cast<unsigned char>(text[k - 2])) || text[k - 2] == '.');
    // An address pattern ending at most three bytes before the run; one ending at byte 0 does not count.
    const auto near = std::lower_bound(address_ends.begin(), address_ends.end(), head.begin >= 4 ? head.begin - 3 : 1);
    if (near != address_ends.end() && *near <= head.begin) after_number_comma = true;
    // "Qb 400, Qd 600": a word of one or two letters in a list of readings names no town, nor
    // "INR 1.4, Fibrinogen 160 (Clauss)", a word before a reading, nor "HOB 30, Hypertonic
    // saline", a word after a comma before an English word in lower case (a town is followed by
    // its postal code, a state, a comma, the line's end, "and", "in", or a particle: "Ostrov nad
    // Ohří", "Turkovice u Přelouče").
    if (words == 1 && tail.end - head.begin <= 2) after_number_comma = false;
    if (after_number_comma && !tail.possessive) {
      const std::string_view next = next_word(text, tail.end);
      const bool comma = k >= 2 && text[k - 1] == ',';
      if (reading_after(text, tail.end) ||
          (comma && text.substr(tail.end, 1) == " " && !next.empty() && next[0] >= 'a' && next[0] <= 'z' &&
           next.size() >= 3 && !in(next, kStopWords) && !in(next, kLinkWords) && !in(next, kPlaceOrBodyWords) &&
           d.words.lookup(next).common_word()))
        after_number_comma = false;
    }
    // "Boston, MA" or "Springfield, Illinois": a place before its state.
    bool before_state = false;
    if (text.substr(tail.end).starts_with(", ")) {
      const std::string_view next = next_word(text, tail.end + 2);
      before_state = (next.size() == 2 && std::isupper(static_cast<unsigned char>(next[0])) &&
                      std::isupper(static_cast<unsigned char>(next[1])) && d.words.lookup(next).state()) ||
                     (next.size() > 2 && d.words.lookup(next).state());
    }
    // "5850 Jana Nerudy 894", "lives on Joaquin Suarez 2906": a street, not a person.
    bool street_number = false;
    if (tail.end + 1 < text.size() && text[tail.end] == ' ' && std::isdigit(static_cast<unsigned char>(text[tail.end + 1]))) {
      std::size_t b = head.begin;
      while (b > 0 && text[b - 1] == ' ') --b;
      const bool number_before = b > 0 && std::isdigit(static_cast<unsigned char>(text[b - 1]));
      street_number = (number_before || cue_before(text, head.begin, {"lives on", "lives at", "side of", "live on", "address", "at", "on"})) &&
                      !is_measure_label(word(head));  // "4.1 Cr 1.2", "Hgb 11": a lab, not a street
    }
    // Not a person nor a town, and not made one by a list: a heading in capitals ("MICU PROGRESS
    // NOTE - CARDIOGENIC SHOCK"), a maker and its model ("Dräger Perseus A500", "Fisher & Paykel
    // MR850"; not "London SW1A 1AA"), a device after its size ("19 Fr Blake"), a unit of the
    // hospital ("transfer to Mother-Baby unit").
    if (!strong_name && !run.titled) {
      const bool heading = all_caps && capitals_heading(text.substr(line_begin, line_end - line_begin));
      const bool product = !after_number_comma && !place_cue && !strong_place_cue && !in_places && model_after(text, tail.end) &&
                           !model_after(text, tail.end + 1 + next_word(text, tail.end).size());
      const bool hospital_area = !tail.possessive && !after.empty() && after[0] >= 'a' && after[0] <= 'z' &&
                                 in(after, kHospitalAreas) && !(in_places && (place_cue || strong_place_cue));
      const bool classed = run.last == run.first + 1 && head.kinds.eponym() && roman_class(word(tail));
      fact.clinical = fact.clinical || heading || product || hospital_area || classed || size_before(text, head.begin);
    }
    RunVerdict& v = run.verdict;
    const int dictionary_names = given + surname;
    if (run.titled) {
      v = {Kind::name, 0.95, "name after a title (Dr., Mr., Ms.)"};
    } else if (fact.clinical) {
      continue;  // an eponym before "disease", "syndrome", "catheter"…
    } else if (has_initial && words >= 2 && common == 0) {
      v = {Kind::name, 0.85, "name with a middle initial"};
    } else if (inner_particle && (place_cue || strong_place_cue) && !strong_name && common == 0) {
      // "in Villafranca del Cid", "city Quinta de São Tiago": after "in", a name joined by "de"/"del" is a town.
      v = {Kind::place, 0.8, "place name with a particle (\"de\", \"del\") after a place cue"};
    } else if (in_places && (place_cue || weak_place_cue || strong_place_cue) && !strong_name && (given == 0 || words >= 2)) {
      v = {Kind::place, 0.85, "US place name after a place cue"};
    } else if (own_line && (after_address || country_next) && (common - capitals_only + ambiguous < words || in_places)) {
      v = {Kind::place, 0.8, "place in an address block"};
    } else if (own_line && country_next && all_caps && words <= 3 && !fact.clinical) {
      // "…\nDOLE\nFrance 35910": a town in capitals before its country, as many countries write
      // it, even when its words are English words (a heading in capitals is not before a country).
      v = {Kind::place, 0.75, "place in capitals in an address block"};
    } else if (speaker && dialogue && words == 1 && given + ambiguous == 1) {
      v = {Kind::name, 0.75, "speaker's name at the start of a line in a dialogue"};
    } else if (ambiguous == words && words >= 2 && !in_places &&
               tokens[run.first].kinds.given_name() && tokens[run.last].kinds.surname() && !tokens[run.last].all_caps &&
               !in(word(tail), kPlaceOrBodyWords) && !in(before, kArticles) && !street_number && !after_number_comma &&
               !(own_line && after_address)) {
      // "We saw John Smith": both words are English words too (Smith an eponym as well), but a
      // given name and a surname, both capitalised, are a name — not after an article ("the
      // Princess Royal"), nor where an address puts a street; less sure at a sentence start.
      v = {Kind::name, start ? 0.6 : 0.75, "given name and surname that are also English words"};
    } else if (before_state && (common == 0 || common + ambiguous < words)) {
      // "Dix, MA", "Stryker, MA": a town, even when its name is an eponym or a clinical term too.
      v = {Kind::place, 0.9, "place before its state (\"Boston, MA\")"};
    } else if (common + ambiguous == words || (eponym == words && !strong_name)) {
      if (strong_name && ambiguous > 0 && !start) v = {Kind::name, 0.8, "name after a name cue (\"my name is\", \"said\")"};
      // "Belle said", "Scott is a very …": a word that is a name and an English word or an
      // eponym ("Scott", "Russell"), before a verb of speech.
      else if ((ambiguous == words || eponym == words) && cue_after(text, tail.end, kSpeechCuesAfter)) v = {Kind::name, 0.65, "name-like word before a name cue (\"said\", \"'s\")"};
      else v = {Kind::none, 0.3, ""};
    } else if (street_number) {
      v = {Kind::place, 0.8, "street name before a house number"};
    } else if ((own_line && after_address) ||
               (after_number_comma && !is_measure_label(word(head)) && !score_reading(text, word(tail), tail.end))) {
      v = {Kind::place, 0.8, "place in an address"};
    } else if (cue_before(text, head.begin, kPlacePhrases) && common + ambiguous < words) {
      v = {Kind::place, 0.85, "place after a place phrase (\"lives in\", \"originally from\")"};
    } else if (place_cue && (dictionary_names == 0 || in_places || all_caps || (given == 0 && strong_place_cue))) {
      v = {Kind::place, 0.85, "place after a place cue (\"in\", \"from\", \"lives in\")"};
    } else if (words >= 2 && given > 0 && common == 0) {
      v = {Kind::name, 0.9, "given name and surname from the name dictionaries"};
    } else if (words >= 2 && dictionary_names > 0 && common == 0) {
      v = {Kind::name, 0.85, "words from the name dictionaries"};
    } else if (given_name_then_word_surname(tokens, run.first, run.last) && !in(word(tail), kPlaceOrBodyWords) &&
               !in(word(tail), kStopWords) && !in(word(tail), kAddressWords) && !is_clinical_noun(word(tail))) {
      v = {Kind::name, 0.7, "given name and a surname that is also an English word"};
    } else if (strong_name && common < words) {
      v = {Kind::name, 0.85, "name after a name cue (\"my name is\", \"said\")"};
    } else if (speaker && common == 0 && !(words == 1 && in(word(head), kNoteHeadings)) &&
               (dialogue || quote_after_colon(text, tail.end) || (dictionary_names > 0 && !all_caps && !headed_lines))) {
      // Not "Micro:" or "PPx:" heading a note's line, nor "HEENT:" or "Rinne:" among a note's
      // headings: a name in a dialogue, before a quotation, or from the lists in other text.
      v = {Kind::name, 0.75, "speaker's name at the start of a line"};
    } else if (speaker && headed_lines && !strong_name) {
      continue;  // "Rinne: AC > BC" among a note's headings: a heading too
    } else if (weak_place_cue && (all_caps || (unknown == words && words == 1)) && !name_after) {
      v = {Kind::place, 0.7, "capitalised word that is not a common English word, after \"to\" or \"at\""};
    } else if (dictionary_names > 0 && common == 0) {
      // In a note or form headed line by line ("Labs:", "Exam:"), a lone word on the name lists
      // with no cue is more often an eponym or a brand the lists lack than a person: 0.4, under
      // the Safe Harbor policy's threshold (0.45) as well as the scan's (0.5).
      v = {Kind::name, weak_name ? 0.85 : (headed_lines ? 0.4 : (start ? 0.6 : 0.7)), "word from the name dictionaries"};
    } else if (unknown > 0 && common == 0 && words >= 2) {
      v = {Kind::name, 0.7, "capitalised words that are not common English words"};
    } else if (unknown > 0 && common == 0 && (name_after || (weak_name && !start))) {
      v = {Kind::name, 0.65, "capitalised word that is not a common English word, near a name cue"};
    } else if (unknown > 0 && common == 0) {
      // 0.45: not reported by `ward scan`, but changed by Safe Harbor de-identification ("Why is
      // Ilkka so impulsive?"), except in a headed note, where such words are abbreviations and
      // brands ("Vmax", "IgG", "Rotoprone").
      v = {Kind::name, start ? 0.3 : (headed_lines ? 0.4 : 0.45), "capitalised word that is not a common English word"};
    } else if (in_places && common == 0) {
      // In a note headed line by line, a lone US place with no cue is more often a brand or an
      // eponym ("Parkland", "Ventana", "Belmont") than a town, as a lone name is (above): 0.4.
      v = {Kind::place, headed_lines ? 0.4 : 0.5, "US place name"};
    }
  }
  // "Monjeau, Graves and Reed": unsure runs listed with names are names too.
  for (std::size_t r = 0; r < runs.size();) {
    std::size_t e = r;
    auto listed = [&](std::size_t a, std::size_t b) {
      const std::string_view gap = text.substr(tokens[runs[a].last].end, tokens[runs[b].first].begin - tokens[runs[a].last].end);
      return gap == " and " || gap == ", " || gap == " & " || gap == " or " || gap == ", and ";
    };
    while (e + 1 < runs.size() && listed(e, e + 1)) ++e;
    // "Ortolani and Barlow negative", "Hunt and Hess 3", "Hoehn and Yahr stage", "Grey Turner and
    // Cullen signs": signs, tests and scores named after people, listed with an eponym among them
    // and a noun, result or reading after the last, are clinical terms, all of them.
    bool clinical_list = false;
    if (e > r) {
      int eponyms = 0, titled = 0;
      for (std::size_t m = r; m <= e; ++m) {
        eponyms += facts[m].eponyms;
        titled += runs[m].titled ? 1 : 0;
      }
      const std::size_t end = tokens[runs[e].last].end;
      const std::string_view after = next_word(text, end);
      // A reading ends the clause: "Hunt and Hess 3 |", not "Smith and Jones 3 times".
      bool grade_after = reading_after(text, end);
      if (grade_after) {
        std::size_t p = end + 1;
        while (p < text.size() && (std::isdigit(static_cast<unsigned char>(text[p])) || text[p] == '.')) ++p;
        while (p < text.size() && text[p] == ' ') ++p;
        grade_after = p == text.size() || !is_word_byte(text[p]);
      }
      clinical_list = titled == 0 && (facts[e].clinical || (eponyms > 0 && (in(after, kEponymNouns) || in(after, kClinicalNouns) ||
                                                                           in(after, kResultWords) || grade_after)));
    }
    if (clinical_list) {
      for (std::size_t m = r; m <= e; ++m) {
        runs[m].verdict = {Kind::none, 0.3, ""};
        facts[m].clinical = true;
      }
    } else if (e > r) {
      int named = 0, sure = 0, blocked = 0;
      for (std::size_t m = r; m <= e; ++m) {
        named += facts[m].name_words > 0 || facts[m].unknown > 0 ? 1 : 0;
        sure += runs[m].verdict.kind == Kind::name && runs[m].verdict.confidence >= 0.6 ? 1 : 0;
        blocked += facts[m].clinical || facts[m].clinical_term || facts[m].region || runs[m].verdict.kind == Kind::place ? 1 : 0;
      }
      const std::size_t size = e - r + 1;
      if (blocked == 0 && (sure > 0 || 2 * static_cast<std::size_t>(named) >= size + 1))
        for (std::size_t m = r; m <= e; ++m)
          if (runs[m].verdict.confidence < 0.6 && (facts[m].name_words > 0 || facts[m].unknown > 0))
            runs[m].verdict = {Kind::name, 0.7, "capitalised word listed with names"};
    }
    r = e + 1;
  }
  for (const Run& run : runs) {
    if (run.verdict.kind == Kind::none || run.verdict.confidence <= 0) continue;
    out.push_back(Finding{run.verdict.kind == Kind::name ? PhiType::name : PhiType::geography, tokens[run.first].begin,
                          tokens[run.last].end, run.verdict.confidence, run.verdict.reason});
  }
}

}  // namespace ward::phi
