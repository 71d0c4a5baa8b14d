// SbomStore (sbom_store.h): plain SQL over device_sboms.
#include "devices/sbom_store.h"

#include "core/time.h"
#include "devices/sbom_json.h"
#include "store/capability_db.h"

namespace ward::devices {

Result<SbomStore> SbomStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);  // runs the migrations
  if (!db) return Unexpected(db.error());
  return SbomStore(std::move(*db));
}

Result<Upsert> SbomStore::upsert(const SbomDocument& doc) {
  return store::in_transaction<Upsert>(db_, [&]() -> Result<Upsert> {
    auto find = db_.prepare("SELECT content_hash FROM device_sboms WHERE vendor = coalesce(?1, '') AND model = coalesce(?2, '') AND version = coalesce(?3, '')");
    if (!find) return Unexpected(find.error());
    find->bind(1, doc.vendor);
    find->bind(2, doc.model);
    find->bind(3, doc.version);
    auto stored = stored_hash(*find);
    if (!stored) return Unexpected(stored.error());
    if (*stored == doc.content_hash) return Upsert::unchanged;
    const bool existed = stored->has_value();
    auto write = db_.prepare(
        "INSERT OR REPLACE INTO device_sboms (vendor, model, version, format, spec_version, components, content_hash, "
        "source, body, imported_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!write) return Unexpected(write.error());
    int i = 1;
    for (const std::string* v : {&doc.vendor, &doc.model, &doc.version, &doc.format, &doc.spec_version}) write->bind(i++, *v);
    write->bind(i++, doc.components);
    for (const std::string* v : {&doc.content_hash, &doc.source, &doc.body}) write->bind(i++, *v);
    write->bind(i, now_ns());
    if (auto r = write->run(); !r) return Unexpected(r.error());
    return existed ? Upsert::updated : Upsert::added;
  });
}

Result<std::vector<SbomDocument>> SbomStore::all() {
  auto s = db_.prepare(
      "SELECT vendor, model, version, format, spec_version, components, content_hash, source, body FROM device_sboms "
      "ORDER BY vendor, model, version");
  if (!s) return Unexpected(s.error());
  std::vector<SbomDocument> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    SbomDocument d;
    int i = 0;
    for (std::string* v : {&d.vendor, &d.model, &d.version, &d.format, &d.spec_version}) *v = std::string(s->column_text(i++));
    d.components = s->column_int(i++);
    for (std::string* v : {&d.content_hash, &d.source, &d.body}) *v = std::string(s->column_text(i++));
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<AttachedSbom>> SbomStore::attached() {
  auto docs = all();
  if (!docs) return Unexpected(docs.error());
  std::vector<AttachedSbom> out;
  for (SbomDocument& d : *docs) {
    auto sbom = parse_sbom(d.body);
    if (!sbom) {
      Error e = sbom.error();
      e.source = d.source;
      return Unexpected(std::move(e));
    }
    out.push_back({std::move(d.vendor), std::move(d.model), std::move(d.version), std::move(*sbom)});
  }
  return out;
}

}  // namespace ward::devices
