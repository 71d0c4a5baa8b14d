// The governance catalogues Ward ships as data (data/ai_governance/, embedded in the binary):
// the NIST AI RMF 1.0 subcategories for the per-system checklist, and the transparency fields
// an AI system's record may carry (CHAI applied model card, ONC HTI-1 source attributes).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "ai_governance/ai_system.h"

namespace ward::ai_governance {

extern const std::string_view kAiRmfSubcategoriesTsv;
extern const std::string_view kTransparencyFieldsTsv;

struct RmfSubcategory {
  std::string_view id;    // "MEASURE-2.11"
  std::string_view text;  // a paraphrase in our words
};

struct TransparencyField {
  std::string_view scheme;   // "chai" or "hti1"
  std::string_view key;      // "intended_use"
  std::string_view section;  // "purpose"
  std::string_view description;
  std::string_view reference;  // hti1: the paragraph, "170.315(b)(11)(iv)(B)(2)(i)"; else ""
};

// Parsed once from the embedded text, in file order; views into it (valid for the program).
std::span<const RmfSubcategory> rmf_subcategories();
std::span<const TransparencyField> transparency_fields();
// The HTI-1 source attributes a predictive DSI's record lacks (missing or blank), in file order;
// empty for a system that is not a predictive DSI.
std::vector<const TransparencyField*> missing_source_attributes(const AiSystem& system);
// The field of `scheme` called `key`, or null.
const TransparencyField* find_transparency_field(std::string_view scheme, std::string_view key);

}  // namespace ward::ai_governance
