// De-identifies free text under a policy: the PHI scanner finds the identifiers, and each
// finding at or above the policy's confidence is replaced as its type's action says. A value
// whose action cannot be applied (a date that does not parse for a shift) is redacted: nothing
// found is ever passed through unchanged unless the policy says keep.
//
//   TextDeidentifier deid(policy, scanner, linker);
//   auto out = deid.deidentify(text, scratch, "note-17.txt");   // out->text, out->changed
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "deid/linker.h"
#include "deid/policy.h"
#include "phi/scanner.h"

namespace ward::deid {

// What a name field holds: a whole name ("John Smith", "Smith, John"), or only given or family names.
enum class NamePart : std::uint8_t { whole, given, family };

// Changes by PHI type (keep is not a change).
struct ChangeCounts {
  std::array<std::uint64_t, phi::kPhiTypeCount> by_type{};
  // Embedded documents Ward cannot read (PDF, images, word processor files in HL7 v2 OBX-5 of type
  // ED and FHIR attachments) whose data was removed.
  std::uint64_t documents_removed = 0;
  std::uint64_t total() const;
  ChangeCounts& operator+=(const ChangeCounts& other);
};

struct Deidentified {
  std::string text;
  ChangeCounts changed;
};

class TextDeidentifier {
 public:
  // All three must outlive it; the linker is used by one thread at a time.
  TextDeidentifier(const Policy& policy, const phi::Scanner& scanner, Linker& linker)
      : policy_(policy), scanner_(scanner), linker_(linker) {}

  // `record` names whom the text is about (a patient id, or the file) for the date offset.
  Result<Deidentified> deidentify(std::string_view text, phi::ScanScratch& scratch, std::string_view record,
                                  const std::vector<phi::KnownValue>& known = {}) {
    return deidentify_markup(text, text, scratch, record, known);
  }
  // The same for text with markup (XHTML): PHI is looked for in `scanned`, `text` with its tags
  // blanked out (the same length), and replaced in `text`, so the tags stay as they were.
  Result<Deidentified> deidentify_markup(std::string_view text, std::string_view scanned, phi::ScanScratch& scratch,
                                         std::string_view record, const std::vector<phi::KnownValue>& known = {});

  // The replacement of one found value (the policy's action for its type); for formats whose
  // fields are typed without a scan. `part` says which part of a name a name field holds (HL7
  // XPN component 2, FHIR name.given), so it gets the same surrogate as in free text.
  Result<std::string> replace(phi::PhiType type, std::string_view value, std::string_view record,
                              NamePart part = NamePart::whole);

  const Policy& policy() const { return policy_; }
  const phi::Scanner& scanner() const { return scanner_; }
  Linker& linker() const { return linker_; }

  // The days this record's dates move by (negative: earlier), the same on every call.
  Result<int> date_offset(std::string_view record);
  // The linker's consistent number for a value (new DICOM UIDs are made from it).
  Result<std::uint64_t> link_number(std::string_view kind, std::string_view value) { return linker_.number(kind, value); }

 private:
  Result<std::string> surrogate(phi::PhiType type, std::string_view value, std::string_view record, NamePart part);
  Result<void> replace_around_markup(const phi::Finding& f, std::string_view text, std::string_view scanned,
                                     std::string_view record, std::string& out);
  Result<std::string> generalise(phi::PhiType type, std::string_view value);
  Result<std::string> pseudonym(phi::PhiType type, std::string_view value);
  Result<std::string> shifted_date(std::string_view value, std::string_view record);
  Result<std::string> surrogate_name(std::string_view value, bool place, NamePart part = NamePart::whole);

  const Policy& policy_;
  const phi::Scanner& scanner_;
  Linker& linker_;
};

// "[NAME]", "[HEALTH_PLAN]": a redacted value.
std::string redaction_label(phi::PhiType type);
// The value as linked: case folded, runs of spaces one space; identifiers letters and digits only.
std::string normalise_for_link(phi::PhiType type, std::string_view value);

}  // namespace ward::deid
