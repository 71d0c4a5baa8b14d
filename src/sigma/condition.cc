#include "sigma/condition.h"

#include <cctype>

#include <fmt/format.h>

namespace ward::sigma {
namespace {

struct Token {
  enum class Kind : std::uint8_t { word, open, close, end } kind = Kind::end;
  std::string_view text;
  std::size_t offset = 0;
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '*' || c == '-' || c == '.' || c == '?';
}

class ConditionParser {
 public:
  ConditionParser(std::string_view text, const std::vector<std::string>& names) : text_(text), names_(names) {}

  Result<ConditionNode> parse() {
    if (auto r = tokenize(); !r) return Unexpected(r.error());
    auto node = parse_or();
    if (!node) return node;
    if (peek().kind != Token::Kind::end) return error_at(peek(), "unexpected");
    return node;
  }

 private:
  Result<void> tokenize() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
      if (c == '(' || c == ')') {
        tokens_.push_back({c == '(' ? Token::Kind::open : Token::Kind::close, text_.substr(i, 1), i});
        ++i;
        continue;
      }
      if (c == '|')
        return fail(ErrorCode::unsupported,
                    fmt::format("condition: aggregation '{}' is not supported (use a correlation rule)", text_.substr(i)));
      if (!is_word_char(c))
        return fail(ErrorCode::invalid_input, fmt::format("condition: unexpected character '{}' at {}", c, i + 1));
      const std::size_t start = i;
      while (i < text_.size() && is_word_char(text_[i])) ++i;
      tokens_.push_back({Token::Kind::word, text_.substr(start, i - start), start});
    }
    tokens_.push_back({Token::Kind::end, {}, text_.size()});
    return {};
  }

  const Token& peek() const { return tokens_[pos_]; }
  bool peek_word(std::string_view w) const { return peek().kind == Token::Kind::word && peek().text == w; }

  Unexpected error_at(const Token& t, std::string_view what) const {
    const std::string shown = t.kind == Token::Kind::end ? "end of condition" : fmt::format("'{}'", t.text);
    constexpr std::size_t kShown = 160;
    const std::string condition = text_.size() <= kShown ? std::string(text_) : std::string(text_.substr(0, kShown)) + "…";
    return fail(ErrorCode::invalid_input, fmt::format("condition: {} {} at {} in \"{}\"", what, shown, t.offset + 1, condition));
  }

  Result<ConditionNode> parse_binary(ConditionNode::Kind kind, std::string_view op,
                                     Result<ConditionNode> (ConditionParser::*operand)()) {
    auto first = (this->*operand)();
    if (!first || !peek_word(op)) return first;
    ConditionNode node{.kind = kind};
    node.children.push_back(std::move(*first));
    while (peek_word(op)) {
      ++pos_;
      auto next = (this->*operand)();
      if (!next) return next;
      node.children.push_back(std::move(*next));
    }
    return node;
  }

  Result<ConditionNode> parse_or() { return parse_binary(ConditionNode::Kind::or_, "or", &ConditionParser::parse_and); }
  Result<ConditionNode> parse_and() { return parse_binary(ConditionNode::Kind::and_, "and", &ConditionParser::parse_not); }

  Result<ConditionNode> parse_not() {
    if (!peek_word("not")) return parse_primary();
    if (++depth_ > kMaxDepth) return error_at(peek(), "nested too deeply at");
    ++pos_;
    auto inner = parse_not();
    --depth_;
    if (!inner) return inner;
    ConditionNode node{.kind = ConditionNode::Kind::not_};
    node.children.push_back(std::move(*inner));
    return node;
  }

  Result<ConditionNode> parse_primary() {
    const Token t = peek();
    if (t.kind == Token::Kind::open) {
      if (++depth_ > kMaxDepth) return error_at(t, "nested too deeply at");
      ++pos_;
      auto inner = parse_or();
      --depth_;
      if (!inner) return inner;
      if (peek().kind != Token::Kind::close) return error_at(peek(), "expected ')' but found");
      ++pos_;
      return inner;
    }
    if (t.kind != Token::Kind::word) return error_at(t, "expected a search identifier but found");
    if (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "of" || t.text == "them")
      return error_at(t, "expected a search identifier but found");
    ++pos_;
    if (peek_word("of")) return parse_quantified(t);
    if (t.text.find('*') != std::string_view::npos) return error_at(t, "a wildcard needs '1 of' or 'all of':");
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == t.text) return ConditionNode{.kind = ConditionNode::Kind::selection, .selection = static_cast<int>(i)};
    return error_at(t, "unknown search identifier");
  }

  Result<ConditionNode> parse_quantified(const Token& quantifier) {
    ++pos_;  // "of"
    ConditionNode node;
    if (quantifier.text == "all") {
      node.kind = ConditionNode::Kind::all_of;
    } else if (quantifier.text == "1" || quantifier.text == "any") {
      node.kind = ConditionNode::Kind::any_of;
    } else {
      std::size_t n = 0;
      for (char c : quantifier.text) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || n > 1000) return error_at(quantifier, "expected '1', 'all' or a number before 'of', found");
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (n == 0) return error_at(quantifier, "'0 of' matches nothing:");
      node.kind = ConditionNode::Kind::at_least;
      node.count = n;
    }
    const Token target = peek();
    if (target.kind != Token::Kind::word) return error_at(target, "expected 'them' or a pattern after 'of', found");
    ++pos_;
    for (std::size_t i = 0; i < names_.size(); ++i) {
      const bool chosen = target.text == "them" ? !names_[i].starts_with('_') : identifier_matches(target.text, names_[i]);
      if (chosen) node.selections.push_back(static_cast<int>(i));
    }
    if (node.selections.empty()) return error_at(target, "no search identifier matches");
    return node;
  }

  std::string_view text_;
  const std::vector<std::string>& names_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  // Recursion depth of parentheses and `not`: a hostile rule must not exhaust the stack.
  static constexpr int kMaxDepth = 200;
  int depth_ = 0;
};

}  // namespace

bool identifier_matches(std::string_view pattern, std::string_view name) {
  // Iterative glob with one backtrack point: linear enough for identifiers.
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && (pattern[p] == name[n] || pattern[p] == '?')) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<ConditionNode> parse_condition(std::string_view text, const std::vector<std::string>& names) {
  return ConditionParser(text, names).parse();
}

}  // namespace ward::sigma
