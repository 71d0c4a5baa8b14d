// The scanner on sentences a clinician or clerk would write: each Safe Harbor type found with
// its span, eponyms and common words left alone, known values found with a misspelling.
#include "phi/scanner.h"

#include <fstream>
#include <iostream>
#include <iterator>

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

class ScannerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto built = Scanner::build();
    ASSERT_TRUE(built) << built.error().message;
    scanner_ = new Scanner(std::move(*built));
  }
  static void TearDownTestSuite() { delete scanner_; scanner_ = nullptr; }

  std::vector<Finding> scan(std::string_view text, const std::vector<KnownValue>& known = {}) {
    auto scratch = ScanScratch::make(*scanner_);
    EXPECT_TRUE(scratch);
    auto findings = scanner_->scan(text, *scratch, known);
    EXPECT_TRUE(findings);
    return findings ? *findings : std::vector<Finding>{};
  }
  // The text of the findings of `type`.
  std::vector<std::string> found(std::string_view text, PhiType type, const std::vector<KnownValue>& known = {}) {
    std::vector<std::string> out;
    for (const Finding& f : scan(text, known))
      if (f.type == type) out.emplace_back(text.substr(f.begin, f.end - f.begin));
    return out;
  }
  static Scanner* scanner_;
};
Scanner* ScannerTest::scanner_ = nullptr;

using Values = std::vector<std::string>;

TEST_F(ScannerTest, FindsSsnAndRejectsInvalidOnes) {
  EXPECT_EQ(found("His social security number is 460-89-9847.", PhiType::ssn), Values{"460-89-9847"});
  EXPECT_EQ(found("SSN: 123456789", PhiType::ssn), Values{"123456789"});
  EXPECT_TRUE(found("Reference 000-12-3456 was closed.", PhiType::ssn).empty());
}

TEST_F(ScannerTest, FindsPhoneAndFax) {
  EXPECT_EQ(found("Call me at (617) 555-0134 tomorrow.", PhiType::phone), Values{"(617) 555-0134"});
  EXPECT_EQ(found("Phone: +1-984-182-0190x769", PhiType::phone), Values{"+1-984-182-0190x769"});
  EXPECT_EQ(found("Fax: 617-555-0199", PhiType::fax), Values{"617-555-0199"});
  // Shifts and windows of hours are not numbers to call; four and four digits otherwise are.
  EXPECT_TRUE(found("Day shift 0700-1500, then 1930-0730 on nights.", PhiType::phone).empty());
  EXPECT_EQ(found("Call 0701-1501 tomorrow.", PhiType::phone), Values{"0701-1501"});
}

TEST_F(ScannerTest, FindsEmailUrlAndIp) {
  EXPECT_EQ(found("Write to jane.doe@example.org today", PhiType::email), Values{"jane.doe@example.org"});
  EXPECT_EQ(found("Photos at https://www.example.com/p/1.", PhiType::url), Values{"https://www.example.com/p/1"});
  EXPECT_EQ(found("Login from 86.121.97.248 failed", PhiType::ip_address), Values{"86.121.97.248"});
  EXPECT_TRUE(found("Version 1.2.300.4 installed", PhiType::ip_address).empty());
}

TEST_F(ScannerTest, FindsDatesInManyFormsButNotABareYear) {
  EXPECT_EQ(found("DOB 02/08/1935.", PhiType::date), Values{"02/08/1935"});
  EXPECT_EQ(found("Seen on 2003-08-28 12:13:52 in clinic", PhiType::date), Values{"2003-08-28 12:13:52"});
  EXPECT_EQ(found("Admitted March 3, 2021 for pneumonia", PhiType::date), Values{"March 3, 2021"});
  EXPECT_EQ(found("Surgery on 14 Feb 2019 went well", PhiType::date), Values{"14 Feb 2019"});
  EXPECT_TRUE(found("Diagnosed in 2019.", PhiType::date).empty());
  EXPECT_TRUE(found("Date 02/30/2021 is not a day", PhiType::date).empty());
}

TEST_F(ScannerTest, FindsAgesOverEightyNineOnly) {
  EXPECT_EQ(found("A 93-year-old woman with dyspnea", PhiType::age), Values{"93"});
  EXPECT_EQ(found("Patient aged 101 lives alone", PhiType::age), Values{"101"});
  EXPECT_TRUE(found("A 45 year old man with chest pain", PhiType::age).empty());
}

