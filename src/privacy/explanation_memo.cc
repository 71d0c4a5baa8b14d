// ExplanationMemo: explanations made once per distinct inputs (see explanation_memo.h).
#include "privacy/explanation_memo.h"

#include <functional>

#include "store/privacy_rows.h"

namespace ward::privacy {
namespace {

template <class Key>
std::size_t hash_key(const Key& k) {
  // In memory only, so std::hash will do; most keys (participant rules) have no text at all.
  std::uint64_t h = k.rule;
  auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x9e3779b97f4a7c15ULL; h ^= h >> 29; };
  for (std::string_view text : {std::string_view(k.role), std::string_view(k.department), std::string_view(k.purpose)})
    if (!text.empty()) mix(std::hash<std::string_view>{}(text));
  mix(reinterpret_cast<std::uintptr_t>(k.encounter));
  mix(reinterpret_cast<std::uintptr_t>(k.participant));
  mix(static_cast<std::uint64_t>(k.relation.side));
  mix(static_cast<std::uint64_t>(k.relation.count));
  mix(static_cast<std::uint64_t>(k.relation.unit));
  return static_cast<std::size_t>(h);
}

}  // namespace

std::size_t ExplanationMemo::KeyHash::operator()(const KeyView& k) const { return hash_key(k); }
std::size_t ExplanationMemo::KeyHash::operator()(const Key& k) const { return hash_key(k); }

ExplanationMemo::Ref ExplanationMemo::explain(const Access& access,
                                              std::span<const EncounterRecord* const> encounters) {
  std::optional<ExplanationInputs> in = explainer_.match(access, encounters);
  if (!in) return nullptr;
  const KeyView view{in->rule, in->encounter, in->participant, in->relation, in->role, in->department, in->purpose};
  if (auto it = memo_.find(view); it != memo_.end()) return it->second;
  if (memo_.size() >= capacity_) memo_.clear();
  auto shared = std::make_shared<Shared>();
  shared->explanation = explainer_.render(*in);
  shared->text_hash = store::explanation_text_hash(shared->explanation.code, shared->explanation.evidence);
  Key key{in->rule, in->encounter, in->participant, in->relation,
          std::string(in->role), std::string(in->department), std::string(in->purpose)};
  memo_.emplace(std::move(key), shared);
  return shared;
}

}  // namespace ward::privacy
