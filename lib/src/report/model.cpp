#include "cadre/model.hpp"

#include "cadre/i18n.hpp"
#include "report/spool.hpp"

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

Node Node::spooled() {
  Node n;
  n.v_ = std::make_shared<detail::Spool>();
  return n;
}

const Node::Array& Node::items() const {
  if (v_.index() == kSpool) return std::get<kSpool>(v_)->materialized();
  return std::get<Array>(v_);
}

Node::Array& Node::items() {
  if (v_.index() == kSpool) {
    Array a = std::get<kSpool>(v_)->materialized();
    v_ = std::move(a);
  }
  return std::get<Array>(v_);
}

void Node::each_item(const std::function<void(const Node&)>& f) const {
  if (v_.index() == kSpool) return std::get<kSpool>(v_)->each(f);
  for (const auto& i : std::get<Array>(v_)) f(i);
}

std::size_t Node::size() const {
  if (v_.index() == kSpool) return std::get<kSpool>(v_)->size();
  return std::get<Array>(v_).size();
}

void Node::add(Node value) {
  if (v_.index() == kSpool) return std::get<kSpool>(v_)->add(value);
  std::get<Array>(v_).push_back(std::move(value));
}

const std::vector<std::string>* Node::spooled_columns() const {
  return v_.index() == kSpool ? &std::get<kSpool>(v_)->columns() : nullptr;
}

bool Node::spooled_objects() const { return v_.index() == kSpool && std::get<kSpool>(v_)->all_objects(); }

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
