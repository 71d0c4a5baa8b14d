// audit_events.ndjson, access_log.csv and truth.csv: the accesses of the window as two EHR
// systems log them, and the ground truth of the injected ones.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "demo/audit_event_json.h"
#include "demo/hospital_files.h"
#include "demo/output_file.h"
#include "demo/seeded_random.h"

namespace ward::demo {
namespace {

std::string_view action_word(Interaction i) {
  switch (i) {
    case Interaction::read: return "View";
    case Interaction::search: return "Search";
    case Interaction::create:
    case Interaction::update: return "Edit";
    case Interaction::remove: return "Delete";
    case Interaction::print: return "Print";
    case Interaction::export_records: return "Export";
  }
  return "View";
}

// What the access log and audit events show of a member, computed once.
struct UserView {
  std::string name, ip, workstation, remote_ip;
};

std::vector<UserView> user_views(const Hospital& h) {
  std::vector<UserView> v;
  v.reserve(h.staff.size());
  for (std::size_t i = 0; i < h.staff.size(); ++i) {
    const StaffMember& s = h.staff[i];
    const DeptInfo& d = info(s.dept);
    v.push_back({full_name(s.person), fmt::format("10.20.{}.{}", d.subnet, 20 + s.workstation),
                 fmt::format("WS-{}-{:02}", d.code, s.workstation),
                 fmt::format("10.20.200.{}", 10 + i % 240)});
  }
  return v;
}

std::string explain(const Hospital& h, const Access& a, const std::map<int, int>& exports) {
  const StaffMember& s = h.staff[static_cast<std::size_t>(a.staff)];
  const Patient& p = h.patients[static_cast<std::size_t>(a.patient)];
  switch (a.scenario) {
    case Scenario::family:
      return fmt::format("user {} shares surname and home address with patient {}", s.employee_id, p.id);
    case Scenario::neighbour:
      return fmt::format("user {} lives on the same street as patient {}", s.employee_id, p.id);
    case Scenario::coworker:
      return fmt::format("patient {} is employee {}; user {} has no care relationship", p.id,
                         h.staff[static_cast<std::size_t>(p.staff)].employee_id, s.employee_id);
    case Scenario::vip:
      return fmt::format("patient {} is restricted (VIP); user {} has no care relationship", p.id, s.employee_id);
    case Scenario::self: return fmt::format("user {} opened own record {}", s.employee_id, p.id);
    case Scenario::curiosity:
      return fmt::format("user {} has no care or department relationship with patient {}", s.employee_id, p.id);
    case Scenario::bulk_export:
      return fmt::format("user {} exported {} patient summaries within one hour", s.employee_id,
                         exports.count(a.staff) != 0 ? exports.at(a.staff) : 0);
    case Scenario::terminated:
      return fmt::format("user {} used the account after termination date {}", s.employee_id,
                         format_date(s.termination_day));
    case Scenario::covering: {
      const Encounter& e = h.encounters[static_cast<std::size_t>(a.encounter)];
      return fmt::format("legitimate: user {} covered rounds for attending {} ({}) on {}", s.employee_id,
                         h.staff[static_cast<std::size_t>(e.attending)].employee_id, info(s.dept).name, e.id);
    }
    case Scenario::routine: break;
  }
  return "routine";
}

void object_reference(std::string& out, const Hospital& h, const Access& a) {
  const ObjectInfo& obj = info(a.object);
  const Patient& p = h.patients[static_cast<std::size_t>(a.patient)];
  out.clear();
  if (a.object == ObjectKind::demographics) {
    fmt::format_to(std::back_inserter(out), "Patient/{}", p.id);
  } else {
    fmt::format_to(std::back_inserter(out), "{}/{}-{:06}-{:02}", obj.resource, obj.prefix, a.patient + 1, a.slot);
  }
}

void search_request(std::string& out, const Hospital& h, const Access& a) {
  const ObjectInfo& obj = info(a.object);
  const Patient& p = h.patients[static_cast<std::size_t>(a.patient)];
  out.clear();
  if (a.name_lookup) {
    fmt::format_to(std::back_inserter(out), "GET /fhir/Patient?family={}&given={}&birthdate={}",
                   family_name(p.person), given_name(p.person), format_date(p.person.birth_day));
  } else if (a.object == ObjectKind::demographics) {
    fmt::format_to(std::back_inserter(out), "GET /fhir/Patient?identifier=urn:oid:2.16.840.1.113883.3.9999.2|{}", p.mrn);
  } else {
    fmt::format_to(std::back_inserter(out), "GET /fhir/{}?patient={}&{}&_count=50", obj.resource, p.id, obj.search);
  }
}

}  // namespace

Result<AccessFileCounts> write_access_files(const Hospital& h, const LocalClock& clock,
                                            std::vector<Access>& accesses, std::uint64_t seed,
                                            const std::filesystem::path& dir) {
  std::stable_sort(accesses.begin(), accesses.end(),
                   [](const Access& a, const Access& b) { return a.time < b.time; });
  std::map<int, int> exports;
  for (const Access& a : accesses)
    if (a.scenario == Scenario::bulk_export) ++exports[a.staff];

  auto audit = OutputFile::create(dir / "audit_events.ndjson");
  if (!audit) return tl::unexpected(audit.error());
  auto log = OutputFile::create(dir / "access_log.csv");
  if (!log) return tl::unexpected(log.error());
  auto truth = OutputFile::create(dir / "truth.csv");
  if (!truth) return tl::unexpected(truth.error());
  log->buffer() += "event_id,timestamp,user_id,user_name,role,department,patient_id,patient_mrn,action,object,workstation,ip,purpose\n";
  truth->buffer() += "event_id,scenario,explanation\n";

  const std::vector<UserView> users = user_views(h);
  SeededRandom split = SeededRandom::for_phase(seed, 100);
  AccessFileCounts counts;
  std::string id, object, query;
  for (const Access& a : accesses) {
    const StaffMember& s = h.staff[static_cast<std::size_t>(a.staff)];
    const UserView& u = users[static_cast<std::size_t>(a.staff)];
    const Patient& p = h.patients[static_cast<std::size_t>(a.patient)];
    const std::string_view ip = a.remote ? std::string_view(u.remote_ip) : std::string_view(u.ip);
    const bool csv_only = a.interaction == Interaction::print || a.interaction == Interaction::export_records;
    id.clear();
    if (!csv_only && split.chance(0.5)) {
      fmt::format_to(std::back_inserter(id), "ae-{}-{}", seed, ++counts.audit_events);
      AuditEventFields f;
      f.id = id;
      f.recorded = a.time;
      f.interaction = a.interaction;
      f.outcome = a.outcome;
      f.purpose = code(a.purpose);
      f.practitioner_id = s.practitioner_id;
      f.employee_id = s.employee_id;
      f.user_display = u.name;
      f.ip = ip;
      f.patient_id = p.id;
      if (a.interaction == Interaction::search) {
        search_request(query, h, a);
        f.query = query;
      } else {
        object_reference(object, h, a);
        f.object_reference = object;
      }
      append_audit_event_json(audit->buffer(), f);
      audit->maybe_flush();
    } else {
      fmt::format_to(std::back_inserter(id), "al-{}-{}", seed, ++counts.log_rows);
      std::string& b = log->buffer();
      b += id;
      b += ',';
      b += clock.iso(a.time);
      for (std::string_view field : {std::string_view(s.employee_id), std::string_view(u.name), info(s.role).display,
                                     info(s.dept).name, std::string_view(p.id), std::string_view(p.mrn),
                                     action_word(a.interaction), info(a.object).label,
                                     a.remote ? std::string_view("VPN") : std::string_view(u.workstation), ip,
                                     words(a.purpose)}) {
        b += ',';
        append_csv_field(b, field);
      }
      b += '\n';
      log->maybe_flush();
    }
    if (a.scenario != Scenario::routine) {
      std::string& b = truth->buffer();
      b += id;
      b += ',';
      b += name(a.scenario);
      b += ',';
      append_csv_field(b, explain(h, a, exports));
      b += '\n';
      ++counts.truth_rows;
      truth->maybe_flush();
    }
  }
  for (OutputFile* f : {&*audit, &*log, &*truth})
    if (auto closed = f->close(); !closed) return tl::unexpected(closed.error());
  return counts;
}

}  // namespace ward::demo
