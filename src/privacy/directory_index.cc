#include "privacy/directory_index.h"

#include <algorithm>

namespace ward::privacy {
namespace {

void sort_unique(std::vector<std::size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string identity(const PersonName& name, const std::string& birth_date) {
  return name.family + '\x1f' + name.given + '\x1f' + birth_date;
}

}  // namespace

DirectoryIndex::DirectoryIndex(store::DirectorySnapshot snapshot) : snapshot_(std::move(snapshot)) {
  std::vector<std::string> keys;     // every id is new here
  std::vector<std::size_t> touched;  // every patient is matched below anyway
  user_addresses_.resize(snapshot_.workforce.size());
  user_names_.resize(snapshot_.workforce.size());
  for (std::size_t i = 0; i < snapshot_.workforce.size(); ++i) {
    index_user(i, keys);
    add_user_identity(i, touched);
  }
  patient_addresses_.resize(snapshot_.patients.size());
  patient_names_.resize(snapshot_.patients.size());
  employee_of_patient_.assign(snapshot_.patients.size(), kNone);
  for (std::size_t i = 0; i < snapshot_.patients.size(); ++i) {
    index_patient(i, keys);
    match_employee(i);
  }
  encounters_.resize(snapshot_.patients.size());
  encounter_patient_.assign(snapshot_.encounters.size(), kNone);
  for (std::uint32_t e = 0; e < snapshot_.encounters.size(); ++e) {
    encounter_by_id_.emplace(snapshot_.encounters[e].id, e);
    place_encounter(e, touched);
  }
}

DirectoryIndex::Changes DirectoryIndex::apply(store::DirectorySnapshot changes) {
  Changes out;
  std::vector<std::string> new_keys;
  for (WorkforceMember& w : changes.workforce) {
    auto it = users_.find(w.id);
    std::size_t i = 0;
    if (it == users_.end()) {
      i = snapshot_.workforce.size();
      snapshot_.workforce.push_back(std::move(w));
      user_addresses_.emplace_back();
      user_names_.emplace_back();
    } else {
      i = it->second;
      forget_user_identity(i, out.patients);
      snapshot_.workforce[i] = std::move(w);
    }
    index_user(i, new_keys);
    add_user_identity(i, out.patients);
    out.users.push_back(i);
  }
  for (PatientRecord& p : changes.patients) {
    auto it = patients_.find(p.id);
    std::size_t i = 0;
    if (it == patients_.end()) {
      i = snapshot_.patients.size();
      snapshot_.patients.push_back(std::move(p));
      patient_addresses_.emplace_back();
      patient_names_.emplace_back();
      employee_of_patient_.push_back(kNone);
      encounters_.emplace_back();
    } else {
      i = it->second;
      if (const std::string old = identity_of_patient(i); !old.empty()) std::erase(patients_by_identity_[old], i);
      snapshot_.patients[i] = std::move(p);
    }
    index_patient(i, new_keys);
    out.patients.push_back(i);
  }
  sort_unique(out.patients);
  for (std::size_t i : out.patients) match_employee(i);

  // Encounters: room first, so the lists never hold pointers into a freed array.
  std::size_t added = 0;
  for (const EncounterRecord& e : changes.encounters) added += encounter_by_id_.count(e.id) == 0 ? 1 : 0;
  if (snapshot_.encounters.size() + added > snapshot_.encounters.capacity()) {
    snapshot_.encounters.reserve(std::max(2 * snapshot_.encounters.capacity(), snapshot_.encounters.size() + added));
    repoint_encounters();
  }
  for (EncounterRecord& e : changes.encounters) {
    auto [it, is_new] = encounter_by_id_.try_emplace(e.id, snapshot_.encounters.size());
    const auto k = static_cast<std::uint32_t>(it->second);
    if (is_new) {
      snapshot_.encounters.push_back(std::move(e));
      encounter_patient_.push_back(kNone);
    } else {
      unplace_encounter(k, out.patients);
      snapshot_.encounters[k] = std::move(e);
    }
    place_encounter(k, out.patients);
  }
  // Encounters that named a patient by an id nobody had until now.
  for (const std::string& key : new_keys) {
    auto it = unplaced_encounters_.find(key);
    if (it == unplaced_encounters_.end()) continue;
    const std::vector<std::uint32_t> waiting = std::move(it->second);
    unplaced_encounters_.erase(it);
    for (std::uint32_t k : waiting) place_encounter(k, out.patients);
  }
  sort_unique(out.users);
  sort_unique(out.patients);
  out.new_ids = std::move(new_keys);
  return out;
}

void DirectoryIndex::index_user(std::size_t i, std::vector<std::string>& new_keys) {
  const WorkforceMember& w = snapshot_.workforce[i];
  for (const std::string* key : {&w.id, &w.employee_id})
    if (!key->empty() && users_.emplace(*key, i).second) new_keys.push_back(*key);
  user_addresses_[i] = parse_address(w.address);
  user_names_[i] = parse_name(w.name);
}

void DirectoryIndex::index_patient(std::size_t i, std::vector<std::string>& new_keys) {
  const PatientRecord& p = snapshot_.patients[i];
  for (const std::string* key : {&p.id, &p.mrn})
    if (!key->empty() && patients_.emplace(*key, i).second) new_keys.push_back(*key);
  patient_addresses_[i] = parse_address(p.address);
  patient_names_[i] = parse_name(p.name);
  if (const std::string id = identity_of_patient(i); !id.empty())
    patients_by_identity_[id].push_back(static_cast<std::uint32_t>(i));
}

// "" for a record that cannot match: staff need a name and a birth date.
std::string DirectoryIndex::identity_of_user(std::size_t i) const {
  const WorkforceMember& w = snapshot_.workforce[i];
  if (w.birth_date.empty() || user_names_[i].empty()) return {};
  return identity(user_names_[i], w.birth_date);
}

std::string DirectoryIndex::identity_of_patient(std::size_t i) const {
  const PatientRecord& p = snapshot_.patients[i];
  if (p.birth_date.empty() || patient_names_[i].empty()) return {};
  return identity(patient_names_[i], p.birth_date);
}

void DirectoryIndex::forget_user_identity(std::size_t i, std::vector<std::size_t>& touched) {
  const std::string id = identity_of_user(i);
  if (id.empty()) return;
  auto it = staff_by_identity_.find(id);
  if (it == staff_by_identity_.end()) return;
  it->second.erase(static_cast<std::uint32_t>(i));
  if (it->second.empty()) staff_by_identity_.erase(it);
  if (auto p = patients_by_identity_.find(id); p != patients_by_identity_.end())
    touched.insert(touched.end(), p->second.begin(), p->second.end());
}

void DirectoryIndex::add_user_identity(std::size_t i, std::vector<std::size_t>& touched) {
  const std::string id = identity_of_user(i);
  if (id.empty()) return;
  staff_by_identity_[id].insert(static_cast<std::uint32_t>(i));
  if (auto p = patients_by_identity_.find(id); p != patients_by_identity_.end())
    touched.insert(touched.end(), p->second.begin(), p->second.end());
}

void DirectoryIndex::match_employee(std::size_t patient) {
  employee_of_patient_[patient] = kNone;
  const std::string id = identity_of_patient(patient);
  if (id.empty()) return;
  if (auto it = staff_by_identity_.find(id); it != staff_by_identity_.end())
    employee_of_patient_[patient] = *it->second.begin();
}

void DirectoryIndex::place_encounter(std::uint32_t e, std::vector<std::size_t>& touched) {
  const EncounterRecord& record = snapshot_.encounters[e];
  const PatientRecord* p = patient(record.patient_id);
  if (p == nullptr) {
    encounter_patient_[e] = kNone;
    unplaced_encounters_[record.patient_id].push_back(e);
    return;
  }
  const std::size_t i = index_of(*p);
  encounter_patient_[e] = static_cast<std::uint32_t>(i);
  auto& list = encounters_[i];
  list.insert(std::upper_bound(list.begin(), list.end(), &record, std::less<>{}), &record);
  touched.push_back(i);
}

void DirectoryIndex::unplace_encounter(std::uint32_t e, std::vector<std::size_t>& touched) {
  const EncounterRecord& record = snapshot_.encounters[e];
  const std::uint32_t i = encounter_patient_[e];
  if (i == kNone) {
    auto it = unplaced_encounters_.find(record.patient_id);
    if (it == unplaced_encounters_.end()) return;
    std::erase(it->second, e);
    if (it->second.empty()) unplaced_encounters_.erase(it);
    return;
  }
  std::erase(encounters_[i], &record);
  touched.push_back(i);
}

void DirectoryIndex::repoint_encounters() {
  for (auto& list : encounters_) list.clear();
  for (std::uint32_t e = 0; e < encounter_patient_.size(); ++e)
    if (encounter_patient_[e] != kNone) encounters_[encounter_patient_[e]].push_back(&snapshot_.encounters[e]);
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
  const std::uint32_t i = employee_of_patient_[index_of(p)];
  return i == kNone ? nullptr : &snapshot_.workforce[i];
}

}  // namespace ward::privacy
