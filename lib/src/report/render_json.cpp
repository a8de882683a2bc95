#include <nlohmann/json.hpp>

#include "report/render_internal.hpp"

namespace cadre::detail {

namespace {
nlohmann::ordered_json to_json(const Node& n) {
  switch (n.type()) {
    case Node::Type::null: return nullptr;
    case Node::Type::boolean: return n.as_bool();
    case Node::Type::integer: return n.as_int();
    case Node::Type::number: return round_for_output(n.as_double(), n.hint());
    case Node::Type::string: return n.as_string();
    case Node::Type::array: {
      auto a = nlohmann::ordered_json::array();
      for (const auto& i : n.items()) a.push_back(to_json(i));
      return a;
    }
    case Node::Type::object: {
      auto o = nlohmann::ordered_json::object();
      for (const auto& [k, v] : n.members()) o[k] = to_json(v);
      return o;
    }
  }
  return nullptr;
}
}  // namespace

// JSON is the machine contract: keys and enum words stay English whatever --lang says.
std::string render_json(const Report& r, const RenderOptions&) {
  return to_json(r.data).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace cadre::detail