TEST_F(ScannerTest, FindsRecordPlanAccountLicenceNumbers) {
  EXPECT_EQ(found("MRN: 00123456 admitted", PhiType::mrn), Values{"00123456"});
  EXPECT_EQ(found("Medical record number 7781234-A", PhiType::mrn), Values{"7781234-A"});
  EXPECT_EQ(found("Member ID: XJH123456789", PhiType::health_plan), Values{"XJH123456789"});
  EXPECT_EQ(found("Account number 4455-667788", PhiType::account), Values{"4455-667788"});
  EXPECT_EQ(found("My driver's license number is 2270-66-1551", PhiType::license), Values{"2270-66-1551"});
  EXPECT_EQ(found("Prescriber NPI 1234567893", PhiType::license), Values{"1234567893"});
  EXPECT_EQ(found("DEA AB1234563 on file", PhiType::license), Values{"AB1234563"});
}

TEST_F(ScannerTest, FindsPaymentCardsAndIbans) {
  EXPECT_EQ(found("Block card 4454794511390933 please", PhiType::account), Values{"4454794511390933"});
  EXPECT_EQ(found("My IBAN is GB82 WEST 1234 5698 7654 32", PhiType::account), Values{"GB82 WEST 1234 5698 7654 32"});
  EXPECT_TRUE(found("Order 4454794511390934 shipped", PhiType::account).empty());  // fails Luhn, no card word
}

TEST_F(ScannerTest, FindsVehicleDeviceBiometricIds) {
  EXPECT_EQ(found("VIN 1M8GDM9AXKP042788 registered", PhiType::vehicle), Values{"1M8GDM9AXKP042788"});
  EXPECT_EQ(found("license plate 7ABC123 seen", PhiType::vehicle), Values{"7ABC123"});
  EXPECT_EQ(found("Pump serial number SN-99812-B", PhiType::device), Values{"SN-99812-B"});
  EXPECT_EQ(found("UDI (01)00844588003288(17)141120(10)7654321D", PhiType::device),
            Values{"(01)00844588003288(17)141120(10)7654321D"});
  EXPECT_EQ(found("fingerprint template id FP-7781-22", PhiType::biometric), Values{"FP-7781-22"});
}

TEST_F(ScannerTest, FindsAddressesAndZipCodes) {
  EXPECT_EQ(found("She lives at 1668 Glyn St near the park", PhiType::geography), Values{"1668 Glyn St"});
  EXPECT_EQ(found("Boston, MA 02115", PhiType::geography), (Values{"Boston", "02115"}));
  EXPECT_EQ(found("Moved here from Springfield last year", PhiType::geography), Values{"Springfield"});
}

TEST_F(ScannerTest, AStreetAndTheUnitAfterItAreOneAddress) {
  // The unit takes "71" for its house number and so overlaps the street: none of it is left out.
  EXPECT_EQ(found("Billing address:\n 764 Fagradalsbraut 71 Apt. 762\n", PhiType::geography),
            Values{"764 Fagradalsbraut 71 Apt. 762"});
  EXPECT_EQ(found("Address: Kongensgade 7 Suite 12", PhiType::geography), Values{"Kongensgade 7 Suite 12"});
}

TEST(ResolveOverlaps, KeepsTheSurestAndWidensItOverTheFindingsOfItsTypeItBeat) {
  const std::vector<Finding> resolved = resolve_overlaps({
      Finding{PhiType::geography, 8, 20, 0.8, "unit"},       // beaten by the street only: widens it
      Finding{PhiType::geography, 0, 10, 0.9, "street"},
      Finding{PhiType::name, 22, 30, 0.85, "name"},
      Finding{PhiType::geography, 28, 36, 0.8, "place"},     // beaten by the name too: widens nothing
      Finding{PhiType::geography, 34, 40, 0.9, "zip"},
      Finding{PhiType::phone, 50, 60, 0.9, "phone"},         // a tie between types: the first given stays
      Finding{PhiType::license, 50, 60, 0.9, "licence"},
  });
  ASSERT_EQ(resolved.size(), 4u);
  EXPECT_EQ(resolved[0].reason, "street");
  EXPECT_EQ(resolved[0].begin, 0u);
  EXPECT_EQ(resolved[0].end, 20u) << "widened over the unit";
  EXPECT_EQ(resolved[1].reason, "name");
  EXPECT_EQ(resolved[2].reason, "zip");
  EXPECT_EQ(resolved[2].begin, 34u) << "not widened over a place that lost to a name";
  EXPECT_EQ(resolved[3].reason, "phone");
  const std::vector<Finding> tie = resolve_overlaps({Finding{PhiType::license, 0, 12, 0.9, "licence"},
                                                     Finding{PhiType::phone, 0, 12, 0.9, "phone"}});
  ASSERT_EQ(tie.size(), 1u);
  EXPECT_EQ(tie[0].reason, "licence") << "of equally sure and long findings, the first given";
}

