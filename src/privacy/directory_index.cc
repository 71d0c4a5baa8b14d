#include "privacy/directory_index.h"

#include <map>
#include <tuple>

namespace ward::privacy {

DirectoryIndex::DirectoryIndex(store::DirectorySnapshot snapshot) : snapshot_(std::move(snapshot)) {
  for (std::size_t i = 0; i < snapshot_.encounters.size(); ++i) encounter_by_id_.emplace(snapshot_.encounters[i].id, i);
  index_people(0, 0);
  index_encounters();
}

void DirectoryIndex::apply(store::DirectorySnapshot changes) {
  const std::size_t first_user = snapshot_.workforce.size(), first_patient = snapshot_.patients.size();
  for (WorkforceMember& w : changes.workforce) {
    auto it = users_.find(w.id);
    if (it == users_.end()) {
      snapshot_.workforce.push_back(std::move(w));
      continue;
    }
    const std::size_t i = it->second;
    if (!w.employee_id.empty()) users_.emplace(w.employee_id, i);
    user_addresses_[i] = parse_address(w.address);
    user_names_[i] = parse_name(w.name);
    snapshot_.workforce[i] = std::move(w);
  }
  for (PatientRecord& p : changes.patients) {
    auto it = patients_.find(p.id);
    if (it == patients_.end()) {
      snapshot_.patients.push_back(std::move(p));
      continue;
    }
    const std::size_t i = it->second;
    if (!p.mrn.empty()) patients_.emplace(p.mrn, i);
    patient_addresses_[i] = parse_address(p.address);
    patient_names_[i] = parse_name(p.name);
    snapshot_.patients[i] = std::move(p);
  }
  for (EncounterRecord& e : changes.encounters) {
    auto [it, added] = encounter_by_id_.try_emplace(e.id, snapshot_.encounters.size());
    if (added)
      snapshot_.encounters.push_back(std::move(e));
    else
      snapshot_.encounters[it->second] = std::move(e);
  }
  index_people(first_user, first_patient);
  index_encounters();
}

void DirectoryIndex::index_people(std::size_t first_user, std::size_t first_patient) {
  const auto& staff = snapshot_.workforce;
  const auto& patients = snapshot_.patients;
  for (std::size_t i = first_user; i < staff.size(); ++i) {
    users_.emplace(staff[i].id, i);
    if (!staff[i].employee_id.empty()) users_.emplace(staff[i].employee_id, i);
    user_addresses_.push_back(parse_address(staff[i].address));
    user_names_.push_back(parse_name(staff[i].name));
  }
  for (std::size_t i = first_patient; i < patients.size(); ++i) {
    patients_.emplace(patients[i].id, i);
    if (!patients[i].mrn.empty()) patients_.emplace(patients[i].mrn, i);
    patient_addresses_.push_back(parse_address(patients[i].address));
    patient_names_.push_back(parse_name(patients[i].name));
  }
}

void DirectoryIndex::index_encounters() {
  const auto& staff = snapshot_.workforce;
  const auto& patients = snapshot_.patients;
  encounters_.assign(patients.size(), {});
  for (const EncounterRecord& e : snapshot_.encounters)
    if (const PatientRecord* p = patient(e.patient_id)) encounters_[index_of(*p)].push_back(&e);

  // Staff who are patients: the same name and birth date.
  std::map<std::tuple<std::string, std::string, std::string>, const WorkforceMember*> by_identity;
  for (std::size_t i = 0; i < staff.size(); ++i)
    if (!staff[i].birth_date.empty() && !user_names_[i].empty())
      by_identity.emplace(std::tuple(user_names_[i].family, user_names_[i].given, staff[i].birth_date),
                          &staff[i]);
  employee_of_patient_.assign(patients.size(), nullptr);
  for (std::size_t i = 0; i < patients.size(); ++i) {
    auto it = by_identity.find(
        std::tuple(patient_names_[i].family, patient_names_[i].given, patients[i].birth_date));
    if (it != by_identity.end()) employee_of_patient_[i] = it->second;
  }
}

const WorkforceMember* DirectoryIndex::user(std::string_view id) const {
  if (id.empty()) return nullptr;
  auto it = users_.find(id);
  return it == users_.end() ? nullptr : &snapshot_.workforce[it->second];
}

const PatientRecord* DirectoryIndex::patient(std::string_view id) const {
  if (id.empty()) return nullptr;
  auto it = patients_.find(id);
  return it == patients_.end() ? nullptr : &snapshot_.patients[it->second];
}

std::span<const EncounterRecord* const> DirectoryIndex::encounters_of(const PatientRecord& p) const {
  return encounters_[index_of(p)];
}

const PostalAddress& DirectoryIndex::address_of(const WorkforceMember& w) const {
  return user_addresses_[index_of(w)];
}
const PostalAddress& DirectoryIndex::address_of(const PatientRecord& p) const {
  return patient_addresses_[index_of(p)];
}
const PersonName& DirectoryIndex::name_of(const WorkforceMember& w) const {
  return user_names_[index_of(w)];
}
const PersonName& DirectoryIndex::name_of(const PatientRecord& p) const {
  return patient_names_[index_of(p)];
}
const WorkforceMember* DirectoryIndex::employee_as(const PatientRecord& p) const {
  return employee_of_patient_[index_of(p)];
}

}  // namespace ward::privacy
