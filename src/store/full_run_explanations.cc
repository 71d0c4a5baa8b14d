// FullRunExplanations: a full run's explanation texts and part blobs, laid out for the writer.
#include "store/full_run_explanations.h"

#include <algorithm>

#include "store/explanation_parts.h"

namespace ward::store {

void put_explanations(ExplanationPartBlobs& parts, const std::vector<ExplanationBatch::Row>& rows,
                      const std::vector<std::int64_t>& text_ids) {
  namespace layout = explanation_parts;
  std::string* blob = nullptr;  // the part of the row before: a run's rows come in seq order
  std::int64_t blob_part = -1;
  for (const ExplanationBatch::Row& x : rows) {
    if (layout::part_of(x.seq) != blob_part) {
      blob_part = layout::part_of(x.seq);
      blob = &parts[blob_part];
    }
    layout::put(*blob, layout::slot_of(x.seq), layout::pack(text_ids[x.text], x.explained));
  }
}

FullRunExplanations::FullRunExplanations(const ExplanationBatch& explanations) {
  const std::vector<ExplanationBatch::Text>& batch_texts = explanations.texts();
  // In the order of their hashes: the hash index then grows at its end instead of taking
  // hundreds of thousands of inserts at random places.
  std::vector<std::uint32_t> order(batch_texts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t x, std::uint32_t y) { return batch_texts[x].hash < batch_texts[y].hash; });
  // One after the other, so the writer reads them in the order it stores them.
  std::size_t size = 0;
  for (const ExplanationBatch::Text& t : batch_texts) size += t.code.size() + t.evidence.size();
  bytes_.reserve(size);
  texts_.reserve(order.size());
  std::vector<std::int64_t> ids(batch_texts.size(), 0);
  for (std::size_t row = 0; row < order.size(); ++row) {
    const ExplanationBatch::Text& t = batch_texts[order[row]];
    texts_.push_back({t.hash, bytes_.size(), t.code.size(), t.evidence.size()});
    bytes_ += t.code;
    bytes_ += t.evidence;
    ids[order[row]] = static_cast<std::int64_t>(row) + 1;
  }
  put_explanations(parts_, explanations.rows(), ids);
}

}  // namespace ward::store
