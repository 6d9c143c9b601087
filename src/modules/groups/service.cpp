#include "modules/groups/service.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/customers/model.hpp"
#include "modules/groups/store.hpp"

namespace clientele::groups {
namespace {

Result<std::string> ParseGroupName(const std::string& raw) {
  std::string name = Trim(raw);
  if (name.empty() || CodePointCount(name) > 80 || !IsCleanUtf8(name, false)) {
    std::string msg = "A group name is 1 to 80 characters.";
    return Error::Invalid(msg, {{"name", "invalid_name", msg}});
  }
  return name;
}

Error GroupNotFound() { return Error::NotFound("group_not_found", "There is no such group."); }
Error TagNotFound() { return Error::NotFound("tag_not_found", "There is no such tag."); }

// Unique-name conflicts read better with the field named.
template <typename T>
Result<T> NameTaken(Result<T> r, const char* slug, const char* what) {
  if (!r.ok() && r.error().code == ErrorCode::kAlreadyExists) {
    std::string msg = std::string("A ") + what + " with this name already exists.";
    Error e{ErrorCode::kAlreadyExists, slug, msg, {{"name", slug, msg}}};
    return e;
  }
  return r;
}

}  // namespace

Result<std::vector<Group>> Service::ListGroups() {
  return db_.Read([](db::Connection& c) { return store::ListGroups(c); });
}

Result<Group> Service::CreateGroup(const audit::Actor& actor, const std::string& raw_name) {
  ASSIGN_OR_RETURN(std::string name, ParseGroupName(raw_name));
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Group> {
    Group g;
    g.public_id = NewPublicId("grp");
    g.name = name;
    g.created_at = g.updated_at = now;
    ASSIGN_OR_RETURN(g.id, store::InsertGroup(tx, g, NormalizeForSearch(name)));
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"group.created", "group", g.public_id, {{"name", name}}}, now));
    return g;
  }),
                   "group_name_taken", "group");
}

Result<Group> Service::RenameGroup(const audit::Actor& actor, const std::string& public_id,
                                   const std::string& raw_name) {
  ASSIGN_OR_RETURN(std::string name, ParseGroupName(raw_name));
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Group> {
    ASSIGN_OR_RETURN(std::optional<Group> g, store::FindGroup(tx, public_id));
    if (!g) return GroupNotFound();
    RETURN_IF_ERROR(store::RenameGroup(tx, g->id, name, NormalizeForSearch(name), now));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"group.renamed", "group", public_id, {{"name", {{"from", g->name}, {"to", name}}}}}, now));
    g->name = name;
    g->updated_at = now;
    return *g;
  }),
                   "group_name_taken", "group");
}

Status Service::DeleteGroup(const audit::Actor& actor, const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Group> g, store::FindGroup(tx, public_id));
    if (!g) return GroupNotFound();
    if (g->is_default) {
      return Error::Precondition("default_group", "The Default group cannot be deleted.");
    }
    ASSIGN_OR_RETURN(int64_t moved, store::MoveCustomersToDefault(tx, g->id, now));
    RETURN_IF_ERROR(store::DeleteGroup(tx, g->id));
    return audit::Record(tx, actor,
                         {"group.deleted",
                          "group",
                          public_id,
                          {{"name", g->name}, {"customers_moved_to_default", moved}}},
                         now);
  });
}

Result<std::vector<Tag>> Service::ListTags() {
  return db_.Read([](db::Connection& c) { return store::ListTags(c); });
}

Result<Tag> Service::CreateTag(const audit::Actor& actor, const std::string& raw_name) {
  ASSIGN_OR_RETURN(std::string name, customers::ParseTagName(raw_name, "name"));
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Tag> {
    Tag t;
    t.public_id = NewPublicId("tag");
    t.name = name;
    t.created_at = now;
    ASSIGN_OR_RETURN(t.id, store::InsertTag(tx, t, NormalizeForSearch(name)));
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"tag.created", "tag", t.public_id, {{"name", name}}}, now));
    return t;
  }),
                   "tag_name_taken", "tag");
}

