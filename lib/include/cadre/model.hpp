// The report model: every report and list is built once as a tree of Nodes, then rendered to
// table, json, csv, md, html or xlsx. Renderers never query; builders never format.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "cadre/error.hpp"
#include "cadre/export.hpp"

namespace cadre {

namespace detail {
class Spool;
struct NodeCodec;
}  // namespace detail

// How a value should be shown; the JSON form never changes (rates stay fractions 0-1).
enum class Hint : std::uint8_t {
  none,
  date,   // "YYYY-MM-DD" string
  rate,   // fraction 0-1, shown as a percentage
  code,   // an enum word ("excellent", "active"), translated for --lang zh
  hours,  // 学时, one decimal
  score,  // 0-100, one decimal
  id,     // an identifier: never thousands-separated, right-aligned
};

class CADRE_API Node {
 public:
  using Array = std::vector<Node>;
  using Object = std::vector<std::pair<std::string, Node>>;
  enum class Type : std::uint8_t { null, boolean, integer, number, string, array, object };

  Node() = default;
  static Node null() { return Node(); }
  static Node boolean(bool v) { Node n; n.v_ = v; return n; }
  static Node integer(std::int64_t v, Hint h = Hint::none) { Node n; n.v_ = v; n.hint_ = h; return n; }
  static Node number(double v, Hint h = Hint::none) { Node n; n.v_ = v; n.hint_ = h; return n; }
  static Node string(std::string v, Hint h = Hint::none) { Node n; n.v_ = std::move(v); n.hint_ = h; return n; }
  static Node date(std::string v) { return string(std::move(v), Hint::date); }
  static Node code(std::string v) { return string(std::move(v), Hint::code); }
  // A sentence the renderers make in their own language (an alert's message): a string whose
  // as_string() is its text in the thread's language when the node was made.
  static Node text(Message m);
  static Node array() { Node n; n.v_ = Array{}; return n; }
  // An array kept out of memory as it is built (a private temporary file), for reports of thousands
  // of rows: items go in with add() and come back one at a time through each_item(), as often as a
  // renderer needs them, so memory holds one row at a time. Its type() is array.
  static Node spooled();
  static Node object() { Node n; n.v_ = Object{}; return n; }
  // Optional values: null when empty.
  static Node opt_number(std::optional<double> v, Hint h = Hint::none) { return v ? number(*v, h) : Node(); }
  static Node opt_string(std::optional<std::string> v, Hint h = Hint::none) {
    return v ? string(std::move(*v), h) : Node();
  }

  Type type() const {
    return v_.index() == kText ? Type::string : v_.index() == kSpool ? Type::array : static_cast<Type>(v_.index());
  }
  bool is_spooled() const { return v_.index() == kSpool; }
  Hint hint() const { return hint_; }
  bool is_null() const { return type() == Type::null; }
  bool is_scalar() const { return type() != Type::array && type() != Type::object; }

  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const;  // integer or number
  const std::string& as_string() const {
    if (v_.index() == kText) return std::get<kText>(v_)->made;
    return std::get<std::string>(v_);
  }
  // The message of a node made by text(); nullptr for any other (plain strings included).
  const Message* message() const { return v_.index() == kText ? &std::get<kText>(v_)->message : nullptr; }
  // An array's items. A spooled array is read into memory for this (each_item() reads it a row at a
  // time); the non-const form turns it into an ordinary array.
  const Array& items() const;
  Array& items();
  // Calls f on each item of an array in order (one at a time from a spooled array).
  void each_item(const std::function<void(const Node&)>& f) const;
  // The number of items of an array.
  std::size_t size() const;
  const Object& members() const { return std::get<Object>(v_); }
  Object& members() { return std::get<Object>(v_); }

  // Object: append a member and return it; Array: append an item and return it.
  Node& set(std::string key, Node value);
  Node& push(Node value);
  // Array, spooled or not: append an item.
  void add(Node value);
  // A spooled array's column keys (the union of its objects' keys, first seen first) and whether
  // every item is an object, kept as the items go in; nullptr for any other node.
  const std::vector<std::string>* spooled_columns() const;
  bool spooled_objects() const;
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);

 private:
  struct Text {
    std::string made;
    Message message;
  };
  friend struct detail::NodeCodec;
  static constexpr std::size_t kText = 7;  // after the alternatives that Type names
  static constexpr std::size_t kSpool = 8;
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object, std::shared_ptr<const Text>,
               std::shared_ptr<detail::Spool>>
      v_;
  Hint hint_ = Hint::none;
};

// A chart the HTML renderer draws from an array in the data (other formats ignore it).
struct Chart {
  std::string title;                // a label key, translated like field names
  std::string table;                // key of the array of objects in Report::data
  std::string label_field;          // x axis: one bar group per row
  std::vector<std::string> series;  // numeric fields drawn as bars
  std::optional<double> reference;  // a horizontal line (e.g. min_presence)
  std::string reference_label;
  double max = 0;                   // 0 = the largest value
};

// A paper form (the end-of-term summary): html lays it out as bordered tables on A4, docx as Word
// tables; the other formats ignore it and print the data. Its text is in the caller's language;
// the renderers escape it.
struct FormCell {
  enum class Kind : std::uint8_t {
    label,      // a heading cell (shaded)
    value,      // a short value
    block,      // paragraphs (lines split at LF), a tall box
    signature,  // an opinion: its text (may be empty: a blank box to sign), then `sign` at the bottom right
  };
  std::string text;
  int span = 1;  // columns
  Kind kind = Kind::value;
  std::string sign;  // signature: "签字：… 日期：…"
};
struct FormRow {
  std::vector<FormCell> cells;
};
struct FormSection {
  std::string heading;
  std::vector<FormRow> rows;  // each row's spans add up to Form::columns
};
struct Form {
  std::string title;
  std::string subtitle;  // who and as of when
  int columns = 6;
  std::vector<FormSection> sections;
};

// A printed certificate (certificate show): html lays it out on one A4 page with a QR code of
// qr_text drawn as inline SVG; the other formats ignore it and print the data. Its text is in the
// caller's language; the renderers escape it.
struct CertificatePage {
  std::string heading;                  // 结业证书
  std::string number;                   // the number line ("证书编号：QN2026-1-001")
  std::vector<std::string> paragraphs;  // the body
  std::string issuer, date;             // at the bottom right, above the seal
  std::string qr_text;                  // what the QR code holds (verification_text)
  std::string qr_caption;
  std::optional<std::string> void_notice;  // a revoked certificate: printed across the page
};

struct Report {
  std::string kind;   // "course", "secondment", "unit_list", ...
  std::string title;  // already in the caller's language
  Node data = Node::object();
  std::vector<Chart> charts;
  std::optional<Form> form;  // a report printed as a paper form (html, docx)
  std::optional<CertificatePage> certificate;  // a certificate printed on A4 (html)
};

}  // namespace cadre
