// Internal: b:message's ICU MessageFormat patterns ("{numComments,plural, =1{…}other{…}}")
// formatted with named arguments in the blog's language.
//
// Thread safety: thread-safe; each thread keeps its own parsed patterns.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blogger/value.h"

namespace samizdat::blogger {

// True when `pattern` holds a complex ICU argument ({name,plural,…}, {name,select,…},
// {name,number}): what plain {name} replacement cannot fill.
bool IsIcuPattern(std::string_view pattern);

// `pattern` formatted by icu::MessageFormat in `locale` (a BCP 47 or underscored tag,
// "ru", "pt_BR"; English when empty or unknown). Each argument is matched by its name
// and by its position ({0}); a number, or a string holding one, formats as a number.
// Arguments are written as given (the caller escapes). Errors: a pattern ICU refuses
// gives an empty string.
std::string FormatIcuMessage(std::string_view pattern, std::string_view locale,
                             const std::vector<std::pair<std::string, Value>>& args);

}  // namespace samizdat::blogger
