// FlatEvent's lookup: every value of a name, names compared without case, values in the order
// they were added, whatever else the event holds.
#include "sigma/flat_event.h"

#include <cctype>
#include <random>

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

TEST(FlatEvent, NamesCompareInlineAsMemcmpDoes) {
  // same_bytes reads words that overlap at the end: a difference at any place, any length.
  const std::string text = "Event.EventData.ParentCommandLine.Image";
  for (std::size_t n = 1; n <= text.size(); ++n) {
    EXPECT_TRUE(same_bytes(text.data(), std::string(text).data(), n)) << n;
    for (std::size_t at = 0; at < n; ++at) {
      std::string other = text;
      other[at] = static_cast<char>(other[at] ^ 0x01);
      EXPECT_FALSE(same_bytes(text.data(), other.data(), n)) << n << " " << at;
      EXPECT_TRUE(same_bytes(text.data(), other.data(), at)) << "bytes past n are not read: " << n << " " << at;
    }
  }
  EXPECT_TRUE(same_field_name("ParentImage", "parentimage"));
  EXPECT_FALSE(same_field_name("ParentImage", "ParentImagE_"));
}

// The prefilter works out the fields to scan once per shape id: equal ids, equal named() names.
TEST(FlatEvent, EventsWithTheSameNamesInOrderShareAShapeId) {
  auto id_of = [](const std::vector<std::string>& names, const std::string& value) {
    FlatEvent e;
    e.clear();
    for (const auto& n : names) e.add_copy(n, value, ValueKind::string);
    e.finish();
    return e.shape_id();
  };
  const std::uint64_t ab = id_of({"a", "b"}, "1");
  EXPECT_NE(ab, 0u);
  EXPECT_EQ(id_of({"a", "b"}, "other value"), ab);
  EXPECT_EQ(id_of({"a", "b", "A"}, "1"), id_of({"a", "b", "a"}, "1")) << "a name's values together, first spelling";
  EXPECT_NE(id_of({"b", "a"}, "1"), ab);
  EXPECT_NE(id_of({"ab"}, "1"), id_of({"a", "b"}, "1"));
  EXPECT_NE(id_of({"a", "bc"}, "1"), id_of({"ab", "c"}, "1"));
  // One FlatEvent across shapes, as a hunt reuses it: the id follows the event.
  FlatEvent e;
  for (int round = 0; round < 40; ++round) {
    e.clear();
    const std::vector<std::string> names = round % 3 == 0 ? std::vector<std::string>{"a", "b"} : std::vector<std::string>{"a", "c", "d"};
    for (const auto& n : names) e.add_copy(n, std::to_string(round), ValueKind::string);
    e.finish();
    EXPECT_EQ(e.shape_id(), id_of(names, "x")) << round;
  }
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

// An event described as (name, leaf) pairs, added with values that tell its fields apart.
using Shape = std::vector<std::pair<std::string, bool>>;

void fill(FlatEvent& e, const Shape& shape, int event) {
  e.clear();
  std::string name;  // reused: add() must keep its own copy
  for (std::size_t i = 0; i < shape.size(); ++i) {
    name = shape[i].first;
    e.add_copy(name, std::to_string(event) + "/" + std::to_string(i), ValueKind::string, shape[i].second);
  }
  e.finish();
}

std::vector<std::string> described(const FlatEvent& e, const Shape& shape) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < e.size(); ++i) out.push_back(std::string(e.name(i)) + "=" + std::string(e.value(i).text));
  for (std::size_t i = 0; i < e.name_count(); ++i) {
    const auto named = e.named(i);
    out.push_back(std::string(named.name) + ":" + std::to_string(named.values.size()));
  }
  for (const auto& v : e.all_values()) out.push_back("leaf " + std::string(v.text));
  for (const auto& [name, leaf] : shape)
    for (const auto& v : e.values_of(name)) out.push_back(name + "->" + std::string(v.text));
  out.push_back(e.values_of("Missing").empty() ? "no Missing" : "Missing!");
  return out;
}

TEST(FlatEvent, EventsOfRememberedShapesIndexAsFreshOnes) {
  // Shapes that share first fields, end inside one another, differ by a name's case or a leaf
  // flag only, and more of them than are remembered, in a seeded random order.
  const Shape base = {{"Event.System.EventID", true}, {"Event.System.Channel", true}, {"EventID", false}};
  std::vector<Shape> shapes = {base, {base[0], base[1]}, {}};
  for (int s = 0; s < 24; ++s) {
    Shape shape = base;
    for (int f = 0; f < s % 7; ++f) shape.push_back({"Data" + std::to_string((s + f) % 5), f % 2 == 0});
    shapes.push_back(shape);
  }
  shapes.push_back({{"Image", true}, {"image", true}, {"IMAGE", false}});
  shapes.push_back({{"Image", true}, {"image", false}, {"IMAGE", false}});
  std::mt19937 rng(7);
  FlatEvent reused;
  for (int event = 0; event < 2000; ++event) {
    const Shape& shape = shapes[event < 100 ? event % 4 : rng() % shapes.size()];
    fill(reused, shape, event);
    FlatEvent fresh;
    fill(fresh, shape, event);
    ASSERT_EQ(described(reused, shape), described(fresh, shape)) << "event " << event;
  }
}

}  // namespace
}  // namespace ward::sigma
