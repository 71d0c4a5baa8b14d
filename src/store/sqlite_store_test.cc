#include "store/store.h"

#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;
using testing::db_at_version;
using testing::query;

// Adds an access by `user` to `patient` at minute `minute` of 2026-11-01 UTC.
void add_access(ingest::ParsedRecords& r, std::string_view user, std::string_view patient_id,
                std::string_view mrn, int minute, Action action = Action::read) {
  Event& e = r.events.start_event();
  e.time = *parse_iso8601("2026-11-01T00:00:00Z") + TimeNs{minute} * 60 * kNsPerSecond;
  e.kind = EventKind::ehr_access;
  e.action = action;
  e.outcome = Outcome::success;
  e.actor.user_id = r.events.keep(user);
  e.actor.ip = r.events.keep("10.0.0.7");
  e.patient.id = r.events.keep(patient_id);
  e.patient.mrn = r.events.keep(mrn);
  e.source = r.events.keep("test.ndjson");
}

// add_access with the source's own event id.
void add_access_with_id(ingest::ParsedRecords& r, std::string_view id, std::string_view user,
                        std::string_view patient_id, int minute) {
  add_access(r, user, patient_id, "", minute);
  r.events.events().back().id = r.events.keep(id);
}


TEST(SqliteStore, AnswersWhoTouchedThisPatientUnderEitherId) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  ingest::ParsedRecords r;
  r.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "1 Elm St", "1980-01-02", false, "t"});
  add_access(r, "E1", "pat-1", "", 1);
  add_access(r, "E2", "", "MRN1", 2);   // a CSV log that knows only the MRN
  add_access(r, "E1", "pat-2", "", 3);  // someone else
  ASSERT_TRUE((*store)->accept(r));

  for (std::string id : {"pat-1", "MRN1"}) {
    auto page = (*store)->find_events({.patient = id});
    ASSERT_TRUE(page) << page.error().describe();
    ASSERT_EQ(page->rows.size(), 2u) << id;
    EXPECT_EQ(page->rows[0].user_id, "E2");  // newest first
    EXPECT_EQ(page->rows[1].user_id, "E1");
    EXPECT_EQ(page->rows[1].ip, "10.0.0.7");
    EXPECT_EQ(page->rows[1].action, Action::read);
  }
  auto none = (*store)->find_events({.patient = "nobody"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->rows.empty());
}

TEST(SqliteStore, AnswersWhatDidThisUserTouchUnderEmployeeOrPractitionerId) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  WorkforceMember w;
  w.id = "prac-1";
  w.employee_id = "E1";
  w.name = "Gregory House";
  r.workforce.push_back(w);
  add_access(r, "E1", "pat-1", "", 1);
  add_access(r, "prac-1", "pat-2", "", 2);
  add_access(r, "E9", "pat-3", "", 3);
  ASSERT_TRUE((*store)->accept(r));
  for (std::string id : {"E1", "prac-1"}) {
    auto page = (*store)->find_events({.user = id});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->rows.size(), 2u) << id;
  }
}

TEST(SqliteStore, PagesWithCursorWithoutLosingOrRepeatingRows) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  for (int i = 0; i < 25; ++i) add_access(r, "E1", "pat-1", "", i / 2);  // ties in time
  ASSERT_TRUE((*store)->accept(r));
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = (*store)->find_events({.patient = "pat-1", .limit = 10, .cursor = cursor});
    ASSERT_TRUE(page);
    for (const auto& row : page->rows) EXPECT_TRUE(seen.insert(row.seq).second);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 3);
  auto bad = (*store)->find_events({.cursor = "garbage"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "cursor");
}

TEST(SqliteStore, TimeWindowIsInclusiveFromExclusiveTo) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  for (int i = 0; i < 5; ++i) add_access(r, "E1", "pat-1", "", i);
  ASSERT_TRUE((*store)->accept(r));
  TimeNs base = *parse_iso8601("2026-11-01T00:00:00Z");
  auto page = (*store)->find_events({.from = base + 60 * kNsPerSecond, .to = base + 180 * kNsPerSecond});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->rows.size(), 2u);
}

