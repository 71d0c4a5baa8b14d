// ExplanationMemo: explanations made once per distinct inputs (see explanation_memo.h).
#include "privacy/explanation_memo.h"

#include <bit>
#include <functional>

#include "core/prefetch.h"
#include "store/privacy_rows.h"

namespace ward::privacy {

std::uint64_t ExplanationMemo::hash_of(const ExplanationInputs& k) {
  // In memory only, so std::hash will do; most keys (participant rules) have no text at all.
  std::uint64_t h = k.rule;
  auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x9e3779b97f4a7c15ULL; h ^= h >> 29; };
  for (std::string_view text : {k.role, k.department, k.purpose})
    if (!text.empty()) mix(std::hash<std::string_view>{}(text));
  mix(reinterpret_cast<std::uintptr_t>(k.encounter));
  mix(reinterpret_cast<std::uintptr_t>(k.participant));
  mix(static_cast<std::uint64_t>(k.relation.side));
  mix(static_cast<std::uint64_t>(k.relation.count));
  mix(static_cast<std::uint64_t>(k.relation.unit));
  return h;
}

namespace {
constexpr std::size_t kFirstMemoSets = 64;  // 128 slots: a live catch-up's few accesses
}  // namespace

ExplanationMemo::ExplanationMemo(const Explainer& explainer, std::size_t capacity)
    : explainer_(explainer), max_sets_(std::bit_floor(std::max<std::size_t>(capacity, 2)) / 2) {
  resize(std::min(kFirstMemoSets, max_sets_));
}

void ExplanationMemo::resize(std::size_t sets) {
  std::vector<std::uint64_t> hashes(2 * sets, 0);
  std::vector<Key> keys(2 * sets);
  std::vector<Ref> values(2 * sets);
  std::vector<std::uint8_t> older(sets, 0);
  size_ = 0;
  for (std::size_t slot = 0; slot < values_.size(); ++slot) {
    if (values_[slot] == nullptr) continue;
    const std::size_t set = set_of(hashes_[slot], sets - 1);
    const std::size_t to = values[2 * set] == nullptr ? 2 * set : values[2 * set + 1] == nullptr ? 2 * set + 1 : keys.size();
    if (to == keys.size()) continue;
    hashes[to] = hashes_[slot];
    keys[to] = std::move(keys_[slot]);
    values[to] = std::move(values_[slot]);
    ++size_;
  }
  hashes_ = std::move(hashes);
  keys_ = std::move(keys);
  values_ = std::move(values);
  older_ = std::move(older);
  mask_ = sets - 1;
}

bool ExplanationMemo::same(const Key& k, const ExplanationInputs& in) {
  return k.rule == in.rule && k.encounter == in.encounter && k.participant == in.participant &&
         k.relation == in.relation && k.role == in.role && k.department == in.department &&
         k.purpose == in.purpose;
}

ExplanationMemo::Ref ExplanationMemo::explain(const Access& access,
                                              std::span<const EncounterRecord* const> encounters) {
  std::optional<ExplanationInputs> in = explainer_.match(access, encounters);
  if (!in) return nullptr;
  return explain(*in, hash_of(*in));
}

void ExplanationMemo::prefetch(std::uint64_t hash) const {
  const std::size_t slot = 2 * set_of(hash, mask_);
  prefetch_lines(&hashes_[slot], 2 * sizeof(std::uint64_t));
  prefetch_lines(&values_[slot], 2 * sizeof(Ref));
  prefetch_lines(&keys_[slot], 1);  // rule, encounter, participant: what tells keys apart
  prefetch_lines(&keys_[slot + 1], 1);
}

ExplanationMemo::Ref ExplanationMemo::explain(const ExplanationInputs& inputs, std::uint64_t hash) {
  const ExplanationInputs* in = &inputs;
  std::size_t set = set_of(hash, mask_);
  for (std::size_t way = 0; way < 2; ++way) {
    const std::size_t slot = 2 * set + way;
    if (hashes_[slot] == hash && values_[slot] != nullptr && same(keys_[slot], *in)) {
      older_[set] = static_cast<std::uint8_t>(1 - way);
      return values_[slot];
    }
  }
  auto shared = std::make_shared<Shared>();
  shared->explanation = explainer_.render(*in);
  shared->text_hash = store::explanation_text_hash(shared->explanation.code, shared->explanation.evidence);
  if (4 * size_ >= 3 * values_.size() && mask_ + 1 < max_sets_) {
    resize(2 * (mask_ + 1));
    set = set_of(hash, mask_);
  }
  const std::size_t way = values_[2 * set] == nullptr ? 0 : values_[2 * set + 1] == nullptr ? 1 : older_[set];
  const std::size_t slot = 2 * set + way;
  if (values_[slot] == nullptr) ++size_;
  hashes_[slot] = hash;
  Key& key = keys_[slot];
  key.rule = in->rule;
  key.encounter = in->encounter;
  key.participant = in->participant;
  key.relation = in->relation;
  key.role.assign(in->role);
  key.department.assign(in->department);
  key.purpose.assign(in->purpose);
  values_[slot] = shared;
  older_[set] = static_cast<std::uint8_t>(1 - way);
  return shared;
}

}  // namespace ward::privacy
