// Theme: glue between the contract (theme.h) and the compiler and renderer.
#include "blogger/theme.h"

#include "blogger/theme_nodes.h"

namespace samizdat::blogger {

Result<std::shared_ptr<const Theme>> Theme::Compile(std::string_view xml,
                                                    std::string_view file_name) {
  Result<std::shared_ptr<Impl>> impl = CompileTheme(xml, file_name);
  if (!impl.ok()) return impl.status();
  // The constructor is private, so make_shared cannot reach it.
  return std::shared_ptr<const Theme>(new Theme(std::move(*impl)));
}

const std::vector<SectionInfo>& Theme::sections() const { return impl_->sections; }

Result<std::string> Theme::Render(const RenderInput& input, const Limits& limits) const {
  return RenderTheme(*impl_, input, limits);
}

}  // namespace samizdat::blogger
