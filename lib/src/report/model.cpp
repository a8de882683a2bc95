#include "cadre/model.hpp"

#include "cadre/i18n.hpp"

namespace cadre {

Node Node::text(Message m) {
  Node n;
  std::string made = m.render(language());
  n.v_ = std::make_shared<const Text>(Text{std::move(made), std::move(m)});
  return n;
}

double Node::as_double() const {
  if (type() == Type::integer) return double(std::get<std::int64_t>(v_));
  return std::get<double>(v_);
}

Node& Node::set(std::string key, Node value) {
  auto& m = std::get<Object>(v_);
  m.emplace_back(std::move(key), std::move(value));
  return m.back().second;
}

Node& Node::push(Node value) {
  auto& a = std::get<Array>(v_);
  a.push_back(std::move(value));
  return a.back();
}

const Node* Node::find(std::string_view key) const {
  if (type() != Type::object) return nullptr;
  for (const auto& [k, v] : members())
    if (k == key) return &v;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

}  // namespace cadre
