// adt.hl7: the HL7 v2.5.1 ADT feed of the encounters. Segments end with '\r', messages with
// '\n'. Times are local with offset, as hospital interfaces send them.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "demo/built_in_names.h"
#include "demo/hospital_files.h"
#include "demo/output_file.h"

namespace ward::demo {
namespace {

enum class Trigger : std::uint8_t { a01, a04, a02, a08, a03 };

struct AdtEvent {
  TimeMs time;
  int encounter;
  Trigger trigger;
};

std::string_view trigger_code(Trigger t) {
  switch (t) {
    case Trigger::a01: return "A01";
    case Trigger::a02: return "A02";
    case Trigger::a03: return "A03";
    case Trigger::a04: return "A04";
    case Trigger::a08: return "A08";
  }
  return "A08";
}

std::string_view message_structure(Trigger t) {
  switch (t) {
    case Trigger::a02: return "ADT_A02";
    case Trigger::a03: return "ADT_A03";
    default: return "ADT_A01";  // A01, A04 and A08 share it
  }
}

// HL7 escape sequences for the delimiters |^~\&.
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '|': out += "\\F\\"; break;
      case '^': out += "\\S\\"; break;
      case '~': out += "\\R\\"; break;
      case '\\': out += "\\E\\"; break;
      case '&': out += "\\T\\"; break;
      default: out += c;
    }
  }
  return out;
}

std::string xcn(const StaffMember& s) {
  return fmt::format("{}^{}^{}", s.employee_id, escape(family_name(s.person)), escape(given_name(s.person)));
}

std::string pid(const Patient& p) {
  const Town& t = towns()[static_cast<std::size_t>(p.person.address.town)];
  return fmt::format("PID|1||{}^^^HOSP^MR||{}^{}^^^^^L||{}|{}|||{}^^{}^{}^{}^USA^H||{}^PRN^PH\r", p.mrn,
                     escape(family_name(p.person)), escape(given_name(p.person)),
                     format_date(p.person.birth_day).erase(7, 1).erase(4, 1), p.person.sex,
                     escape(street_line(p.person.address)), escape(t.name), t.state, t.zip,
                     phone_number(p.person));
}

std::string pv1(const Hospital& h, const LocalClock& clock, const Encounter& e, const AdtEvent& ev) {
  std::array<std::string, 46> f;
  f[0] = "PV1";
  f[1] = "1";
  switch (e.klass) {
    case EncounterClass::inpatient: f[2] = "I"; break;
    case EncounterClass::emergency: f[2] = "E"; break;
    case EncounterClass::ambulatory: f[2] = "O"; break;
  }
  bool before_transfer = e.transfer != 0 && ev.time < e.transfer;
  if (ev.trigger == Trigger::a02) before_transfer = false;
  f[3] = location_hl7(e, before_transfer);
  if (ev.trigger == Trigger::a02) f[6] = location_hl7(e, true);
  f[4] = e.klass == EncounterClass::emergency ? "E" : (e.dept == Dept::labor_delivery ? "L" : "R");
  f[7] = xcn(h.staff[static_cast<std::size_t>(e.attending)]);
  f[10] = escape(info(e.dept).name);
  if (h.patients[static_cast<std::size_t>(e.patient)].confidential) f[16] = "VIP";
  if (e.admitting >= 0) f[17] = xcn(h.staff[static_cast<std::size_t>(e.admitting)]);
  f[19] = e.id;
  f[44] = clock.hl7(e.start);
  if (ev.trigger == Trigger::a03) f[45] = clock.hl7(e.end);
  std::size_t last = f.size() - 1;
  while (last > 0 && f[last].empty()) --last;
  std::string out;
  for (std::size_t i = 0; i <= last; ++i) {
    if (i > 0) out += '|';
    out += f[i];
  }
  out += '\r';
  return out;
}

}  // namespace

Result<std::uint64_t> write_adt(const Hospital& h, const LocalClock& clock, std::uint64_t seed,
                                const std::filesystem::path& file) {
  std::vector<AdtEvent> events;
  for (std::size_t i = 0; i < h.encounters.size(); ++i) {
    const Encounter& e = h.encounters[i];
    int enc = static_cast<int>(i);
    events.push_back({e.start, enc, e.klass == EncounterClass::inpatient ? Trigger::a01 : Trigger::a04});
    if (e.transfer != 0 && e.transfer < clock.window_end()) events.push_back({e.transfer, enc, Trigger::a02});
    if (e.update != 0 && e.update < clock.window_end()) events.push_back({e.update, enc, Trigger::a08});
    if (e.finished) events.push_back({e.end, enc, Trigger::a03});
  }
  std::stable_sort(events.begin(), events.end(), [](const AdtEvent& a, const AdtEvent& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.encounter != b.encounter) return a.encounter < b.encounter;
    return a.trigger < b.trigger;
  });

  auto out = OutputFile::create(file);
  if (!out) return tl::unexpected(out.error());
  std::uint64_t n = 0;
  for (const AdtEvent& ev : events) {
    const Encounter& e = h.encounters[static_cast<std::size_t>(ev.encounter)];
    const std::string when = clock.hl7(ev.time);
    std::string& b = out->buffer();
    ++n;
    b += fmt::format("MSH|^~\\&|WARDEHR|WARDGEN|WARD|WARDGEN|{}||ADT^{}^{}|W{}-{:07}|P|2.5.1\r", when,
                     trigger_code(ev.trigger), message_structure(ev.trigger), seed % 100000, n);
    b += fmt::format("EVN|{}|{}\r", trigger_code(ev.trigger), when);
    b += pid(h.patients[static_cast<std::size_t>(e.patient)]);
    b += pv1(h, clock, e, ev);
    b += '\n';
    out->maybe_flush();
  }
  if (auto closed = out->close(); !closed) return tl::unexpected(closed.error());
  return n;
}

}  // namespace ward::demo
