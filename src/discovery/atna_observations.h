// IHE ATNA audit messages (DICOM PS3.15 A.5, RFC 3881) -> observations of hosts, for passive
// discovery of DICOM nodes. The messages are read by Ward's ATNA parser (ingest/atna: XML files,
// or syslog lines carrying them, bad messages rejected with file and line); this file only says
// which participant is which host:
//   every ActiveParticipant whose NetworkAccessPointID is an IP address (NetworkAccessPointTypeCode
//   2, or no type and an address): protocol "dicom", the message's EventDateTime, and its AE
//   titles as "DICOM AE <title>": AlternativeUserID "AETITLES=A;B" as PS3.15 A.5.2.1 writes
//   them, else the UserID of a participant UserTypeCode 2 calls an application, when it can be
//   an AE title (1–16 characters, no backslash, "/" or ":"). A person (UserTypeCode 1) has none.
// Machine names (type 1) and URIs (type 5) are not addresses and are counted, not kept.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "discovery/asset_table.h"
#include "discovery/zeek_observations.h"

namespace ward::discovery {

enum class AtnaFraming { xml, syslog };

// Reads the audit messages of `bytes` (named `source`) into `table`, like read_zeek_observations:
// bad messages and lines are in the summary's `rejected`; the rest goes on.
Result<ObserveSummary> read_atna_observations(std::string_view bytes, const std::string& source, AtnaFraming framing,
                                              AssetTable& table, const ObserveOptions& options = {});

}  // namespace ward::discovery
