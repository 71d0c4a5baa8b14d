# Turns data/phi/*.txt (one entry a line) into a C++ source with one string_view per file, so the
# binary carries its dictionaries and needs no files at run time (dictionaries.h reads them).
# Usage: cmake -DDATA=<data/phi> -DOUT=<file.cc> -P embed_dictionaries.cmake
set(body "")
foreach(name given_names surnames places states countries eponyms clinical_eponyms clinical_terms common_words)
  file(READ "${DATA}/${name}.txt" text)
  if(text MATCHES "\\)ward_dict\"")
    message(FATAL_ERROR "${name}.txt contains the raw string delimiter")
  endif()
  string(APPEND body "const std::string_view k_${name} = R\"ward_dict(${text})ward_dict\";\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from data/phi by embed_dictionaries.cmake. Do not edit.\n#include \"phi/embedded_dictionaries.h\"\nnamespace ward::phi::embedded {\n${body}}  // namespace ward::phi::embedded\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
