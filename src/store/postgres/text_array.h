// PostgreSQL's text output of a one-dimensional text[] (what array_agg of a text column
// returns to a client reading text results) back into its elements, so a query can carry
// a list per row (a post's labels) in one column instead of a second statement.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace samizdat::store::postgres {

// The elements of `literal`, as the server's array_out writes it: "{}" or
// "{e1,e2,…}", where an element is double-quoted when it is empty, contains any of
// {},"\ or whitespace, or spells NULL in any case, and inside the quotes " and \ are
// escaped with a backslash. NULL elements (an unquoted NULL) are refused, as is anything
// else array_out does not write (a dimension prefix, stray characters): Internal.
Result<std::vector<std::string>> DecodeTextArray(std::string_view literal);

}  // namespace samizdat::store::postgres
