// Hosts found by what they send to Ward's own listeners, kept in the discovery store as they
// come: the HL7 v2 senders of the MLLP listener (the peer address, MSH-3 and MSH-4). Used by
// `ward serve` from the listener threads; the CLI's files go through discovery_run.h instead.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "core/time.h"
#include "discovery/discovery_store.h"

namespace ward::discovery {

// "HL7 EHRApp (GHHRFacility)": the name of MSH-3 and of MSH-4, each its HD.1 (namespace id),
// else HD.2 (universal id); "" when MSH-3 and MSH-4 are both empty.
std::string hl7_application(std::string_view sending_application, std::string_view sending_facility,
                            char component = '^');

// Thread-safe (one mutex: a write is one short transaction). Each (address, application) is
// written when first seen and then at most once per `refresh` (last_seen moves in those steps,
// so a busy feed does not write once per message); the memory of what was written holds at most
// kMaxRemembered pairs and is forgotten whole when full (the next message of each is written).
class ListenerDiscovery {
 public:
  static constexpr std::size_t kMaxRemembered = 4096;
  static constexpr TimeNs kDefaultRefresh = 60 * kNsPerSecond;

  // Opens the data directory's store (migrating it).
  static Result<std::unique_ptr<ListenerDiscovery>> open(const std::filesystem::path& data_dir,
                                                         TimeNs refresh = kDefaultRefresh);

  // An HL7 v2 message from `peer_ip` at `time`, as MSH-3/MSH-4 name its sender: the host at that
  // address (its MAC's entry when a lease tied them, else "ip:<address>", added when new) gets
  // protocol "hl7-mllp", the application, source "mllp listener" and the time. Returns whether
  // it wrote; fails only when the store does (nothing is then kept of it).
  Result<bool> hl7_sender(std::string_view peer_ip, std::string_view sending_application,
                          std::string_view sending_facility, char component, TimeNs time);

 private:
  ListenerDiscovery(DiscoveryStore store, TimeNs refresh) : store_(std::move(store)), refresh_(refresh) {}

  std::mutex mutex_;
  DiscoveryStore store_;  // guarded by mutex_
  TimeNs refresh_;
  std::unordered_map<std::string, TimeNs> written_;  // "address\napplication" → when; guarded by mutex_
};

}  // namespace ward::discovery
