// The logsource of a Windows event export, as Sigma's taxonomy appendix defines it
// (../shared/data/sigma/spec/specification/sigma-appendix-taxonomy.md): product windows, the
// service from the Channel (Security → security, Microsoft-Windows-Sysmon/Operational → sysmon,
// …) and the categories from the Sysmon, PowerShell or Security event id (Sysmon 1 and Security
// 4688 → process_creation,
// 13 → registry_event and registry_set, PowerShell 4104 → ps_script, …). Sysmon for Linux
// (Linux-Sysmon/Operational) gives product linux.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sigma/event_view.h"
#include "sigma/logsource.h"

namespace ward::sigma {

// Empty when the event lacks a Channel or an EventID field (not a Windows export).
EventLogSource windows_logsource(const EventView& event);

// The same from the two values (tests, and callers that hold them already).
EventLogSource windows_logsource(std::string_view channel, std::string_view event_id);

// windows_logsource(event) over a stream of events (hunting a file): the logsources of the last
// few (Channel, EventID) pairs are kept, so that an event of a pair seen lately costs two
// look-ups and two compares, not a logsource built again (its strings and lists). One thread.
class WindowsLogSources {
 public:
  static constexpr std::size_t kKept = 16;
  // The same as windows_logsource(event); valid until the next call.
  const EventLogSource& of(const EventView& event);

 private:
  struct Kept {
    std::string channel, event_id;
    EventLogSource logsource;
  };
  const std::uint32_t channel_hash_ = hash_field_name("Channel"), event_id_hash_ = hash_field_name("EventID");
  std::vector<Kept> kept_;
  std::size_t next_ = 0;  // the entry replaced next, once kKept are kept
  EventLogSource none_;   // of events that are no Windows export
};

}  // namespace ward::sigma
