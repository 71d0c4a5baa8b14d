#include "sigma/windows_logsource.h"

#include <charconv>
#include <optional>
#include <utility>

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

struct ChannelService {
  std::string_view channel, service;
};

// Sigma taxonomy appendix, "Windows Folder / Service".
constexpr ChannelService kChannels[] = {
    {"Application", "application"},
    {"Microsoft-Windows-Application-Experience/Program-Telemetry", "application-experience"},
    {"Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant", "application-experience"},
    {"Microsoft-Windows-AppLocker/MSI and Script", "applocker"},
    {"Microsoft-Windows-AppLocker/EXE and DLL", "applocker"},
    {"Microsoft-Windows-AppLocker/Packaged app-Deployment", "applocker"},
    {"Microsoft-Windows-AppLocker/Packaged app-Execution", "applocker"},
    {"Microsoft-Windows-AppModel-Runtime/Admin", "appmodel-runtime"},
    {"Microsoft-Windows-AppXDeploymentServer/Operational", "appxdeployment-server"},
    {"Microsoft-Windows-AppxPackaging/Operational", "appxpackaging-om"},
    {"Microsoft-Windows-BitLocker/BitLocker Management", "bitlocker"},
    {"Microsoft-Windows-Bits-Client/Operational", "bits-client"},
    {"Microsoft-Windows-CAPI2/Operational", "capi2"},
    {"Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational", "certificateservicesclient-lifecycle-system"},
    {"Microsoft-Windows-CodeIntegrity/Operational", "codeintegrity-operational"},
    {"Microsoft-Windows-DHCP-Server/Operational", "dhcp"},
    {"Microsoft-Windows-Diagnosis-Scripted/Operational", "diagnosis-scripted"},
    {"Microsoft-Windows-DNS Client Events/Operational", "dns-client"},
    {"DNS Server", "dns-server"},
    {"Microsoft-Windows-DNS-Server/Analytical", "dns-server-analytic"},
    {"Microsoft-Windows-DNS-Server/Audit", "dns-server-audit"},
    {"Microsoft-Windows-DriverFrameworks-UserMode/Operational", "driver-framework"},
    {"Microsoft-Windows-Windows Firewall With Advanced Security/Firewall", "firewall-as"},
    {"Microsoft-Windows-Hyper-V-Worker", "hyper-v-worker"},
    {"Microsoft-Windows-Hyper-V-Worker-Admin", "hyper-v-worker"},
    {"Microsoft-IIS-Configuration/Operational", "iis-configuration"},
    {"Microsoft-Windows-Kernel-EventTracing", "kernel-event-tracing"},
    {"Microsoft-Windows-Kernel-EventTracing/Admin", "kernel-event-tracing"},
    {"Microsoft-Windows-Kernel-ShimEngine/Operational", "kernel-shimengine"},
    {"Microsoft-Windows-Kernel-ShimEngine/Diagnostic", "kernel-shimengine"},
    {"Microsoft-Windows-LDAP-Client/Debug", "ldap"},
    {"Microsoft-Windows-LSA/Operational", "lsa-server"},
    {"MSExchange Management", "msexchange-management"},
    {"Microsoft-Windows-Ntfs/Operational", "ntfs"},
    {"Microsoft-Windows-NTLM/Operational", "ntlm"},
    {"OpenSSH/Operational", "openssh"},
    {"Microsoft-Windows-PowerShell/Operational", "powershell"},
    {"PowerShellCore/Operational", "powershell"},
    {"Windows PowerShell", "powershell-classic"},
    {"Microsoft-Windows-PrintService/Admin", "printservice-admin"},
    {"Microsoft-Windows-PrintService/Operational", "printservice-operational"},
    {"Security", "security"},
    {"Microsoft-Windows-Security-Mitigations/Kernel Mode", "security-mitigations"},
    {"Microsoft-Windows-Security-Mitigations/User Mode", "security-mitigations"},
    {"Microsoft-Windows-SENSE/Operational", "sense"},
    {"Microsoft-ServiceBus-Client/Operational", "servicebus-client"},
    {"Microsoft-ServiceBus-Client/Admin", "servicebus-client"},
    {"Microsoft-Windows-Shell-Core/Operational", "shell-core"},
    {"Microsoft-Windows-SmbClient/Security", "smbclient-security"},
    {"Microsoft-Windows-Sysmon/Operational", "sysmon"},
    {"Linux-Sysmon/Operational", "sysmon"},
    {"System", "system"},
    {"Microsoft-Windows-TaskScheduler/Operational", "taskscheduler"},
    {"Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", "terminalservices-localsessionmanager"},
    {"Microsoft-Windows-VHDMP/Operational", "vhdmp"},
    {"Microsoft-Windows-Windows Defender/Operational", "windefend"},
    {"Microsoft-Windows-WMI-Activity/Operational", "wmi"},
};

