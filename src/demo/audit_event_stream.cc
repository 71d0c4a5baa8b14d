// write_audit_event_ndjson(): a long deterministic stream of AuditEvents for the ingest
// benchmark. Users and patients are drawn from small synthetic tables, not from a hospital,
// so the stream costs only the formatting.
#include <array>
#include <exception>
#include <vector>

#include <fmt/format.h>

#include "demo/audit_event_json.h"
#include "demo/built_in_names.h"
#include "demo/hospital_generator.h"
#include "demo/output_file.h"
#include "demo/seeded_random.h"

namespace ward::demo {
namespace {

constexpr int kUsers = 400;
constexpr int kPatients = 50'000;
constexpr TimeMs kStreamStart = 1'793'509'200'000;  // 2026-11-01T05:00:00Z

struct StreamUser {
  std::string practitioner_id, employee_id, display, ip;
};

std::vector<StreamUser> stream_users(SeededRandom& rng) {
  std::vector<StreamUser> users(kUsers);
  for (int i = 0; i < kUsers; ++i) {
    StreamUser& u = users[static_cast<std::size_t>(i)];
    u.practitioner_id = fmt::format("prac-{:04}", i + 1);
    u.employee_id = fmt::format("E{}", 10001 + i);
    u.display = fmt::format("{} {}", given_names()[rng.below(given_names().size())].name,
                            surnames()[rng.below(surnames().size())]);
    u.ip = fmt::format("10.20.{}.{}", rng.between(11, 23), rng.between(21, 32));
  }
  return users;
}

Result<std::uint64_t> write_stream(const std::filesystem::path& file, std::uint64_t count, std::uint64_t seed) {
  auto out = OutputFile::create(file);
  if (!out) return tl::unexpected(out.error());
  SeededRandom rng(seed);
  const std::vector<StreamUser> users = stream_users(rng);

  static constexpr std::array<Interaction, 5> kInteractions = {
      Interaction::read, Interaction::search, Interaction::create, Interaction::update, Interaction::remove};
  static constexpr std::array<int, 5> kInteractionWeights = {60, 20, 12, 7, 1};
  static constexpr std::array<ObjectKind, 8> kObjects = {
      ObjectKind::vitals, ObjectKind::lab_result, ObjectKind::medication_request, ObjectKind::medication_admin,
      ObjectKind::report, ObjectKind::note, ObjectKind::order, ObjectKind::imaging};
  static constexpr std::array<std::string_view, 4> kPurposes = {"TREAT", "TREAT", "TREAT", "ETREAT"};

  std::string id = fmt::format("ae-{}-", seed), patient, object, query;
  const std::size_t id_prefix = id.size();
  TimeMs t = kStreamStart;
  for (std::uint64_t n = 1; n <= count; ++n) {
    const StreamUser& u = users[static_cast<std::size_t>(rng.below(users.size()))];
    const auto patient_number = rng.between(1, kPatients);
    const ObjectKind kind = kObjects[rng.below(kObjects.size())];
    const ObjectInfo& obj = info(kind);
    t += rng.between(0, 40);

    id.resize(id_prefix);
    fmt::format_to(std::back_inserter(id), "{}", n);
    patient.clear();
    fmt::format_to(std::back_inserter(patient), "pat-{:06}", patient_number);
    AuditEventFields e;
    e.id = id;
    e.recorded = t;
    e.interaction = kInteractions[rng.weighted(kInteractionWeights)];
    std::uint64_t r = rng.below(1000);
    e.outcome = r == 0 ? 8 : (r < 5 ? 4 : 0);
    e.purpose = kPurposes[rng.below(kPurposes.size())];
    e.practitioner_id = u.practitioner_id;
    e.employee_id = u.employee_id;
    e.user_display = u.display;
    e.ip = u.ip;
    e.patient_id = patient;
    if (e.interaction == Interaction::search) {
      query.clear();
      fmt::format_to(std::back_inserter(query), "GET /fhir/{}?patient={}&{}&_count=50", obj.resource,
                     patient, obj.search);
      e.query = query;
    } else {
      object.clear();
      fmt::format_to(std::back_inserter(object), "{}/{}-{:06}-{:02}", obj.resource, obj.prefix,
                     patient_number, rng.between(1, 12));
      e.object_reference = object;
    }
    append_audit_event_json(out->buffer(), e);
    out->maybe_flush();
  }
  if (auto closed = out->close(); !closed) return tl::unexpected(closed.error());
  return count;
}

}  // namespace

Result<std::uint64_t> write_audit_event_ndjson(const std::filesystem::path& file, std::uint64_t count,
                                               std::uint64_t seed) {
  try {
    return write_stream(file, count, seed);
  } catch (const std::exception& e) {  // allocation failure: nothing here throws on its own
    return tl::unexpected(Error{ErrorCode::internal, fmt::format("writing audit events failed: {}", e.what()),
                                file.string(), 0, 0, {}});
  }
}

}  // namespace ward::demo
