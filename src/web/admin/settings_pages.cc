// Admin pages: settings (placeholder until written).
#include "web/admin/context.h"

namespace samizdat::web::admin {

void AddSettingsRoutes(std::vector<Route>&) {}

}  // namespace samizdat::web::admin
