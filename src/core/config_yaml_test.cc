#include "core/config_yaml.h"

#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(ConfigYaml, UnknownKeyIsAnErrorNamingIt) {
  auto node = load_yaml_text("ingest:\n  max_line_bytes: 10\n  colour: blue\n", "ward.yaml");
  ASSERT_TRUE(node);
  auto r = check_keys((*node)["ingest"], {"max_line_bytes"}, "ingest");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "ingest.colour: unknown key");
}

TEST(ConfigYaml, WrongTypeNamesTheKey) {
  auto node = load_yaml_text("max_line_bytes: lots\n", "ward.yaml");
  ASSERT_TRUE(node);
  std::size_t v = 7;
  auto r = read_key(*node, "max_line_bytes", v, "ingest");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("ingest.max_line_bytes"), std::string::npos);
  EXPECT_EQ(v, 7u);
}

TEST(ConfigYaml, SyntaxErrorNamesFileAndLine) {
  auto node = load_yaml_text("a: 1\nb: [unclosed\n", "ward.yaml");
  ASSERT_FALSE(node);
  EXPECT_EQ(node.error().source, "ward.yaml");
  EXPECT_GE(node.error().line, 2u);
}

}  // namespace
}  // namespace ward
