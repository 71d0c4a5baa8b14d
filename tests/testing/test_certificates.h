// Test helper: a throw-away CA and a server certificate for 127.0.0.1 (PEM files made with the
// openssl command line by make_test_certificates.sh, which the integration scripts use too).
#pragma once

#include <filesystem>

namespace ward::testing {

struct TestCertificates {
  std::filesystem::path ca;           // the CA certificate, for clients to verify with
  std::filesystem::path certificate;  // the server's, signed by the CA, for IP 127.0.0.1
  std::filesystem::path key;          // the server's private key
};

// Writes the files into `dir`; fails the calling test (and returns empty paths) when openssl
// could not make them.
TestCertificates make_test_certificates(const std::filesystem::path& dir);

}  // namespace ward::testing
