// Headless Chromium printing (pdf_printer.h).
#include "board_report/pdf_printer.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace ward::board_report {
namespace {

constexpr auto kPrintTimeout = std::chrono::minutes(2);

bool executable(const std::filesystem::path& p) { return ::access(p.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(p); }

// A directory of our own under the system's temporary directory, removed when this goes.
class PrivateTempDir {
 public:
  static Result<PrivateTempDir> make() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ward-board-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return fail(ErrorCode::io, fmt::format("cannot make a temporary directory under {}", std::filesystem::temp_directory_path().string()));
    return PrivateTempDir(pattern);
  }
  PrivateTempDir(PrivateTempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(PrivateTempDir&&) = delete;
  ~PrivateTempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit PrivateTempDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

std::string last_line(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last.empty() ? "no output" : last;
}

// Runs argv with stdout and stderr to `log`; its exit status, or an error when it cannot start
// or outlives kPrintTimeout (then it is killed).
Result<int> run(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return fail(ErrorCode::io, fmt::format("cannot start {}: {}", argv[0], std::strerror(rc)));
  const auto deadline = std::chrono::steady_clock::now() + kPrintTimeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0) return fail(ErrorCode::io, fmt::format("waiting for {}: {}", argv[0], std::strerror(errno)));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return fail(ErrorCode::io, fmt::format("{} did not finish printing within two minutes", argv[0]));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

Result<std::filesystem::path> find_chromium() {
  if (const char* env = std::getenv("WARD_CHROMIUM"); env && *env) {
    if (executable(env)) return std::filesystem::path(env);
    return fail(ErrorCode::not_found, fmt::format("WARD_CHROMIUM is {}, which is not an executable file", env));
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::stringstream split(dirs);
    for (std::string dir; std::getline(split, dir, ':');)
      if (!dir.empty() && executable(std::filesystem::path(dir) / name)) return std::filesystem::path(dir) / name;
  }
  return fail(ErrorCode::not_found,
              "no Chromium to print the PDF with: install Debian's chromium (scripts/setup) or set WARD_CHROMIUM to a "
              "Chrome or Chromium binary; or write HTML (--out FILE.html)");
}

Result<void> print_pdf(const std::string& html, const std::filesystem::path& out) {
  auto browser = find_chromium();
  if (!browser) return Unexpected(browser.error());
  auto dir = PrivateTempDir::make();
  if (!dir) return Unexpected(dir.error());
  const std::filesystem::path page = dir->path() / "board-report.html", pdf = dir->path() / "board-report.pdf",
                              log = dir->path() / "chromium.log";
  {
    std::ofstream f(page, std::ios::binary);
    f << html;
    if (!f.flush()) return fail(ErrorCode::io, fmt::format("cannot write {}", page.string()));
  }
  auto status = run({browser->string(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--no-pdf-header-footer", "--user-data-dir=" + (dir->path() / "profile").string(),
                     "--print-to-pdf=" + pdf.string(), "file://" + page.string()},
                    log);
  if (!status) return Unexpected(status.error());
  std::error_code ec;
  if (*status != 0 || !std::filesystem::exists(pdf, ec) || std::filesystem::file_size(pdf, ec) == 0)
    return fail(ErrorCode::io, fmt::format("{} printed no PDF (exit status {}): {}", browser->string(), *status, last_line(log)));
  std::filesystem::copy_file(pdf, out, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return Unexpected(Error{ErrorCode::io, fmt::format("cannot write the PDF: {}", ec.message()), out.string(), 0, 0, ""});
  return {};
}

}  // namespace ward::board_report
