#include "modules/notes/service.hpp"

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/customers/service.hpp"
#include "modules/notes/store.hpp"

namespace clientele::notes {
namespace {

Error NoteNotFound() { return Error::NotFound("note_not_found", "There is no such note."); }

Error StaleNote() {
  return Error::Precondition("stale_version",
                             "Someone changed this note since you loaded it; reload first.");
}

Error NotTheAuthor(const char* what) {
  return {ErrorCode::kPermissionDenied, "not_note_author", what, {}};
}

// The body as typed: clean text of several lines, trimmed, not empty, at most kMaxBody.
Result<std::string> CleanBody(const std::string& raw) {
  std::vector<FieldError> errors;
  auto clean = CleanText(raw, "body", kMaxBody, true, errors);
  if (clean) {
    *clean = Trim(*clean);
    if (clean->empty()) errors.push_back({"body", "required", "Write the note."});
  }
  if (!errors.empty()) return Error::Invalid("The note is not valid.", std::move(errors));
  return *clean;
}

}  // namespace

Result<Page> Service::List(const std::string& customer_id,
                           const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(IdPage asked, ReadIdPage(params, "notes", 200));
  const int limit = asked.limit;
  return db_.Read([&](db::Connection& c) -> Result<Page> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    Page page;
    ASSIGN_OR_RETURN(page.items,
                     store::ListForCustomer(c, customer.id, asked.before_id, limit + 1));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      const int64_t last = page.items.back().id;
      page.next_cursor = EncodeCursor({"notes", last, last});
    }
    return page;
  });
}

Result<Note> Service::Add(const Author& author, const audit::Actor& actor,
                          const std::string& customer_id, const std::string& body) {
  ASSIGN_OR_RETURN(std::string clean, CleanBody(body));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Note> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    Note n;
    n.public_id = NewPublicId("note");
    n.customer_id = customer.id;
    n.body = clean;
    n.author_id = author.admin_id;
    n.via_token = author.via_token;
    n.created_at = now;
    ASSIGN_OR_RETURN(n.id, store::Insert(tx, n));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"customer.note_added",
                                   "customer",
                                   customer.public_id,
                                   {{"note", n.public_id}, {"body", clean}}},
                                  now));
    ASSIGN_OR_RETURN(std::optional<Note> stored, store::Find(tx, customer.id, n.public_id));
    return *stored;
  });
}

Result<Note> Service::Edit(const Author& author, const audit::Actor& actor,
                           const std::string& customer_id, const std::string& note_id,
                           const std::string& body, std::optional<int64_t> if_version) {
  ASSIGN_OR_RETURN(std::string clean, CleanBody(body));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Note> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<Note> n, store::Find(tx, customer.id, note_id));
    if (!n) return NoteNotFound();
    if (n->author_id != author.admin_id) {
      return NotTheAuthor("Only the note's author can change it.");
    }
    if (if_version && *if_version != n->version) {
      return StaleNote();
    }
    if (n->body == clean) return *n;
    ASSIGN_OR_RETURN(bool written, store::SetBody(tx, n->id, clean, now, n->version));
    if (!written) {
      return StaleNote();
    }
    RETURN_IF_ERROR(
        audit::Record(tx, actor,
                      {"customer.note_edited",
                       "customer",
                       customer.public_id,
                       {{"note", n->public_id}, {"body", {{"from", n->body}, {"to", clean}}}}},
                      now));
    ASSIGN_OR_RETURN(n, store::Find(tx, customer.id, note_id));
    return *n;
  });
}

Status Service::Delete(const Author& author, const audit::Actor& actor,
                       const std::string& customer_id, const std::string& note_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<Note> n, store::Find(tx, customer.id, note_id));
    if (!n) return NoteNotFound();
    if (n->author_id != author.admin_id && !author.owner) {
      return NotTheAuthor("Only the note's author or an owner can delete it.");
    }
    RETURN_IF_ERROR(store::Delete(tx, n->id));
    return audit::Record(tx, actor,
                         {"customer.note_deleted",
                          "customer",
                          customer.public_id,
                          {{"note", n->public_id}, {"body", n->body}}},
                         now);
  });
}

Result<std::vector<Note>> Service::ReadAllOf(db::Connection& c, int64_t customer_id, int max) {
  return store::ListForCustomer(c, customer_id, std::nullopt, max);
}

Result<int64_t> Service::CountOf(db::Connection& c, int64_t customer_id) {
  return store::CountFor(c, customer_id);
}

Status Service::MoveToCustomer(db::Connection& tx, int64_t from_customer, int64_t to_customer) {
  return store::MoveToCustomer(tx, from_customer, to_customer);
}

}  // namespace clientele::notes
