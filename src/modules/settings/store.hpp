// SQL for store settings, and nothing else.
#pragma once

#include <map>
#include <string>

#include "db/database.hpp"

namespace clientele::settings::store {

Result<std::map<std::string, std::string>> ReadAll(db::Connection& c);
Status Write(db::Connection& c, const std::string& key, const std::string& value);

}  // namespace clientele::settings::store
