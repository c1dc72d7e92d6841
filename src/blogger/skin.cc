// SkinVariables: the <Variable> definitions of a theme's skin and $(name) substitution.
#include "blogger/skin.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

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
  vars_[std::move(name)] = Variable{std::move(value), "", ""};
}

Result<std::string> SkinVariables::Expand(const Variable& var, std::string_view text,
                                          int depth) const {
  if (depth > kMaxNesting)
    return Status::InvalidArgument("skin variables refer to each other in a cycle");
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t start = text.find("$(", pos);
    if (start == std::string_view::npos) break;
    size_t close = text.find(')', start);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    std::string_view name = text.substr(start + 2, close - start - 2);
    if (name == "color" && !var.color.empty()) {
      Result<std::string> color = Expand(var, var.color, depth + 1);
      if (!color.ok()) return color.status();
      out += *color;
    } else {
      auto it = vars_.find(name);
      if (it == vars_.end()) {
        return Status::InvalidArgument("the skin variable $(" + std::string(name) +
                                       ") is not defined");
      }
      Result<std::string> value = Expand(it->second, it->second.value, depth + 1);
      if (!value.ok()) return value.status();
      out += *value;
    }
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

Result<std::string> SkinVariables::Substitute(std::string_view css) const {
  static const Variable kNone;
  return Expand(kNone, css, 0);
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