// Sigma taxonomy appendix, "Windows Folder / Category": Sysmon event ids.
void add_sysmon_categories(int id, EventLogSource& out) {
  switch (id) {
    case 1: out.add_category("process_creation"); break;
    case 2: out.add_category("file_change"); break;
    case 3: out.add_category("network_connection"); break;
    case 4: case 16: out.add_category("sysmon_status"); break;
    case 5: out.add_category("process_termination"); break;
    case 6: out.add_category("driver_load"); break;
    case 7: out.add_category("image_load"); break;
    case 8: out.add_category("create_remote_thread"); break;
    case 9: out.add_category("raw_access_thread"); break;
    case 10: out.add_category("process_access"); break;
    case 11: out.add_category("file_event"); break;
    case 12: out.add_category("registry_event"); out.add_category("registry_add"); out.add_category("registry_delete"); break;
    case 13: out.add_category("registry_event"); out.add_category("registry_set"); break;
    case 14: out.add_category("registry_event"); out.add_category("registry_rename"); break;
    case 15: out.add_category("create_stream_hash"); break;
    case 17: case 18: out.add_category("pipe_created"); break;
    case 19: case 20: case 21: out.add_category("wmi_event"); break;
    case 22: out.add_category("dns_query"); break;
    case 23: out.add_category("file_delete"); break;
    case 24: out.add_category("clipboard_capture"); break;
    case 25: out.add_category("process_tampering"); break;
    case 26: out.add_category("file_delete_detected"); break;
    case 27: out.add_category("file_block_executable"); break;
    case 28: out.add_category("file_block_shredding"); break;
    case 29: out.add_category("file_executable_detected"); break;
    case 255: out.add_category("sysmon_error"); break;
    default: break;
  }
}

// PowerShell channels: 4103 module logging, 4104 script blocks; the classic log's 400/600/800.
void add_powershell_categories(std::string_view service, int id, EventLogSource& out) {
  if (service == "powershell") {
    if (id == 4103) out.add_category("ps_module");
    if (id == 4104) out.add_category("ps_script");
  } else {
    if (id == 400) out.add_category("ps_classic_start");
    if (id == 600) out.add_category("ps_classic_provider_start");
    if (id == 800) out.add_category("ps_classic_script");
  }
}

}  // namespace

EventLogSource windows_logsource(std::string_view channel, std::string_view event_id) {
  EventLogSource out;
  if (channel.empty()) return out;
  out.product = "windows";
  int id = -1;
  std::from_chars(event_id.data(), event_id.data() + event_id.size(), id);
  std::string_view service;
  for (const auto& c : kChannels)
    if (same_ignoring_case(c.channel, channel)) { service = c.service; break; }
  if (service.empty()) return out;  // a channel the taxonomy does not name: product only
  out.add_service(service);
  if (service == "sysmon") {
    if (same_ignoring_case(channel, "Linux-Sysmon/Operational")) out.product = "linux";
    add_sysmon_categories(id, out);
  } else if (service == "powershell" || service == "powershell-classic") {
    add_powershell_categories(service, id, out);
  } else if (service == "security" && id == 4688) {
    // A process was created: process_creation rules take it (as pySigma's Windows audit
    // pipeline has them), through the event field mappings (event_field_aliases.h).
    out.add_category("process_creation");
  }
  return out;
}

namespace {

// An event's Channel (a string) and EventID texts, by their names' hashes; nullopt when it lacks
// either (no Windows export).
std::optional<std::pair<std::string_view, std::string_view>> channel_and_event_id(const EventView& event,
                                                                                  std::uint32_t channel_hash,
                                                                                  std::uint32_t event_id_hash) {
  const auto channels = event.values_of("Channel", channel_hash);
  const auto ids = event.values_of("EventID", event_id_hash);
  if (channels.empty() || channels.front().kind != ValueKind::string || ids.empty()) return std::nullopt;
  return std::pair{channels.front().text, ids.front().text};
}

}  // namespace

EventLogSource windows_logsource(const EventView& event) {
  const auto ids = channel_and_event_id(event, hash_field_name("Channel"), hash_field_name("EventID"));
  if (!ids) return {};
  return windows_logsource(ids->first, ids->second);
}

const EventLogSource& WindowsLogSources::of(const EventView& event) {
  const auto ids = channel_and_event_id(event, channel_hash_, event_id_hash_);
  if (!ids) return none_;
  const auto [channel, event_id] = *ids;
  for (const Kept& k : kept_)
    if (k.event_id == event_id && k.channel == channel) return k.logsource;
  Kept made{std::string(channel), std::string(event_id), windows_logsource(channel, event_id)};
  if (kept_.size() < kKept) return kept_.emplace_back(std::move(made)).logsource;
  Kept& replaced = kept_[next_];
  next_ = (next_ + 1) % kKept;
  replaced = std::move(made);
  return replaced.logsource;
}

}  // namespace ward::sigma