TEST(SqliteStore, TwoProcessesCommitInTurnWithoutLockingEachOtherOut) {
  // `ward serve` and a `ward import` beside it: two stores on one file, each looking up strings
  // and MRNs the other wrote. A lookup left on its row once kept a snapshot open past COMMIT, and
  // the next batch failed at once with "database is locked".
  TempDir dir;
  auto served = open_sqlite_store(dir.path());
  auto importer = open_sqlite_store(dir.path());
  ASSERT_TRUE(served && importer);
  int minute = 0;
  for (int round = 0; round < 3; ++round) {
    for (Store* store : {served->get(), importer->get()}) {
      ingest::ParsedRecords r;
      r.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "1980-01-02", false, "fhir"});
      add_access(r, "jdoe", "pat-1", "MRN1", ++minute);
      auto accepted = store->accept(r);
      ASSERT_TRUE(accepted) << "round " << round << ": " << accepted.error().describe();
    }
  }
  auto counts = (*served)->counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->events, 6u);
  EXPECT_EQ(counts->patients, 1u);
}

TEST(SqliteStore, MergesDirectoryRecordsAndKeepsQuarantineAcrossReopen) {
  TempDir dir;
  {
    auto store = open_sqlite_store(dir.path());
    ASSERT_TRUE(store);
    ingest::ParsedRecords r;
    r.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "1980-01-02", false, "fhir"});
    // HL7 v2 knows the patient only by MRN and adds the address.
    r.patients.push_back({"MRN1", "MRN1", "", "1 Elm St", "", true, "adt"});
    EncounterRecord enc;
    enc.id = "V1";
    enc.patient_id = "MRN1";
    enc.participants.push_back({"E1", "ATND"});
    r.encounters.push_back(enc);
    r.rejections.push_back({Error{ErrorCode::invalid_input, "not a valid date", "bad.ndjson", 7, 300, "recorded"},
                            "AuditEvent", "{\"resourceType\":\"AuditEvent\"}"});
    ASSERT_TRUE((*store)->accept(r));
  }
  auto store = open_sqlite_store(dir.path());  // migrations are not applied twice
  ASSERT_TRUE(store) << store.error().describe();
  auto p = (*store)->find_patient("MRN1");
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->id, "pat-1");
  EXPECT_EQ((*p)->name, "Ada Lovelace");
  EXPECT_EQ((*p)->address, "1 Elm St");
  EXPECT_TRUE((*p)->confidential);
  auto encounters = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(encounters);
  ASSERT_EQ(encounters->size(), 1u);
  EXPECT_EQ((*encounters)[0].participants.at(0).user_id, "E1");
  auto q = (*store)->quarantined(10);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].source, "bad.ndjson");
  EXPECT_EQ((*q)[0].line, 7u);
  EXPECT_EQ((*q)[0].field, "recorded");
  auto c = (*store)->counts();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->patients, 1u);
  EXPECT_EQ(c->quarantined, 1u);
}

TEST(SqliteStore, AnMrnOnlyPatientTakesTheFhirIdWhenItArrivesLater) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords first;  // an HL7 v2 feed imported before the FHIR directory
  first.patients.push_back({"MRN1", "MRN1", "", "1 Elm St", "", false, "adt"});
  EncounterRecord enc;
  enc.id = "V1";
  enc.patient_id = "MRN1";
  enc.participants.push_back({"E1", "ATND"});
  first.encounters.push_back(enc);
  WorkforceMember roster;
  roster.id = "E1";
  roster.employee_id = "E1";
  roster.department = "Cardiology";
  first.workforce.push_back(roster);
  ASSERT_TRUE((*store)->accept(first));

  ingest::ParsedRecords second;
  second.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "1980-01-02", false, "fhir"});
  WorkforceMember practitioner;
  practitioner.id = "prac-1";
  practitioner.employee_id = "E1";
  practitioner.name = "Gregory House";
  second.workforce.push_back(practitioner);
  ASSERT_TRUE((*store)->accept(second));

  auto c = (*store)->counts();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->patients, 1u);
  EXPECT_EQ(c->workforce, 1u);
  for (std::string id : {"MRN1", "pat-1"}) {
    auto p = (*store)->find_patient(id);
    ASSERT_TRUE(p && *p);
    EXPECT_EQ((*p)->id, "pat-1");
    EXPECT_EQ((*p)->address, "1 Elm St");
    EXPECT_EQ((*p)->name, "Ada Lovelace");
  }
  auto w = (*store)->find_workforce("E1");
  ASSERT_TRUE(w && *w);
  EXPECT_EQ((*w)->id, "prac-1");
  EXPECT_EQ((*w)->department, "Cardiology");
  auto encounters = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(encounters);
  ASSERT_EQ(encounters->size(), 1u);
  EXPECT_EQ((*encounters)[0].participants.at(0).user_id, "prac-1");
}

