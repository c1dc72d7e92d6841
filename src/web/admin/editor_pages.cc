// Admin pages: editor (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddEditorRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
