// The OSCAL importer on NIST's published files: the CSF 2.0 catalogue's shape, the SP 800-53
// rev5 baselines against the LOW-resolved catalogue shipped beside it, and bad documents.
#include <gtest/gtest.h>

#include <set>

#include "controls/oscal_catalog.h"
#include "testing/shared_data.h"

namespace ward::controls {
namespace {

std::string frameworks(const char* file) { return ward::testing::shared_data("frameworks").string() + "/" + file; }

TEST(OscalCatalog, CsfHasSixFunctions22CategoriesAnd106Subcategories) {
  auto cat = load_catalog(frameworks("NIST_CSF_v2.0_catalog.json"));
  ASSERT_TRUE(cat) << cat.error().describe();
  EXPECT_EQ(cat->title, "Electronic Version of NIST Cybersecurity Framework 2.0");
  ASSERT_EQ(cat->groups.size(), 6u);
  std::vector<std::string> functions;
  for (const Group& g : cat->groups) functions.push_back(g.id);
  EXPECT_EQ(functions, (std::vector<std::string>{"GV", "ID", "PR", "DE", "RS", "RC"}));
  EXPECT_EQ(cat->groups[0].label, "GOVERN (GV)");
  int categories = 0, subcategories = 0, withdrawn = 0;
  for (const ControlEntry& e : all_controls(*cat)) {
    if (e.control->withdrawn) ++withdrawn;
    else if (e.control->control_class == "category") ++categories;
    else if (e.control->control_class == "subcategory") ++subcategories;
  }
  EXPECT_EQ(categories, 22);
  EXPECT_EQ(subcategories, 106);
  EXPECT_EQ(withdrawn, 12 + 79);  // CSF 1.1 categories and subcategories kept as withdrawn
  // What an assessment rates: the 106 active subcategories, each under its function.
  auto rated = assessable_controls(*cat);
  ASSERT_EQ(rated.size(), 106u);
  EXPECT_EQ(rated.front().control->id, "GV.OC-01");
  EXPECT_EQ(rated.front().top_group, "GV");
  EXPECT_EQ(rated.front().parent, "GV.OC");
  EXPECT_EQ(rated.front().control->sort_id, "00001.00001.00001");
  EXPECT_EQ(rated.front().control->statement,
            "The organizational mission is understood and informs cybersecurity risk management");
}

TEST(OscalCatalog, Sp80053LowResolvedHasFamiliesControlsAndEnhancements) {
  auto cat = load_catalog(frameworks("NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"));
  ASSERT_TRUE(cat) << cat.error().describe();
  EXPECT_EQ(cat->groups.size(), 18u);
  auto all = all_controls(*cat);
  EXPECT_EQ(all.size(), 149u);
  const Control& ac1 = *all.front().control;
  EXPECT_EQ(ac1.id, "ac-1");
  EXPECT_EQ(ac1.title, "Policy and Procedures");
  EXPECT_EQ(all.front().top_group, "ac");
  // Items with their labels, parameters as NIST prints the control (SP 800-53 rev5, AC-1).
  EXPECT_EQ(ac1.statement.substr(0, ac1.statement.find('\n', ac1.statement.find('\n') + 1)),
            "a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:\n"
            "1. [Selection (one or more): organization-level; mission/business process-level; system-level] access "
            "control policy that:");
  EXPECT_EQ(ac1.statement.find("{{"), std::string::npos) << ac1.statement;
  EXPECT_NE(ac1.statement.find("Designate an [Assignment: organization-defined official] to manage"), std::string::npos)
      << ac1.statement;
  EXPECT_FALSE(ac1.guidance.empty());
  int enhancements = 0;
  for (const ControlEntry& e : all) enhancements += !e.parent.empty();
  EXPECT_EQ(enhancements, 18);
}

// The baselines select from the full rev5 catalogue, which is not shipped (about 10 MB): against
// the LOW-resolved one, LOW resolves completely and the others only in their LOW part.
TEST(OscalProfile, BaselinesResolveAgainstTheLowCatalogueAsFarAsItGoes) {
  auto cat = load_catalog(frameworks("NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"));
  ASSERT_TRUE(cat) << cat.error().describe();
  struct Case { const char* file; std::size_t ids, found; };
  for (const Case& c : {Case{"NIST_SP-800-53_rev5_LOW-baseline_profile.json", 149, 149},
                        Case{"NIST_SP-800-53_rev5_MODERATE-baseline_profile.json", 287, 149},
                        Case{"NIST_SP-800-53_rev5_HIGH-baseline_profile.json", 370, 149},
                        Case{"NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json", 96, 40}}) {
    auto profile = load_profile(frameworks(c.file));
    ASSERT_TRUE(profile) << profile.error().describe();
    EXPECT_EQ(profile->include_ids.size(), c.ids) << c.file;
    auto r = resolve_profile(*profile, *cat);
    EXPECT_EQ(r.found.size(), c.found) << c.file;
    EXPECT_EQ(r.missing.size(), c.ids - c.found) << c.file;
  }
  // Baselines nest: every LOW control is in MODERATE, every MODERATE one in HIGH.
  auto ids = [&](const char* file) {
    auto p = load_profile(frameworks(file));
    return std::set<std::string>(p->include_ids.begin(), p->include_ids.end());
  };
  auto low = ids("NIST_SP-800-53_rev5_LOW-baseline_profile.json");
  auto moderate = ids("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json");
  auto high = ids("NIST_SP-800-53_rev5_HIGH-baseline_profile.json");
  for (const auto& id : low) EXPECT_TRUE(moderate.contains(id)) << id;
  for (const auto& id : moderate) EXPECT_TRUE(high.contains(id)) << id;
  EXPECT_TRUE(moderate.contains("ac-2.1"));
  EXPECT_FALSE(low.contains("ac-2.1"));
}

// An assessment on SP 800-53 with a baseline: the LOW profile cut from the LOW-resolved
// catalogue keeps all its 149 ids in their 18 families; MODERATE is refused, naming the profile
// file and how many ids the catalogue lacks, as its controls are only in the full catalogue.
TEST(OscalProfile, LowBaselineAppliesToTheLowCatalogueAndModerateIsRefused) {
  auto cat = load_catalog(frameworks("NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"));
  ASSERT_TRUE(cat) << cat.error().describe();
  auto low = load_profile(frameworks("NIST_SP-800-53_rev5_LOW-baseline_profile.json"));
  ASSERT_TRUE(low);
  auto cut = apply_profile(*low, *cat, "low.json");
  ASSERT_TRUE(cut) << cut.error().describe();
  EXPECT_EQ(all_controls(*cut).size(), 149u);
  EXPECT_EQ(cut->groups.size(), 18u);
  EXPECT_NE(cut->title.find("LOW IMPACT BASELINE"), std::string::npos) << cut->title;
  EXPECT_EQ(assessable_controls(*cut).size(), assessable_controls(*cat).size());

  const std::string moderate_file = frameworks("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json");
  auto moderate = load_profile(moderate_file);
  ASSERT_TRUE(moderate);
  auto refused = apply_profile(*moderate, *cat, moderate_file);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "profile");
  EXPECT_EQ(refused.error().source, moderate_file);
  EXPECT_NE(refused.error().message.find("138 of the 287 controls"), std::string::npos) << refused.error().message;

