// Looking a password up in the embedded list of common passwords, see common_passwords.h.
#include "auth/common_passwords.h"

#include <algorithm>
#include <vector>

#include "core/strings.h"

namespace samizdat::auth {
namespace {

// The list's lines, made once (thread-safe static initialization).
const std::vector<std::string_view>& Lines() {
  static const std::vector<std::string_view> lines = [] {
    std::vector<std::string_view> out;
    std::string_view rest = CommonPasswordList();
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      out.push_back(rest.substr(0, end));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    return out;
  }();
  return lines;
}

}  // namespace

std::size_t CommonPasswordCount() { return Lines().size(); }

bool IsCommonPassword(std::string_view password) {
  const std::string lowered = AsciiLower(password);
  return std::binary_search(Lines().begin(), Lines().end(), std::string_view(lowered));
}

}  // namespace samizdat::auth
