// Benchmark inputs (bench_files.h).
#include "bench/bench_files.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ward::bench {

namespace fs = std::filesystem;

fs::path source_tree() {
#ifdef WARD_SOURCE_DIR
  return fs::path(WARD_SOURCE_DIR);
#else
  return fs::current_path();
#endif
}

fs::path shared_data() {
  if (const char* env = std::getenv("WARD_SHARED_DATA"); env != nullptr && *env != '\0') return env;
  fs::path beside = source_tree() / ".." / "shared" / "data";
  std::error_code ec;
  if (fs::is_directory(beside, ec)) return beside.lexically_normal();
  return fs::path("..") / "shared" / "data";
}

Result<std::string> read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(Error{ErrorCode::io, "cannot read", path.string()});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ward::bench
