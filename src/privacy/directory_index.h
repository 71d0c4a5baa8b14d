// The directory as the privacy engine looks things up: a user or patient under any of their ids
// (FHIR id, employee id, MRN), a patient's encounters, the staff who are also patients, and
// names and addresses parsed once.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "privacy/relationships.h"
#include "store/privacy_rows.h"

namespace ward::privacy {

class DirectoryIndex {
 public:
  explicit DirectoryIndex(store::DirectorySnapshot snapshot);
  DirectoryIndex(const DirectoryIndex&) = delete;
  DirectoryIndex& operator=(const DirectoryIndex&) = delete;

  // Takes records as the store now holds them (after a commit): each replaces the record with
  // its id, or is added. A record keeps its index (index_of), but pointers handed out before
  // may dangle: look people up again afterwards.
  void apply(store::DirectorySnapshot changes);

  const WorkforceMember* user(std::string_view id) const;  // by id or employee id
  const PatientRecord* patient(std::string_view id) const;  // by id or MRN
  // The patient's encounters, whichever id (FHIR id or MRN) they were recorded under.
  std::span<const EncounterRecord* const> encounters_of(const PatientRecord& patient) const;

  // Parsed once: the home address and name of a staff member or a patient.
  const PostalAddress& address_of(const WorkforceMember& w) const;
  const PostalAddress& address_of(const PatientRecord& p) const;
  const PersonName& name_of(const WorkforceMember& w) const;
  const PersonName& name_of(const PatientRecord& p) const;
  // The staff member this patient is (same name and birth date), nullptr when none.
  const WorkforceMember* employee_as(const PatientRecord& p) const;

  const store::DirectorySnapshot& snapshot() const { return snapshot_; }

  // A record's position in the snapshot (0 … size - 1): a dense key for per-person tables.
  std::size_t index_of(const WorkforceMember& w) const { return static_cast<std::size_t>(&w - snapshot_.workforce.data()); }
  std::size_t index_of(const PatientRecord& p) const { return static_cast<std::size_t>(&p - snapshot_.patients.data()); }

 private:

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using IdMap = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;

  void index_people(std::size_t first_user, std::size_t first_patient);
  void index_encounters();  // encounters_ and employee_of_patient_, from scratch

  store::DirectorySnapshot snapshot_;
  std::unordered_map<std::string, std::size_t> encounter_by_id_;
  IdMap users_, patients_;  // looked up by string_view, without a copy
  std::vector<std::vector<const EncounterRecord*>> encounters_;  // by patient index
  std::vector<PostalAddress> user_addresses_, patient_addresses_;
  std::vector<PersonName> user_names_, patient_names_;
  std::vector<const WorkforceMember*> employee_of_patient_;  // by patient index
};

}  // namespace ward::privacy
