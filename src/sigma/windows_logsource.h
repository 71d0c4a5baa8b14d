// The logsource of a Windows event export, as Sigma's taxonomy appendix defines it
// (../shared/data/sigma/spec/specification/sigma-appendix-taxonomy.md): product windows, the
// service from the Channel (Security → security, Microsoft-Windows-Sysmon/Operational → sysmon,
// …) and the categories from the Sysmon, PowerShell or Security event id (Sysmon 1 and Security
// 4688 → process_creation,
// 13 → registry_event and registry_set, PowerShell 4104 → ps_script, …). Sysmon for Linux
// (Linux-Sysmon/Operational) gives product linux.
#pragma once

#include "sigma/event_view.h"
#include "sigma/logsource.h"

namespace ward::sigma {

// Empty when the event lacks a Channel or an EventID field (not a Windows export).
EventLogSource windows_logsource(const EventView& event);

// The same from the two values (tests, and callers that hold them already).
EventLogSource windows_logsource(std::string_view channel, std::string_view event_id);

}  // namespace ward::sigma
