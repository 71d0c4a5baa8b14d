// data/program/vendor_questionnaire.yaml, built into the binary (CMakeLists.txt).
#pragma once

#include <string_view>

namespace ward::third_parties {
extern const std::string_view kVendorQuestionnaireYaml;
}  // namespace ward::third_parties
