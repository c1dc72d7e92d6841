// SkinVariables: the <Variable> definitions of a theme's skin and $(name) substitution.
#include "blogger/skin.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>
#include <vector>

namespace samizdat::blogger {
namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

constexpr int kMaxNesting = 16;

}  // namespace

Result<std::string> SkinVariables::Collect(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  size_t pos = 0;
  while (pos < css.size()) {
    size_t lt = css.find('<', pos);
    if (lt == std::string_view::npos) break;
    std::string_view rest = css.substr(lt);
    const bool variable = rest.starts_with("<Variable");
    const bool group = rest.starts_with("<Group") || rest.starts_with("</Group");
    if (!variable && !group) {
      out.append(css.substr(pos, lt + 1 - pos));
      pos = lt + 1;
      continue;
    }
    out.append(css.substr(pos, lt - pos));
    size_t end = css.find(variable ? "/>" : ">", lt);
    if (end == std::string_view::npos)
      return Status::InvalidArgument("an unclosed <Variable> in the skin");
    end += variable ? 2 : 1;
    if (variable) {
      std::string_view tag = css.substr(lt, end - lt);
      std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
          tag.data(), static_cast<int>(tag.size()), nullptr, "UTF-8",
          XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
      xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
      std::string name = root ? Attribute(root, "name") : "";
      if (name.empty())
        return Status::InvalidArgument("a skin <Variable> without a name: " + std::string(tag));
      Variable var;
      var.type = Attribute(root, "type");
      var.color = Attribute(root, "color");
      for (xmlAttr* a = root->properties; a != nullptr; a = a->next) {
        std::string_view attr = reinterpret_cast<const char*>(a->name);
        if (attr != "name" && attr != "value" && attr != "default" && attr != "description") {
          var.own.emplace(std::string(attr), Attribute(root, std::string(attr).c_str()));
        }
      }
      xmlChar* value = xmlGetProp(root, reinterpret_cast<const xmlChar*>("value"));
      if (value != nullptr) {
        var.value = reinterpret_cast<const char*>(value);
        xmlFree(value);
      } else {
        var.value = Attribute(root, "default");
      }
      vars_[std::move(name)] = std::move(var);
    }
    pos = end;
  }
  if (pos < css.size()) out.append(css.substr(pos));
  return out;
}

void SkinVariables::Define(std::string name, std::string value) {
  vars_[std::move(name)] = Variable{std::move(value), "", "", {}};
}

