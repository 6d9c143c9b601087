#include "modules/groups/store.hpp"

namespace clientele::groups::store {
namespace {

Group GroupFromRow(const db::Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Bool(3), r.Int(4), r.Int(5), r.Int(6)};
}
Tag TagFromRow(const db::Row& r) { return {r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)}; }

constexpr const char* kGroupColumns =
    "g.id, g.public_id, g.name, g.is_default,"
    // From the customer counters (customers::store::CountFromCounters): a few rows per group
    // instead of every member.
    " (SELECT CAST(COALESCE(SUM(x.n), 0) AS BIGINT) FROM (SELECT k.n FROM customer_counts k"
    " WHERE k.group_id = g.id UNION ALL SELECT d.delta FROM customer_count_deltas d"
    " WHERE d.group_id = g.id) AS x), g.created_at, g.updated_at"
    " FROM customer_groups g";
constexpr const char* kTagColumns =
    "t.id, t.public_id, t.name,"
    " (SELECT count(*) FROM customer_tags ct WHERE ct.tag_id = t.id), t.created_at FROM tags t";

}  // namespace

Result<std::vector<Group>> ListGroups(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string("SELECT ") + kGroupColumns +
                                          " ORDER BY g.is_default DESC, g.name_key"));
  std::vector<Group> out;
  for (const auto& r : rows) out.push_back(GroupFromRow(r));
  return out;
}

Result<std::optional<Group>> FindGroup(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT ") + kGroupColumns + " WHERE g.public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<Group>();
  return std::optional<Group>(GroupFromRow(rows[0]));
}

Result<int64_t> InsertGroup(db::Connection& c, const Group& g, const std::string& name_key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("INSERT INTO customer_groups (public_id, name, name_key, is_default,"
                           " created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id",
                           {g.public_id, g.name, name_key, g.created_at}));
  return rows.at(0).Int(0);
}

Status RenameGroup(db::Connection& c, int64_t id, const std::string& name,
                   const std::string& name_key, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "UPDATE customer_groups SET name = $2, name_key = $3, updated_at = $4 WHERE id = $1",
      {id, name, name_key, now}));
  return OkStatus();
}

Result<int64_t> MoveCustomersToDefault(db::Connection& c, int64_t group_id, int64_t now) {
  return c.Execute(
      "UPDATE customers SET group_id = 1, updated_at = $2, version = version + 1"
      " WHERE group_id = $1",
      {group_id, now});
}

Status DeleteGroup(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_groups WHERE id = $1 AND is_default = 0", {id}));
  return OkStatus();
}

constexpr const char* kUncountedColumns =
    "SELECT id, public_id, name, is_default, 0, created_at, updated_at FROM customer_groups";

Result<std::optional<Group>> FindGroupByKey(db::Connection& c, const std::string& name_key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kUncountedColumns) + " WHERE name_key = $1", {name_key}));
  if (rows.empty()) return std::optional<Group>();
  return std::optional<Group>(GroupFromRow(rows[0]));
}

Result<std::optional<Group>> FindGroupUncounted(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kUncountedColumns) + " WHERE public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<Group>();
  return std::optional<Group>(GroupFromRow(rows[0]));
}

Result<std::vector<Tag>> ListTags(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string("SELECT ") + kTagColumns + " ORDER BY t.name_key"));
  std::vector<Tag> out;
  for (const auto& r : rows) out.push_back(TagFromRow(r));
  return out;
}

namespace {

Result<std::vector<std::string>> Names(db::Connection& c, const char* sql) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace

Result<std::vector<std::string>> GroupNames(db::Connection& c) {
  return Names(c, "SELECT name FROM customer_groups ORDER BY name_key");
}

Result<std::vector<std::string>> TagNames(db::Connection& c) {
  return Names(c, "SELECT name FROM tags ORDER BY name_key");
}

Result<std::optional<Tag>> FindTag(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT ") + kTagColumns + " WHERE t.public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<Tag>();
  return std::optional<Tag>(TagFromRow(rows[0]));
}

Result<std::optional<Tag>> FindTagByKey(db::Connection& c, const std::string& name_key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT t.id, t.public_id, t.name, 0, t.created_at FROM tags t"
                           " WHERE t.name_key = $1",
                           {name_key}));
  if (rows.empty()) return std::optional<Tag>();
  return std::optional<Tag>(TagFromRow(rows[0]));
}

Result<int64_t> InsertTag(db::Connection& c, const Tag& t, const std::string& name_key) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("INSERT INTO tags (public_id, name, name_key, created_at)"
                                          " VALUES ($1, $2, $3, $4) RETURNING id",
                                          {t.public_id, t.name, name_key, t.created_at}));
  return rows.at(0).Int(0);
}

Status RenameTag(db::Connection& c, int64_t id, const std::string& name,
                 const std::string& name_key) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE tags SET name = $2, name_key = $3 WHERE id = $1", {id, name, name_key}));
  return OkStatus();
}

Status DeleteTag(db::Connection& c, int64_t id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customers SET updated_at = $2, version = version + 1 WHERE id IN"
                " (SELECT customer_id FROM customer_tags WHERE tag_id = $1)",
                {id, now}));
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_tags WHERE tag_id = $1", {id}));
  RETURN_IF_ERROR(c.Execute("DELETE FROM tags WHERE id = $1", {id}));
  return OkStatus();
}

}  // namespace clientele::groups::store
