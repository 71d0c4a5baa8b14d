// Ward's own catalogues (catalogs/) read by the same OSCAL importer, and the CPG → CSF mapping
// pointing only at ids that exist.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "controls/builtin_catalogs.h"
#include "testing/shared_data.h"
#include "third_parties/questionnaire_template.h"

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
  EXPECT_NE(unknown.error().message.find("csf-2.0, hph-cpg, hicp-405d, hipaa-security"), std::string::npos);
}

// Each built-in SP 800-53 baseline holds exactly the controls NIST's baseline profile (as in
// ../shared/data/frameworks) selects (and the base control of a selected enhancement), with
// NIST's titles and statements; the catalogue-and-profile files of the shared data give the same
// for LOW, the one baseline they resolve.
TEST(BuiltinCatalogs, Sp80053BaselinesHoldExactlyTheControlsOfNistsProfiles) {
  const std::map<std::string, std::pair<std::string, std::size_t>> baselines = {
      {"sp800-53-low", {"LOW", 149}}, {"sp800-53-moderate", {"MODERATE", 287}},
      {"sp800-53-high", {"HIGH", 370}}, {"sp800-53-privacy", {"PRIVACY", 96}}};
  for (const auto& [name, nist] : baselines) {
    const auto profile_file = testing::shared_data("frameworks/NIST_SP-800-53_rev5_" + nist.first + "-baseline_profile.json");
    auto profile = load_profile(profile_file.string());
    ASSERT_TRUE(profile) << profile.error().describe();
    const std::set<std::string> selected(profile->include_ids.begin(), profile->include_ids.end());
    EXPECT_EQ(selected.size(), nist.second) << name;
    auto catalog = find_catalog(name);
    ASSERT_TRUE(catalog) << name << ": " << catalog.error().describe();
    // The selected controls, and a base control only when one of its enhancements is selected.
    const std::set<std::string> held = ids_of(*catalog);
    for (const std::string& id : selected) EXPECT_TRUE(held.contains(id)) << name << " lacks " << id;
    for (const std::string& id : held) {
      if (selected.contains(id)) continue;
      auto nested = selected.lower_bound(id + ".");
      EXPECT_TRUE(nested != selected.end() && nested->starts_with(id + ".")) << name << " holds " << id << ", not selected";
    }
    EXPECT_NE(catalog->title.find("800-53"), std::string::npos) << catalog->title;
    // What an assessment of the baseline rates: exactly what it selects — a base control beside
    // its enhancements (SP 800-53A assesses AC-2 and AC-2(1) each), no base control kept only for
    // an enhancement (PRIVACY selects AC-3(14), not AC-3).
    std::set<std::string> rated;
    for (const ControlEntry& e : assessable_controls(*catalog)) {
      EXPECT_FALSE(e.control->title.empty()) << name << " " << e.control->id;
      rated.insert(e.control->id);
    }
    EXPECT_EQ(rated, selected) << name;
  }
  auto moderate = find_catalog("sp800-53-moderate");
  ASSERT_TRUE(moderate);
  for (const ControlEntry& e : all_controls(*moderate)) {
    if (e.control->id != "ac-2") continue;
    EXPECT_EQ(e.control->title, "Account Management");
    EXPECT_NE(e.control->statement.find("Define and document the types of accounts"), std::string::npos) << e.control->statement;
  }
  auto low_from_files = find_catalog(testing::shared_data("frameworks/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json").string(),
                                     testing::shared_data("frameworks/NIST_SP-800-53_rev5_LOW-baseline_profile.json").string());
  ASSERT_TRUE(low_from_files) << low_from_files.error().describe();
  auto low = find_catalog("sp800-53-low");
  ASSERT_TRUE(low);
  EXPECT_EQ(ids_of(*low), ids_of(*low_from_files));
  EXPECT_EQ(assessable_controls(*low).size(), assessable_controls(*low_from_files).size());
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

// The counts are the ones written in catalogs/hipaa-security-rule.json: per section, the
// standards, what an assessment rates (specifications, and standards that have none) and how
// many of those the rule marks Required.
TEST(BuiltinCatalogs, HipaaSecurityRuleHasItsFiveSectionsAndFiftySpecifications) {
  auto hipaa = find_catalog("hipaa-security");
  ASSERT_TRUE(hipaa) << hipaa.error().describe();
  struct Want { const char* id; const char* label; std::size_t standards; int rated, required; };
  const Want want[] = {{"administrative", "164.308", 9, 23, 12}, {"physical", "164.310", 4, 10, 4},
                       {"technical", "164.312", 5, 9, 4},        {"organizational", "164.314", 2, 4, 4},
                       {"documentation", "164.316", 2, 4, 4}};
  ASSERT_EQ(hipaa->groups.size(), std::size(want));
  std::map<std::string, int> rated, required, addressable;
  for (const ControlEntry& e : assessable_controls(*hipaa)) {
    ++rated[e.top_group];
    const std::string mark = prop_value(*e.control, "implementation");
    ASSERT_TRUE(mark == "required" || mark == "addressable") << e.control->id << " is marked \"" << mark << "\"";
    ++(mark == "required" ? required : addressable)[e.top_group];
    EXPECT_FALSE(e.control->statement.empty()) << e.control->id;
  }
  for (std::size_t i = 0; i < std::size(want); ++i) {
    const Group& g = hipaa->groups[i];
    EXPECT_EQ(g.id, want[i].id);
    EXPECT_EQ(g.label, want[i].label);
    EXPECT_EQ(g.controls.size(), want[i].standards) << g.id;
    EXPECT_EQ(rated[g.id], want[i].rated) << g.id;
    EXPECT_EQ(required[g.id], want[i].required) << g.id;
  }
  EXPECT_EQ(assessable_controls(*hipaa).size(), 50u);
}

// Every id is unique, every label a CFR paragraph of the section its group covers, and the id is
// the label spelt as an OSCAL token: 164.308(a)(1)(ii)(A) is hipaa-164.308-a-1-ii-A.
TEST(BuiltinCatalogs, HipaaIdentifiersAreUniqueAndWellFormed) {
  auto hipaa = find_catalog("hipaa-security");
  ASSERT_TRUE(hipaa);
  const std::regex cfr(R"(164\.3(08|10|12|14|16)(\(([a-e]|[0-9]|i|ii|iii|iv|[A-E])\))+)");
  std::set<std::string> ids, labels;
  for (const ControlEntry& e : all_controls(*hipaa)) {
    const Control& c = *e.control;
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id " << c.id;
    EXPECT_TRUE(labels.insert(c.label).second) << "duplicate label " << c.label;
    EXPECT_TRUE(std::regex_match(c.label, cfr)) << c.label;
    std::string token = "hipaa-";
    for (char ch : c.label) {
      if (ch == '(') {
        token += '-';
      } else if (ch != ')') {
        token += ch;
      }
    }
    EXPECT_EQ(c.id, token);
    const auto* group = &*std::find_if(hipaa->groups.begin(), hipaa->groups.end(), [&](const Group& g) { return g.id == e.top_group; });
    EXPECT_EQ(c.label.substr(0, 7), group->label) << c.label;
    EXPECT_EQ(c.control_class, e.parent.empty() ? "standard" : "implementation-specification") << c.id;
  }
  EXPECT_TRUE(ids.contains("hipaa-164.308-a-1-ii-A"));
  EXPECT_TRUE(labels.contains("164.312(e)(2)(ii)"));
}

// Every HIPAA mapping row names a HIPAA control an assessment rates and an active target.
TEST(Mapping, HipaaMapsOntoControlsThatExist) {
  auto hipaa = find_catalog("hipaa-security");
  auto csf = find_catalog("csf-2.0");
  auto cpg = find_catalog("hph-cpg");
  ASSERT_TRUE(hipaa && csf && cpg);
  auto rated_ids = [](const Catalog& c) {
    std::set<std::string> out;
    for (const ControlEntry& e : assessable_controls(c)) out.insert(e.control->id);
    return out;
  };
  const auto hipaa_ids = rated_ids(*hipaa);
  const std::map<std::string, std::set<std::string>> targets = {{"csf-2.0", rated_ids(*csf)}, {"hph-cpg", rated_ids(*cpg)}};
  std::set<std::string> mapped_to_csf;
  for (auto [mapping, to] : {std::pair{hipaa_to_csf_mapping(), "csf-2.0"}, std::pair{hipaa_to_cpg_mapping(), "hph-cpg"}}) {
    ASSERT_TRUE(mapping) << mapping.error().describe();
    EXPECT_FALSE(mapping->empty());
    for (const MappingPair& p : *mapping) {
      EXPECT_EQ(p.from_catalog, "hipaa-security");
      EXPECT_EQ(p.to_catalog, to);
      EXPECT_TRUE(hipaa_ids.contains(p.from_id)) << p.from_id;
      EXPECT_TRUE(targets.at(to).contains(p.to_id)) << p.to_id;
      if (p.to_catalog == "csf-2.0") mapped_to_csf.insert(p.from_id);
    }
  }
  EXPECT_EQ(mapped_to_csf, hipaa_ids);  // every specification has a CSF 2.0 counterpart
}

// Ward's vendor questionnaire cites only controls that exist, HICP / CPG ones above all.
TEST(BuiltinCatalogs, TheVendorQuestionnaireCitesControlsThatExist) {
  auto t = third_parties::builtin_questionnaire_template(is_builtin_control);
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->questions.size(), 20u);
  int from_cpg_or_hicp = 0;
  for (const third_parties::Question& q : t->questions)
    from_cpg_or_hicp += q.control.starts_with("hph-cpg-") || q.control.starts_with("hicp-");
  EXPECT_GE(from_cpg_or_hicp, 18);
  EXPECT_TRUE(is_builtin_control("hipaa-164.312-d"));
  EXPECT_FALSE(is_builtin_control("hph-cpg-essential-11"));
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
