// read_atna_observations (atna_observations.h): ingest's ATNA reader (alone, or inside the syslog
// parser) with a visitor that turns each message's participants into observations.
#include "discovery/atna_observations.h"

#include <fmt/format.h>

#include "core/plural.h"
#include "core/time.h"
#include "ingest/atna/atna_parser.h"
#include "ingest/atna/audit_message.h"
#include "ingest/syslog/syslog_parser.h"

namespace ward::discovery {
namespace {

constexpr std::string_view kAeTitles = "AETITLES=";

// An AE title is 1–16 characters of the default repertoire without backslash (PS3.5 6.2);
// "/" and ":" rule out URLs and user@host forms that UserID often holds instead.
bool can_be_ae_title(std::string_view s) {
  return !s.empty() && s.size() <= 16 && s.find_first_of("\\/:") == std::string_view::npos;
}

class ParticipantObserver {
 public:
  ParticipantObserver(const std::string& source, AssetTable& table, const ObserveOptions& options,
                      ObserveSummary& summary)
      : source_(source), table_(table), options_(options), summary_(summary) {}

  void operator()(const ingest::atna::AuditMessage& m, const ingest::AtnaRecord&) {
    ++messages_;
    const TimeNs time = parse_iso8601(m.date_time).value_or(0);  // the parser accepted it
    for (const ingest::atna::ActiveParticipant& p : m.participants) {
      const std::string_view ip = ingest::atna::network_ip(p);
      if (ip.empty()) continue;
      Observation o{.ip = ip, .protocol = "dicom", .time = time};
      bool any = false;
      for (std::string_view title : ae_titles(p)) {
        application_ = "DICOM AE ";
        application_ += title;
        o.application = application_;
        add_observation(o, source_, table_, options_, summary_);
        any = true;
      }
      if (!any) add_observation(o, source_, table_, options_, summary_);
    }
  }

 private:
  // AlternativeUserID "AETITLES=A;B" (PS3.15 A.5.2.1), else the UserID of a participant
  // UserTypeCode 2 says is an application, when it can be an AE title. None for a person.
  std::vector<std::string_view> ae_titles(const ingest::atna::ActiveParticipant& p) {
    std::vector<std::string_view> titles;
    if (p.user_type == "1") return titles;
    std::string_view alt = p.alternative_user_id;
    if (alt.starts_with(kAeTitles)) {
      alt.remove_prefix(kAeTitles.size());
      while (!alt.empty()) {
        const std::size_t end = alt.find(';');
        std::string_view t = alt.substr(0, end);
        while (!t.empty() && t.back() == ' ') t.remove_suffix(1);  // AE titles are space-padded
        if (can_be_ae_title(t)) titles.push_back(t);
        if (end == std::string_view::npos) break;
        alt.remove_prefix(end + 1);
      }
      return titles;
    }
    if (p.user_type == "2" && can_be_ae_title(p.user_id)) titles.push_back(p.user_id);
    return titles;
  }


 public:
  std::uint64_t messages() const { return messages_; }

 private:
  std::uint64_t messages_ = 0;  // ATNA audit messages seen
  const std::string& source_;
  AssetTable& table_;
  const ObserveOptions& options_;
  ObserveSummary& summary_;
  std::string application_;
};

}  // namespace

Result<ObserveSummary> read_atna_observations(std::string_view bytes, const std::string& source, AtnaFraming framing,
                                              AssetTable& table, const ObserveOptions& options) {
  ObserveSummary summary;
  RejectionsSink sink(summary);
  ingest::ParseContext ctx(source, sink);
  ParticipantObserver observer(source, table, options, summary);
  const ingest::AuditMessageVisitor visit = std::ref(observer);
  Result<void> ok;
  if (framing == AtnaFraming::xml) {
    ok = ingest::parse_atna_messages(bytes, ctx, visit);
  } else {
    ingest::SyslogFileOptions syslog;
    syslog.atna_messages = visit;
    ok = ingest::parse_syslog(bytes, ctx, syslog);
  }
  if (!ok) return Unexpected(ok.error());
  summary.count_accepted(ctx.summary());
  // A syslog file of other messages (a server's, a firewall's) is read without error and gives
  // nothing: say so, rather than let "0 observations" read as "no devices on the network".
  if (framing == AtnaFraming::syslog && observer.messages() == 0 && ctx.summary().accepted() > 0)
    summary.notes.push_back(fmt::format(
        "{}: {}, none of them an ATNA audit message: discovery reads ATNA audit messages (alone or inside syslog) "
        "and Zeek logs; `ward import` takes other syslog",
        source, counted(static_cast<std::int64_t>(ctx.summary().accepted()), "syslog message", "syslog messages")));
  return summary;
}

}  // namespace ward::discovery
