# Turns data/dlp/ai_service_domains.tsv into a C++ source with one string_view, so the binary
# carries the default destination catalogue (destination_catalogue.h).
# Usage: cmake -DIN=<tsv> -DOUT=<file.cc> -P embed_destinations.cmake
file(READ "${IN}" text)
if(text MATCHES "\\)ward_tsv\"")
  message(FATAL_ERROR "${IN} contains the raw string delimiter")
endif()
file(WRITE "${OUT}.tmp" "// Generated from data/dlp by embed_destinations.cmake. Do not edit.\n#include \"dlp/destination_catalogue.h\"\nnamespace ward::dlp {\nconst std::string_view kAiServiceDomains = R\"ward_tsv(${text})ward_tsv\";\n}  // namespace ward::dlp\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
