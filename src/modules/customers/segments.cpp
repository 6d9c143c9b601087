#include "modules/customers/segments.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/customers/store.hpp"

namespace clientele::customers {

namespace {

Error SegmentNotFound() {
  return Error::NotFound("segment_not_found", "There is no such segment.");
}

Result<std::string> ParseSegmentName(const std::string& raw) {
  std::string name = Trim(raw);
  if (name.empty() || CodePointCount(name) > 100 || !IsCleanUtf8(name, false)) {
    std::string msg = "A segment name is 1 to 100 characters.";
    return Error::Invalid(msg, {{"name", "invalid_name", msg}});
  }
  return name;
}

template <typename T>
Result<T> NameTaken(Result<T> r) {
  if (!r.ok() && r.error().code == ErrorCode::kAlreadyExists) {
    std::string msg = "A segment with this name already exists.";
    return Error{ErrorCode::kAlreadyExists,
                 "segment_name_taken",
                 msg,
                 {{"name", "segment_name_taken", msg}}};
  }
  return r;
}

}  // namespace

Result<std::vector<Segment>> SegmentService::List() {
  return db_.Read([](db::Connection& c) { return store::ListSegments(c); });
}

Result<Segment> SegmentService::Find(db::Connection& c, const std::string& public_id) {
  if (!IsPublicId(public_id, "seg")) return SegmentNotFound();
  ASSIGN_OR_RETURN(std::optional<Segment> s, store::FindSegment(c, public_id));
  if (!s) return SegmentNotFound();
  return std::move(*s);
}

Result<Segment> SegmentService::Get(const std::string& public_id) {
  return db_.Read([&](db::Connection& c) { return Find(c, public_id); });
}

Result<Segment> SegmentService::Create(const audit::Actor& actor, const SegmentChange& change) {
  std::vector<FieldError> errors;
  if (!change.name) errors.push_back({"name", "required", "Name the segment."});
  if (!change.filter) errors.push_back({"filter", "required", "Write the segment's filter."});
  if (!errors.empty()) return Error::Invalid("Some fields are missing.", errors);
  ASSIGN_OR_RETURN(std::string name, ParseSegmentName(*change.name));
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Segment> {
    ASSIGN_OR_RETURN(int64_t count, store::CountSegments(tx));
    if (count >= static_cast<int64_t>(kMaxSegments)) {
      return Error::Precondition(
          "too_many_segments",
          "A store keeps at most " + std::to_string(kMaxSegments) + " segments; delete one first.");
    }
    RETURN_IF_ERROR(Service::CompileFilter(tx, *change.filter, "filter", now));
    Segment s;
    s.public_id = NewPublicId("seg");
    s.name = name;
    s.filter = Trim(*change.filter);
    s.actor_type = actor.type;
    s.actor_id = actor.id;
    s.created_at = s.updated_at = now;
    ASSIGN_OR_RETURN(s.id, store::InsertSegment(tx, s, NormalizeForSearch(name)));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"segment.created", "segment", s.public_id, {{"name", s.name}, {"filter", s.filter}}},
        now));
    ASSIGN_OR_RETURN(std::optional<Segment> stored, store::FindSegment(tx, s.public_id));
    return std::move(*stored);
  }));
}

Result<Segment> SegmentService::Update(const audit::Actor& actor, const std::string& public_id,
                                       const SegmentChange& change,
                                       std::optional<int64_t> if_version) {
  std::optional<std::string> name;
  if (change.name) {
    ASSIGN_OR_RETURN(name, ParseSegmentName(*change.name));
  }
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Segment> {
    ASSIGN_OR_RETURN(Segment current, Find(tx, public_id));
    if (if_version && *if_version != current.version) {
      return Error::Precondition("stale_version",
                                 "Someone else changed this segment; reload to see their change.");
    }
    Segment next = current;
    nlohmann::json changes = nlohmann::json::object();
    if (name && *name != current.name) {
      next.name = *name;
      changes["name"] = {{"from", current.name}, {"to", *name}};
    }
    if (change.filter) {
      RETURN_IF_ERROR(Service::CompileFilter(tx, *change.filter, "filter", now));
      next.filter = Trim(*change.filter);
      if (next.filter != current.filter) {
        changes["filter"] = {{"from", current.filter}, {"to", next.filter}};
      }
    }
    if (changes.empty()) return current;
    next.updated_at = now;
    ASSIGN_OR_RETURN(bool written, store::UpdateSegment(tx, next, NormalizeForSearch(next.name),
                                                        current.version));
    if (!written) {
      return Error::Precondition("stale_version",
                                 "Someone else changed this segment; reload to see their change.");
    }
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"segment.updated", "segment", public_id, changes}, now));
    return Find(tx, public_id);
  }));
}

Status SegmentService::Delete(const audit::Actor& actor, const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(Segment current, Find(tx, public_id));
    RETURN_IF_ERROR(store::DeleteSegment(tx, current.id));
    return audit::Record(tx, actor,
                         {"segment.deleted",
                          "segment",
                          public_id,
                          {{"name", current.name}, {"filter", current.filter}}},
                         now);
  });
}

}  // namespace clientele::customers