TEST_F(ScannerTest, LatinExtendedCapitalsStartNamesAndTheirSmallLettersDoNot) {
  // Ž, Ź, Ż, Ł, Ń, Ľ are capitals on odd code points (U+0139-U+0148, U+0179-U+017E).
  EXPECT_EQ(found("I'm so jealous! said Željko to the nurse", PhiType::name), Values{"Željko"});
  EXPECT_EQ(found("Seen by Dr. Łukasz Źrebiec today", PhiType::name), Values{"Łukasz Źrebiec"});
  // At any threshold, a word starting with a small ž, ł or ń is not a capitalised word.
  auto everything = Scanner::build(ScanOptions{.min_confidence = 0});
  ASSERT_TRUE(everything);
  auto scratch = ScanScratch::make(*everything);
  ASSERT_TRUE(scratch);
  const std::string_view text = "the ženske, łatwe and ńoki were fine";
  auto findings = everything->scan(text, *scratch);
  ASSERT_TRUE(findings);
  for (const Finding& f : *findings) ADD_FAILURE() << text.substr(f.begin, f.end - f.begin) << ": " << f.reason;
}

TEST_F(ScannerTest, AGivenNameBeforeASurnameThatIsAlsoAWordIsAName) {
  EXPECT_EQ(found("Daniela C Capon lives at 12 Elm Street", PhiType::name), Values{"Daniela C Capon"});
  EXPECT_EQ(found("Rebecca Hides\n\n07960 Aqqusinersuaq 111\n Suite 201", PhiType::name), Values{"Rebecca Hides"});
  // A given name before a word naming a place, company or group is not a person.
  EXPECT_TRUE(found("I work for Aunt Bertha Inc and visit Daniela Hospital", PhiType::name).empty());
  EXPECT_TRUE(found("Copyright the Rosetta Contributors", PhiType::name).empty());
  // Both words English words as well (and Smith an eponym): capitalised, they are still a name.
  EXPECT_EQ(found("We saw John Smith today", PhiType::name), Values{"John Smith"});
  EXPECT_TRUE(found("The Princess Royal arrived", PhiType::name).empty()) << "a title after an article";
  EXPECT_TRUE(found("She had a Smith fracture", PhiType::name).empty());
  // An adverb opening the sentence is not part of the name.
  EXPECT_EQ(found("Then Daniela Kowalski came", PhiType::name), Values{"Daniela Kowalski"});
  EXPECT_EQ(found("Yesterday Maria Lopez came", PhiType::name), Values{"Maria Lopez"});
  // A given name that is an eponym too, before a verb of speech; the eponym before a clinical noun is not.
  EXPECT_EQ(found("Scott is a very sympathetic person", PhiType::name), Values{"Scott"});
  EXPECT_TRUE(found("Parkinson disease is progressive", PhiType::name).empty());
}

TEST_F(ScannerTest, VitalSignsAndLabsAreNeitherAddressesNorNames) {
  // Readings between labels looked like "764 Fagradalsbraut 71" (number, street, number), and a
  // lab's name before its value like a street or a surname ("Na").
  for (const std::string_view note :
       {"BP 120/80 HR 72 RR 16", "Vitals: T 37.2 HR 88 RR 18 SpO2 97 on room air", "Labs: Na 138 K 4.1 Cr 1.2 Hgb 11 WBC 9",
        "Weight 72 kg, BMI 24 Wt 70", "Seen on day 3 POD 2 GCS 15"})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // Streets with short words stay streets.
  EXPECT_EQ(found("The bus station is on Pod Floriánem 1677", PhiType::geography), (Values{"Pod Floriánem", "1677"}));
  EXPECT_EQ(found("He lives at 764 Fagradalsbraut 71.", PhiType::geography), Values{"764 Fagradalsbraut 71."});
}

