// The directory as the privacy engine looks things up: a user or patient under any of their ids
// (FHIR id, employee id, MRN), a patient's encounters, the staff who are also patients, and
// names and addresses parsed once. Built once from a snapshot; apply() takes a commit's records
// and updates only what they touch (live scoring in `ward serve`). Not thread-safe.
#pragma once

#include <cstdint>
#include <set>
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

  // What apply() changed, by index_of: what was derived from these people may differ now.
  struct Changes {
    std::vector<std::size_t> users;  // staff written (added or replaced); sorted, unique
    // Patients written, whose encounters were written or moved to them, or who may be another
    // staff member now (employee_as; also when that staff member's record changed); sorted, unique.
    std::vector<std::size_t> patients;
    std::vector<std::string> new_ids;  // ids, employee ids and MRNs the directory did not know
  };
  // Takes records as the store now holds them (after a commit): each replaces the record with
  // its id, or is added. A record keeps its index (index_of), but pointers handed out before
  // may dangle: look people up again afterwards.
  Changes apply(store::DirectorySnapshot changes);

  const WorkforceMember* user(std::string_view id) const;  // by id or employee id
  const PatientRecord* patient(std::string_view id) const;  // by id or MRN
  // The patient's encounters, whichever id (FHIR id or MRN) they were recorded under, in the
  // order the directory got them.
  std::span<const EncounterRecord* const> encounters_of(const PatientRecord& patient) const;

  // Parsed once: the home address and name of a staff member or a patient.
  const PostalAddress& address_of(const WorkforceMember& w) const;
  const PostalAddress& address_of(const PatientRecord& p) const;
  const PersonName& name_of(const WorkforceMember& w) const;
  const PersonName& name_of(const PatientRecord& p) const;
  // The staff member this patient is (same name and birth date; the first in the directory
  // when several are), nullptr when none.
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
  static constexpr std::uint32_t kNone = ~0u;

  // Each keeps its id (and alias) and parsed fields up to date; new ids go to `new_keys`.
  void index_user(std::size_t i, std::vector<std::string>& new_keys);
  void index_patient(std::size_t i, std::vector<std::string>& new_keys);
  // Staff and patients by identity (family name, given name, birth date), for employee_as; the
  // patients who share a changed identity go to `touched`.
  std::string identity_of_user(std::size_t i) const;
  std::string identity_of_patient(std::size_t i) const;
  void forget_user_identity(std::size_t i, std::vector<std::size_t>& touched);
  void add_user_identity(std::size_t i, std::vector<std::size_t>& touched);
  void match_employee(std::size_t patient);
  // An encounter into its patient's list (or aside until the patient is known), and back out.
  void place_encounter(std::uint32_t e, std::vector<std::size_t>& touched);
  void unplace_encounter(std::uint32_t e, std::vector<std::size_t>& touched);
  void repoint_encounters();  // every list anew, after the encounters moved in memory

  store::DirectorySnapshot snapshot_;
  IdMap users_, patients_;  // looked up by string_view, without a copy
  std::unordered_map<std::string, std::size_t> encounter_by_id_;
  std::vector<std::uint32_t> encounter_patient_;  // by encounter index: its patient, kNone when unknown
  // Encounters of patients not known (yet), by the patient id they name.
  std::unordered_map<std::string, std::vector<std::uint32_t>> unplaced_encounters_;
  std::vector<std::vector<const EncounterRecord*>> encounters_;  // by patient index, in index order
  std::vector<PostalAddress> user_addresses_, patient_addresses_;
  std::vector<PersonName> user_names_, patient_names_;
  std::unordered_map<std::string, std::set<std::uint32_t>> staff_by_identity_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> patients_by_identity_;
  std::vector<std::uint32_t> employee_of_patient_;  // by patient index: a staff index or kNone
};

}  // namespace ward::privacy
