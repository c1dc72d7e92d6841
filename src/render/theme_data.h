// Internal: converts a PageView into the Mustache data a theme renders (the names are
// documented in themes/default/README.md).
#pragma once

#include <kainjow/mustache.hpp>

#include "render/view.h"

namespace samizdat::render::internal {

kainjow::mustache::data PageData(const PageView& view);

}  // namespace samizdat::render::internal
