// What the privacy engine (src/privacy) reads from and keeps in the store: a snapshot of the
// directory, each access's explanation, and cases. Plain rows; the engine owns their meaning.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/time.h"

namespace ward::store {

struct DirectorySnapshot {
  std::vector<WorkforceMember> workforce;
  std::vector<PatientRecord> patients;
  std::vector<EncounterRecord> encounters;  // with their participants
};

// Explanations to save, one row per access. Each row names its text — the rule's code and the
// evidence — among texts(), where each distinct text is kept once: most accesses share theirs
// with others (a user's accesses to one patient during one stay), so the millions of accesses
// of a run hold and write a few hundred thousand texts. The store keeps them the same way.
class ExplanationBatch {
 public:
  struct Text {
    std::string code;      // "" when unexplained
    std::string evidence;  // for people
    std::int64_t hash = 0;  // explanation_text_hash(code, evidence)
  };
  struct Row {
    std::int64_t seq = 0;
    std::uint32_t text = 0;  // index into texts()
    bool explained = false;
  };

  ExplanationBatch() = default;
  ExplanationBatch(ExplanationBatch&&) noexcept = default;
  ExplanationBatch& operator=(ExplanationBatch&&) noexcept = default;

  // `hash` is explanation_text_hash(code, evidence), which the caller may have computed on
  // another thread.
  // Both return the text's index in texts().
  std::uint32_t add(std::int64_t seq, bool explained, std::string_view code, std::string_view evidence, std::int64_t hash);
  std::uint32_t add(std::int64_t seq, bool explained, std::string_view code, std::string_view evidence);
  // Asks for the memory an add of a text with this hash looks at first, for a caller adding many
  // rows: the table of texts is larger than the caches.
  void prefetch(std::int64_t hash) const;
  // A row whose text is texts()[text] already, as an earlier add returned.
  void add(std::int64_t seq, bool explained, std::uint32_t text) { rows_.push_back({seq, text, explained}); }
  const std::vector<Row>& rows() const { return rows_; }
  const std::vector<Text>& texts() const { return texts_; }
  bool empty() const { return rows_.empty(); }
  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<Row> rows_;
  std::vector<Text> texts_;
  // Open addressing over texts_: each slot holds a text's index + 1 (0: empty).
  std::vector<std::uint32_t> slots_;
};

// The stable hash the store finds an explanation text by (also the SQL function
// ward_explanation_text_hash, for migrations).
std::int64_t explanation_text_hash(std::string_view code, std::string_view evidence);

// Why one access (events.seq) is expected, or that nothing explains it.
struct ExplanationRow {
  std::int64_t seq = 0;
  bool explained = false;
  std::string code;      // the explanation rule's code; "" when unexplained
  std::string evidence;  // for people; "" when unexplained
  std::string event_id;  // filled when read back: the source's id of the event
};

// A case: findings about one user and one patient (or one scenario) over a time window.
struct CaseRecord {
  std::int64_t id = 0;        // assigned by the store; stable across runs for the same key
  std::string key;            // what makes a case the same case on the next run
  std::string user_id;        // as the input recorded it
  std::string patient_id;     // as the input recorded it; "" for a case about many patients
  double score = 0;
  std::string categories;     // ";"-separated: "family;vip"
  std::string reason;         // plain language, with the numbers
  TimeNs first = 0, last = 0;
  std::string status = "new";  // new, in_review, confirmed, dismissed
  std::string status_reason;
  std::string outcome, reason_code, assignee;  // the review's (src/case_review); "" when none
  std::vector<std::int64_t> seqs;      // the accesses, in time order
  std::vector<std::string> event_ids;  // filled when read back, in the order of seqs
};

// Where the previous page of cases ended (keyset paging): its last case's sort value and id.
// Any page then costs what the first does; an OFFSET walks every case it skips.
struct CaseCursor {
  double score = 0;        // sort=score
  TimeNs time = 0;         // sort=last or first (a case without a time sorts as 0)
  std::int64_t id = 0;     // every sort: ties go by id
};

struct CaseQuery {
  std::string status;  // "" = any; "open" = new or in_review
  int limit = 1000;
  std::int64_t offset = 0;    // cases to skip (a page of the queue)
  std::optional<CaseCursor> after;  // the cases after this one in the order asked for
  std::string sort = "score";  // score, last (last access), first, case_id; ties: lower case id first
  bool descending = true;      // highest scores (latest times, newest cases) first
  std::string user_id;         // "" = any
};

}  // namespace ward::store
