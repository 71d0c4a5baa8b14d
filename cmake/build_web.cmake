# Builds the web UI (web/) and turns it into a C++ source the ward binary serves (src/api/
# web_assets.h): `npm ci` when package-lock.json changed since the last install, `npm run build`
# into DIST, then one entry per file: path, content type, a strong ETag (SHA-256) and the bytes.
# Usage: cmake -DWEB=<web dir> -DDIST=<out dir> -DOUT=<file.cc> -DNPM=<npm> -P build_web.cmake
# Fails with a message saying what to do when npm is missing or a step fails: Ward never ships
# without its UI.
if(NOT NPM OR NOT EXISTS "${NPM}")
  message(FATAL_ERROR "web UI: npm not found. The ward binary embeds its web UI (web/, docs/web.md), "
                      "built with Node.js and npm: run scripts/setup (installs Debian's nodejs and npm).")
endif()

# npm ci only when the lock file is not the one installed (node_modules is shared by build dirs).
file(SHA256 "${WEB}/package-lock.json" lock_hash)
set(stamp "${WEB}/node_modules/.ward-installed-lock")
set(installed "")
if(EXISTS "${stamp}")
  file(READ "${stamp}" installed)
endif()
if(NOT installed STREQUAL lock_hash)
  message(STATUS "web UI: npm ci (package-lock.json changed)")
  execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY "${WEB}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "web UI: `npm ci` in ${WEB} failed (${rc}); it needs the npm registry once, "
                        "then works from npm's cache. See docs/web.md.")
  endif()
  file(WRITE "${stamp}" "${lock_hash}")
endif()

execute_process(COMMAND "${NPM}" run build --silent -- --outDir "${DIST}" --emptyOutDir --logLevel warn
                WORKING_DIRECTORY "${WEB}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "web UI: `npm run build` in ${WEB} failed (${rc}); the messages above say where.")
endif()
if(NOT EXISTS "${DIST}/index.html")
  message(FATAL_ERROR "web UI: the build wrote no ${DIST}/index.html")
endif()

# (Not a CMake list, which "; charset=utf-8" would split; quoted everywhere.)
function(content_type file out)
  get_filename_component(ext "${file}" LAST_EXT)
  string(TOLOWER "${ext}" ext)
  set(type "application/octet-stream")
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".txt")
    set(type "text/plain; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  elseif(ext STREQUAL ".png")
    set(type "image/png")
  elseif(ext STREQUAL ".ico")
    set(type "image/x-icon")
  elseif(ext STREQUAL ".json")
    set(type "application/json")
  elseif(ext STREQUAL ".woff2")
    set(type "font/woff2")
  endif()
  set(${out} "${type}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE "${DIST}" "${DIST}/*")
list(SORT files)
set(arrays "")
set(entries "")
set(n 0)
set(total 0)
foreach(f ${files})
  file(READ "${DIST}/${f}" hex HEX)
  file(SHA256 "${DIST}/${f}" sha)
  file(SIZE "${DIST}/${f}" size)
  math(EXPR total "${total} + ${size}")
  content_type("${f}" type)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(APPEND arrays "// ${f}\nconst unsigned char k${n}[] = {\n${bytes}0};\n")
  string(SUBSTRING "${sha}" 0 32 tag)
  string(APPEND entries "    {\"/${f}\", \"${type}\", \"\\\"${tag}\\\"\", {reinterpret_cast<const char*>(k${n}), ${size}}},\n")
  math(EXPR n "${n} + 1")
endforeach()

file(WRITE "${OUT}.tmp" "// Generated from web/ by cmake/build_web.cmake (${n} files, ${total} bytes). Do not edit.
#include \"api/web_assets.h\"

namespace ward::api {
namespace {
${arrays}
const WebAsset kAssets[] = {
${entries}};
}  // namespace

std::span<const WebAsset> web_assets() { return kAssets; }

}  // namespace ward::api
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
message(STATUS "web UI: embedded ${n} files, ${total} bytes")
