// Ward's own catalogues (catalogs/) read by the same OSCAL importer, and the CPG → CSF mapping
// pointing only at ids that exist.
#include <gtest/gtest.h>

#include <set>

#include "controls/builtin_catalogs.h"

namespace ward::controls {
namespace {

std::set<std::string> ids_of(const Catalog& c) {
  std::set<std::string> out;
  for (const ControlEntry& e : all_controls(c)) out.insert(e.control->id);
  return out;
}

TEST(BuiltinCatalogs, CpgsHaveTenEssentialAndTenEnhancedGoals) {
  auto cpg = find_catalog("hph-cpg");
  ASSERT_TRUE(cpg) << cpg.error().describe();
  ASSERT_EQ(cpg->groups.size(), 2u);
  EXPECT_EQ(cpg->groups[0].title, "Essential Goals");
  EXPECT_EQ(cpg->groups[0].controls.size(), 10u);
  EXPECT_EQ(cpg->groups[1].title, "Enhanced Goals");
  EXPECT_EQ(cpg->groups[1].controls.size(), 10u);
  EXPECT_EQ(cpg->groups[0].controls[0].title, "Mitigate Known Vulnerabilities");
  EXPECT_EQ(cpg->groups[0].controls[9].id, "hph-cpg-essential-10");
  for (const ControlEntry& e : assessable_controls(*cpg)) EXPECT_FALSE(e.control->statement.empty()) << e.control->id;
}

TEST(BuiltinCatalogs, HicpHasTenPractices) {
  auto hicp = find_catalog("hicp-405d");
  ASSERT_TRUE(hicp) << hicp.error().describe();
  auto practices = assessable_controls(*hicp);
  ASSERT_EQ(practices.size(), 10u);
  EXPECT_EQ(practices[0].control->title, "Email Protection Systems");
  EXPECT_EQ(practices[6].control->label, "Practice #7");
  EXPECT_EQ(practices[6].control->title, "Vulnerability Management");
}

TEST(BuiltinCatalogs, CsfIsNistsCatalogue) {
  auto csf = find_catalog("csf-2.0");
  ASSERT_TRUE(csf) << csf.error().describe();
  EXPECT_EQ(assessable_controls(*csf).size(), 106u);
  auto unknown = find_catalog("csf-1.1");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_NE(unknown.error().message.find("csf-2.0, hph-cpg, hicp-405d"), std::string::npos);
}

TEST(Mapping, EveryCpgMapsToActiveCsfSubcategories) {
  auto pairs = cpg_to_csf_mapping();
  ASSERT_TRUE(pairs) << pairs.error().describe();
  auto cpg = find_catalog("hph-cpg");
  auto csf = find_catalog("csf-2.0");
  ASSERT_TRUE(cpg && csf);
  std::set<std::string> active_csf;
  for (const ControlEntry& e : assessable_controls(*csf)) active_csf.insert(e.control->id);
  const auto cpg_ids = ids_of(*cpg);
  std::set<std::string> mapped;
  for (const MappingPair& p : *pairs) {
    EXPECT_EQ(p.from_catalog, "hph-cpg");
    EXPECT_EQ(p.to_catalog, "csf-2.0");
    EXPECT_TRUE(cpg_ids.contains(p.from_id)) << p.from_id;
    EXPECT_TRUE(active_csf.contains(p.to_id)) << p.to_id;
    mapped.insert(p.from_id);
  }
  EXPECT_EQ(mapped.size(), 20u);  // every goal maps somewhere
}

TEST(Mapping, BadLinesNameTheLine) {
  auto bad = parse_mapping("# c\nfrom_catalog,from_id,to_catalog,to_id\na,b,c\n", "m.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().line, 3u);
  EXPECT_EQ(bad.error().source, "m.csv");
  EXPECT_FALSE(parse_mapping("from,to\n", "m.csv"));
}

}  // namespace
}  // namespace ward::controls
