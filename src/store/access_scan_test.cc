// Store::scan_accesses: parts that threads read at once make up every access, in seq order. And
// Store::hand_events_to: a committed batch handed over says which event got which seq.
#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

// `n` events from seq `first` on: every third a network event, the others accesses by user E<i%7>.
void add_events(Store& store, int first, int n) {
  ingest::ParsedRecords r;
  for (int i = first; i < first + n; ++i) {
    Event& e = r.events.start_event();
    e.time = TimeNs{i} * kNsPerSecond;
    e.kind = i % 3 == 0 ? EventKind::network : EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep("E" + std::to_string(i % 7));
    e.patient.id = r.events.keep("pat-" + std::to_string(i));
    e.id = r.events.keep("ev-" + std::to_string(i));
  }
  ASSERT_TRUE(store.accept(r));
}

// The accesses add_events(…, first, n) adds, as read_all gives them.
std::vector<std::string> accesses(int first, int n) {
  std::vector<std::string> out;
  for (int i = first; i < first + n; ++i)
    if (i % 3 != 0) out.push_back(fmt::format("{} E{} pat-{}", i, i % 7, i));
  return out;
}

// What reading every part on `threads` threads at once gives: "seq user patient" per access,
// parts in order.
std::vector<std::string> read_all(const AccessScan& scan, std::size_t threads) {
  std::vector<std::vector<std::string>> parts(scan.parts());
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t < threads; ++t)
    readers.emplace_back([&, t] {
      for (std::size_t p = t; p < parts.size(); p += threads)
        EXPECT_TRUE(scan.read_part(p, [&](EventRow& row) -> Result<void> {
          EXPECT_EQ(row.kind, EventKind::ehr_access);
          parts[p].push_back(fmt::format("{} {} {}", row.seq, row.user_id, row.patient_id));
          return {};
        }));
    });
  for (auto& r : readers) r.join();
  std::vector<std::string> all;
  for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