TEST(SqliteStore, APatientRecordChangesEachValueItGivesAndKeepsTheRest) {
  // As an ADT feed sends them: the same patient again and again, mostly as stored, now and then
  // with one value changed; each one, alone or in one batch with the others, is what it says.
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  const PatientRecord fhir{"pat-1", "MRN1", "Ada Lovelace", "1 Elm St", "1980-01-02", false, "fhir"};
  ingest::ParsedRecords first;
  first.patients.push_back(fhir);
  ASSERT_TRUE((*store)->accept(first));
  auto stored = [&]() -> PatientRecord {
    auto p = (*store)->find_patient("MRN1");
    EXPECT_TRUE(p && *p);
    return p && *p ? **p : PatientRecord{};
  };
  auto expect_stored = [&](const PatientRecord& want, std::string_view after) {
    const PatientRecord got = stored();
    EXPECT_EQ(got.id, want.id) << after;
    EXPECT_EQ(got.mrn, want.mrn) << after;
    EXPECT_EQ(got.name, want.name) << after;
    EXPECT_EQ(got.address, want.address) << after;
    EXPECT_EQ(got.birth_date, want.birth_date) << after;
    EXPECT_EQ(got.confidential, want.confidential) << after;
    EXPECT_EQ(got.source, want.source) << after;
  };
  PatientRecord want = fhir;
  PatientRecord adt = fhir;  // HL7 v2 knows the MRN only
  adt.id = "MRN1";
  auto send = [&](const std::vector<PatientRecord>& records) {
    ingest::ParsedRecords batch;
    batch.patients = records;
    ASSERT_TRUE((*store)->accept(batch));
  };
  send({adt, adt});
  expect_stored(want, "the same values again");
  adt.name = want.name = "Ada King";
  send({adt});
  expect_stored(want, "a new name");
  adt.address = want.address = "2 Oak St";
  send({adt, adt});
  expect_stored(want, "a new address");
  adt.birth_date = want.birth_date = "1980-01-03";
  send({adt});
  expect_stored(want, "a corrected birth date");
  adt.source = want.source = "adt";
  send({adt});
  expect_stored(want, "another source");
  adt.confidential = want.confidential = true;
  send({adt});
  expect_stored(want, "flagged confidential");
  PatientRecord sparse{"MRN1", "MRN1", "", "", "", false, ""};  // says nothing new: keeps all
  send({sparse});
  expect_stored(want, "a record with only the MRN");
  PatientRecord renamed = adt;
  renamed.name = want.name = "Augusta Ada King";
  PatientRecord moved = renamed;
  moved.address = want.address = "3 Pine St";
  send({adt, renamed, moved});
  expect_stored(want, "three in one batch, each changing one value");
  auto c = (*store)->counts();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->patients, 1u);
}

