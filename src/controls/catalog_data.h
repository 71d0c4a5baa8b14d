// The files of catalogs/, built into the binary (see CMakeLists.txt).
#pragma once

#include <string_view>

namespace ward::controls {
extern const std::string_view kCsf20Json;
extern const std::string_view kHphCpgJson;
extern const std::string_view kHicpJson;
extern const std::string_view kCpgToCsfCsv;
extern const std::string_view kHipaaSecurityJson;
extern const std::string_view kHipaaToCsfCsv;
extern const std::string_view kHipaaToCpgCsv;
extern const std::string_view kSp80053HighResolvedJson;
extern const std::string_view kSp80053PrivacyResolvedJson;
extern const std::string_view kSp80053LowProfileJson;
extern const std::string_view kSp80053ModerateProfileJson;
extern const std::string_view kSp80053HighProfileJson;
extern const std::string_view kSp80053PrivacyProfileJson;
}  // namespace ward::controls