TEST_F(ScannerTest, StructuredClinicalNotesHaveNoFinding) {
  // Headings ("Meds:", "PPx:"), drugs before their doses, labs, scores named after people
  // ("Braden 19", "Morse fall score"), specialties ("Nephrology"): none is PHI.
  std::ifstream in("bench/data/phi_free_notes.txt");
  ASSERT_TRUE(in.good()) << "run from the source tree";
  std::string line, text;
  while (std::getline(in, line))
    if (!line.starts_with("#")) text += line + "\n";
  ASSERT_GT(text.size(), 3000u);
  for (const Finding& f : scan(text)) ADD_FAILURE() << text.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
}

TEST_F(ScannerTest, StructuredNotesTunedOnStayUnderTheirCeiling) {
  // 109 notes (113 kB, three sets by three hands) the rules of 2026-12-03 were tuned on: 311
  // findings in the first 97 before, 6 after; the 12 added that evening gave 31, and all 109
  // gave 0 after that evening's rules. The set once held out beside it: `ward bench
  // phi-accuracy` (its test: bench/).
  std::ifstream in("bench/data/phi_free_structured_notes_tuning.txt");
  ASSERT_TRUE(in.good()) << "run from the source tree";
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(text.size(), 110000u);
  const std::vector<Finding> findings = scan(text);
  EXPECT_LE(findings.size(), 2u);
  for (const Finding& f : findings) std::cout << "  finding: " << text.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")\n";
}

TEST_F(ScannerTest, FindsNamesWithTitlesCuesAndDictionaries) {
  EXPECT_EQ(found("Dr. Parkinson saw the patient", PhiType::name), Values{"Parkinson"});
  EXPECT_EQ(found("My name is Aantje Mourik.", PhiType::name), Values{"Aantje Mourik"});
  EXPECT_EQ(found("Follow up with Barbara M. Probst in a month.", PhiType::name), Values{"Barbara M. Probst"});
  // A cue that starts the sentence is not part of the name.
  EXPECT_EQ(found("Patient John Smith was seen today.", PhiType::name), Values{"John Smith"});
  EXPECT_EQ(found("Pt Maria Lopez reports chest pain.", PhiType::name), Values{"Maria Lopez"});
}

// A name goes on over particles and initials; any other lower-case word ends it.
TEST_F(ScannerTest, ANameRunsOverParticlesAndInitialsAndStopsAtOtherWords) {
  EXPECT_EQ(found("Dr. Willemine ten Pas signed the form.", PhiType::name), Values{"Willemine ten Pas"});
  EXPECT_EQ(found("Seen by Dr. J. R. Hartley and Mrs. O'Brien-Smith today.", PhiType::name),
            (Values{"J. R. Hartley", "O'Brien-Smith"}));
  EXPECT_EQ(found("Dr. Anna Berg met Karl Olsen on Monday.", PhiType::name), (Values{"Anna Berg", "Karl Olsen"}));
  EXPECT_EQ(found("Moved to Chiclana de la Frontera last year.", PhiType::geography), Values{"Chiclana de la Frontera"});
}

TEST_F(ScannerTest, EponymsAreNotNames) {
  EXPECT_TRUE(found("History of Parkinson's disease and tremor.", PhiType::name).empty());
  EXPECT_TRUE(found("She was treated for Graves disease last year.", PhiType::name).empty());
  EXPECT_TRUE(found("A Foley catheter was placed.", PhiType::name).empty());
  EXPECT_TRUE(found("The Glasgow Coma Scale was 14.", PhiType::name).empty());
  EXPECT_TRUE(found("The Glasgow Coma Scale was 14.", PhiType::geography).empty());
}

TEST_F(ScannerTest, CommonWordsAtSentenceStartAreNotNames) {
  EXPECT_TRUE(scan("Wisdom and Discipline are often mistaken for names.").empty());
  EXPECT_TRUE(scan("Patient denies chest pain. Continue aspirin daily.").empty());
}

