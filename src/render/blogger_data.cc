// MakeBloggerData: a Blogger theme's data for one page, from the theme's widgets.
#include "render/blogger_data.h"

#include "render/blogger_data_parts.h"

namespace samizdat::render {

blogger::RenderInput MakeBloggerData(const blogger::Theme& theme, const BloggerPageInput& input) {
  return internal::MakeBloggerDataFor(theme.sections(), input);
}

}  // namespace samizdat::render
