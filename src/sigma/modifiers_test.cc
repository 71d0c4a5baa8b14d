// Each value modifier of the Sigma specification's appendix, through a whole rule.
#include <gtest/gtest.h>

#include "sigma/rule_testing.h"

namespace ward::sigma {
namespace {

using testing::compile_yaml;
using testing::fires;

// A rule with one selection holding `field_line` (e.g. "CommandLine|contains: evil").
Result<CompiledRule> rule(std::string_view field_line, const CompileOptions& options = {}) {
  return compile_yaml("detection:\n  selection:\n    " + std::string(field_line) + "\n  condition: selection\n", options);
}

std::string event(std::string_view field, std::string_view json_value) {
  return "{\"" + std::string(field) + "\": " + std::string(json_value) + "}";
}

TEST(Modifiers, ContainsStartswithEndswith) {
  EXPECT_TRUE(fires(rule("c|contains: 'whoami'"), event("c", R"("cmd /c WHOAMI /all")")));
  EXPECT_FALSE(fires(rule("c|contains: 'whoami'"), event("c", R"("who ami")")));
  EXPECT_TRUE(fires(rule("c|startswith: 'C:\\Windows\\'"), event("c", R"("c:\\windows\\system32")")));
  EXPECT_FALSE(fires(rule("c|startswith: 'C:\\Windows\\'"), event("c", R"("D:\\windows\\")")));
  EXPECT_TRUE(fires(rule("c|endswith: '\\cmd.exe'"), event("c", R"("C:\\Windows\\CMD.exe")")));
  EXPECT_FALSE(fires(rule("c|endswith: '\\cmd.exe'"), event("c", R"("C:\\cmd.exe.bak")")));
  // A plain value is an exact (case-insensitive) match.
  EXPECT_TRUE(fires(rule("c: 'Abc'"), event("c", R"("aBC")")));
  EXPECT_FALSE(fires(rule("c: 'Abc'"), event("c", R"("aBCd")")));
}

TEST(Modifiers, ListOfValuesIsOrAndAllMakesItAnd) {
  EXPECT_TRUE(fires(rule("c|contains: ['a1', 'b2']"), event("c", R"("xx b2")")));
  EXPECT_FALSE(fires(rule("c|contains|all: ['a1', 'b2']"), event("c", R"("xx b2")")));
  EXPECT_TRUE(fires(rule("c|contains|all: ['a1', 'b2']"), event("c", R"("b2 then A1")")));
}

TEST(Modifiers, WindashMatchesEveryDash) {
  auto r = rule("c|contains|windash: ' -encodedcommand'");
  for (std::string_view dash : {"-", "/", "\u2013", "\u2014", "\u2015"})
    EXPECT_TRUE(fires(r, event("c", "\"powershell " + std::string(dash) + "EncodedCommand AAA\""))) << dash;
  EXPECT_FALSE(fires(r, event("c", R"("powershell +encodedcommand")")));
  EXPECT_TRUE(fires(rule("c|windash|contains: '-p'"), event("c", R"("tool /p x")")));
}

TEST(Modifiers, Base64AndBase64Offset) {
  EXPECT_TRUE(fires(rule("c|base64: 'cmd'"), event("c", R"("Y21k")")));
  EXPECT_TRUE(fires(rule("c|base64|contains: 'cmd'"), event("c", R"("xxY21kxx")")));
  // "whoami" behind 0, 1 and 2 bytes: base64 of "whoami", "xwhoami", "xywhoami".
  auto r = rule("c|base64offset|contains: 'whoami'");
  EXPECT_TRUE(fires(r, event("c", R"("powershell -e d2hvYW1p")")));
  EXPECT_TRUE(fires(r, event("c", R"("eHdob2FtaQ==")")));
  EXPECT_TRUE(fires(r, event("c", R"("eHl3aG9hbWk=")")));
  EXPECT_FALSE(fires(r, event("c", R"("aGVsbG8=")")));
}

TEST(Modifiers, Utf16ThenBase64) {
  // PowerShell -EncodedCommand: base64 of UTF-16LE text.
  // "whoami" in UTF-16LE, base64: dwBoAG8AYQBtAGkA
  EXPECT_TRUE(fires(rule("c|utf16le|base64: 'whoami'"), event("c", R"("dwBoAG8AYQBtAGkA")")));
  EXPECT_TRUE(fires(rule("c|wide|base64offset|contains: 'whoami'"), event("c", R"("powershell -enc dwBoAG8AYQBtAGkA")")));
  EXPECT_TRUE(fires(rule("c|wide|base64offset|contains: 'whoami'"), event("c", R"("cABzACAAdwBoAG8AYQBtAGkA")")))
      << "'ps whoami' in UTF-16LE";
  // Big endian: "cmd" -> 00 63 00 6d 00 64 -> AGMAbQBk
  EXPECT_TRUE(fires(rule("c|utf16be|base64: 'cmd'"), event("c", R"("AGMAbQBk")")));
  // With a byte order mark: FF FE 63 00 6d 00 64 00 -> //5jAG0AZAA=
  EXPECT_TRUE(fires(rule("c|utf16|base64: 'cmd'"), event("c", R"("//5jAG0AZAA=")")));
}

TEST(Modifiers, RegexIsCaseSensitiveUnlessI) {
  EXPECT_TRUE(fires(rule("c|re: 'ab+c'"), event("c", R"("xxabbbcxx")")));
  EXPECT_FALSE(fires(rule("c|re: 'ab+c'"), event("c", R"("ABBC")")));
  EXPECT_TRUE(fires(rule("c|re|i: 'ab+c'"), event("c", R"("ABBC")")));
  EXPECT_FALSE(fires(rule("c|re: '^b$'"), event("c", R"("a\nb\nc")")));
  EXPECT_TRUE(fires(rule("c|re|m: '^b$'"), event("c", R"("a\nb\nc")")));
  EXPECT_FALSE(fires(rule("c|re: 'a.b'"), event("c", R"("a\nb")")));
  EXPECT_TRUE(fires(rule("c|re|s: 'a.b'"), event("c", R"("a\nb")")));
}

TEST(Modifiers, RegexRe2CannotRunIsNotCompiledWithTheReason) {
  auto lookahead = rule("c|re: 'foo(?!bar)'");
  ASSERT_FALSE(lookahead.has_value());
  EXPECT_NE(lookahead.error().message.find("not supported by RE2"), std::string::npos) << lookahead.error().message;
  EXPECT_EQ(lookahead.error().field, "detection.selection.c");
  EXPECT_FALSE(rule("c|re: '(a)\\1'").has_value());
  EXPECT_FALSE(rule("c|i: 'x'").has_value()) << "i only after re";
}

TEST(Modifiers, CidrIPv4AndIPv6) {
  auto v4 = rule("ip|cidr: ['10.0.0.0/8', '192.168.1.0/24']");
  EXPECT_TRUE(fires(v4, event("ip", R"("10.200.3.4")")));
  EXPECT_TRUE(fires(v4, event("ip", R"("192.168.1.255")")));
  EXPECT_FALSE(fires(v4, event("ip", R"("192.168.2.1")")));
  EXPECT_FALSE(fires(v4, event("ip", R"("not an ip")")));
  EXPECT_FALSE(fires(v4, event("ip", R"("::ffff:10.0.0.1")")));
  auto v6 = rule("ip|cidr: 'fe80::/10'");
  EXPECT_TRUE(fires(v6, event("ip", R"("fe80::1")")));
  EXPECT_TRUE(fires(v6, event("ip", R"("FEBF::1")")));
  EXPECT_FALSE(fires(v6, event("ip", R"("fec0::1")")));
  EXPECT_FALSE(fires(v6, event("ip", R"("10.0.0.1")")));
  EXPECT_TRUE(fires(rule("ip|cidr: '10.1.2.3'"), event("ip", R"("10.1.2.3")"))) << "a bare address is a /32";
  EXPECT_FALSE(rule("ip|cidr: '10.0.0.0/33'").has_value());
  EXPECT_FALSE(rule("ip|cidr: 'nonsense'").has_value());
}

TEST(Modifiers, NumericComparisons) {
  EXPECT_TRUE(fires(rule("n|gt: 5"), event("n", "6")));
  EXPECT_FALSE(fires(rule("n|gt: 5"), event("n", "5")));
  EXPECT_TRUE(fires(rule("n|gte: 5"), event("n", "5")));
  EXPECT_TRUE(fires(rule("n|lt: 5"), event("n", "4.5")));
  EXPECT_FALSE(fires(rule("n|lt: 5"), event("n", "10"))) << "numbers, not text (\"10\" < \"5\")";
  EXPECT_TRUE(fires(rule("n|lte: 5"), event("n", R"("5")"))) << "numbers written as strings compare too";
  EXPECT_FALSE(fires(rule("n|gt: 5"), event("n", R"("many")")));
  EXPECT_FALSE(rule("n|gt: many").has_value());
  // Numbers also match as their text.
  EXPECT_TRUE(fires(rule("EventID: 4688"), event("EventID", "4688")));
  EXPECT_TRUE(fires(rule("EventID: [4624, 4625]"), event("EventID", R"("4625")")));
}

TEST(Modifiers, ExistsNullAndEmpty) {
  EXPECT_TRUE(fires(rule("f|exists: true"), R"({"f": ""})"));
  EXPECT_TRUE(fires(rule("f|exists: true"), R"({"f": null})")) << "exists looks at presence, not the value";
  EXPECT_FALSE(fires(rule("f|exists: true"), R"({"g": 1})"));
  EXPECT_TRUE(fires(rule("f|exists: false"), R"({"g": 1})"));
  EXPECT_TRUE(fires(rule("f: null"), R"({"g": 1})")) << "null: absent";
  EXPECT_TRUE(fires(rule("f: null"), R"({"f": null})")) << "null: JSON null";
  EXPECT_FALSE(fires(rule("f: null"), R"({"f": ""})"));
  EXPECT_TRUE(fires(rule("f: ''"), R"({"f": ""})"));
  EXPECT_FALSE(fires(rule("f: ''"), R"({"g": ""})")) << "empty is a value, not absence";
  EXPECT_FALSE(fires(rule("f: ''"), R"({"f": null})"));
  EXPECT_FALSE(rule("f: ['a', null]").has_value()) << "null cannot be part of a list";
}

TEST(Modifiers, CasedComparesExactly) {
  EXPECT_TRUE(fires(rule("c|cased: 'CaSe'"), event("c", R"("CaSe")")));
  EXPECT_FALSE(fires(rule("c|cased: 'CaSe'"), event("c", R"("case")")));
  EXPECT_TRUE(fires(rule("c|contains|cased: 'Ab'"), event("c", R"("xAbx")")));
  EXPECT_FALSE(fires(rule("c|contains|cased: 'Ab'"), event("c", R"("xabx")")));
}

TEST(Modifiers, FieldrefComparesTwoFieldsOfTheEvent) {
  auto r = rule("TargetFilename|fieldref: Image");
  EXPECT_TRUE(fires(r, R"({"TargetFilename": "C:\\a.exe", "Image": "c:\\A.EXE"})"));
  EXPECT_FALSE(fires(r, R"({"TargetFilename": "C:\\a.exe", "Image": "C:\\b.exe"})"));
  EXPECT_FALSE(fires(r, R"({"TargetFilename": "C:\\a.exe"})"));
  EXPECT_TRUE(fires(rule("a|fieldref|startswith: b"), R"({"a": "prefix-rest", "b": "prefix"})"));
}

TEST(Modifiers, NeqIsTrueWhenNoValueMatches) {
  auto r = rule("user|neq: ['admin', 'root']");
  EXPECT_TRUE(fires(r, event("user", R"("alice")")));
  EXPECT_FALSE(fires(r, event("user", R"("ROOT")")));
}

TEST(Modifiers, DateParts) {
  const std::string e = event("t", R"("2025-11-27T07:40:10.165Z")");
  EXPECT_TRUE(fires(rule("t|hour: 7"), e));
  EXPECT_TRUE(fires(rule("t|minute: 40"), e));
  EXPECT_TRUE(fires(rule("t|day: 27"), e));
  EXPECT_TRUE(fires(rule("t|month: 11"), e));
  EXPECT_TRUE(fires(rule("t|year: 2025"), e));
  EXPECT_TRUE(fires(rule("t|week: 48"), e));
  EXPECT_TRUE(fires(rule("t|hour|lt: 8"), e));
  EXPECT_FALSE(fires(rule("t|hour|gt: 8"), e));
}

TEST(Modifiers, ExpandNeedsAConfiguredPlaceholder) {
  auto unconfigured = rule("User|expand: '%Administrators%'");
  ASSERT_FALSE(unconfigured.has_value());
  EXPECT_NE(unconfigured.error().message.find("placeholder %Administrators% has no configured value"), std::string::npos);
  CompileOptions options;
  options.placeholders["Administrators"] = {"admin*", "root"};
  auto r = rule("User|expand: '%Administrators%'", options);
  EXPECT_TRUE(fires(r, event("User", R"("Administrator")")));
  EXPECT_TRUE(fires(r, event("User", R"("root")")));
  EXPECT_FALSE(fires(r, event("User", R"("alice")")));
  // A backslash keeps the percent sign plain.
  EXPECT_TRUE(fires(rule("c|expand: '\\%plain'", options), event("c", R"("%plain")")));
}

TEST(Modifiers, UnknownModifierIsNotCompiled) {
  auto r = rule("c|sometimes: x");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("unknown modifier 'sometimes'"), std::string::npos);
}

TEST(Selections, MapsAreAndListsOfMapsAreOr) {
  auto and_map = compile_yaml("detection:\n  sel:\n    a: '1'\n    b: '2'\n  condition: sel\n");
  EXPECT_TRUE(fires(and_map, R"({"a":"1","b":"2"})"));
  EXPECT_FALSE(fires(and_map, R"({"a":"1","b":"3"})"));
  auto or_maps = compile_yaml("detection:\n  sel:\n    - a: '1'\n    - b: '2'\n  condition: sel\n");
  EXPECT_TRUE(fires(or_maps, R"({"b":"2"})"));
  EXPECT_FALSE(fires(or_maps, R"({"c":"2"})"));
}

TEST(Selections, KeywordsMatchAnywhereInTheValues) {
  auto any = compile_yaml("detection:\n  keywords:\n    - 'event::clear'\n    - 'EVILSERVICE'\n  condition: keywords\n");
  EXPECT_TRUE(fires(any, R"({"msg": "mimikatz # event::clear done"})"));
  EXPECT_TRUE(fires(any, R"({"deep": {"svc": ["ok", "my evilservice"]}})"));
  EXPECT_FALSE(fires(any, R"({"event::clear": "field names are not searched"})"));
  auto all = compile_yaml("detection:\n  keywords:\n    '|all':\n      - 'OabVirtualDirectory'\n      - ' -ExternalUrl '\n"
                          "  condition: keywords\n");
  EXPECT_TRUE(fires(all, R"({"a": "Set-OabVirtualDirectory", "b": "x -ExternalUrl y"})"));
  EXPECT_FALSE(fires(all, R"({"a": "Set-OabVirtualDirectory"})"));
  auto single = compile_yaml("detection:\n  keywords: 'needle'\n  condition: keywords\n");
  EXPECT_TRUE(fires(single, R"({"a": "haystack NEEDLE"})"));
}

TEST(Selections, AnyValueOfAMultiValuedFieldMatches) {
  EXPECT_TRUE(fires(rule("tag: 'b'"), R"({"tag": ["a", "b"]})"));
  EXPECT_TRUE(fires(rule("user.name: 'bob'"), R"({"user": {"name": "bob"}})")) << "nested keys by dotted path";
  EXPECT_TRUE(fires(rule("USER.NAME: 'bob'"), R"({"user": {"name": "bob"}})")) << "field names ignore case";
}

}  // namespace
}  // namespace ward::sigma
