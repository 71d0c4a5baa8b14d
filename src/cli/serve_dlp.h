// The DLP part of `ward serve --icap HOST:PORT`: the ICAP server a proxy asks about outbound
// requests, with its scanner, destination catalogue and policy, and an alert in the store for
// each request that carried PHI to a watched destination (docs/dlp.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace ward::cli {

struct DlpServeOptions {
  std::string icap;          // --icap HOST:PORT; "" = no ICAP server
  std::string action = "block";  // --dlp-action log|alert|block
  std::string destinations;  // --dlp-destinations FILE; "" = the embedded AI service catalogue
};

class ServeDlp {
 public:
  // Builds and binds; errors name the flag.
  static Result<std::unique_ptr<ServeDlp>> start(const DlpServeOptions& options, store::Store& store);
  ~ServeDlp();
  std::uint16_t port() const;
  std::string describe() const;  // the line `ward serve` prints
  void run();
  void stop();

 private:
  struct Parts;
  explicit ServeDlp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace ward::cli
