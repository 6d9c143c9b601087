// SQL for store settings, and nothing else.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "db/database.hpp"

namespace clientele::settings::store {

Result<std::map<std::string, std::string>> ReadAll(db::Connection& c);
Status Write(db::Connection& c, const std::string& key, const std::string& value);
// Writes the values of `next` that differ from `values` (and updates `values` to match);
// returns {"key": {"from": old, "to": new}} for each, for the audit trail.
Result<nlohmann::json> WriteChanged(db::Connection& c, std::map<std::string, std::string>& values,
                                    const std::map<std::string, std::string>& next);

}  // namespace clientele::settings::store
