// DeviceStore (device_store.h): plain SQL over the tables of migration 0018.
#include "devices/device_store.h"

#include <optional>

#include <fmt/format.h>

#include "core/time.h"
#include "store/migrated_db.h"

namespace ward::devices {
namespace {

constexpr std::string_view kDeviceColumns =
    "device_id, manufacturer, model, version, serial, udi_di, department, location, ip, mac, network_segment, "
    "clinical_function, patient_connected, life_sustaining, owner, os, notes";

// The text columns in kDeviceColumns' order, the two yes/no columns left out.
std::vector<std::string Device::*> text_members() {
  return {&Device::device_id, &Device::manufacturer, &Device::model, &Device::version, &Device::serial,
          &Device::udi_di, &Device::department, &Device::location, &Device::ip, &Device::mac,
          &Device::network_segment, &Device::clinical_function};
}
std::vector<std::string Device::*> trailing_members() { return {&Device::owner, &Device::os, &Device::notes}; }

void bind_flag(store::Statement& s, int index, const std::optional<bool>& v) {
  if (v) s.bind(index, static_cast<std::int64_t>(*v ? 1 : 0));
  else s.bind_null(index);
}

std::optional<bool> column_flag(const store::Statement& s, int index) {
  if (s.column_is_null(index)) return std::nullopt;
  return s.column_int(index) != 0;
}

Device read_device(const store::Statement& s) {
  Device d;
  int i = 0;
  for (auto m : text_members()) d.*m = std::string(s.column_text(i++));
  d.patient_connected = column_flag(s, i++);
  d.life_sustaining = column_flag(s, i++);
  for (auto m : trailing_members()) d.*m = std::string(s.column_text(i++));
  return d;
}

bool same(const Device& a, const Device& b) {
  for (auto m : text_members()) if (a.*m != b.*m) return false;
  for (auto m : trailing_members()) if (a.*m != b.*m) return false;
  return a.patient_connected == b.patient_connected && a.life_sustaining == b.life_sustaining;
}

}  // namespace

Result<DeviceStore> DeviceStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_migrated_db(data_dir);
  if (!db) return Unexpected(db.error());
  return DeviceStore(std::move(*db));
}

Result<std::vector<Upsert>> DeviceStore::upsert_devices(const std::vector<Device>& devices) {
  return store::in_transaction<std::vector<Upsert>>(db_, [&]() -> Result<std::vector<Upsert>> {
    auto find = db_.prepare(fmt::format("SELECT {} FROM devices WHERE device_id = ?1", kDeviceColumns));
    if (!find) return Unexpected(find.error());
    auto write = db_.prepare(fmt::format(
        "INSERT OR REPLACE INTO devices ({}, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
        kDeviceColumns));
    if (!write) return Unexpected(write.error());
    std::vector<Upsert> outcomes;
    const std::int64_t now = now_ns();
    for (const Device& d : devices) {
      find->reset();
      find->bind(1, d.device_id);
      auto row = find->step();
      if (!row) return Unexpected(row.error());
      const bool existed = *row;
      const bool unchanged = existed && same(read_device(*find), d);
      find->reset();
      if (unchanged) {
        outcomes.push_back(Upsert::unchanged);
        continue;
      }
      write->reset();
      int i = 1;
      for (auto m : text_members()) write->bind(i++, d.*m);
      bind_flag(*write, i++, d.patient_connected);
      bind_flag(*write, i++, d.life_sustaining);
      for (auto m : trailing_members()) write->bind(i++, d.*m);
      write->bind(i, now);
      if (auto r = write->run(); !r) return Unexpected(r.error());
      outcomes.push_back(existed ? Upsert::updated : Upsert::added);
    }
    return outcomes;
  });
}

Result<std::vector<Device>> DeviceStore::devices() {
  auto s = db_.prepare(fmt::format("SELECT {} FROM devices ORDER BY device_id", kDeviceColumns));
  if (!s) return Unexpected(s.error());
  std::vector<Device> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back(read_device(*s));
  }
  return out;
}

Result<Upsert> DeviceStore::upsert_advisory(const AdvisoryDocument& doc) {
  return store::in_transaction<Upsert>(db_, [&]() -> Result<Upsert> {
    auto find = db_.prepare("SELECT content_hash FROM advisory_documents WHERE advisory_id = ?1");
    if (!find) return Unexpected(find.error());
    find->bind(1, doc.advisory_id);
    auto row = find->step();
    if (!row) return Unexpected(row.error());
    const bool existed = *row;
    const bool unchanged = existed && find->column_text(0) == doc.content_hash;
    find->reset();
    if (unchanged) return Upsert::unchanged;
    auto write = db_.prepare(
        "INSERT OR REPLACE INTO advisory_documents (advisory_id, kind, revision, content_hash, source, body, imported_ns) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!write) return Unexpected(write.error());
    write->bind(1, doc.advisory_id);
    write->bind(2, doc.kind);
    write->bind(3, doc.revision);
    write->bind(4, doc.content_hash);
    write->bind(5, doc.source);
    write->bind(6, doc.body);
    write->bind(7, now_ns());
    if (auto r = write->run(); !r) return Unexpected(r.error());
    return existed ? Upsert::updated : Upsert::added;
  });
}

Result<std::vector<AdvisoryDocument>> DeviceStore::advisories() {
  auto s = db_.prepare("SELECT advisory_id, kind, revision, content_hash, source, body FROM advisory_documents ORDER BY advisory_id");
  if (!s) return Unexpected(s.error());
  std::vector<AdvisoryDocument> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back({std::string(s->column_text(0)), std::string(s->column_text(1)), std::string(s->column_text(2)),
                   std::string(s->column_text(3)), std::string(s->column_text(4)), std::string(s->column_text(5))});
  }
  return out;
}

}  // namespace ward::devices
