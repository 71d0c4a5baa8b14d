// The server side of TLS for Ward's listeners: an OpenSSL context (through Boost.Asio SSL) with
// a PEM certificate chain and private key, TLS 1.2 and later only. Used by the syslog listener
// (RFC 5425); the HTTP API and MLLP are meant to take the same context. Start at
// make_server_tls_context().
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "core/error.h"

namespace ward {

struct TlsFiles {
  std::filesystem::path certificate;  // PEM: the server certificate, then any intermediates
  std::filesystem::path key;          // PEM: its private key (not encrypted)
};

// A context for accepting TLS connections: TLS 1.2 or 1.3 (SSLv3, TLS 1.0 and 1.1 refused),
// no compression, the certificate chain and key loaded and checked to match. A file that is
// missing, not PEM, or a key that does not match the certificate is ErrorCode::config naming
// `field` (the config key, e.g. "syslog.tls") and the file, with OpenSSL's reason.
// Shared by every connection of a listener (OpenSSL contexts are thread-safe once set up).
Result<std::shared_ptr<boost::asio::ssl::context>> make_server_tls_context(const TlsFiles& files,
                                                                            const std::string& field);

}  // namespace ward
