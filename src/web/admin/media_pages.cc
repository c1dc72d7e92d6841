// Admin pages: media (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddMediaRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