  // A smaller profile keeps only its controls, with the family and base control around them.
  Profile two{"two", {"ac-2", "ia-2.1"}};
  auto small = apply_profile(two, *cat, "two.json");
  ASSERT_TRUE(small) << small.error().describe();
  std::vector<std::string> ids;
  for (const ControlEntry& e : all_controls(*small)) ids.push_back(e.control->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ac-2", "ia-2", "ia-2.1"}));
  EXPECT_EQ(small->groups.size(), 2u);
}

TEST(OscalCatalog, BadDocumentsNameTheFileAndTheJsonPath) {
  auto bad = parse_catalog("{\"catalog\": {", "broken.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().source, "broken.json");
  EXPECT_NE(bad.error().message.find("not JSON"), std::string::npos);

  auto wrong_kind = parse_catalog(R"({"profile": {}})", "p.json");
  ASSERT_FALSE(wrong_kind);
  EXPECT_EQ(wrong_kind.error().field, "catalog");
  EXPECT_NE(wrong_kind.error().message.find("not an OSCAL catalog"), std::string::npos);

  auto no_id = parse_catalog(
      R"({"catalog": {"uuid": "u", "metadata": {"title": "T"},
          "groups": [{"title": "G", "controls": [{"id": "a-1", "title": "A", "controls": [{"title": "no id"}]}]}]}})",
      "c.json");
  ASSERT_FALSE(no_id);
  EXPECT_EQ(no_id.error().source, "c.json");
  EXPECT_EQ(no_id.error().field, "catalog.groups[0].controls[0].controls[0].id");

  auto bad_ids = parse_profile(R"({"profile": {"imports": [{"include-controls": [{"with-ids": ["ac-1", 7]}]}]}})", "p.json");
  ASSERT_FALSE(bad_ids);
  EXPECT_EQ(bad_ids.error().field, "profile.imports[0].include-controls[0].with-ids[1]");

  auto missing = load_catalog("/nonexistent/catalog.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().describe().find("/nonexistent/catalog.json"), std::string::npos);
}

}  // namespace
}  // namespace ward::controls