Result<std::string> SkinVariables::Expand(const Variable& var, std::string_view text,
                                          int depth) const {
  if (depth > kMaxNesting)
    return Status::InvalidArgument("skin variables refer to each other in a cycle");
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t start = text.find('$', pos);
    if (start == std::string_view::npos) break;
    if (start + 1 >= text.size() || text[start + 1] != '(') {
      // $name: a defined variable's value; anything else ($t in a script) as written.
      size_t end = start + 1;
      while (end < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
        ++end;
      }
      std::string_view name = text.substr(start + 1, end - start - 1);
      out.append(text.substr(pos, start - pos));
      if (!name.empty() && vars_.contains(name)) {
        Result<std::string> value = Lookup(name, depth);
        if (!value.ok()) return value.status();
        out += *value;
      } else {
        out.append(text.substr(start, end - start));
      }
      pos = end;
      continue;
    }
    size_t close = text.find(')', start);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    std::string_view ref = text.substr(start + 2, close - start - 2);
    if (auto own = var.own.find(ref); own != var.own.end()) {
      Result<std::string> value = Expand(var, own->second, depth + 1);
      if (!value.ok()) return value.status();
      out += *value;
    } else {
      Result<std::string> value = Evaluate(ref, depth);
      if (!value.ok()) return value.status();
      out += *value;
    }
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

Result<std::string> SkinVariables::Lookup(std::string_view name, int depth) const {
  // The longest defined prefix is the variable; what follows is a property of its value
  // (a color's red/green/blue, a font's size/family/style/weight, a background's parts).
  std::string_view prefix = name;
  std::string_view property;
  while (true) {
    auto it = vars_.find(prefix);
    if (it != vars_.end()) {
      Result<std::string> value = Expand(it->second, it->second.value, depth + 1);
      if (!value.ok() || property.empty()) return value;
      return Property(it->second, *value, property, depth);
    }
    size_t dot = prefix.rfind('.');
    if (dot == std::string_view::npos) break;
    property = name.substr(dot + 1);
    prefix = prefix.substr(0, dot);
  }
  return Status::InvalidArgument("the skin variable $(" + std::string(name) + ") is not defined");
}

Result<std::string> SkinVariables::Property(const Variable& var, const std::string& value,
                                            std::string_view property, int depth) const {
  auto undefined = [&] {
    return Status::InvalidArgument("the skin variable property ." + std::string(property) +
                                   " of '" + value + "' is not defined");
  };
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t space = value.find(' ', pos);
    if (space == std::string::npos) space = value.size();
    if (space > pos) words.push_back(value.substr(pos, space - pos));
    pos = space + 1;
  }
  if (property == "red" || property == "green" || property == "blue" || property == "transparent") {
    std::string hex = value.starts_with("#") ? value.substr(1) : "";
    if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    if (hex.size() < 6 || hex.find_first_not_of("0123456789abcdefABCDEF") < 6) {
      if (property == "transparent") return std::string("transparent");
      return undefined();
    }
    auto part = [&](size_t at) {
      return std::to_string(std::stoi(hex.substr(at, 2), nullptr, 16));
    };
    if (property == "transparent") return "rgba(" + part(0) + "," + part(2) + "," + part(4) + ",0)";
    return part(property == "red" ? 0 : property == "green" ? 2 : 4);
  }
  // A font: "[style] [weight] SIZE[/LINE] FAMILY…".
  size_t size_at = words.size();
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].empty() && (std::isdigit(static_cast<unsigned char>(words[i][0])) != 0) &&
        words[i].find_first_not_of("0123456789.") != std::string::npos) {
      size_at = i;
      break;
    }
  }
  if (property == "size" && size_at < words.size())
    return words[size_at].substr(0, words[size_at].find('/'));
  if (property == "family" && size_at < words.size()) {
    std::string family;
    for (size_t i = size_at + 1; i < words.size(); ++i)
      family += (family.empty() ? "" : " ") + words[i];
    return family;
  }
  if (property == "style")
    return size_at > 0 && words[0] == "italic" ? std::string("italic") : std::string("normal");
  if (property == "weight") {
    for (size_t i = 0; i < size_at; ++i) {
      if (words[i] != "normal" && words[i] != "italic") return words[i];
    }
    return std::string("normal");
  }
  if (property == "color" && !var.color.empty()) return Expand(var, var.color, depth + 1);
  if (property == "image" || property == "url") {
    size_t url = value.find("url(");
    if (url == std::string::npos) return std::string();
    size_t close = value.find(')', url);
    return value.substr(url + 4, close == std::string::npos ? std::string::npos : close - url - 4);
  }
  return undefined();
}

// A skin expression: names, lengths ("240px", "1.7") and + - * / with parentheses, as
// in $(content.width + sidebar.width + 20px).
class SkinVariables::Arithmetic {
 public:
  Arithmetic(const SkinVariables& vars, std::string_view text, int depth)
      : vars_(vars), text_(text), depth_(depth) {}

