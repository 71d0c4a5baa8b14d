#include "core/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fmt/format.h>

namespace ward {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>> make_server_tls_context(const TlsFiles& files,
                                                               const std::string& field) {
  auto failed = [&](const std::filesystem::path& file, const std::string& what,
                    const boost::system::error_code& ec) {
    return fail(ErrorCode::config,
                fmt::format("{} {}: {}", what, file.string(), ec ? ec.message() : "unknown error"),
                field);
  };
  if (files.certificate.empty() || files.key.empty())
    return fail(ErrorCode::config, "TLS needs both a certificate and a key file (PEM)", field);
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                           ssl::context::single_dh_use,
                       ec);
  if (ec) return failed(files.certificate, "cannot set the TLS options for", ec);
  // A floor that holds even if the option bits above change meaning in a later OpenSSL.
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1)
    return fail(ErrorCode::config, "OpenSSL refused TLS 1.2 as the lowest version", field);
  context->use_certificate_chain_file(files.certificate.string(), ec);
  if (ec) return failed(files.certificate, "cannot load the certificate chain (PEM) from", ec);
  context->use_private_key_file(files.key.string(), ssl::context::pem, ec);
  if (ec) return failed(files.key, "cannot load the private key (PEM) from", ec);
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    ERR_clear_error();
    return fail(ErrorCode::config,
                fmt::format("the key {} does not match the certificate {}", files.key.string(),
                            files.certificate.string()),
                field);
  }
  return context;
}

}  // namespace ward
