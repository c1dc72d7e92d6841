// Admin pages: post (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddPostRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