TEST(SqliteStore, AVisitMovesToThePatientItsLatestUpdateNames) {
  // Updates of a visit name its patient again (mostly the same one), now and then another one,
  // or none: the visit belongs to the last patient named, alone or within one batch.
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords people;
  people.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "", false, "fhir"});
  people.patients.push_back({"pat-2", "MRN2", "Alan Turing", "", "", false, "fhir"});
  ASSERT_TRUE((*store)->accept(people));
  auto visit = [](std::string_view patient, std::string_view status) {
    EncounterRecord e;
    e.id = "V1";
    e.patient_id = patient;
    e.status = status;
    e.location = "4E^401^A";
    return e;
  };
  auto send = [&](const std::vector<EncounterRecord>& encounters) {
    ingest::ParsedRecords batch;
    batch.encounters = encounters;
    ASSERT_TRUE((*store)->accept(batch));
  };
  auto visits_of = [&](std::string_view patient) -> std::size_t {
    auto found = (*store)->encounters_of_patient(patient);
    EXPECT_TRUE(found);
    return found ? found->size() : 0;
  };
  send({visit("MRN1", "in-progress")});
  EXPECT_EQ(visits_of("pat-1"), 1u);
  send({visit("MRN1", "in-progress"), visit("", "in-progress")});  // the same, then none: stays
  EXPECT_EQ(visits_of("pat-1"), 1u);
  EXPECT_EQ(visits_of("pat-2"), 0u);
  send({visit("MRN2", "in-progress")});  // moved to another patient
  EXPECT_EQ(visits_of("pat-1"), 0u);
  EXPECT_EQ(visits_of("pat-2"), 1u);
  send({visit("MRN1", "in-progress"), visit("MRN2", "finished"), visit("MRN1", "finished")});
  EXPECT_EQ(visits_of("pat-1"), 1u) << "the last patient the batch names";
  EXPECT_EQ(visits_of("pat-2"), 0u);
  auto encounters = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(encounters);
  ASSERT_EQ(encounters->size(), 1u);
  EXPECT_EQ((*encounters)[0].status, "finished");
  EXPECT_EQ((*encounters)[0].location, "4E^401^A");
}

TEST(SqliteStore, InOneBatchTheVisitsFollowAPatientAndAStaffMemberWhoseIdsChanged) {
  // The same as above in one batch: the look-ups the writer remembers within a transaction must
  // not outlive the writes that change what they found.
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords batch;
  batch.patients.push_back({"MRN1", "MRN1", "", "1 Elm St", "", false, "adt"});
  batch.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "1980-01-02", false, "fhir"});
  WorkforceMember roster;
  roster.id = "E1";
  roster.employee_id = "E1";
  WorkforceMember practitioner;
  practitioner.id = "prac-1";
  practitioner.employee_id = "E1";
  batch.workforce = {roster, practitioner};
  for (const char* visit : {"V1", "V2"}) {
    EncounterRecord enc;
    enc.id = visit;
    enc.patient_id = "MRN1";
    enc.participants.push_back({"E1", "ATND"});
    batch.encounters.push_back(enc);
  }
  ASSERT_TRUE((*store)->accept(batch));
  auto encounters = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(encounters);
  ASSERT_EQ(encounters->size(), 2u) << "both visits are the FHIR patient's";
  for (const EncounterRecord& e : *encounters) {
    EXPECT_EQ(e.patient_id, "pat-1");
    EXPECT_EQ(e.participants.at(0).user_id, "prac-1");
  }
  auto c = (*store)->counts();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->patients, 1u);
  EXPECT_EQ(c->workforce, 1u);
}

