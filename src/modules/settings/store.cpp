#include "modules/settings/store.hpp"

namespace clientele::settings::store {

Result<std::map<std::string, std::string>> ReadAll(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT key, value FROM settings"));
  std::map<std::string, std::string> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Text(1);
  return out;
}

Status Write(db::Connection& c, const std::string& key, const std::string& value) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO settings (key, value) VALUES ($1, $2)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {key, value}));
  return OkStatus();
}

Result<nlohmann::json> WriteChanged(db::Connection& c, std::map<std::string, std::string>& values,
                                    const std::map<std::string, std::string>& next) {
  nlohmann::json changes = nlohmann::json::object();
  for (const auto& [key, value] : next) {
    if (values[key] == value) continue;
    RETURN_IF_ERROR(Write(c, key, value));
    changes[key] = {{"from", values[key]}, {"to", value}};
    values[key] = value;
  }
  return changes;
}

}  // namespace clientele::settings::store