TEST_F(ScannerTest, FindsKnownValuesWithAMisspelling) {
  const std::vector<KnownValue> known = {{PhiType::name, "Jonathan Whitfield"}, {PhiType::mrn, "A7781234"}};
  EXPECT_EQ(found("Seen today: Jonathon Whitfeild, record a7781234.", PhiType::name, known), Values{"Jonathon Whitfeild"});
  EXPECT_EQ(found("Seen today: Jonathon Whitfeild, record a7781234.", PhiType::mrn, known), Values{"a7781234"});
  EXPECT_EQ(found("Mr Whitfield called back", PhiType::name, known), Values{"Whitfield"});
  EXPECT_TRUE(found("Record A7781235 is another patient", PhiType::mrn, known).empty());
}

TEST_F(ScannerTest, KnownValuesMisspeltAsCommonWordsAreNotTaken) {
  const std::vector<KnownValue> known = {{PhiType::name, "Jean Knott"}};
  EXPECT_TRUE(found("Tie a knot; she wore jeans.", PhiType::name, known).empty());
  EXPECT_EQ(found("Ms Knott tied a knot", PhiType::name, known), Values{"Knott"});
}

TEST_F(ScannerTest, FindsSpeakersInADialogueAndNamesWithParticles) {
  EXPECT_EQ(found("Nicole: Remember me?\nJohn: You saved my life!", PhiType::name), (Values{"Nicole", "John"}));
  // One "Plan:" line is a heading, not a dialogue.
  EXPECT_TRUE(found("Plan: continue aspirin.\nGrace: period of two weeks.", PhiType::name).empty());
  EXPECT_EQ(found("Willemine ten Pas will be talking", PhiType::name), Values{"Willemine ten Pas"});
  // Names that are words or eponyms too, spoken to or given something.
  EXPECT_EQ(found("Leon shouted at Russell: \"What are you doing here?\"", PhiType::name), (Values{"Leon", "Russell"}));
  EXPECT_EQ(found("Scott had given Belle his address.", PhiType::name), (Values{"Scott", "Belle"}));
  EXPECT_EQ(found("the economy of his home city Villafranca del Cid: cars", PhiType::geography), Values{"Villafranca del Cid"});
}

TEST_F(ScannerTest, ANotesHeadingsAreNoSpeakersButADialoguesSpeakersAre) {
  // Lines opening with a word and a colon: a note's headings, some of them names on the lists
  // ("Mood", "Rinne") or in capitals, and none followed by speech.
  for (const std::string_view note :
       {"Labs: Na 137, K 3.9\nMood: euthymic\nHEENT: normocephalic\nRinne: AC > BC bilaterally\n",
        "SURGEON: attending\nBONES: no lytic lesion\nStrength: 5/5 throughout\nReason: chest pain\n"})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // A dialogue: speakers whose lines read as speech, named on the lists or not.
  EXPECT_EQ(found("Maxton: What a wife.\nSøren: Remember me, Mila?\nTrystan: You saved my life!", PhiType::name),
            (Values{"Maxton", "Søren", "Mila", "Trystan"}));
}

TEST_F(ScannerTest, ReferenceRangesSchedulesAndAbbreviationsAreNotPhi) {
  for (const std::string_view note :
       {"Calcium 8.1 L 8.6-10.3 mg/dL", "Regimen: FOLFOX, Cycle 5 Day 1 of 12 planned", "Morphine ER (MS Contin) 30 mg q12h",
        "Nutrition: Juven BID, Ensure High Protein TID.", "Chronic HFrEF, eGFR 48, avoid NSAIDs.",
        "POST-OPERATIVE ORDERS - ORTHOPEDICS", "PEEP 10, FiO2 0.45. P/F 196. Plateau 24."})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // Dates with one separator, titles in capitals before a name in capitals, stay.
  EXPECT_EQ(found("Seen 8/6/2010 and 03-04-2020.", PhiType::date), (Values{"8/6/2010", "03-04-2020"}));
  EXPECT_EQ(found("MS JANE DOE, Ms. Contin and Mr. Price-Young", PhiType::name), (Values{"JANE DOE", "Contin", "Price-Young"}));
}