TEST(SqliteStore, InOneBatchLaterMessagesOfAVisitMergeIntoItAndEveryParticipantIsKept) {
  // A batch's encounters go in many rows a statement: updates of one visit in the same batch,
  // even in another statement, merge as they would one message at a time.
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords batch;
  batch.patients.push_back({"pat-1", "MRN1", "Ada Lovelace", "", "", false, "fhir"});
  EncounterRecord admit;
  admit.id = "V1";
  admit.patient_id = "MRN1";
  admit.class_code = "IMP";
  admit.status = "in-progress";
  admit.department = "Cardiology";
  admit.start = 1000;
  admit.participants.push_back({"E1", "ATND"});
  batch.encounters.push_back(admit);
  for (int i = 0; i < 150; ++i) {  // other visits, each with two participants
    EncounterRecord other;
    other.id = "W" + std::to_string(i);
    other.patient_id = "pat-2";
    other.participants = {{"E2", "ATND"}, {"E" + std::to_string(3 + i), ""}};
    batch.encounters.push_back(other);
  }
  EncounterRecord discharge;  // says only what changed
  discharge.id = "V1";
  discharge.status = "finished";
  discharge.end = 5000;
  discharge.participants.push_back({"E9", "CON"});
  batch.encounters.push_back(discharge);
  EncounterRecord again = discharge;  // the same message twice: one participant row
  batch.encounters.push_back(again);
  ASSERT_TRUE((*store)->accept(batch));

  auto visits = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(visits);
  ASSERT_EQ(visits->size(), 1u);
  const EncounterRecord& v = (*visits)[0];
  EXPECT_EQ(v.patient_id, "pat-1") << "the MRN resolved to the directory's id";
  EXPECT_EQ(v.class_code, "IMP");
  EXPECT_EQ(v.department, "Cardiology");
  EXPECT_EQ(v.status, "finished");
  EXPECT_EQ(v.start, 1000);
  EXPECT_EQ(v.end, 5000);
  ASSERT_EQ(v.participants.size(), 2u);
  std::set<std::string> who;
  for (const EncounterParticipant& p : v.participants) who.insert(p.user_id + "/" + p.role);
  EXPECT_EQ(who, (std::set<std::string>{"E1/ATND", "E9/CON"}));

  ingest::ParsedRecords reopen;  // A13: open again, the end cleared
  EncounterRecord open_again;
  open_again.id = "V1";
  open_again.status = "in-progress";
  reopen.encounters.push_back(open_again);
  ASSERT_TRUE((*store)->accept(reopen));
  visits = (*store)->encounters_of_patient("pat-1");
  ASSERT_TRUE(visits && visits->size() == 1u);
  EXPECT_EQ((*visits)[0].end, 0);

  auto others = (*store)->encounters_of_patient("pat-2");
  ASSERT_TRUE(others);
  ASSERT_EQ(others->size(), 150u);
  for (const EncounterRecord& e : *others) {
    ASSERT_EQ(e.participants.size(), 2u) << e.id;
    for (const EncounterParticipant& p : e.participants) {
      if (p.user_id != "E2") {
        EXPECT_EQ(p.role, "?") << "a participant without a role is stored as ?";
      }
    }
  }
}

TEST(SqliteStore, UnwritableDataDirectoryIsAClearError) {
  auto store = open_sqlite_store("/proc/ward-cannot-be-here");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().source.find("/proc/ward-cannot-be-here"), std::string::npos);
}

TEST(SqliteStore, FindsTokensByHashOnly) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->add_token("abc123", "admin", "first"));
  auto t = (*store)->find_token("abc123");
  ASSERT_TRUE(t && *t);
  EXPECT_EQ((*t)->role, "admin");
  auto missing = (*store)->find_token("other");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  EXPECT_EQ(*(*store)->count_tokens(), 1u);
}

// --- duplicates: an event is stored once --------------------------------------------------------

TEST(SqliteStoreDuplicates, TheSameBatchTwiceIsStoredOnceAndTheSecondIsAllDuplicates) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access_with_id(r, "ae-1", "E1", "pat-1", 1);
  add_access_with_id(r, "ae-2", "E2", "pat-1", 2);
  add_access_with_id(r, "ae-3", "E1", "pat-2", 3);
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_EQ(r.duplicate_events, 0u);
  ASSERT_TRUE((*store)->accept(r));  // the file imported again, the interface re-sending
  EXPECT_EQ(r.duplicate_events, 3u);
  auto c = (*store)->counts();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->events, 3u);
  auto page = (*store)->find_events({.patient = "pat-1"});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->rows.size(), 2u);
}

TEST(SqliteStoreDuplicates, ACopyInsideOneBatchIsADuplicateToo) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access_with_id(r, "ae-1", "E1", "pat-1", 1);
  add_access_with_id(r, "ae-1", "E1", "pat-1", 1);
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_EQ(r.duplicate_events, 1u);
  EXPECT_EQ((*store)->counts()->events, 1u);
}

TEST(SqliteStoreDuplicates, TheSameIdAtAnotherTimeIsAnotherEvent) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access_with_id(r, "1001", "E1", "pat-1", 1);  // two systems that both number from 1000
  add_access_with_id(r, "1001", "E7", "pat-9", 2);
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_EQ(r.duplicate_events, 0u);
  EXPECT_EQ((*store)->counts()->events, 2u);
}

