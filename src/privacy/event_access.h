// One ehr_access event from the store as the engine sees it: the Access with its user and
// patient looked up in the directory. The engine reads every access through it, and so does
// anything else that explains accesses outside a run (src/case_review).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "privacy/access.h"
#include "privacy/directory_index.h"
#include "store/store.h"

namespace ward::privacy {

// The access `row` records; user and patient point into `directory` (nullptr when it does not
// know them) and stay valid as long as it lives.
Access access_from_event(const store::EventRow& row, const DirectoryIndex& directory);
// The same, taking the row's strings instead of copying them.
Access access_from_event(store::EventRow&& row, const DirectoryIndex& directory);

// The people the directory holds under each string of a scan's dictionary, looked up once, so
// that accesses read with their keys (EventRow::user_key, patient_key, mrn_key) are resolved by
// index rather than by string: a run reads millions of accesses naming a few thousand people.
// Valid while the directory does not change.
class PeopleByKey {
 public:
  PeopleByKey(std::span<const std::string> dictionary, const DirectoryIndex& directory);
  // What resolve_people would find for the row's ids; false when the row has no keys (then
  // nothing is set).
  bool resolve(const store::EventRow& row, Access& access) const;

 private:
  std::vector<const WorkforceMember*> users_;
  std::vector<const PatientRecord*> patients_;
};

// access_from_event, resolving the people by the row's keys when `people` is given and the row
// has them.
Access access_from_event(store::EventRow&& row, const DirectoryIndex& directory, const PeopleByKey* people);

// Looks the access's user and patient up again (after the directory changed): by the recorded
// ids, the patient also by the recorded MRN.
void resolve_people(Access& access, const DirectoryIndex& directory);

// The encounters explanation rules may look at for `access`: the patient's; none when the
// directory does not know the patient (then only purpose rules can apply).
std::span<const EncounterRecord* const> encounters_for(const Access& access,
                                                       const DirectoryIndex& directory);

// Asks the CPU for the encounter records matching will read (explain.h), a few accesses before
// it does: a month's encounters do not fit in the caches, and matching an access is mostly
// waiting for its patient's records. Changes nothing but when memory is read.
inline void prefetch_encounters(std::span<const EncounterRecord* const> encounters) {
  constexpr std::size_t kCacheLine = 64;
  for (const EncounterRecord* e : encounters) {
    if (e == nullptr) continue;
    const auto* bytes = reinterpret_cast<const char*>(e);
    for (std::size_t at = 0; at < sizeof(EncounterRecord); at += kCacheLine) __builtin_prefetch(bytes + at);
  }
}

}  // namespace ward::privacy
