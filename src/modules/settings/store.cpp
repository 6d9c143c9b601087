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

}  // namespace clientele::settings::store
