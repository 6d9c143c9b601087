// SQL of saved segments.
#include "modules/customers/store.hpp"

namespace clientele::customers::store {

namespace {

constexpr const char* kSegmentColumns =
    "s.id, s.public_id, s.name, s.filter, s.actor_type, s.actor_id,"
    " COALESCE(NULLIF(a.name, ''), a.email, t.name, ''), s.created_at, s.updated_at, s.version"
    " FROM segments s"
    " LEFT JOIN admins a ON s.actor_type = 'admin' AND a.public_id = s.actor_id"
    " LEFT JOIN api_tokens t ON s.actor_type = 'api_token' AND t.public_id = s.actor_id";

Segment SegmentFromRow(const db::Row& r) {
  Segment s;
  s.id = r.Int(0);
  s.public_id = r.Text(1);
  s.name = r.Text(2);
  s.filter = r.Text(3);
  s.actor_type = r.Text(4);
  s.actor_id = r.Text(5);
  s.actor_name = r.Text(6);
  s.created_at = r.Int(7);
  s.updated_at = r.Int(8);
  s.version = r.Int(9);
  return s;
}

}  // namespace

Result<std::vector<Segment>> ListSegments(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string("SELECT ") + kSegmentColumns + " ORDER BY s.name_key"));
  std::vector<Segment> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(SegmentFromRow(r));
  return out;
}

Result<std::optional<Segment>> FindSegment(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT ") + kSegmentColumns + " WHERE s.public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<Segment>();
  return std::optional<Segment>(SegmentFromRow(rows[0]));
}

Result<int64_t> InsertSegment(db::Connection& c, const Segment& s, const std::string& name_key) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO segments (public_id, name, name_key, filter, actor_type, actor_id,"
              " created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)"
              " RETURNING id",
              {s.public_id, s.name, name_key, s.filter, s.actor_type, s.actor_id, s.created_at,
               s.updated_at}));
  return rows.at(0).Int(0);
}

Result<bool> UpdateSegment(db::Connection& c, const Segment& s, const std::string& name_key,
                           int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE segments SET name = $2, name_key = $3, filter = $4,"
                             " updated_at = $5, version = version + 1"
                             " WHERE id = $1 AND version = $6",
                             {s.id, s.name, name_key, s.filter, s.updated_at, expected_version}));
  return changed == 1;
}

Status DeleteSegment(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM segments WHERE id = $1", {id}));
  return OkStatus();
}

Result<int64_t> CountSegments(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT count(*) FROM segments"));
  return rows.at(0).Int(0);
}

}  // namespace clientele::customers::store