TEST(AccessScan, PartsReadAtOnceMakeUpEveryAccessInSeqOrder) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_events(**store, 1, 30'000);
  auto scan = (*store)->scan_accesses(0);
  ASSERT_TRUE(scan) << scan.error().describe();
  EXPECT_EQ((*scan)->newest_seq(), 30'000);
  EXPECT_GT((*scan)->parts(), 2u);  // many parts: the privacy engine reads them on every core
  const std::vector<std::string> all = read_all(**scan, 3);
  ASSERT_EQ(all.size(), 20'000u);  // two in three events are accesses
  const std::vector<std::string> expected = accesses(1, 30'000);
  EXPECT_EQ(all, expected);
  std::vector<std::string> one_by_one;  // for_each_access reads the same parts in turn
  ASSERT_TRUE((*store)->for_each_access(0, [&](const EventRow& row) -> Result<void> {
    one_by_one.push_back(fmt::format("{} {} {}", row.seq, row.user_id, row.patient_id));
    return {};
  }));
  EXPECT_EQ(one_by_one, expected);
}

TEST(AccessScan, SeesOnlyWhatWasCommittedBeforeItAndAfterTheSeqAskedFor) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_events(**store, 1, 9'000);
  auto scan = (*store)->scan_accesses(8'990);  // a live catch-up: a few new rows, one part
  ASSERT_TRUE(scan);
  add_events(**store, 9'001, 10);  // committed after the scan was made
  ASSERT_EQ((*scan)->parts(), 1u);
  EXPECT_EQ(read_all(**scan, 1), accesses(8'991, 10));
  auto whole = (*store)->scan_accesses(0);
  ASSERT_TRUE(whole);
  auto later = read_all(**whole, 2);
  ASSERT_EQ(later.size(), 6'000u + 7u);
  EXPECT_EQ(later.back(), "9010 E1 pat-9010");
  auto none = (*store)->scan_accesses(9'010);
  ASSERT_TRUE(none);
  EXPECT_EQ((*none)->parts(), 0u);
}

TEST(AccessScan, AScanAfterMoreWasImportedDecodesOldAndNewStringsAlike) {
  // Each scan reads only the strings added since the last (a run beside an import scans every
  // 200,000 events); an earlier scan still reads what it read before.
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_events(**store, 1, 30'000);
  auto first = (*store)->scan_accesses(0);
  ASSERT_TRUE(first);
  const std::size_t first_strings = (*first)->dictionary().size();
  add_events(**store, 30'001, 30'000);  // 20,000 more patients' ids
  auto second = (*store)->scan_accesses(30'000);
  ASSERT_TRUE(second);
  ASSERT_GT((*second)->parts(), 1u);
  EXPECT_EQ(read_all(**second, 2), accesses(30'001, 30'000));
  EXPECT_EQ(read_all(**first, 2), accesses(1, 30'000));
  EXPECT_EQ((*first)->dictionary().size(), first_strings) << "an earlier scan's dictionary stays as it was";
  ASSERT_GT((*second)->dictionary().size(), first_strings + 20'000);
  // A row's keys name its strings in the dictionary, old ("E3") and new ("pat-59999") alike.
  std::size_t checked = 0;
  ASSERT_TRUE((*second)->read_part((*second)->parts() - 1, [&](EventRow& row) -> Result<void> {
    EXPECT_EQ((*second)->dictionary()[static_cast<std::size_t>(row.user_key)], row.user_id);
    EXPECT_EQ((*second)->dictionary()[static_cast<std::size_t>(row.patient_key)], row.patient_id);
    ++checked;
    return {};
  }));
  EXPECT_GT(checked, 0u);
  auto whole = (*store)->scan_accesses(0);  // from the start, with what the scans before read
  ASSERT_TRUE(whole);
  EXPECT_EQ(read_all(**whole, 2), accesses(1, 60'000));
}

TEST(AccessScan, AScanThroughASeqStopsThere) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_events(**store, 1, 9'010);
  auto scan = (*store)->scan_accesses_through(100, 9'000);
  ASSERT_TRUE(scan) << scan.error().describe();
  EXPECT_EQ((*scan)->newest_seq(), 9'000);
  EXPECT_EQ(read_all(**scan, 2), accesses(101, 8'900));
  auto beyond = (*store)->scan_accesses_through(9'000, 20'000);  // no further than committed
  ASSERT_TRUE(beyond);
  EXPECT_EQ(read_all(**beyond, 1), accesses(9'001, 10));
}

// Keeps what the store hands over; gives spares while `give` says so.
class Receiver final : public EventReceiver {
 public:
  std::unique_ptr<HandedEvents> spare() override {
    return give ? std::make_unique<HandedEvents>() : nullptr;
  }
  void receive(std::unique_ptr<HandedEvents> events) override { received.push_back(std::move(events)); }
  bool give = true;
  std::vector<std::unique_ptr<HandedEvents>> received;
};

// A batch of accesses whose times run backwards: the store writes them in (patient, time) order,
// not as parsed. "<name>-<i>" at second 1000 - i, of MRN<i % 5>; `duplicate` repeats the first.
void add_backwards(ingest::ParsedRecords& r, int n, std::string_view name = "ev", bool duplicate = false) {
  for (int i = 0; i < n + (duplicate ? 1 : 0); ++i) {
    const int k = i < n ? i : 0;
    Event& e = r.events.start_event();
    e.time = TimeNs{1000 - k} * kNsPerSecond;
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep("E" + std::to_string(k % 3));
    e.patient.mrn = r.events.keep("MRN" + std::to_string(k % 5));
    e.id = r.events.keep(fmt::format("{}-{}", name, k));
  }
}

TEST(HandedEvents, ACommittedBatchIsHandedOverWithEachEventsSeqAndKeys) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_events(**store, 1, 10);  // before: seqs 1-10, not handed over
  Receiver receiver;
  auto handing = (*store)->hand_events_to(receiver);
  ingest::ParsedRecords r;
  add_backwards(r, 50);
  ASSERT_TRUE((*store)->accept(r));
  EXPECT_TRUE(r.events.empty()) << "the batch went to the receiver";
  ASSERT_EQ(receiver.received.size(), 1u);
  const HandedEvents& h = *receiver.received[0];
  EXPECT_EQ(h.after_seq, 10);
  EXPECT_EQ(h.newest_seq(), 60);
  ASSERT_EQ(h.by_seq.size(), 50u);
  ASSERT_EQ(h.keys.size(), 50u);
  // What the store holds under each seq is the event by_seq names, with the same keys (a scan
  // from the start: one that reads the dictionary, whose rows carry their keys).
  auto scan = (*store)->scan_accesses(0);
  ASSERT_TRUE(scan);
  std::size_t checked = 0;
  for (std::size_t p = 0; p < (*scan)->parts(); ++p)
    ASSERT_TRUE((*scan)->read_part(p, [&](EventRow& row) -> Result<void> {
      if (row.seq <= h.after_seq) return {};
      const std::size_t i = static_cast<std::size_t>(row.seq - h.after_seq - 1);
      const Event& e = h.events.events()[h.by_seq[i]];
      EXPECT_EQ(row.event_id, e.id);
      EXPECT_EQ(row.user_id, e.actor.user_id);
      EXPECT_EQ(row.patient_mrn, e.patient.mrn);
      EXPECT_EQ(row.patient_id, e.patient.mrn) << "an event without a patient id is kept under its MRN";
      EXPECT_EQ(row.user_key, h.keys[h.by_seq[i]].user);
      EXPECT_EQ(row.patient_key, h.keys[h.by_seq[i]].patient);
      EXPECT_EQ(row.mrn_key, h.keys[h.by_seq[i]].mrn);
      ++checked;
      return {};
    }));
  EXPECT_EQ(checked, 50u);
  // The first patient's (MRN0, the first string kept) earliest access, parsed late, has the first seq.
  EXPECT_EQ(h.events.events()[h.by_seq[0]].id, "ev-45");
}

TEST(HandedEvents, NothingIsHandedOverWhenADuplicateWasTurnedAwayOrTheReceiverHasNoSpare) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  Receiver receiver;
  auto handing = (*store)->hand_events_to(receiver);
  ingest::ParsedRecords with_copy;
  add_backwards(with_copy, 20, "copy", /*duplicate=*/true);
  ASSERT_TRUE((*store)->accept(with_copy));
  EXPECT_EQ(with_copy.duplicate_events, 1u);
  EXPECT_TRUE(receiver.received.empty()) << "which seqs the events got is not known";
  EXPECT_EQ(with_copy.events.size(), 21u);
  receiver.give = false;
  ingest::ParsedRecords refused;
  add_events(**store, 100, 5);  // through accept, as every batch
  add_backwards(refused, 3, "refused");
  ASSERT_TRUE((*store)->accept(refused));
  EXPECT_TRUE(receiver.received.empty());
  EXPECT_EQ(refused.events.size(), 3u);
  receiver.give = true;
  handing.reset();  // no receiver any more
  ingest::ParsedRecords after;
  add_backwards(after, 2, "after");
  ASSERT_TRUE((*store)->accept(after));
  EXPECT_TRUE(receiver.received.empty());
  EXPECT_EQ(after.events.size(), 2u);
}

}  // namespace
}  // namespace ward::store