TEST(SqliteStoreDuplicates, EventsWithoutAnIdAreNeverDuplicates) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access(r, "E1", "pat-1", "", 1);
  add_access(r, "E1", "pat-1", "", 1);  // a log without ids: two views in the same second
  ASSERT_TRUE((*store)->accept(r));
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_EQ(r.duplicate_events, 0u);
  EXPECT_EQ((*store)->counts()->events, 4u);
}

TEST(SqliteStoreDuplicates, MigratingAnOlderStoreRemovesTheCopiesItHeld) {
  TempDir dir;
  {  // a store as Ward left it at schema version 3, with an event stored twice over
    auto db = db_at_version(dir, 3);
    ASSERT_TRUE(db) << db.error().describe();
    auto filled = db->exec(
        "INSERT INTO events (seq, time_ns, kind, action, outcome, event_id) VALUES "
        "(1, 100, 1, 1, 1, 'ae-1'), (2, 100, 1, 1, 1, 'ae-1'), (3, 200, 1, 1, 1, 'ae-1'), "
        "(4, 100, 1, 1, 1, NULL), (5, 100, 1, 1, 1, NULL), (6, 100, 1, 1, 1, 'ae-2'), "
        "(7, 100, 1, 1, 1, 'ae-1');"
        "INSERT INTO access_explanations (seq, explained) VALUES (1, 1), (2, 1), (7, 0);"
        "INSERT INTO privacy_cases (id, case_key, score, categories, reason) "
        "VALUES (1, 'k', 50, 'curiosity', 'r');"
        "INSERT INTO privacy_case_events (case_id, seq) VALUES (1, 1), (1, 2), (1, 7);");
    ASSERT_TRUE(filled) << filled.error().describe();
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  EXPECT_EQ(query(dir, "PRAGMA user_version"), std::to_string(migrations().back().version));
  // The first copy of ae-1 stays, and ae-1 at another time, and both events without an id.
  EXPECT_EQ(query(dir, "SELECT group_concat(seq) FROM (SELECT seq FROM events ORDER BY seq)"),
            "1,3,4,5,6");
  std::vector<std::int64_t> explained;
  ASSERT_TRUE((*store)->for_each_explanation([&](const ExplanationRow& x) -> Result<void> {
    explained.push_back(x.seq);
    return {};
  }));
  EXPECT_EQ(explained, std::vector<std::int64_t>{1});
  EXPECT_EQ(query(dir, "SELECT group_concat(seq) FROM privacy_case_events"), "1");
  ingest::ParsedRecords again;  // and the copies stay out from now on
  Event& e = again.events.start_event();
  e.time = 100;
  e.id = again.events.keep("ae-2");
  ASSERT_TRUE((*store)->accept(again));
  EXPECT_EQ(again.duplicate_events, 1u);
}

// --- bulk loads -------------------------------------------------------------------------------

// The indexes on the events table as sqlite_master has them: name -> SQL with runs of spaces
// collapsed (the migration aligns its columns; a rebuilt index is written plainly).
std::map<std::string, std::string> event_indexes(const TempDir& dir) {
  std::map<std::string, std::string> out;
  auto db = Db::open(dir.path() / "ward.db", /*read_only=*/true);
  EXPECT_TRUE(db) << db.error().describe();
  if (!db) return out;
  auto s = db->prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'");
  EXPECT_TRUE(s);
  if (!s) return out;
  while (*s->step()) {
    std::string sql;
    for (char c : s->column_text(1))
      if (!(c == ' ' && !sql.empty() && sql.back() == ' ')) sql += c;
    out[std::string(s->column_text(0))] = sql;
  }
  return out;
}

TEST(SqliteStoreSchema, OneUniqueIndexServesTimeWindowsAndEventIdentity) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  const auto indexes = event_indexes(dir);
  std::set<std::string> names;
  for (const auto& [name, sql] : indexes) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"events_by_mrn", "events_by_patient", "events_by_time",
                                           "events_by_user"}));
  EXPECT_EQ(indexes.at("events_by_time"),
            "CREATE UNIQUE INDEX events_by_time ON events (time_ns, event_id)");
  EXPECT_EQ(query(dir, "PRAGMA page_size"), "16384");  // a new store's pages
  // A time window is answered from it, not by scanning the table.
  auto db = Db::open(dir.path() / "ward.db", /*read_only=*/true);
  ASSERT_TRUE(db);
  auto plan = db->prepare(
      "EXPLAIN QUERY PLAN SELECT seq FROM events WHERE time_ns > 5 ORDER BY time_ns DESC");
  ASSERT_TRUE(plan);
  ASSERT_TRUE(*plan->step());
  EXPECT_NE(plan->column_text(3).find("INDEX events_by_time"), std::string_view::npos)
      << plan->column_text(3);
}

