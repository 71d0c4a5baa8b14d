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
#include <unordered_map>

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

  // Keeps at most `capacity` explanations; when full it starts again empty (accesses come in
  // time order, so the encounters in use change slowly).
  explicit ExplanationMemo(const Explainer& explainer, std::size_t capacity = 1 << 16)
      : explainer_(explainer), capacity_(capacity) {}

  // What explainer.explain(access, encounters) says, made once per distinct inputs.
  Ref explain(const Access& access, std::span<const EncounterRecord* const> encounters);

  std::size_t size() const { return memo_.size(); }

 private:
  // ExplanationInputs with its strings kept (Key) or viewed (for look-ups without a copy).
  template <class Text>
  struct BasicKey {
    std::size_t rule = 0;
    const EncounterRecord* encounter = nullptr;
    const EncounterParticipant* participant = nullptr;
    AnchorRelation relation;
    Text role, department, purpose;
  };
  using Key = BasicKey<std::string>;
  using KeyView = BasicKey<std::string_view>;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(const KeyView& k) const;
    std::size_t operator()(const Key& k) const;
  };
  struct KeyEqual {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return a.rule == b.rule && a.encounter == b.encounter && a.participant == b.participant &&
             a.relation == b.relation && std::string_view(a.role) == std::string_view(b.role) &&
             std::string_view(a.department) == std::string_view(b.department) &&
             std::string_view(a.purpose) == std::string_view(b.purpose);
    }
  };

  const Explainer& explainer_;
  std::size_t capacity_;
  std::unordered_map<Key, Ref, KeyHash, KeyEqual> memo_;
};

}  // namespace ward::privacy