TEST_F(ScannerTest, InAHeadedNoteALoneListedWordNeedsACue) {
  // A note headed line by line: a lone surname-like word with no cue is an eponym or a brand
  // more often than a person; after "PCP:", "Surgeon:", "discussed with" it is a person.
  const std::string_view note =
      "HPI: chest pain.\nLabs: Na 137\nExam: Sherlock tip confirmation, Cunningham reduction done\n"
      "PCP: Jennings\nSurgeon: Okafor\nPlan: discussed with Hollis at bedside.\n";
  EXPECT_EQ(found(note, PhiType::name), (Values{"Jennings", "Okafor", "Hollis"}));
  // Elsewhere such a word is still a name.
  EXPECT_EQ(found("We met Cunningham at the station.", PhiType::name), Values{"Cunningham"});
}

TEST_F(ScannerTest, AbbreviationsInCapitalsAreNotPlacesButATownInCapitalsIs) {
  for (const std::string_view note : {"Transferred to PICU on HFNC, MRSA swab negative.", "Labs: VPA level 72, LFTs WNL, plt 198",
                                      "Qb 400, Qd 600, Na 138, Heparin 2000 U bolus", "ENDOCRINOLOGY CONSULT\nReason: hyperglycemia"})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  const std::vector<std::string> towns = found("41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896", PhiType::geography);
  EXPECT_NE(std::find(towns.begin(), towns.end(), "OULU"), towns.end());
}

TEST_F(ScannerTest, DrugsDevicesAndEponymousTestsAndInstrumentsAreNotNames) {
  for (const std::string_view note :
       {"Restarted Eliquis; Hold Xarelto. Zofran PRN, Meropenem S, Cipro R, Bactrim R.",
        "Incision closed with Monocryl and Dermabond; Jackson-Pratt drain to bulb suction. Transferred to PACU.",
        "Lachman negative, McMurray negative, Phalen positive at 30 seconds.",
        "A Balfour retractor was placed, later exchanged for a Bookwalter; Yankauer suction on the field.",
        "MTP via Belmont rapid infuser. Hamilton C6 ventilator, PRVC. Trach Shiley 6.0 cuffless."})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // Towns named like them, or like English words, before their state are places.
  for (const std::string_view town : {"Stryker", "Dix", "Walker Mill"}) {
    const std::string line = "Lives at 7586 Hedgeman Street, " + std::string(town) + ", MA 00818.";
    const std::vector<std::string> places = found(line, PhiType::geography);
    EXPECT_NE(std::find(places.begin(), places.end(), std::string(town)), places.end()) << line;
  }
  // People beside them are still found.
  EXPECT_EQ(found("Maria Lopez was started on Xarelto by Dr. Kelly.", PhiType::name), (Values{"Maria Lopez", "Kelly"}));
  EXPECT_EQ(found("The nurse gave Maria Lopez a dressing change.", PhiType::name), Values{"Maria Lopez"});
}

TEST_F(ScannerTest, SignsAndScoresListedTogetherAreClinicalTerms) {
  // Two eponyms joined by "and"/"or", then a noun, a result or a reading: each was "listed with
  // names" before.
  for (const std::string_view note :
       {"Exam: palate intact, Ortolani and Barlow negative, testes descended.", "Grades on admission: Hunt and Hess 3 | WFNS 2",
        "Consistent with Colles fracture. No Smith or Barton pattern.", "Dx: Parkinson disease, Hoehn and Yahr stage 2.5",
        "Vitals stable.\nGrey Turner and Cullen signs absent.", "Stains: Ziehl-Neelsen and Kinyoun stains negative for AFB."})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // People listed together are still people.
  EXPECT_EQ(found("Seen with Hunt and Hess at the clinic.", PhiType::name), (Values{"Hunt", "Hess"}));
  EXPECT_EQ(found("Dr. Smith and Dr. Barton signed 3 forms.", PhiType::name), (Values{"Smith", "Barton"}));
}

