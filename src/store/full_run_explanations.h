// FullRunExplanations: what a full privacy run stores for its explanations, laid out before the
// store's writer is taken — the texts in the order of their hashes, one after the other, and
// each part's blob (store/explanation_parts.h). A run beside a bulk load waits for the writer
// while the event indexes are built; the work done here is then off the writer's path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/privacy_rows.h"

namespace ward::store {

// Blobs of access_explanation_parts, by part.
using ExplanationPartBlobs = std::map<std::int64_t, std::string>;

// Puts the value of each of `rows` (its text's id from `text_ids`, by the row's index into the
// batch's texts) at its seq's slot of its part's blob, adding the parts not in `parts`.
void put_explanations(ExplanationPartBlobs& parts, const std::vector<ExplanationBatch::Row>& rows,
                      const std::vector<std::int64_t>& text_ids);

class FullRunExplanations {
 public:
  struct Text {
    std::int64_t hash = 0;
    std::string_view code, evidence;
  };

  // The batch's texts get the ids 1 … texts() in the order of their hashes: those SQLite gives
  // rows inserted into an emptied table in that order (a full run empties it first).
  explicit FullRunExplanations(const ExplanationBatch& explanations);
  FullRunExplanations(const FullRunExplanations&) = delete;
  FullRunExplanations& operator=(const FullRunExplanations&) = delete;

  std::size_t texts() const { return texts_.size(); }
  // The text with the id i + 1.
  Text text(std::size_t i) const {
    const Laid& t = texts_[i];
    return {t.hash, std::string_view(bytes_).substr(t.at, t.code_size),
            std::string_view(bytes_).substr(t.at + t.code_size, t.evidence_size)};
  }
  const ExplanationPartBlobs& parts() const { return parts_; }

 private:
  struct Laid {
    std::int64_t hash;
    std::size_t at, code_size, evidence_size;  // in bytes_: the code, then the evidence
  };
  std::string bytes_;
  std::vector<Laid> texts_;
  ExplanationPartBlobs parts_;
};

}  // namespace ward::store
