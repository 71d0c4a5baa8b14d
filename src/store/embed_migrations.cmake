# Turns migrations/NNNN_name.sql into a C++ source with one entry per migration — its number,
# name and SQL — in number order, so the binary carries its schema and needs no files at run
# time. A file not named so, or a number not above the one before it, stops the build.
file(GLOB files "${SRC}/migrations/*.sql")
list(SORT files)
set(body "")
set(previous 0)
foreach(f ${files})
  file(READ "${f}" sql)
  get_filename_component(name "${f}" NAME)
  if(NOT name MATCHES "^([0-9]+)_[A-Za-z0-9_]+\\.sql$")
    message(FATAL_ERROR "migration ${name}: expected NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")  # decimal: leading zeros are not octal here
  if(NOT version GREATER previous)
    message(FATAL_ERROR "migration ${name}: its number must be above ${previous}, the one before it")
  endif()
  set(previous ${version})
  string(APPEND body "  {${version}, \"${name}\", R\"ward_sql(${sql})ward_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from src/store/migrations by embed_migrations.cmake. Do not edit.\n#include \"store/migrations.h\"\nnamespace ward::store {\nconst std::vector<Migration>& migrations() {\n  static const std::vector<Migration> kAll = {\n${body}  };\n  return kAll;\n}\n}  // namespace ward::store\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
