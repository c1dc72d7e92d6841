// The list of common passwords that sign-in passwords are checked against (OWASP ASVS
// 6.2.4): the 30,000 most common passwords of zxcvbn's frequency lists, shipped by
// Debian's python3-zxcvbn and embedded by the build (src/auth/gen_common_passwords.py).
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace samizdat::auth {

// The list: lowercase, sorted, one password a line, each line ending in '\n'.
std::string_view CommonPasswordList();

// How many passwords the list holds.
std::size_t CommonPasswordCount();

// Whether `password` is on the list, ignoring ASCII case ("Password12" is).
bool IsCommonPassword(std::string_view password);

}  // namespace samizdat::auth
