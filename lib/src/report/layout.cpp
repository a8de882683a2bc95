#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

void flatten(const Node& obj, const std::string& prefix, Block& block, std::vector<Block>& tables) {
  for (const auto& [k, v] : obj.members()) {
    std::string path = prefix.empty() ? k : prefix + "." + k;
    if (v.type() == Node::Type::object) {
      flatten(v, path, block, tables);
    } else if (v.type() == Node::Type::array && v.size() > 0 && is_table(v)) {
      Block t;
      t.key = path;
      t.table = true;
      t.rows = &v;
      tables.push_back(t);
    } else if (v.type() == Node::Type::array && v.size() == 0 && prefix.empty()) {
      Block t;  // an empty top-level list still shows its heading
      t.key = path;
      t.table = true;
      t.rows = &v;
      tables.push_back(t);
    } else {
      block.fields.emplace_back(path, &v);
    }
  }
}

}  // namespace

std::vector<Block> layout(const Report& r) {
  std::vector<Block> out;
  Block scalars;
  std::vector<Block> pending;
  for (const auto& [k, v] : r.data.members()) {
    if (v.type() == Node::Type::object) {
      Block b;
      b.key = k;
      std::vector<Block> tables;
      flatten(v, "", b, tables);
      pending.push_back(b);
      for (auto& t : tables) {
        t.key = k + "." + t.key;
        pending.push_back(t);
      }
    } else if (v.type() == Node::Type::array && is_table(v)) {
      Block t;
      t.key = k;
      t.table = true;
      t.rows = &v;
      pending.push_back(t);
    } else {
      scalars.fields.emplace_back(k, &v);
    }
  }
  if (!scalars.fields.empty()) out.push_back(scalars);
  for (auto& b : pending) out.push_back(b);
  return out;
}

std::string path_label(const std::string& path, const std::string& lang, std::string_view parent) {
  auto parts = split(path, '.');
  std::vector<std::string> labels;
  std::string up(parent);
  for (const auto& p : parts) {
    labels.push_back(field_label(up, p, lang));
    up = p;
  }
  return join(labels, lang == "zh" ? "·" : " / ");
}

std::string block_label(const Block& b, const Report& r, const std::string& lang) {
  return path_label(b.key, lang, r.kind);
}

std::string field_label(const Block& b, const Report& r, const std::string& key, const std::string& lang) {
  std::string parent = b.key.empty() ? r.kind : leaf(b.key);
  return path_label(key, lang, parent);
}

std::string column_label(const Block& b, const std::string& column, const std::string& lang) {
  return field_label(leaf(b.key), column, lang);
}

std::string leaf(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

}  // namespace cadre::detail
