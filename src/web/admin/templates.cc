// Templates: the embedded assets parsed once; JSON values turned into Mustache data.
#include "web/admin/templates.h"

#include <sodium.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <kainjow/mustache.hpp>

#include "web/admin/embedded_files.h"

namespace samizdat::web::admin {

using Data = kainjow::mustache::data;

struct Templates::Parsed {
  explicit Parsed(const std::string& text) : mustache(text) {}
  kainjow::mustache::mustache mustache;
};

namespace {

Data ToData(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      Data data(Data::type::object);
      for (const auto& [key, item] : value.get_object()) data.set(std::string(key), ToData(item));
      return data;
    }
    case boost::json::kind::array: {
      Data list(Data::type::list);
      for (const auto& item : value.get_array()) list.push_back(ToData(item));
      return list;
    }
    case boost::json::kind::string: return Data(std::string(value.get_string()));
    case boost::json::kind::bool_:
      return value.get_bool() ? Data(Data::type::bool_true) : Data(Data::type::bool_false);
    case boost::json::kind::int64: return Data(std::to_string(value.get_int64()));
    case boost::json::kind::uint64: return Data(std::to_string(value.get_uint64()));
    case boost::json::kind::double_: return Data(std::to_string(value.get_double()));
    case boost::json::kind::null: return Data(Data::type::bool_false);
  }
  return Data(Data::type::bool_false);
}

constexpr std::string_view kTemplateSuffix = ".mustache";

}  // namespace

Templates::Templates() {
  std::string all_statics;
  for (size_t i = 0; i < internal::kAdminFilesCount; ++i) {
    const internal::EmbeddedFile& file = internal::kAdminFiles[i];
    if (file.name.ends_with(kTemplateSuffix)) {
      std::string name(file.name.substr(0, file.name.size() - kTemplateSuffix.size()));
      auto parsed = std::make_unique<Parsed>(std::string(file.bytes));
      if (!parsed->mustache.is_valid()) {
        std::fprintf(stderr, "admin template %s: %s\n", name.c_str(),
                     parsed->mustache.error_message().c_str());
        std::abort();
      }
      templates_.emplace(std::move(name), std::move(parsed));
    } else {
      statics_.emplace(std::string(file.name), std::string(file.bytes));
      all_statics.append(file.bytes);
    }
  }
  if (sodium_init() < 0) std::abort();  // no usable libsodium: nothing is safe
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(all_statics.data()),
                     all_statics.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  version_ = hex;
}

Templates::~Templates() = default;

std::string Templates::Render(std::string_view name, const boost::json::object& values) const {
  auto found = templates_.find(name);
  if (found == templates_.end()) return "missing admin template " + std::string(name);
  return found->second->mustache.render(ToData(values));
}

const std::string* Templates::Static(std::string_view file_name) const {
  auto found = statics_.find(file_name);
  return found == statics_.end() ? nullptr : &found->second;
}

}  // namespace samizdat::web::admin