  Result<std::string> Run() {
    Result<Length> value = Sum();
    if (!value.ok()) return value.status();
    Skip();
    if (pos_ != text_.size()) return Error();
    char buffer[32];
    double n = value->number;
    if (std::fabs(n - std::round(n)) < 1e-9) n = std::round(n);
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, n);
    if (error != std::errc()) return Error();
    return std::string(buffer, end) + value->unit;
  }

 private:
  struct Length {
    double number = 0;
    std::string unit;
  };

  Status Error() const {
    return Status::InvalidArgument("the skin expression $(" + std::string(text_) +
                                   ") is not valid");
  }
  void Skip() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  static Result<Length> Parse(std::string_view s) {
    Length out;
    auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out.number);
    if (error != std::errc())
      return Status::InvalidArgument("'" + std::string(s) + "' is not a length");
    out.unit = std::string(end, s.data() + s.size());
    return out;
  }
  Result<Length> Sum() {
    Result<Length> left = Product();
    while (left.ok()) {
      char op = Eat('+') ? '+' : Eat('-') ? '-' : 0;
      if (op == 0) break;
      Result<Length> right = Product();
      if (!right.ok()) return right;
      left->number += op == '+' ? right->number : -right->number;
      if (left->unit.empty()) left->unit = right->unit;
    }
    return left;
  }
  Result<Length> Product() {
    Result<Length> left = Factor();
    while (left.ok()) {
      char op = Eat('*') ? '*' : Eat('/') ? '/' : 0;
      if (op == 0) break;
      Result<Length> right = Factor();
      if (!right.ok()) return right;
      if (op == '*') {
        left->number *= right->number;
      } else {
        if (right->number == 0) return Error();
        left->number /= right->number;
      }
      if (left->unit.empty()) left->unit = right->unit;
    }
    return left;
  }
  Result<Length> Factor() {
    if (Eat('-')) {
      Result<Length> inner = Factor();
      if (inner.ok()) inner->number = -inner->number;
      return inner;
    }
    if (Eat('(')) {
      Result<Length> inner = Sum();
      if (!inner.ok() || !Eat(')')) return Error();
      return inner;
    }
    Skip();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '.' ||
            text_[pos_] == '_' || text_[pos_] == '%')) {
      ++pos_;
    }
    std::string_view token = text_.substr(start, pos_ - start);
    if (token.empty()) return Error();
    if (std::isdigit(static_cast<unsigned char>(token[0])) != 0 || token[0] == '.')
      return Parse(token);
    Result<std::string> value = vars_.Lookup(token, depth_);
    if (!value.ok()) return value.status();
    return Parse(*value);
  }

  const SkinVariables& vars_;
  std::string_view text_;
  int depth_;
  size_t pos_ = 0;
};

Result<std::string> SkinVariables::Evaluate(std::string_view ref, int depth) const {
  if (ref.find_first_of(" +-*/()") == std::string_view::npos) return Lookup(ref, depth);
  return Arithmetic(*this, ref, depth).Run();
}

Result<std::string> SkinVariables::Substitute(std::string_view css) const {
  static const Variable kNone;
  return Expand(kNone, css, 0);
}

SkinVariables SkinVariables::Directed(bool rtl) const {
  SkinVariables out = *this;
  out.Define("startSide", rtl ? "right" : "left");
  out.Define("endSide", rtl ? "left" : "right");
  return out;
}

Value SkinVariables::ToValue() const {
  Map vars;
  for (const auto& [name, var] : vars_) {
    std::string key = name;
    for (char& c : key) {
      if (c == '.') c = '_';
    }
    Result<std::string> expanded = Expand(var, var.value, 0);
    std::string text = expanded.ok() ? *expanded : var.value;
    if (var.type != "background") {
      vars.Set(std::move(key), Value::String(std::move(text)));
      continue;
    }
    // "COLOR url(IMAGE) REPEAT ATTACHMENT POSITION…", as the skin editor writes it.
    Map background;
    std::string image;
    size_t url = text.find("url(");
    if (url != std::string::npos) {
      size_t close = text.find(')', url);
      image =
          text.substr(url + 4, close == std::string::npos ? std::string::npos : close - url - 4);
      if (image.size() >= 2 && (image.front() == '"' || image.front() == '\'')) {
        image = image.substr(1, image.size() - 2);
      }
    }
    Result<std::string> color = Expand(var, var.color, 0);
    background.Set("color", Value::String(color.ok() ? *color : ""));
    background.Set("image", Value::String(image));
    for (const char* word : {"no-repeat", "repeat-x", "repeat-y", "repeat"}) {
      if (text.find(word) != std::string::npos) {
        background.Set("repeat", Value::String(word));
        break;
      }
    }
    background.Set("attachment",
                   Value::String(text.find("fixed") != std::string::npos ? "fixed" : "scroll"));
    background.Set("isResizable",
                   Value::Boolean(image.find("googleusercontent.com") != std::string::npos ||
                                  image.find(".bp.blogspot.com") != std::string::npos));
    background.Set("value", Value::String(text));
    vars.Set(std::move(key), Value::OfMap(std::move(background)));
  }
  return Value::OfMap(Map{{"vars", Value::OfMap(std::move(vars))}});
}

}  // namespace samizdat::blogger