// The user and patient indexes leave out events naming neither (syslog, Zeek: most of a store
// that is not the EHR's), and the look-ups by user or patient still use them.
TEST(SqliteStoreSchema, UserAndPatientIndexesHoldOnlyEventsThatNameThem) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  const auto indexes = event_indexes(dir);
  EXPECT_EQ(indexes.at("events_by_user"),
            "CREATE INDEX events_by_user ON events (user_key, time_ns) WHERE user_key IS NOT NULL");
  EXPECT_EQ(indexes.at("events_by_patient"),
            "CREATE INDEX events_by_patient ON events (patient_key) WHERE patient_key IS NOT NULL");
  auto db = Db::open(dir.path() / "ward.db", /*read_only=*/true);
  ASSERT_TRUE(db);
  auto plan_of = [&](std::string_view where) {
    std::string plan;
    auto s = db->prepare(fmt::format("EXPLAIN QUERY PLAN SELECT e.seq FROM events e WHERE {}", where));
    EXPECT_TRUE(s);
    while (s && *s->step()) (plan += s->column_text(3)) += "; ";
    return plan;
  };
  // As find_events asks (sqlite_store_queries.cc).
  const std::string by_user = plan_of("e.user_key IN (1, 2) ORDER BY e.time_ns DESC");
  EXPECT_NE(by_user.find("INDEX events_by_user"), std::string::npos) << by_user;
  const std::string by_patient = plan_of("(e.patient_key IN (3) OR e.mrn_key IN (3))");
  EXPECT_NE(by_patient.find("INDEX events_by_patient"), std::string::npos) << by_patient;
  EXPECT_NE(by_patient.find("INDEX events_by_mrn"), std::string::npos) << by_patient;
}

TEST(SqliteStoreBulkLoad, IntoAnEmptyStoreBuildsTheMigratedIndexesAtTheEnd) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  const auto migrated = event_indexes(dir);
  ASSERT_EQ(migrated.size(), 4u);

  auto bulk = (*store)->begin_bulk_load();
  ASSERT_TRUE(bulk) << bulk.error().describe();
  ASSERT_NE(*bulk, nullptr);
  auto during = event_indexes(dir);  // the events' identity stays
  EXPECT_EQ(during.size(), 1u);
  EXPECT_EQ(during.count("events_by_time"), 1u);

  ingest::ParsedRecords r;
  add_access(r, "E1", "pat-1", "MRN1", 1);
  add_access(r, "E2", "pat-1", "MRN1", 2);
  add_access(r, "E1", "pat-2", "MRN2", 3);
  ASSERT_TRUE((*store)->accept(r));
  auto found = (*store)->find_events({.patient = "pat-1"});  // answered without the indexes
  ASSERT_TRUE(found);
  EXPECT_EQ(found->rows.size(), 2u);

  ASSERT_TRUE((*bulk)->finish());
  EXPECT_EQ(event_indexes(dir), migrated);
  auto after = (*store)->find_events({.user = "E1"});
  ASSERT_TRUE(after);
  ASSERT_EQ(after->rows.size(), 2u);
  EXPECT_EQ(after->rows[0].patient_id, "pat-2");
}

TEST(SqliteStoreBulkLoad, CopiesInsideTheLoadAreTurnedAwayAsTheyCome) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto bulk = (*store)->begin_bulk_load();
  ASSERT_TRUE(bulk && *bulk);
  ingest::ParsedRecords r;
  add_access_with_id(r, "ae-1", "E1", "pat-1", 1);
  add_access_with_id(r, "ae-2", "E2", "pat-1", 2);
  add_access(r, "E3", "pat-1", "", 3);  // no id: never a duplicate
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_EQ(r.duplicate_events, 0u);
  ASSERT_TRUE((*store)->accept(r));  // the same file given twice to one import
  EXPECT_EQ(r.duplicate_events, 2u);
  ASSERT_TRUE((*bulk)->finish());
  EXPECT_EQ(query(dir, "SELECT count(*) FROM events"), "4");
}

