# Turns migrations/NNNN_name.sql into a C++ source with one string per migration, in order, so
# the binary carries its schema and needs no files at run time.
file(GLOB files "${SRC}/migrations/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ "${f}" sql)
  get_filename_component(name "${f}" NAME)
  string(APPEND body "  {\"${name}\", R\"ward_sql(${sql})ward_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from src/store/migrations by embed_migrations.cmake. Do not edit.\n#include \"store/migrations.h\"\nnamespace ward::store {\nconst std::vector<Migration>& migrations() {\n  static const std::vector<Migration> kAll = {\n${body}  };\n  return kAll;\n}\n}  // namespace ward::store\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
