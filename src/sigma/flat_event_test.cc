// FlatEvent's lookup: every value of a name, names compared without case, values in the order
// they were added, whatever else the event holds.
#include "sigma/flat_event.h"

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

std::vector<std::string_view> texts(std::span<const FieldValue> values) {
  std::vector<std::string_view> out;
  for (const auto& v : values) out.push_back(v.text);
  return out;
}

TEST(FlatEvent, ValuesOfANameIgnoreCaseAndKeepTheirOrder) {
  FlatEvent e;
  for (int round = 0; round < 2; ++round) {  // reuse after clear()
    e.clear();
    e.add("Image", {"a.exe", ValueKind::string});
    e.add("CommandLine", {"a.exe /x", ValueKind::string});
    e.add_copy("image", "b.exe", ValueKind::string, false);
    for (int i = 0; i < 200; ++i) e.add_copy("Field" + std::to_string(i), std::to_string(i), ValueKind::number);
    e.add("IMAGE", {"c.exe", ValueKind::string});
    e.finish();
    EXPECT_EQ(texts(e.values_of("image")), (std::vector<std::string_view>{"a.exe", "b.exe", "c.exe"}));
    EXPECT_EQ(texts(e.values_of("commandline")), (std::vector<std::string_view>{"a.exe /x"}));
    EXPECT_EQ(texts(e.values_of("FIELD137")), (std::vector<std::string_view>{"137"}));
    EXPECT_TRUE(e.values_of("Imag").empty());
    EXPECT_TRUE(e.values_of("").empty());
    EXPECT_EQ(e.size(), 204u);
    EXPECT_EQ(e.all_values().size(), 203u) << "the copy added as not a leaf is not in all_values";
  }
}

TEST(FlatEvent, NamesThatCompareEqualHashEqual) {
  EXPECT_EQ(hash_field_name("TargetFilename"), hash_field_name("targetFILENAME"));
  EXPECT_EQ(compare_field_names("TargetFilename", "targetFILENAME"), 0);
}

}  // namespace
}  // namespace ward::sigma
