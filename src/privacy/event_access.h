// One ehr_access event from the store as the engine sees it: the Access with its user and
// patient looked up in the directory. The engine reads every access through it, and so does
// anything else that explains accesses outside a run (src/case_review).
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "core/prefetch.h"
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
  // The same, taking what `earlier` (made with the same directory, of a dictionary this one
  // extends: keys name the same strings) found and looking up only the keys it did not have.
  PeopleByKey(const PeopleByKey& earlier, std::span<const std::string> dictionary, const DirectoryIndex& directory);
  // What resolve_people would find for the row's ids; false when the row has no keys (then
  // nothing is set).
  bool resolve(const store::EventRow& row, Access& access) const;

 private:
  // Looks up the keys from users_.size() on.
  void add_keys(std::span<const std::string> dictionary, const DirectoryIndex& directory);

  std::vector<const WorkforceMember*> users_;
  std::vector<const PatientRecord*> patients_;
};

// access_from_event, resolving the people by the row's keys when `people` is given and the row
// has them.
Access access_from_event(store::EventRow&& row, const DirectoryIndex& directory, const PeopleByKey* people);

// Looks the access's user and patient up again (after the directory changed): by the recorded
// ids, the patient also by the recorded MRN.
void resolve_people(Access& access, const DirectoryIndex& directory);

// The access a parsed event records, stored under `seq` (what access_from_event reads back for
// it), without its people.
Access access_from_event(const Event& event, std::int64_t seq);

// What resolve_people finds, by the store's string ids of the access's ids (HandedEvents::Keys):
// each id is looked up by its string the first time its key is seen. For accesses the store
// handed over, which carry their keys but no dictionary (PeopleByKey). One per thread; valid
// while the directory does not change.
class PeopleByKeySeen {
 public:
  void resolve(Access& access, const store::HandedEvents::Keys& keys, const DirectoryIndex& directory);

 private:
  // Entries by key; `looked_up` says which are filled.
  template <class Person>
  struct Table {
    std::vector<const Person*> found;
    std::vector<bool> looked_up;
  };
  template <class Person, class Find>
  static const Person* find(Table<Person>& table, std::int64_t key, Find&& by_string);

  Table<WorkforceMember> users_;
  Table<PatientRecord> patients_;  // by patient id and by MRN alike, as PeopleByKey
};

// The encounters explanation rules may look at for `access`: the patient's; none when the
// directory does not know the patient (then only purpose rules can apply).
std::span<const EncounterRecord* const> encounters_for(const Access& access,
                                                       const DirectoryIndex& directory);

// Asks the CPU for what matching will read (explain.h) a few accesses before it does: a month's
// encounters do not fit in the caches, and matching an access is mostly waiting for its
// patient's encounter list, then the records, then their participants, each found through the
// one before. Called before judging access `k` of `encounters` (each access's
// encounters_for), it asks for the list of access k + 16, the records of k + 8 (their lists
// asked for before) and the participants (the first 8) of k + 3. Changes nothing but when
// memory is read.
inline void prefetch_for_matching(std::span<const std::span<const EncounterRecord* const>> encounters,
                                  std::size_t k) {
  constexpr std::size_t kList = 16, kRecords = 8, kParticipants = 3;
  if (k + kList < encounters.size()) prefetch_lines(encounters[k + kList].data(), 1);
  if (k + kRecords < encounters.size())
    for (const EncounterRecord* e : encounters[k + kRecords])
      if (e != nullptr) prefetch_lines(e, sizeof(EncounterRecord));
  if (k + kParticipants < encounters.size())
    for (const EncounterRecord* e : encounters[k + kParticipants])
      if (e != nullptr)
        prefetch_lines(e->participants.data(),
                       std::min<std::size_t>(e->participants.size(), 8) * sizeof(EncounterParticipant));
}

}  // namespace ward::privacy
