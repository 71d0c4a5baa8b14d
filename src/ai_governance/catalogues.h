// The governance catalogues Ward ships as data (data/ai_governance/, embedded in the binary):
// the NIST AI RMF 1.0 subcategories for the per-system checklist, and the transparency fields
// an AI system's record may carry (CHAI applied model card, ONC HTI-1 source attributes).
#pragma once

#include <span>
#include <string_view>

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
};

// Parsed once from the embedded text, in file order; views into it (valid for the program).
std::span<const RmfSubcategory> rmf_subcategories();
std::span<const TransparencyField> transparency_fields();
// The field of `scheme` called `key`, or null.
const TransparencyField* find_transparency_field(std::string_view scheme, std::string_view key);

}  // namespace ward::ai_governance
