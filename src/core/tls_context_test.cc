// The TLS server context: PEM files from a throw-away CA made with the openssl command line.
#include "core/tls_context.h"

#include <fstream>

#include <gtest/gtest.h>

#include "testing/shared_data.h"
#include "testing/test_certificates.h"

namespace ward {
namespace {

TEST(TlsContext, LoadsAPemCertificateAndKey) {
  testing::TempDir dir;
  auto files = testing::make_test_certificates(dir.path());
  auto context = make_server_tls_context({files.certificate, files.key}, "syslog.tls");
  ASSERT_TRUE(context) << context.error().describe();
  EXPECT_EQ(SSL_CTX_get_min_proto_version((*context)->native_handle()), TLS1_2_VERSION);
}

TEST(TlsContext, AMissingOrWrongFileIsAConfigErrorNamingIt) {
  testing::TempDir dir;
  auto files = testing::make_test_certificates(dir.path());
  auto missing = make_server_tls_context({dir.path() / "absent.pem", files.key}, "syslog.tls");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::config);
  EXPECT_EQ(missing.error().field, "syslog.tls");
  EXPECT_NE(missing.error().message.find("absent.pem"), std::string::npos) << missing.error().message;

  // The CA's certificate with the server's key: they do not match.
  auto mismatched = make_server_tls_context({files.ca, files.key}, "syslog.tls");
  ASSERT_FALSE(mismatched);
  EXPECT_NE(mismatched.error().message.find("mismatch"), std::string::npos) << mismatched.error().message;
  EXPECT_NE(mismatched.error().message.find("server.key"), std::string::npos) << mismatched.error().message;

  std::ofstream(dir.path() / "junk.pem") << "not a certificate\n";
  auto junk = make_server_tls_context({dir.path() / "junk.pem", files.key}, "syslog.tls");
  ASSERT_FALSE(junk);
  EXPECT_NE(junk.error().message.find("junk.pem"), std::string::npos) << junk.error().message;

  EXPECT_FALSE(make_server_tls_context({files.certificate, {}}, "syslog.tls"));
}

}  // namespace
}  // namespace ward
