// Test helper shared by the unit tests of the XML writers (feeds, exports): a document
// parsed with libxml2 and queried with XPath.
#pragma once

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace samizdat::testing {

class XPathDoc {
 public:
  using Strings = std::vector<std::string>;

  // `namespaces`: the (prefix, URI) pairs the queries use.
  XPathDoc(const std::string& bytes,
           const std::vector<std::pair<const char*, const char*>>& namespaces)
      : doc_(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "export.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             &xmlFreeDoc),
        ctx_(doc_ ? xmlXPathNewContext(doc_.get()) : nullptr, &xmlXPathFreeContext) {
    for (const auto& [prefix, uri] : namespaces) {
      if (ctx_) {
        xmlXPathRegisterNs(ctx_.get(), reinterpret_cast<const xmlChar*>(prefix),
                           reinterpret_cast<const xmlChar*>(uri));
      }
    }
  }

  bool ok() const { return doc_ != nullptr; }

  // The string values of the nodes `xpath` selects (elements: their text; attributes:
  // their value), in document order.
  Strings All(const std::string& xpath) const {
    Strings out;
    if (!ctx_) return out;
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx_.get()),
        &xmlXPathFreeObject);
    if (!result || !result->nodesetval) return out;
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      std::unique_ptr<xmlChar, decltype(xmlFree)> text(
          xmlNodeGetContent(result->nodesetval->nodeTab[i]), xmlFree);
      out.emplace_back(text ? reinterpret_cast<const char*>(text.get()) : "");
    }
    return out;
  }

  // The single value `xpath` selects, or "<N matches>" when it selects 0 or several.
  std::string One(const std::string& xpath) const {
    Strings all = All(xpath);
    if (all.size() != 1) return "<" + std::to_string(all.size()) + " matches>";
    return all[0];
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
  std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx_;
};

}  // namespace samizdat::testing
