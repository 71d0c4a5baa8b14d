#include "testing/test_certificates.h"

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace ward::testing {

TestCertificates make_test_certificates(const std::filesystem::path& dir) {
  std::string command = std::string("bash '") + WARD_TEST_CERTIFICATE_SCRIPT + "' '" + dir.string() + "'";
  int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << "could not make test certificates with: " << command;
  if (status != 0) return {};
  return {dir / "ca.pem", dir / "server.pem", dir / "server.key"};
}

}  // namespace ward::testing
