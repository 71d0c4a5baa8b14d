// EventShapes (event_shapes.h): an event's fields followed through the remembered shapes; when it
// leaves one, another with the same first fields may take it on (prefix_ says which).
#include "sigma/event_shapes.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {

void EventShapes::start() {
  at_ = 0;
  lost_ = shapes_.empty();
}

const EventShapes::Field* EventShapes::next_in_another(std::string_view name, bool leaf) {
  for (std::size_t s = 0; s < shapes_.size(); ++s) {
    const std::vector<Field>& other = shapes_[s].fields;
    if (s == current_ || prefix_[current_ * kShapes + s] < at_ || at_ >= other.size() || !same(other[at_], name, leaf)) continue;
    current_ = s;
    return &other[at_++];
  }
  lost_ = true;
  return nullptr;
}

const EventShapes::Layout* EventShapes::matched(std::size_t count) {
  if (lost_ || at_ != count) return nullptr;
  // The event may have ended inside the shape it followed, where another one ends.
  for (std::size_t s = 0; shapes_[current_].fields.size() != count; ++s) {
    if (s == shapes_.size()) return nullptr;
    if (prefix_[current_ * kShapes + s] >= count && shapes_[s].fields.size() == count) current_ = s;
  }
  shapes_[current_].used = ++clock_;
  return &shapes_[current_].layout;
}

const EventShapes::Layout* EventShapes::take(Ref ref) {
  if (ref.index >= shapes_.size() || shapes_[ref.index].remembered != ref.remembered) return nullptr;
  current_ = ref.index;
  at_ = shapes_[current_].fields.size();
  lost_ = false;
  shapes_[current_].used = ++clock_;
  return &shapes_[current_].layout;
}

std::pair<std::span<const EventShapes::Field>, const EventShapes::Layout*> EventShapes::remember(std::span<const Field> fields,
                                                                                                  Layout& layout) {
  std::size_t victim = shapes_.size();
  if (shapes_.size() < kShapes) {
    shapes_.reserve(kShapes);
    shapes_.emplace_back();
  } else {
    victim = static_cast<std::size_t>(
        std::min_element(shapes_.begin(), shapes_.end(), [](const Shape& a, const Shape& b) { return a.used < b.used; }) - shapes_.begin());
  }
  // The names may be views into the victim's text: copied into the spare buffer first.
  std::size_t bytes = 0;
  for (const Field& f : fields) bytes += f.name.size();
  spare_text_.resize(bytes);
  Shape& shape = shapes_[victim];
  shape.fields.clear();
  std::size_t at = 0;
  for (const Field& f : fields) {
    if (!f.name.empty()) std::memcpy(spare_text_.data() + at, f.name.data(), f.name.size());
    shape.fields.push_back({{spare_text_.data() + at, f.name.size()}, f.hash, f.leaf});
    at += f.name.size();
  }
  std::swap(shape.text, spare_text_);  // vectors swap buffers: the views stay valid
  for (std::size_t i = 0; i < shape.fields.size(); ++i) layout.names[layout.positions[i]] = shape.fields[i].name;
  std::swap(shape.layout, layout);
  shape.layout.id = kShapeSeed;
  for (const Run& run : shape.layout.runs) shape.layout.id = add_to_shape_id(shape.layout.id, shape.layout.names[run.begin]);
  shape.used = shape.remembered = ++clock_;

  for (std::size_t s = 0; s < shapes_.size(); ++s) {
    const std::vector<Field>& other = shapes_[s].fields;
    std::uint32_t n = 0;
    while (n < other.size() && n < shape.fields.size() && same(other[n], shape.fields[n].name, shape.fields[n].leaf)) ++n;
    prefix_[victim * kShapes + s] = prefix_[s * kShapes + victim] = n;
  }
  current_ = victim;
  at_ = shape.fields.size();
  lost_ = false;
  return {shape.fields, &shape.layout};
}

}  // namespace ward::sigma
