// DeviceStore: devices and advisory documents upserted idempotently, reporting what changed.
#include "devices/device_store.h"

#include <gtest/gtest.h>

namespace ward::devices {
namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("ward-device-store-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(DeviceStore, ReimportSaysWhatChanged) {
  TempDir dir;
  auto store = DeviceStore::open(dir.path);
  ASSERT_TRUE(store) << store.error().describe();
  Device a;
  a.device_id = "A-1";
  a.manufacturer = "Philips";
  a.model = "MX40";
  a.version = "B.06.17";
  a.patient_connected = true;
  Device b = a;
  b.device_id = "A-2";
  auto first = store->upsert_devices({a, b});
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (std::vector<Upsert>{Upsert::added, Upsert::added}));
  a.version = "B.06.18";
  auto second = store->upsert_devices({a, b});
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, (std::vector<Upsert>{Upsert::updated, Upsert::unchanged}));
  auto all = store->devices();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].version, "B.06.18");
  EXPECT_EQ((*all)[0].patient_connected, true);
  EXPECT_EQ((*all)[0].life_sustaining, std::nullopt);

  AdvisoryDocument doc{"ICSMA-1", "csaf", "1", "h1", "f.json", "{}"};
  EXPECT_EQ(*store->upsert_advisory(doc), Upsert::added);
  EXPECT_EQ(*store->upsert_advisory(doc), Upsert::unchanged);
  doc.content_hash = "h2";
  doc.revision = "2";
  EXPECT_EQ(*store->upsert_advisory(doc), Upsert::updated);
  auto docs = store->advisories();
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].revision, "2");
}

}  // namespace
}  // namespace ward::devices
