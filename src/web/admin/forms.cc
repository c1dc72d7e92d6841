// Form parsing: urlencoded through Boost.URL, multipart/form-data through GMime's MIME
// parser (the body, behind its Content-Type header, is one MIME entity).
#include "web/admin/forms.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <boost/url/parse_query.hpp>
#include <memory>
#include <mutex>

#include "core/strings.h"

namespace samizdat::web::admin {
namespace {

// GObject references, released when the holder goes.
struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string MediaType(std::string_view content_type) {
  return AsciiLower(TrimBlank(content_type.substr(0, content_type.find(';'))));
}

// The bytes of a part's content, decoded from its transfer encoding.
std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

}  // namespace

Result<Form> Form::FromUrlencoded(std::string_view encoded) {
  Form form;
  if (encoded.empty()) return form;
  auto fields = boost::urls::parse_query(encoded);
  if (!fields) return Status::InvalidArgument("The form data is malformed.");
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;
  for (const auto& field : *fields) {
    form.Add(field.key.decode(decoding),
             field.has_value ? field.value.decode(decoding) : std::string());
  }
  return form;
}

Result<Form> Form::FromMultipart(std::string_view content_type, std::string_view body) {
  InitGMimeOnce();
  std::string entity = "Content-Type: " + std::string(content_type) + "\r\n\r\n";
  entity.append(body);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(entity.data(), entity.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeObject> root(g_mime_parser_construct_part(parser.get(), nullptr));
  if (!root || !GMIME_IS_MULTIPART(root.get())) {
    return Status::InvalidArgument("The upload is not a multipart form.");
  }
  Form form;
  GMimeMultipart* multipart = GMIME_MULTIPART(root.get());
  const int count = g_mime_multipart_get_count(multipart);
  if (count == 0 && !body.empty()) {
    return Status::InvalidArgument("The upload has no parts: its boundary is not in its body.");
  }
  for (int i = 0; i < count; ++i) {
    GMimeObject* object = g_mime_multipart_get_part(multipart, i);
    if (!GMIME_IS_PART(object)) continue;
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    if (disposition == nullptr) continue;
    const char* name = g_mime_content_disposition_get_parameter(disposition, "name");
    if (name == nullptr) continue;
    const char* filename = g_mime_content_disposition_get_parameter(disposition, "filename");
    std::string bytes = PartBytes(GMIME_PART(object));
    if (filename == nullptr) {
      form.Add(name, std::move(bytes));
      continue;
    }
    if (*filename == '\0' && bytes.empty()) continue;  // a file input left empty
    UploadedFile file;
    std::string_view base = filename;
    if (auto slash = base.find_last_of("/\\"); slash != std::string_view::npos) {
      base.remove_prefix(slash + 1);
    }
    file.filename = std::string(base);
    if (GMimeContentType* type = g_mime_object_get_content_type(object)) {
      char* mime = g_mime_content_type_get_mime_type(type);
      file.content_type = mime;
      g_free(mime);
    }
    file.bytes = std::move(bytes);
    form.files_.emplace_back(name, std::move(file));
  }
  return form;
}

Result<Form> Form::FromBody(std::string_view content_type, std::string_view body) {
  const std::string type = MediaType(content_type);
  if (type == "application/x-www-form-urlencoded" || (type.empty() && body.empty())) {
    return FromUrlencoded(body);
  }
  if (type == "multipart/form-data") return FromMultipart(content_type, body);
  return Status::InvalidArgument(
      "A form is sent as application/x-www-form-urlencoded or "
      "multipart/form-data, not " +
      (type.empty() ? std::string("without a type") : type) + ".");
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return {};
}

bool Form::Has(std::string_view name) const {
  for (const auto& field : fields_) {
    if (field.first == name) return true;
  }
  return false;
}

std::vector<std::string> Form::GetAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : fields_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

const UploadedFile* Form::File(std::string_view name) const {
  for (const auto& [key, file] : files_) {
    if (key == name) return &file;
  }
  return nullptr;
}

void Form::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

int PageNumber(const Form& query) {
  constexpr int kMaxPage = 100'000;
  return std::clamp(ParseInteger(query.Get("page")).value_or(1), 1, kMaxPage);
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  // RFC 6265 §5.4: "name=value" pairs separated by "; ".
  while (!header.empty()) {
    const size_t end = header.find(';');
    std::string_view pair = TrimBlank(header.substr(0, end));
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && TrimBlank(pair.substr(0, equals)) == name) {
      return std::string(TrimBlank(pair.substr(equals + 1)));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace samizdat::web::admin
