// The DLP decision for one outbound HTTP request a proxy asks about: is its destination one the
// policy watches (AI services by default), does its body hold PHI, and what to do — let it
// through, log it, raise an alert, or block it with a page that says why (never the PHI itself).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "dlp/destination_catalogue.h"
#include "dlp/icap_message.h"
#include "phi/scanner.h"

namespace ward::dlp {

enum class DlpAction : std::uint8_t { log, alert, block };
std::string_view to_string(DlpAction action);
Result<DlpAction> dlp_action_from(std::string_view text);  // "log", "alert" or "block"

struct DlpPolicy {
  DlpAction action = DlpAction::block;  // for PHI going to a watched destination
  double min_confidence = 0.7;          // findings below do not count (a block interrupts work)
  std::size_t max_body_bytes = 16 * 1024 * 1024;  // bodies are scanned up to this size
};

struct Verdict {
  std::string host;     // the request's destination host
  std::string service;  // the catalogue's service, "" when the destination is not watched
  std::string client, user;  // as the proxy said (X-Client-IP, X-Client-Username), "" when not sent
  std::array<std::uint32_t, phi::kPhiTypeCount> phi{};  // findings by type
  std::uint32_t total = 0;
  bool scanned = false;        // the body was scanned
  bool body_truncated = false; // only the first max_body_bytes were
  // What the body held besides text (request_body.h): PDFs read, images, parts Ward could not read.
  std::uint32_t documents = 0, images = 0, unreadable = 0;
  bool blocked = false;
  // "2 names, 1 medical record number"
  std::string summary() const;
  // "1 PDF read, 1 image and 1 part not read" ("" when the body was text alone)
  std::string contents() const;
};

class OutboundInspector {
 public:
  // Both must outlive the inspector; it is shared by the server's threads.
  OutboundInspector(const phi::Scanner& scanner, const DestinationCatalogue& catalogue, DlpPolicy policy)
      : scanner_(scanner), catalogue_(catalogue), policy_(policy) {}

  Result<Verdict> inspect(const IcapRequest& request, phi::ScanScratch& scratch) const;
  const DlpPolicy& policy() const { return policy_; }
  const phi::Scanner& scanner() const { return scanner_; }

 private:
  const phi::Scanner& scanner_;
  const DestinationCatalogue& catalogue_;
  DlpPolicy policy_;
};

// The host an HTTP request goes to: the absolute URI's ("POST http://chat.openai.com/x HTTP/1.1"),
// else the Host header's; without a port, lower case.
std::string destination_host(std::string_view http_head);

// The page a blocked user sees: what was found by type and where it was going; no value.
std::string block_page(const Verdict& verdict);

}  // namespace ward::dlp