Result<Tag> Service::RenameTag(const audit::Actor& actor, const std::string& public_id,
                               const std::string& raw_name) {
  ASSIGN_OR_RETURN(std::string name, customers::ParseTagName(raw_name, "name"));
  const int64_t now = clock_.NowMicros();
  return NameTaken(db_.Transaction([&](db::Connection& tx) -> Result<Tag> {
    ASSIGN_OR_RETURN(std::optional<Tag> t, store::FindTag(tx, public_id));
    if (!t) return TagNotFound();
    RETURN_IF_ERROR(store::RenameTag(tx, t->id, name, NormalizeForSearch(name)));
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"tag.renamed", "tag", public_id, {{"name", {{"from", t->name}, {"to", name}}}}},
        now));
    t->name = name;
    return *t;
  }),
                   "tag_name_taken", "tag");
}

Status Service::DeleteTag(const audit::Actor& actor, const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Tag> t, store::FindTag(tx, public_id));
    if (!t) return TagNotFound();
    RETURN_IF_ERROR(store::DeleteTag(tx, t->id, now));
    return audit::Record(
        tx, actor,
        {"tag.deleted", "tag", public_id, {{"name", t->name}, {"customers", t->customer_count}}},
        now);
  });
}

Result<Group> Service::ResolveGroup(db::Connection& tx, const std::string& public_id,
                                    const std::string& field) {
  ASSIGN_OR_RETURN(std::optional<Group> g, store::FindGroupUncounted(tx, public_id));
  if (!g) {
    std::string msg = "There is no such group.";
    return Error::Invalid(msg, {{field, "unknown_group", msg}});
  }
  return *g;
}

Result<std::vector<int64_t>> Service::ResolveOrCreateTags(db::Connection& tx,
                                                          const std::vector<std::string>& names,
                                                          int64_t now, const std::string& field) {
  if (names.size() > 100) {
    std::string msg = "At most 100 tags per customer.";
    return Error::Invalid(msg, {{field, "too_many", msg}});
  }
  std::vector<int64_t> ids;
  for (size_t i = 0; i < names.size(); ++i) {
    ASSIGN_OR_RETURN(std::string name,
                     customers::ParseTagName(names[i], field + "[" + std::to_string(i) + "]"));
    const std::string key = NormalizeForSearch(name);
    ASSIGN_OR_RETURN(std::optional<Tag> existing, store::FindTagByKey(tx, key));
    if (existing) {
      ids.push_back(existing->id);
      continue;
    }
    Tag t;
    t.public_id = NewPublicId("tag");
    t.name = name;
    t.created_at = now;
    ASSIGN_OR_RETURN(int64_t id, store::InsertTag(tx, t, key));
    ids.push_back(id);
  }
  return ids;
}

Result<Group> Service::FindOrCreateGroup(db::Connection& tx, const audit::Actor& actor,
                                         const std::string& raw_name, int64_t now,
                                         const std::string& field, bool* created) {
  *created = false;
  Result<std::string> name = ParseGroupName(raw_name);
  if (!name.ok())
    return Error::Invalid(name.error().message, {{field, "invalid_name", name.error().message}});
  ASSIGN_OR_RETURN(std::optional<Group> found,
                   store::FindGroupByKey(tx, NormalizeForSearch(*name)));
  if (found) return std::move(*found);
  Group g;
  g.public_id = NewPublicId("grp");
  g.name = *name;
  g.created_at = g.updated_at = now;
  ASSIGN_OR_RETURN(g.id, store::InsertGroup(tx, g, NormalizeForSearch(*name)));
  RETURN_IF_ERROR(
      audit::Record(tx, actor, {"group.created", "group", g.public_id, {{"name", *name}}}, now));
  *created = true;
  return g;
}

bool Service::IsGroupName(const std::string& name) { return ParseGroupName(name).ok(); }

Result<std::optional<Tag>> Service::FindTagByName(db::Connection& c, const std::string& name) {
  return store::FindTagByKey(c, NormalizeForSearch(name));
}

Result<std::optional<Group>> Service::FindGroupByName(db::Connection& c, const std::string& name) {
  return store::FindGroupByKey(c, NormalizeForSearch(name));
}

Result<std::vector<std::string>> Service::GroupNames(db::Connection& c) {
  return store::GroupNames(c);
}

Result<std::vector<std::string>> Service::TagNames(db::Connection& c) { return store::TagNames(c); }

}  // namespace clientele::groups
