// FlatEvent's lookup: every value of a name, names compared without case, values in the order
// they were added, whatever else the event holds.
#include "sigma/flat_event.h"

#include <cctype>

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

TEST(FlatEvent, TheHashReadsEveryByteOfNamesOfAnyLength) {
  // The same hash with the last bytes copied one by one (the word-at-a-time tail must read
  // exactly the name's bytes, no more and none twice).
  auto bytewise = [](std::string_view name) {
    constexpr std::uint64_t kFold = 0x2020202020202020ull, kMultiplier = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = name.size() * kMultiplier;
    for (std::size_t i = 0; i < name.size(); i += 8) {
      std::uint64_t chunk = 0;
      for (std::size_t k = 0; k < 8 && i + k < name.size(); ++k)
        chunk |= std::uint64_t{static_cast<unsigned char>(name[i + k])} << (8 * k);
      h = (h ^ (chunk | kFold)) * kMultiplier;
      h ^= h >> 29;
    }
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  };
  const std::string text = "Event.EventData.ParentCommandLine";
  for (std::size_t length = 0; length <= text.size(); ++length) {
    const std::string_view name = std::string_view(text).substr(0, length);
    EXPECT_EQ(hash_field_name(name), bytewise(name)) << name;
    std::string upper(name);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(hash_field_name(upper), hash_field_name(name)) << upper;
    if (length > 0) {
      EXPECT_NE(hash_field_name(name), hash_field_name(text.substr(0, length - 1) + "#")) << name;
    }
  }
}

}  // namespace
}  // namespace ward::sigma
