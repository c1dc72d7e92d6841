// Admin pages: comment (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddCommentRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
