// Escaping text for HTML (element content and quoted attribute values), for the pages Ward
// writes itself: the DLP block page and the AI transparency page.
#pragma once

#include <string>
#include <string_view>

namespace ward {

// & < > " ' become entities; everything else is copied.
inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace ward
