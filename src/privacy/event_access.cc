// Turning a stored ehr_access event into the engine's Access (see event_access.h).
#include "privacy/event_access.h"

#include <algorithm>

namespace ward::privacy {

Access access_from_event(const store::EventRow& row, const DirectoryIndex& directory) {
  return access_from_event(store::EventRow(row), directory);
}

Access access_from_event(store::EventRow&& row, const DirectoryIndex& directory) {
  return access_from_event(std::move(row), directory, nullptr);
}

PeopleByKey::PeopleByKey(std::span<const std::string> dictionary, const DirectoryIndex& directory) {
  add_keys(dictionary, directory);
}

PeopleByKey::PeopleByKey(const PeopleByKey& earlier, std::span<const std::string> dictionary,
                         const DirectoryIndex& directory)
    : users_(earlier.users_), patients_(earlier.patients_) {
  add_keys(dictionary, directory);
}

void PeopleByKey::add_keys(std::span<const std::string> dictionary, const DirectoryIndex& directory) {
  const std::size_t from = std::min(users_.size(), dictionary.size());
  users_.resize(dictionary.size());
  patients_.resize(dictionary.size());
  for (std::size_t key = from; key < dictionary.size(); ++key) {
    users_[key] = directory.user(dictionary[key]);
    patients_[key] = directory.patient(dictionary[key]);
  }
}

bool PeopleByKey::resolve(const store::EventRow& row, Access& a) const {
  if (users_.empty()) return false;
  auto at = [](const auto& table, std::int64_t key) {
    const auto i = static_cast<std::size_t>(key);
    return key > 0 && i < table.size() ? table[i] : nullptr;
  };
  // As resolve_people: the patient by the recorded id, else by the MRN.
  a.user = at(users_, row.user_key);
  a.patient = at(patients_, row.patient_key);
  if (a.patient == nullptr) a.patient = at(patients_, row.mrn_key);
  return true;
}

Access access_from_event(store::EventRow&& row, const DirectoryIndex& directory, const PeopleByKey* people) {
  Access a;
  const bool resolved = people != nullptr && people->resolve(row, a);
  a.seq = row.seq;
  a.event_id = std::move(row.event_id);
  a.time = row.time;
  a.action = row.action;
  a.user_id = std::move(row.user_id);
  a.patient_id = !row.patient_id.empty() ? std::move(row.patient_id) : row.patient_mrn;
  a.role = std::move(row.role);
  a.department = std::move(row.department);
  a.object = std::move(row.object);
  a.purpose = std::move(row.purpose);
  a.patient_mrn = std::move(row.patient_mrn);
  if (!resolved) resolve_people(a, directory);
  return a;
}

void resolve_people(Access& a, const DirectoryIndex& directory) {
  a.user = directory.user(a.user_id);
  a.patient = directory.patient(a.patient_id);
  if (a.patient == nullptr && !a.patient_mrn.empty()) a.patient = directory.patient(a.patient_mrn);
}

Access access_from_event(const Event& e, std::int64_t seq) {
  // As the store keeps it: the patient id column holds the MRN when the event has no id.
  Access a;
  a.seq = seq;
  a.event_id = e.id;
  a.time = e.time;
  a.action = e.action;
  a.user_id = e.actor.user_id;
  a.patient_id = !e.patient.id.empty() ? e.patient.id : e.patient.mrn;
  a.role = e.actor.role;
  a.department = e.actor.department;
  a.object = e.object;
  a.purpose = e.purpose;
  a.patient_mrn = e.patient.mrn;
  return a;
}

template <class Person, class Find>
const Person* PeopleByKeySeen::find(Table<Person>& table, std::int64_t key, Find&& by_string) {
  if (key <= 0) return by_string();
  const auto i = static_cast<std::size_t>(key);
  if (i >= table.found.size()) {
    table.found.resize(std::max(i + 1, 2 * table.found.size()), nullptr);
    table.looked_up.resize(table.found.size(), false);
  }
  if (!table.looked_up[i]) {
    table.found[i] = by_string();
    table.looked_up[i] = true;
  }
  return table.found[i];
}

void PeopleByKeySeen::resolve(Access& a, const store::HandedEvents::Keys& keys, const DirectoryIndex& directory) {
  // As resolve_people: the patient by the recorded id, else by the MRN.
  a.user = find(users_, keys.user, [&] { return directory.user(a.user_id); });
  a.patient = find(patients_, keys.patient, [&] { return directory.patient(a.patient_id); });
  if (a.patient == nullptr && !a.patient_mrn.empty())
    a.patient = find(patients_, keys.mrn, [&] { return directory.patient(a.patient_mrn); });
}

std::span<const EncounterRecord* const> encounters_for(const Access& access,
                                                       const DirectoryIndex& directory) {
  if (access.patient == nullptr) return {};
  return directory.encounters_of(*access.patient);
}

}  // namespace ward::privacy
