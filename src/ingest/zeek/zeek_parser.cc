#include "ingest/zeek/zeek_parser.h"

#include <fmt/format.h>

#include "ingest/text_lines.h"
#include "ingest/zeek/zeek_header.h"
#include "ingest/zeek/zeek_json.h"
#include "ingest/zeek/zeek_record.h"

namespace ward::ingest {
namespace {

using zeek::ZeekRecord;

Error line_error(ErrorCode code, std::string message, std::string field) {
  return Error{code, std::move(message), {}, 0, 0, std::move(field)};
}

class ZeekReader {
 public:
  explicit ZeekReader(ParseContext& ctx) : ctx_(ctx) {}

  void read(const TextLine& line) {
    if (line.text.empty()) return;
    if (line.text.size() > ctx_.options().max_record_bytes) {
      return reject(line, line_error(ErrorCode::too_large,
                                     fmt::format("line is {} bytes, over the limit of {} "
                                                 "(max_record_bytes)",
                                                 line.text.size(),
                                                 ctx_.options().max_record_bytes),
                                     "line"));
    }
    if (!is_valid_utf8(line.text))
      return reject(line, line_error(ErrorCode::invalid_input, "not valid UTF-8", "line"));
    if (line.text[0] == '#') return read_directive(line);
    if (line.text[0] == '{') {
      if (auto ok = json_.read(line.text, record_); !ok) return reject(line, ok.error());
      if (record_.path.empty()) record_.path = header_.path;
      return add(line);
    }
    read_row(line);
  }

 private:
  void read_directive(const TextLine& line) {
    const bool fields = line.text.starts_with("#fields");
    if (auto ok = header_.apply(line.text); !ok) return reject(line, ok.error());
    if (fields) has_fields_ = true;
    if (line.text.starts_with("#path")) set_path(header_.path);
  }

  void read_row(const TextLine& line) {
    if (!has_fields_)
      return reject(line, line_error(ErrorCode::invalid_input,
                                     "a row before the #fields header (is this a Zeek log?)",
                                     "#fields"));
    std::string_view rest = line.text;
    decoded_.clear();
    decoded_.reserve(line.text.size());  // never grows past this: views into it stay valid
    record_.fields.clear();
    record_.path = header_.path;
    record_.fallback_time = header_.open;
    std::size_t column = 0;
    for (bool last = false; !last; ++column) {
      std::size_t at = rest.find(header_.separator);
      last = at == std::string_view::npos;
      std::string_view value = rest.substr(0, at);
      if (!last) rest.remove_prefix(at + 1);
      if (column >= header_.fields.size()) continue;
      add_value(column, value);
    }
    if (column != header_.fields.size())
      return reject(line, line_error(ErrorCode::invalid_input,
                                     fmt::format("expected {} columns (as in #fields), got {}",
                                                 header_.fields.size(), column),
                                     "#fields"));
    add(line);
  }

  // Zeek's TSV writer doubles a backslash ("\\x07" is the text \x07, "\x07" the byte 7);
  // its JSON writer does not, so undoubled both formats give the same text.
  std::string_view undouble_backslashes(std::string_view value) {
    if (value.find("\\\\") == std::string_view::npos) return value;
    const std::size_t at = decoded_.size();
    for (std::size_t i = 0; i < value.size(); ++i) {
      decoded_ += value[i];
      if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == '\\') ++i;
    }
    return std::string_view(decoded_).substr(at);
  }

  void add_value(std::size_t column, std::string_view value) {
    const std::string_view name = header_.fields[column];
    if (value == header_.unset_field) return;
    value = undouble_backslashes(value);
    if (value == header_.empty_field) {
      if (!header_.container[column]) record_.fields.push_back({name, {}});
      return;
    }
    if (!header_.container[column]) {
      record_.fields.push_back({name, value});
      return;
    }
    const std::string_view sep = header_.set_separator;
    for (;;) {
      std::size_t at = sep.empty() ? std::string_view::npos : value.find(sep);
      record_.fields.push_back({name, value.substr(0, at)});
      if (at == std::string_view::npos) return;
      value.remove_prefix(at + sep.size());
    }
  }

  void add(const TextLine& line) {
    if (record_.path.empty()) record_.path = zeek::infer_path(record_);
    EventBatch& batch = ctx_.out().events;
    const std::string_view source = ctx_.source_in_batch();
    set_path(record_.path);
    auto ok = zeek::add_zeek_event(record_, {source, ctx_.options().keep_fields}, batch,
                                   scratch_);
    if (!ok) return reject(line, ok.error());
    ctx_.accepted(type_);
  }

  // The record type counts and rejections go under follows the log's path.
  void set_path(std::string_view path) {
    if (path == path_) return;
    path_ = path;
    type_ = zeek::record_type(path);
    ctx_.set_event_type(type_);
  }

  void reject(const TextLine& line, Error error) {
    ctx_.reject(type_, std::move(error), line.number, line.offset, line.text);
  }

  ParseContext& ctx_;
  zeek::TsvHeader header_;
  zeek::JsonLineReader json_;
  ZeekRecord record_;
  std::string path_;
  std::string type_ = zeek::record_type({});
  std::string scratch_;
  std::string decoded_;  // the current row's values that had doubled backslashes
  bool has_fields_ = false;
};

}  // namespace

Result<void> parse_zeek(std::string_view data, ParseContext& ctx) {
  ctx.set_event_type(zeek::record_type({}));
  ZeekReader reader(ctx);
  return read_lines(data, ctx, reader);
}

bool looks_like_zeek(std::string_view head) {
  TextLines lines(head);
  TextLine line;
  for (int i = 0; i < 2 && lines.next(line); ++i) {
    if (line.text.starts_with("#separator ")) return true;
    if (line.text.starts_with('{')) {
      return line.text.find("\"_path\":") != std::string_view::npos ||
             (line.text.find("\"ts\":") != std::string_view::npos &&
              line.text.find("\"uid\":") != std::string_view::npos);
    }
    if (!line.text.starts_with('#')) return false;  // a comment line may come first
  }
  return false;
}

}  // namespace ward::ingest
