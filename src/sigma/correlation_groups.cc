// Groups, windows and value counts of one correlation (correlation_groups.h).
#include "sigma/correlation_groups.h"

#include <algorithm>

namespace ward::sigma {

template <typename T>
std::uint32_t CorrelationGroups::Pool<T>::take() {
  if (!free.empty()) {
    const std::uint32_t i = free.back();
    free.pop_back();
    return i;
  }
  items.emplace_back();
  return static_cast<std::uint32_t>(items.size() - 1);
}

template <typename T>
void CorrelationGroups::Pool<T>::give_back(std::uint32_t i) {
  items[i] = T{};  // returns its memory: a pool is as large as its peak, its items are not
  free.push_back(i);
}

std::size_t CorrelationGroups::OriginHash::operator()(const Origin& o) const {
  return (std::uint64_t{o.file} << 32 | o.rule) * 0x9e3779b97f4a7c15ULL ^ (std::uint64_t{o.input} << 1 | o.nested);
}

CorrelationGroups::CorrelationGroups(bool counts_values, GroupKeyTable::HashFunction hash)
    : counts_values_(counts_values), keys_(hash) {}

CorrelationGroups::Id CorrelationGroups::open(std::string_view key, TimeNs time) {
  const Id g = keys_.insert(key);
  if (g == kNone) return kNone;
  if (g >= groups_.size()) {
    groups_.resize(g + 1);
    if (counts_values_) values_.resize(g + 1);
  }
  Group& group = groups_[g];
  group = Group{};
  group.newest = group.window_start = time;
  if (counts_values_) values_[g] = ValueCounts{};
  link_youngest(g);
  return g;
}

void CorrelationGroups::erase(Id g) {
  clear(g);
  unlink(g);
  keys_.erase(g);
}

void CorrelationGroups::touch(Id g) {
  if (youngest_ == g) return;
  unlink(g);
  link_youngest(g);
}

void CorrelationGroups::unlink(Id g) {
  Group& x = groups_[g];
  (x.older != kNone ? groups_[x.older].newer : oldest_) = x.newer;
  (x.newer != kNone ? groups_[x.newer].older : youngest_) = x.older;
  x.older = x.newer = kNone;
}

void CorrelationGroups::link_youngest(Id g) {
  Group& x = groups_[g];
  x.older = youngest_;
  x.newer = kNone;
  (youngest_ != kNone ? groups_[youngest_].newer : oldest_) = g;
  youngest_ = g;
}

const CorrelationGroups::Stored& CorrelationGroups::stored(Id g, std::size_t i) const {
  const Group& x = groups_[g];
  if (x.spill == kNone) return x.inline_entries[i];
  const Spill& s = spills_.items[x.spill];
  return s.entries[s.head + i];
}

WindowEntry CorrelationGroups::entry(Id g, std::size_t i) const {
  const Stored& s = stored(g, i);
  const Origin& o = origins_[s.origin];
  if (!o.nested) return {s.time, o.input, {s.time, s.event, o.file, o.rule}, {}};
  const std::vector<EventRef>& refs = nested_.items[static_cast<std::uint32_t>(s.event)];
  return {s.time, o.input, refs.front(), std::span<const EventRef>(refs).subspan(1)};
}

void CorrelationGroups::add(Id g, TimeNs time, std::uint32_t input, std::span<const EventRef> refs,
                            std::uint64_t value) {
  Stored s{time, refs[0].event_index, 0, 0};
  Origin origin{refs[0].file, refs[0].rule, input, false};
  if (refs.size() > 1) {
    origin = Origin{0, 0, input, true};
    const std::uint32_t n = nested_.take();
    nested_.items[n].assign(refs.begin(), refs.end());
    s.event = n;
  }
  const auto [o, added] = origin_ids_.try_emplace(origin, static_cast<std::uint32_t>(origins_.size()));
  if (added) origins_.push_back(origin);
  s.origin = o->second;
  if (counts_values_) s.value = value_slot(g, value);

  Group& x = groups_[g];
  x.newest = std::max(x.newest, time);
  const auto later = [](TimeNs t, const Stored& e) { return t < e.time; };  // ties: arrival order
  if (x.spill == kNone && x.size < kInline) {
    Stored* end = x.inline_entries + x.size;
    Stored* at = std::upper_bound(x.inline_entries, end, time, later);
    std::move_backward(at, end, end + 1);
    *at = s;
    ++x.size;
    return;
  }
  if (x.spill == kNone) {  // the window outgrows the group: its entries move to a side vector
    const std::uint32_t spill = spills_.take();
    groups_[g].spill = spill;
    spills_.items[spill].entries.assign(x.inline_entries, x.inline_entries + x.size);
  }
  Spill& sp = spills_.items[x.spill];
  sp.entries.insert(std::upper_bound(sp.entries.begin() + static_cast<std::ptrdiff_t>(sp.head), sp.entries.end(), time, later), s);
  ++x.size;
}

void CorrelationGroups::pop_front(Id g) {
  Group& x = groups_[g];
  release(g, stored(g, 0));
  --x.size;
  if (x.spill == kNone) {
    std::move(x.inline_entries + 1, x.inline_entries + x.size + 1, x.inline_entries);
    return;
  }
  Spill& sp = spills_.items[x.spill];
  ++sp.head;
  if (x.size <= kInline) {  // small again: back inline, the side vector freed
    std::copy(sp.entries.begin() + static_cast<std::ptrdiff_t>(sp.head), sp.entries.end(), x.inline_entries);
    spills_.give_back(x.spill);
    x.spill = kNone;
  } else if (sp.head >= 16 && sp.head * 2 >= sp.entries.size()) {  // amortised: each entry moves once
    sp.entries.erase(sp.entries.begin(), sp.entries.begin() + static_cast<std::ptrdiff_t>(sp.head));
    sp.head = 0;
  }
}

void CorrelationGroups::clear(Id g) {
  for (std::size_t i = 0; i < groups_[g].size; ++i) release(g, stored(g, i));
  Group& x = groups_[g];
  if (x.spill != kNone) spills_.give_back(x.spill);
  x.spill = kNone;
  x.size = 0;
  x.match_cap_raised = 0;
}

void CorrelationGroups::release(Id g, const Stored& s) {
  if (origins_[s.origin].nested) nested_.give_back(static_cast<std::uint32_t>(s.event));
  if (counts_values_) drop_value(g, s.value);
}

std::uint32_t CorrelationGroups::value_slot(Id g, std::uint64_t hash) {
  ValueCounts& v = values_[g];
  std::uint32_t free_slot = kNone;
  for (std::uint32_t i = 0; i < kInline; ++i) {
    if (v.count[i] > 0 && v.hash[i] == hash) return ++v.count[i], i;
    if (v.count[i] == 0 && free_slot == kNone) free_slot = i;
  }
  if (v.more != kNone) {
    ValueSlots& more = value_spills_.items[v.more];
    for (std::uint32_t i = 0; i < more.size(); ++i) {
      if (more[i].second > 0 && more[i].first == hash) return ++more[i].second, i + kInline;
      if (more[i].second == 0 && free_slot == kNone) free_slot = i + kInline;
    }
  }
  ++v.distinct;
  if (free_slot == kNone) {
    if (v.more == kNone) v.more = value_spills_.take();
    ValueSlots& more = value_spills_.items[v.more];
    free_slot = static_cast<std::uint32_t>(more.size() + kInline);
    more.emplace_back(hash, 0);
  }
  if (free_slot < kInline) {
    v.hash[free_slot] = hash;
    v.count[free_slot] = 1;
  } else {
    value_spills_.items[v.more][free_slot - kInline] = {hash, 1};
  }
  return free_slot;
}

void CorrelationGroups::drop_value(Id g, std::uint32_t slot) {
  ValueCounts& v = values_[g];
  std::uint32_t& count = slot < kInline ? v.count[slot] : value_spills_.items[v.more][slot - kInline].second;
  if (--count > 0) return;
  if (--v.distinct == 0 && v.more != kNone) {
    value_spills_.give_back(v.more);
    v.more = kNone;
  }
}

}  // namespace ward::sigma
