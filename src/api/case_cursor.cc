#include "api/case_cursor.h"

#include <charconv>

#include <fmt/format.h>

namespace ward::api {
namespace {

template <typename Number>
bool read_number(std::string_view text, Number& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string case_cursor_text(const store::CaseRecord& last, const store::CaseQuery& q) {
  if (q.sort == "case_id") return fmt::format("{}", last.id);
  if (q.sort == "score") return fmt::format("{}:{}", last.score, last.id);  // shortest exact form
  return fmt::format("{}:{}", q.sort == "first" ? last.first : last.last, last.id);
}

Result<store::CaseCursor> read_case_cursor(std::string_view text, const store::CaseQuery& q) {
  const auto bad = [&] {
    return fail(ErrorCode::invalid_input,
                fmt::format("cursor: not one this API gave for sort={}", q.sort), "cursor");
  };
  store::CaseCursor c;
  std::string_view id = text;
  if (q.sort != "case_id") {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return bad();
    const std::string_view value = text.substr(0, colon);
    id = text.substr(colon + 1);
    if (q.sort == "score" ? !read_number(value, c.score) : !read_number(value, c.time)) return bad();
  }
  if (!read_number(id, c.id) || c.id < 1) return bad();
  return c;
}

}  // namespace ward::api