TEST_F(ScannerTest, MedicalWordFormsBrandsAndModelsAreNotNames) {
  for (const std::string_view note :
       {"The gallbladder was removed. Hemostasis was confirmed.", "MICU PROGRESS NOTE - CARDIOGENIC SHOCK",
        "Tube secured with a Hollister AnchorFast holder; positioning by Brainlab ExacTrac.",
        "Machine: Dräger Perseus A500, checked.", "HER2 by Ventana 4B5 was negative.",
        "CABG x 3 (LIMA-LAD, SVG-OM1, SVG-RCA)", "Pupils: OD with RAPD (Marcus Gunn pupil)",
        "Plan: transfer to Mother-Baby unit.", "Pain scored with PAINAD 5. ECG: QTc 512 ms.",
        "US: alpha angle 48 deg, Graf IIc.", "Procedure: prostatectomy (da Vinci Xi) with PLND"})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // A name before a number, in capitals, or in a heading line with no title word, stays.
  EXPECT_EQ(found("Moved to London SW1A 1AA last year with Maria Lopez.", PhiType::name), Values{"Maria Lopez"});
  EXPECT_EQ(found("MS JANE DOE\nDISCHARGE NOTE", PhiType::name), Values{"JANE DOE"});
  EXPECT_EQ(found("Patient Kostoma was seen.", PhiType::name), Values{"Kostoma"});  // a cue beats the word's form
  EXPECT_EQ(found("Thanks to Konstantinos Margaritis for the port.", PhiType::name), Values{"Konstantinos Margaritis"});
  EXPECT_EQ(found("Seen with Smith and Jones 3 times.", PhiType::name), (Values{"Smith", "Jones"}));
  // A lone US place with no cue in a note headed line by line is too unsure to report; elsewhere
  // it is reported as before.
  EXPECT_TRUE(found("Burn: 9% TBSA\nWound: clean\nFluids: per Parkland, 4 mL/kg/%TBSA\n", PhiType::geography).empty());
  EXPECT_EQ(found("We drove through Parkland yesterday.", PhiType::geography), Values{"Parkland"});
}

TEST_F(ScannerTest, ReadingsAndSizesAfterACommaAreNotTownsOrStreets) {
  for (const std::string_view note :
       {"Labs after: Hgb 8.9, Plt 96, INR 1.4, Fibrinogen 160 (Clauss), lactate 3.1.",
        "ICP 22 for 6 min, HOB 30, Hypertonic saline 3% 250 mL, then ICP 15", "Drains: 19 Fr Blake x 2 (near PJ and HJ)",
        "Regimen: 60 Gy in 30 fractions", "Emergence: to PACU on 6 L face mask. Aldrete 9 on arrival.",
        "Device: Integra Camino ICP bolt"})
    for (const Finding& f : scan(note)) ADD_FAILURE() << note << ": " << note.substr(f.begin, f.end - f.begin) << " (" << f.reason << ")";
  // Towns after a house number and a comma, before their postal code or the line's end, stay.
  EXPECT_EQ(found("He lives at 12 Oak Street, Apt 5, Springfield 62704", PhiType::geography),
            (Values{"12 Oak Street", "Apt 5", "Springfield", "62704"}));
  EXPECT_EQ(found("Address: 41 Rua Augusta 17, Coimbra\n", PhiType::geography), (Values{"41 Rua Augusta 17", "Coimbra"}));
  EXPECT_EQ(found("We'll meet at 641 Dašická 688, Turkovice u Přelouče", PhiType::geography),
            (Values{"641 Dašická 688", "Turkovice"}));  // "u", a particle: not an English word);
  EXPECT_EQ(found("He lives at 1200 L Street 5", PhiType::geography), Values{"1200 L Street 5"});
}

TEST_F(ScannerTest, IdentifierLabelsPronounsAndDevicesAreNotNames) {
  EXPECT_TRUE(found("My IBAN is on file. You said I'm late.", PhiType::name).empty());
  EXPECT_TRUE(found("A Venturi mask at 40% and a Denver shunt.", PhiType::name).empty());
}

TEST_F(ScannerTest, ParsesKnownValueFiles) {
  auto parsed = parse_known_values("# patient\nname\tJane Roe\nmrn=123456\n");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].type, PhiType::mrn);
  auto bad = parse_known_values("nickname\tJJ\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().line, 1u);
}

TEST_F(ScannerTest, OddBytesDoNotCrash) {
  static constexpr char kBytes[] = "\x00\xff\xfe MRN: 1234567 \xc3(";
  const std::string binary(kBytes, sizeof kBytes - 1);
  EXPECT_EQ(found(binary, PhiType::mrn), Values{"1234567"});
  const std::string long_line(1 << 20, 'a');
  EXPECT_TRUE(scan(long_line).empty());
}

}  // namespace
}  // namespace ward::phi
