// Per-model manufacturer contacts and MDS2 answers: a CSV of models imported (answers
// normalised, a bad row quarantined with its line and field, unknown columns listed), keyed as
// the matcher compares models ("Phillips" is Philips), re-put unchanged, and a model without an
// MDS2 answer said to have no form on file.
#include <gtest/gtest.h>

#include "devices/model_csv.h"
#include "devices/model_store.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

constexpr std::string_view kModels =
    "Manufacturer,Model,Contact Name,Contact Email,Contact Phone,PSIRT URL,End of support,MPII-1,MLDP-2,RMOT-1,SBOM-1,STCF-1,TXCF-2,DOC-7,Colour\n"
    "Philips,IntelliVue MX40,Product Security,productsecurity@philips.com,+1 800 555 0100,https://www.philips.com/psirt,2030-12-31,Yes,No,yes,N/A,no,yes,2024-05-01,blue\n"
    "Acme Infusion,Pump X,,security@acme,,,,,,,,,,,\n"
    "Baxter,Sigma Spectrum,PSIRT,psirt@baxter.com,,ftp://baxter,,,,,,,,,\n"
    "B. Braun,Space,,,,,,maybe,,,,,,,\n";

TEST(ModelProfile, ACsvOfModelsImportsWithAnswersNormalisedAndBadRowsQuarantined) {
  const VendorAliases aliases;
  auto read = read_model_csv(kModels, aliases, "models.csv");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read->rows, 4u);
  ASSERT_EQ(read->profiles.size(), 2u);
  const ModelProfile& mx40 = read->profiles[0];
  EXPECT_EQ(mx40.contact_email, "productsecurity@philips.com");
  EXPECT_EQ(mx40.psirt_url, "https://www.philips.com/psirt");
  EXPECT_EQ(mx40.end_of_support, "2030-12-31");
  EXPECT_EQ(mx40.mds2.at("MPII-1"), "yes");
  EXPECT_EQ(mx40.mds2.at("MLDP-2"), "no");
  EXPECT_EQ(mx40.mds2.at("SBOM-1"), "n/a");
  EXPECT_EQ(mx40.mds2.at("DOC-7"), "2024-05-01");
  EXPECT_TRUE(read->profiles[1].mds2.empty());  // Acme: a contact e-mail, no MDS2
  ASSERT_EQ(read->quarantined.size(), 2u);
  EXPECT_EQ(read->quarantined[0].line, 4u);
  EXPECT_EQ(read->quarantined[0].field, "psirt_url");
  EXPECT_EQ(read->quarantined[1].line, 5u);
  EXPECT_EQ(read->quarantined[1].field, "mds2.MPII-1");
  EXPECT_NE(read->quarantined[1].message.find("yes, no or n/a"), std::string::npos);
  EXPECT_EQ(read->ignored_columns, std::vector<std::string>{"Colour"});
}

TEST(ModelProfile, AFileWithoutAModelColumnIsRefusedNamingIt) {
  auto read = read_model_csv("manufacturer,contact_email\nPhilips,a@b.c\n", VendorAliases(), "m.csv");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().field, "model");
}

TEST(ModelProfile, ModelsAreKeyedAsTheMatcherComparesThem) {
  const VendorAliases aliases;
  EXPECT_EQ(model_key(aliases, "Phillips", "IntelliVue  MX-40"), model_key(aliases, "Philips Medical Systems", "intellivue mx 40"));
  EXPECT_NE(model_key(aliases, "Philips", "MX40"), model_key(aliases, "Philips", "MX400"));
}

TEST(ModelProfile, TheStoreKeepsOneProfilePerModelAndSaysWhatChanged) {
  testing::TempDir dir;
  auto store = ModelStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  const VendorAliases aliases;
  auto read = read_model_csv(kModels, aliases, "models.csv");
  ASSERT_TRUE(read);
  auto first = store->put(aliases, read->profiles, "cli:alice", 1000);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(*first, (std::vector<Upsert>{Upsert::added, Upsert::added}));
  auto again = store->put(aliases, read->profiles, "cli:alice", 2000);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, (std::vector<Upsert>{Upsert::unchanged, Upsert::unchanged}));

  // The same model under another spelling of the vendor replaces it.
  ModelProfile changed = read->profiles[0];
  changed.manufacturer = "Phillips";
  changed.contact_phone = "+1 800 555 0199";
  auto updated = store->put(aliases, {changed}, "account:bob", 3000);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->front(), Upsert::updated);
  auto found = store->find(model_key(aliases, "Philips", "IntelliVue MX40"));
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->contact_phone, "+1 800 555 0199");
  EXPECT_EQ((*found)->mds2.at("RMOT-1"), "yes");
  EXPECT_EQ((*found)->updated_by, "account:bob");
  auto all = store->all();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
}

TEST(ModelProfile, AModelWithoutMds2AnswersSaysNoFormIsOnFile) {
  ModelProfile p;
  p.manufacturer = "Acme Infusion";
  p.model = "Pump X";
  p.contact_email = "security@acme.example";
  const auto j = model_profile_json(p);
  EXPECT_FALSE(j["mds2_on_file"].get<bool>());
  EXPECT_EQ(j["mds2_missing"], "No MDS2 form on file for Acme Infusion Pump X: ask the manufacturer for it.");
  p.mds2["MPII-1"] = "yes";
  const auto with = model_profile_json(p);
  EXPECT_TRUE(with["mds2_on_file"].get<bool>());
  EXPECT_FALSE(with.contains("mds2_missing"));
  ASSERT_EQ(with["mds2"].size(), 1u);
  EXPECT_EQ(with["mds2"][0]["question"], "displays, transmits, stores or modifies personally identifiable information (ePHI)");
  EXPECT_FALSE(missing_profile_json("Acme", "Pump Y")["mds2_on_file"].get<bool>());
}

TEST(ModelProfile, APutBodyIsCheckedFieldByField) {
  auto p = model_profile_from_json(nlohmann::json{{"manufacturer", "Philips"}, {"mds2", {{"XYZ-1", "yes"}}}}, "MX40");
  ASSERT_TRUE(p);
  auto checked = checked_profile(*p);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "mds2.XYZ-1");
  auto not_string = model_profile_from_json(nlohmann::json{{"manufacturer", 7}}, "MX40");
  ASSERT_FALSE(not_string);
  EXPECT_EQ(not_string.error().field, "manufacturer");
  auto no_vendor = checked_profile(*model_profile_from_json(nlohmann::json::object(), "MX40"));
  ASSERT_FALSE(no_vendor);
  EXPECT_EQ(no_vendor.error().field, "manufacturer");
}

}  // namespace
}  // namespace ward::devices
