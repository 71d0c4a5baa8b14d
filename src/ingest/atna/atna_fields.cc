#include "ingest/atna/atna_fields.h"

#include <string_view>

namespace ward::ingest::atna {
namespace {

void add_element(pugi::xml_node node, int depth, EventBatch& batch, std::string& name) {
  const std::size_t base = name.size();
  if (!name.empty()) name += '.';
  name += node.name();
  const std::size_t path = name.size();
  for (pugi::xml_attribute a : node.attributes()) {
    // Namespace declarations and schema locations say nothing about the event.
    const std::string_view attr_name = a.name();
    if (attr_name.starts_with("xmlns") || attr_name.starts_with("xsi:")) continue;
    name += '.';
    name += attr_name;
    batch.add_field(name, a.value());
    name.resize(path);
  }
  if (const std::string_view text = node.child_value(); !text.empty())
    batch.add_field(name, text);
  if (depth < kMaxFieldDepth)
    for (pugi::xml_node child : node.children())
      if (child.type() == pugi::node_element) add_element(child, depth + 1, batch, name);
  name.resize(base);
}

}  // namespace

void add_audit_message_fields(pugi::xml_node root, EventBatch& batch, std::string& name) {
  name.clear();
  for (pugi::xml_node child : root.children())
    if (child.type() == pugi::node_element) add_element(child, 1, batch, name);
}

}  // namespace ward::ingest::atna
