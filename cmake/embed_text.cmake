# Turns one text file into a C++ source defining `const std::string_view NAME` in NAMESPACE, so
# the binary carries its data and needs no files at run time.
# Usage: cmake -DIN=<file> -DOUT=<file.cc> -DHEADER=<dir/header.h> -DNAMESPACE=<ns> -DNAME=<name> -P embed_text.cmake
file(READ "${IN}" text)
if(text MATCHES "\\)ward_text\"")
  message(FATAL_ERROR "${IN} contains the raw string delimiter")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_text.cmake. Do not edit.\n#include \"${HEADER}\"\nnamespace ${NAMESPACE} {\nconst std::string_view ${NAME} = R\"ward_text(${text})ward_text\";\n}  // namespace ${NAMESPACE}\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