TEST(SqliteStoreMigration, AStoreAnOlderBulkLoadLeftHalfDoneGetsItsIndexesBackWithoutCopies) {
  TempDir dir;
  {  // version 6, as an older Ward's bulk load left it when it died: indexes dropped, copies in
    auto db = db_at_version(dir, 6);
    ASSERT_TRUE(db) << db.error().describe();
    ASSERT_TRUE(db->exec("DROP INDEX events_identity; DROP INDEX events_by_time; "
                         "DROP INDEX events_by_patient; INSERT INTO events "
                         "(time_ns, kind, action, outcome, event_id) VALUES "
                         "(100, 1, 1, 1, 'ae-1'), (100, 1, 1, 1, 'ae-1'), (100, 1, 1, 1, NULL), "
                         "(100, 1, 1, 1, NULL);"));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  EXPECT_EQ(query(dir, "SELECT group_concat(seq) FROM (SELECT seq FROM events ORDER BY seq)"),
            "1,3,4");
  TempDir fresh;
  ASSERT_TRUE(open_sqlite_store(fresh.path()));
  EXPECT_EQ(event_indexes(dir), event_indexes(fresh));
}

TEST(SqliteStoreBulkLoad, NotIntoAStoreThatHoldsEvents) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access(r, "E1", "pat-1", "MRN1", 1);
  ASSERT_TRUE((*store)->accept(r));
  const auto before = event_indexes(dir);
  auto bulk = (*store)->begin_bulk_load();
  ASSERT_TRUE(bulk);
  EXPECT_EQ(*bulk, nullptr);
  EXPECT_EQ(event_indexes(dir), before);
}

TEST(SqliteStoreBulkLoad, ALoadThatStopsHalfWayStillEndsWithTheIndexes) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  const auto migrated = event_indexes(dir);
  {
    auto bulk = (*store)->begin_bulk_load();
    ASSERT_TRUE(bulk && *bulk);
    ingest::ParsedRecords r;
    add_access(r, "E1", "pat-1", "MRN1", 1);
    ASSERT_TRUE((*store)->accept(r));
  }  // no finish(): the import failed
  EXPECT_EQ(event_indexes(dir), migrated);
}

TEST(SqliteStoreBulkLoad, OpeningAStoreRebuildsIndexesACrashLeftOut) {
  TempDir dir;
  std::map<std::string, std::string> migrated;
  {
    auto store = open_sqlite_store(dir.path());
    ASSERT_TRUE(store);
    migrated = event_indexes(dir);
  }
  {
    auto db = Db::open(dir.path() / "ward.db");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("DROP INDEX events_by_patient; DROP INDEX events_by_user;"));
  }
  ASSERT_EQ(event_indexes(dir).size(), migrated.size() - 2);
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(event_indexes(dir), migrated);
}

TEST(SqliteStoreBulkLoad, AStoreOpenedBesideARunningLoadLeavesItsIndexesAlone) {
  TempDir dir;
  auto loader = open_sqlite_store(dir.path());
  ASSERT_TRUE(loader);
  const auto migrated = event_indexes(dir);
  auto bulk = (*loader)->begin_bulk_load();
  ASSERT_TRUE(bulk && *bulk);
  {
    // `ward serve` or `ward privacy cases` opening the store meanwhile: no rebuild, no second load.
    auto beside = open_sqlite_store(dir.path());
    ASSERT_TRUE(beside) << beside.error().describe();
    EXPECT_EQ(event_indexes(dir).size(), 1u);
    auto second = (*beside)->begin_bulk_load();
    ASSERT_TRUE(second);
    EXPECT_EQ(*second, nullptr);
  }
  ASSERT_TRUE((*bulk)->finish());
  EXPECT_EQ(event_indexes(dir), migrated);
}

}  // namespace
}  // namespace ward::store
