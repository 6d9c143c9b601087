// The admin-access API: sign in and out (browser sessions), admin users, API tokens.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/admins/service.hpp"

namespace clientele::admins {

struct CookieOptions {
  bool secure = false;  // add Secure (the server sits behind TLS)
};

void RegisterRoutes(http::Router& router, AdminApi& api, Service& service,
                    const CookieOptions& cookies);

}  // namespace clientele::admins
