// Admin pages: transfer (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddTransferRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
