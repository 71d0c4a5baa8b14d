// Explanations shared between accesses that are explained by the same inputs (the same rule,
// encounter, participant, role and department, and for role rules the same distance in words):
// a month of a hospital's accesses has millions of accesses but a few hundred thousand distinct
// explanation texts, and making each text once is most of what explaining them costs. Matching
// still runs for every access; only the text and its hash are shared. One memo per thread, for
// as long as the directory does not change (it keys on the encounters' addresses).
//
//   ExplanationMemo memo(explainer);
//   ExplanationMemo::Ref why = memo.explain(access, encounters);  // nullptr: nothing explains it
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/explain.h"

namespace ward::privacy {

class ExplanationMemo {
 public:
  struct Shared {
    Explanation explanation;
    std::int64_t text_hash = 0;  // store::explanation_text_hash(code, evidence)
    // Where a batch of explanation rows keeps this text (store::ExplanationBatch::add), so the
    // thread that fills the batch finds it without comparing texts. Set and read by that thread
    // only; the memo's threads never touch it.
    mutable const void* batch = nullptr;
    mutable std::uint32_t text_in_batch = 0;
  };
  // Stays valid after the memo forgets it or is gone.
  using Ref = std::shared_ptr<const Shared>;

  // Keeps at most `capacity` explanations (at least 2): a two-way set table, where a new
  // explanation takes the place of the one of its pair used less recently (accesses come in
  // time order, so the encounters in use change slowly). It starts small (a live catch-up
  // explains a few accesses) and doubles when three quarters full, up to `capacity`.
  explicit ExplanationMemo(const Explainer& explainer, std::size_t capacity = 1 << 16);

  // What explainer.explain(access, encounters) says, made once per distinct inputs.
  Ref explain(const Access& access, std::span<const EncounterRecord* const> encounters);

  // The same in parts, for a caller that matches many accesses first and asks for the memo's
  // slots a few accesses ahead (its table does not fit in the caches): the explanation of
  // `inputs` (what explainer.match found), whose hash_of is `hash`.
  static std::uint64_t hash_of(const ExplanationInputs& inputs);
  void prefetch(std::uint64_t hash) const;
  Ref explain(const ExplanationInputs& inputs, std::uint64_t hash);

  std::size_t size() const { return size_; }

 private:
  // ExplanationInputs with its strings kept; a slot's strings keep their buffers when it is
  // taken by another key, so a warm memo allocates only for new texts.
  struct Key {
    std::size_t rule = 0;
    const EncounterRecord* encounter = nullptr;
    const EncounterParticipant* participant = nullptr;
    AnchorRelation relation;
    std::string role, department, purpose;
  };
  static bool same(const Key& k, const ExplanationInputs& in);
  // The set of a hash: from its high bits, as its low bits mix the pointers' last ones least.
  static std::size_t set_of(std::uint64_t hash, std::size_t mask) { return static_cast<std::size_t>(hash >> 32) & mask; }
  // Empty slots for `sets` sets; the entries held move to the set of their hash, an entry
  // whose set is full is dropped.
  void resize(std::size_t sets);

  const Explainer& explainer_;
  std::size_t max_sets_;
  std::size_t mask_ = 0;  // sets - 1; set s holds slots 2s and 2s + 1
  // Flat arrays by slot: hashes_ alone is read until a hash matches (4 sets a cache line).
  std::vector<std::uint64_t> hashes_;
  std::vector<Key> keys_;
  std::vector<Ref> values_;          // nullptr: an empty slot
  std::vector<std::uint8_t> older_;  // by set: the slot (0 or 1) a new explanation takes
  std::size_t size_ = 0;
};

}  // namespace ward::privacy
