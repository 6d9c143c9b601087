#include "modules/library/service.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <set>

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/orders/service.hpp"

namespace clientele::library {
namespace {

constexpr int kChunkCustomers = 500;
constexpr int kMaxDownloadable = 1000;

Error EntryNotFound() {
  return Error::NotFound("entry_not_found", "There is no such entry in this customer's library.");
}

Error FileNotFound() {
  return Error::NotFound("file_not_found", "There is no such file among your downloads.");
}

Error Denied(const char* code, const char* message) {
  return Error{ErrorCode::kPermissionDenied, code, message, {}};
}

std::vector<int64_t> ProductIdsOf(const std::vector<orders::BoughtItem>& items) {
  std::set<int64_t> ids;
  for (const auto& i : items) ids.insert(i.product_id);
  return {ids.begin(), ids.end()};
}

// Applies a plan on `tx`; revoked entries carry `reason`.
Status Apply(db::Connection& tx, const Plan& plan, Revoked reason, int64_t now) {
  RETURN_IF_ERROR(store::InsertPurchases(tx, plan.add, now));
  RETURN_IF_ERROR(store::Restore(tx, plan.restore, now));
  return store::Revoke(tx, plan.revoke, reason, now);
}

// A product by public id or SKU.
Result<std::optional<catalog::Product>> FindProduct(db::Connection& c, const std::string& ref) {
  ASSIGN_OR_RETURN(std::optional<catalog::Product> p, catalog::Service::FindByPublicId(c, ref));
  if (p) return p;
  return catalog::Service::FindBySku(c, ref);
}

// Whether the customer may download the product's files now.
Result<bool> Entitled(db::Connection& c, const customers::Customer& customer, int64_t product_id,
                      bool product_digital) {
  if (customer.status != customers::AccountStatus::kActive) return false;
  if (customer.library_all_access && product_digital) return true;
  return store::HasActive(c, customer.id, product_id);
}

}  // namespace

nlohmann::json RebuildReport::ToJson() const {
  return {{"customers", customers},
          {"granted", granted},
          {"restored", restored},
          {"revoked", revoked},
          {"unchanged", unchanged}};
}

Result<Library> Service::Get(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) -> Result<Library> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    Library lib;
    lib.all_access = customer.library_all_access;
    ASSIGN_OR_RETURN(lib.entries, store::ListForCustomer(c, customer.id));
    return lib;
  });
}

Result<DigitalGoods> Service::ReadAllOf(db::Connection& c, int64_t customer_id, int limit) {
  DigitalGoods goods;
  ASSIGN_OR_RETURN(goods.entries, store::ListForCustomer(c, customer_id));
  ASSIGN_OR_RETURN(goods.downloads,
                   store::ListDownloads(c, customer_id, std::nullopt, limit, nullptr));
  ASSIGN_OR_RETURN(goods.wishlist, store::ListWishes(c, customer_id, limit));
  return goods;
}

Result<std::vector<Entry>> Service::Add(const audit::Actor& actor, const std::string& customer_id,
                                        const AddInput& in) {
  std::vector<FieldError> errors;
  auto method = ParseMethod(in.method);
  if (!method || *method == Method::kPurchase) {
    errors.push_back({"method", "invalid_method",
                      "Choose gift or manual; purchases come from the customer's orders."});
  }
  auto note = CleanText(in.note, "note", kMaxNote, true, errors);
  if (Trim(in.product).empty()) {
    errors.push_back({"product", "required", "Choose a digital product."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<std::vector<Entry>> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<catalog::Product> product, FindProduct(tx, Trim(in.product)));
    std::vector<FieldError> errs;
    if (!product) {
      errs.push_back({"product", "unknown_product", "There is no such product."});
    } else if (!product->digital) {
      errs.push_back({"product", "not_digital",
                      product->name + " is not a digital product: there is nothing to download."});
    }
    std::optional<orders::Order> order;
    if (!Trim(in.order).empty()) {
      ASSIGN_OR_RETURN(order, orders::Service::FindOfCustomer(tx, customer.id, Trim(in.order)));
      if (!order) errs.push_back({"order", "unknown_order", "This customer has no such order."});
    }
    if (!errs.empty()) return Error::Invalid("Some fields are not valid.", std::move(errs));
    ASSIGN_OR_RETURN(bool has, store::HasActive(tx, customer.id, product->id));
    if (has) {
      std::string msg = customer.public_id + " has " + product->name + " in the library already.";
      return Error{ErrorCode::kAlreadyExists,
                   "already_in_library",
                   msg,
                   {{"product", "already_in_library", msg}}};
    }
    // The product itself, then a bundle's or combo's digital contents not held yet.
    std::vector<std::pair<int64_t, std::optional<int64_t>>> grants{{product->id, std::nullopt}};
    ASSIGN_OR_RETURN(auto shapes, catalog::Service::ShapesOf(tx, {product->id}));
    for (int64_t part : shapes[product->id].components) {
      if (!shapes.count(part) || !shapes[part].digital) continue;
      ASSIGN_OR_RETURN(bool held, store::HasActive(tx, customer.id, part));
      if (!held) grants.push_back({part, product->id});
    }
    std::vector<int64_t> ids;
    for (const auto& [product_id, via] : grants) {
      Entry e;
      e.public_id = NewPublicId("lib");
      e.customer_id = customer.id;
      e.product_id = product_id;
      e.via_product_id = via;
      e.method = *method;
      if (order) e.order_id = order->id;
      e.note = *note;
      e.granted_at = now;
      e.actor_type = actor.type;
      e.actor_id = actor.id;
      ASSIGN_OR_RETURN(int64_t id, store::InsertEntry(tx, e));
      ids.push_back(id);
    }
    nlohmann::json data = {{"product", product->sku},
                           {"name", product->name},
                           {"method", ToString(*method)},
                           {"entries", ids.size()}};
    if (!note->empty()) data["note"] = *note;
    if (order) data["number"] = order->number;
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"customer.library_entry_added", "customer", customer.public_id, data}, now));
    ASSIGN_OR_RETURN(std::vector<Entry> all, store::ListForCustomer(tx, customer.id));
    std::vector<Entry> added;
    for (auto& e : all) {
      if (std::find(ids.begin(), ids.end(), e.id) != ids.end()) added.push_back(std::move(e));
    }
    return added;
  });
}

Result<Entry> Service::SetNote(const audit::Actor& actor, const std::string& customer_id,
                               const std::string& entry_id, const std::string& note,
                               std::optional<int64_t> if_version) {
  std::vector<FieldError> errors;
  auto clean = CleanText(note, "note", kMaxNote, true, errors);
  if (!clean) return Error::Invalid("Some fields are not valid.", std::move(errors));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Entry> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<Entry> e, store::FindEntry(tx, customer.id, entry_id));
    if (!e) return EntryNotFound();
    if (e->note == *clean) return *e;
    ASSIGN_OR_RETURN(bool written,
                     store::SetNote(tx, e->id, *clean, if_version.value_or(e->version), now));
    if (!written) {
      return Error::Precondition("stale_version",
                                 "Someone changed this entry since you loaded it; reload first.");
    }
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"customer.library_note_changed",
                                   "customer",
                                   customer.public_id,
                                   {{"entry", e->public_id},
                                    {"product", e->product_sku},
                                    {"note", {{"from", e->note}, {"to", *clean}}}}},
                                  now));
    ASSIGN_OR_RETURN(e, store::FindEntry(tx, customer.id, entry_id));
    return *e;
  });
}

Result<Entry> Service::Revoke(const audit::Actor& actor, const std::string& customer_id,
                              const std::string& entry_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Entry> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<Entry> e, store::FindEntry(tx, customer.id, entry_id));
    if (!e) return EntryNotFound();
    if (!e->active()) {
      return Error::Precondition("already_revoked", "This entry is revoked already.");
    }
    RETURN_IF_ERROR(store::Revoke(tx, {e->id}, Revoked::kAdmin, now));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"customer.library_entry_revoked",
                                   "customer",
                                   customer.public_id,
                                   {{"entry", e->public_id},
                                    {"product", e->product_sku},
                                    {"name", e->product_name},
                                    {"method", ToString(e->method)}}},
                                  now));
    ASSIGN_OR_RETURN(e, store::FindEntry(tx, customer.id, entry_id));
    return *e;
  });
}

Result<RebuildReport> Service::RebuildRange(db::Connection& tx, const audit::Actor& actor,
                                            int64_t first, int64_t last, int64_t now,
                                            bool audit_unchanged) {
  ASSIGN_OR_RETURN(std::vector<orders::BoughtItem> items,
                   orders::Service::GrantingItems(tx, first, last));
  ASSIGN_OR_RETURN(auto shapes, catalog::Service::ShapesOf(tx, ProductIdsOf(items)));
  ASSIGN_OR_RETURN(std::vector<Entry> existing, store::PurchaseEntries(tx, first, last));
  const Plan plan = PlanRebuild(Expand(items, shapes), existing);
  RETURN_IF_ERROR(Apply(tx, plan, Revoked::kRebuild, now));
  RebuildReport report;
  report.granted = static_cast<int64_t>(plan.add.size());
  report.restored = static_cast<int64_t>(plan.restore.size());
  report.revoked = static_cast<int64_t>(plan.revoke.size());
  report.unchanged = plan.unchanged;
  // One audit event per customer whose library changed.
  std::map<int64_t, RebuildReport> per_customer;
  std::map<int64_t, int64_t> owner;
  for (const auto& e : existing) owner[e.id] = e.customer_id;
  for (const auto& g : plan.add) ++per_customer[g.customer_id].granted;
  for (int64_t id : plan.restore) ++per_customer[owner[id]].restored;
  for (int64_t id : plan.revoke) ++per_customer[owner[id]].revoked;
  if (audit_unchanged && first == last) per_customer[first];
  std::vector<int64_t> changed;
  for (const auto& [id, r] : per_customer) changed.push_back(id);
  ASSIGN_OR_RETURN(auto public_ids, customers::Service::PublicIdsOf(tx, changed));
  for (const auto& [id, r] : per_customer) {
    RETURN_IF_ERROR(
        audit::Record(tx, actor,
                      {"customer.library_rebuilt",
                       "customer",
                       public_ids[id],
                       {{"granted", r.granted}, {"restored", r.restored}, {"revoked", r.revoked}}},
                      now));
  }
  return report;
}

Result<RebuildReport> Service::Rebuild(const audit::Actor& actor, const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<RebuildReport> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(RebuildReport r, RebuildRange(tx, actor, customer.id, customer.id, now, true));
    r.customers = 1;
    return r;
  });
}

Result<jobs::Job> Service::StartRebuildAll(jobs::Service& jobs, const audit::Actor& actor,
                                           const std::string& actor_name) {
  ASSIGN_OR_RETURN(int64_t total,
                   db_.Read([](db::Connection& c) { return customers::Service::CountAll(c); }));
  return jobs.Start(actor, actor_name, kRebuildJob, nlohmann::json::object(), total);
}

jobs::Kind Service::RebuildJobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kManageLibrary;
  kind.exclusive = true;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) -> Result<jobs::ChunkOutcome> {
    int64_t after = 0;
    if (!job.checkpoint.empty()) {
      std::from_chars(job.checkpoint.data(), job.checkpoint.data() + job.checkpoint.size(), after);
    }
    ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                     customers::Service::IdsAfter(tx, after, kChunkCustomers));
    jobs::ChunkOutcome out;
    out.result = job.result;
    for (const char* k : {"customers", "granted", "restored", "revoked", "unchanged"}) {
      if (!out.result.contains(k)) out.result[k] = 0;
    }
    out.done = job.done;
    out.checkpoint = job.checkpoint;
    if (!ids.empty()) {
      audit::Actor actor;
      actor.type = job.actor_type;
      actor.id = job.actor_id;
      actor.request_id = job.public_id;
      ASSIGN_OR_RETURN(RebuildReport r,
                       RebuildRange(tx, actor, ids.front(), ids.back(), clock_.NowMicros(), false));
      out.result["customers"] =
          out.result["customers"].get<int64_t>() + static_cast<int64_t>(ids.size());
      out.result["granted"] = out.result["granted"].get<int64_t>() + r.granted;
      out.result["restored"] = out.result["restored"].get<int64_t>() + r.restored;
      out.result["revoked"] = out.result["revoked"].get<int64_t>() + r.revoked;
      out.result["unchanged"] = out.result["unchanged"].get<int64_t>() + r.unchanged;
      out.done += static_cast<int64_t>(ids.size());
      out.checkpoint = std::to_string(ids.back());
    }
    out.total = std::max(job.total, out.done);
    out.finished = static_cast<int>(ids.size()) < kChunkCustomers;
    if (out.finished) out.total = out.done;
    return out;
  };
  return kind;
}

Status Service::MoveCustomer(db::Connection& tx, const audit::Actor& actor, int64_t from,
                             int64_t to, int64_t now) {
  RETURN_IF_ERROR(store::MoveCustomer(tx, from, to, now));
  ASSIGN_OR_RETURN(RebuildReport r, RebuildRange(tx, actor, to, to, now, false));
  (void)r;
  return OkStatus();
}

Result<store::Counts> Service::CountsOf(db::Connection& c, int64_t customer_id) {
  return store::CountsOf(c, customer_id);
}

Status Service::OnOrderChanged(db::Connection& tx, int64_t order_id, int64_t now) {
  ASSIGN_OR_RETURN(std::vector<orders::BoughtItem> items,
                   orders::Service::ItemsOfOrder(tx, order_id));
  ASSIGN_OR_RETURN(std::vector<Entry> existing, store::PurchaseEntriesOfOrder(tx, order_id));
  if (items.empty() && existing.empty()) return OkStatus();
  ASSIGN_OR_RETURN(auto shapes, catalog::Service::ShapesOf(tx, ProductIdsOf(items)));
  const Plan plan = PlanRebuild(Expand(items, shapes), existing);
  RETURN_IF_ERROR(Apply(tx, plan, Revoked::kOrder, now));
  if (items.empty()) return OkStatus();
  if (items.front().cancelled) return store::UnmarkOrder(tx, order_id);
  // A wished product counts as bought with any order that has it, a bundle's contents too.
  std::set<int64_t> bought;
  for (const auto& i : items) {
    bought.insert(i.product_id);
    for (int64_t part : shapes[i.product_id].components) bought.insert(part);
  }
  return store::MarkPurchased(tx, items.front().customer_id, {bought.begin(), bought.end()},
                              order_id, items.front().placed_at);
}

Result<std::vector<DownloadableFile>> Service::Downloadable(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) -> Result<std::vector<DownloadableFile>> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    std::vector<DownloadableFile> out;
    if (customer.status != customers::AccountStatus::kActive) return out;
    ASSIGN_OR_RETURN(std::vector<Entry> entries, store::ListForCustomer(c, customer.id));
    std::set<int64_t> ids;
    for (const auto& e : entries) {
      if (e.active()) ids.insert(e.product_id);
    }
    ASSIGN_OR_RETURN(std::vector<catalog::Product> products,
                     catalog::Service::FindByIds(c, {ids.begin(), ids.end()}));
    if (customer.library_all_access) {
      ASSIGN_OR_RETURN(std::vector<catalog::Product> all,
                       catalog::Service::Downloadable(c, kMaxDownloadable));
      for (auto& p : all) {
        if (!ids.count(p.id)) products.push_back(std::move(p));
      }
    }
    for (const auto& p : products) {
      for (const auto& f : p.files) out.push_back({p.public_id, p.name, f});
    }
    return out;
  });
}

Result<std::string> Service::LinkSignature(const std::string& customer_id,
                                           const std::string& file_id, const std::string& expires) {
  return secrets_.Mac("download", customer_id + "\n" + file_id + "\n" + expires);
}

Result<SignedLink> Service::SignLink(const std::string& customer_id, const std::string& file_id) {
  ASSIGN_OR_RETURN(bool allowed, db_.Read([&](db::Connection& c) -> Result<bool> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    ASSIGN_OR_RETURN(std::optional<catalog::FileOfProduct> file,
                     catalog::Service::FindFile(c, file_id));
    if (!file) return false;
    ASSIGN_OR_RETURN(std::optional<catalog::Product> product,
                     catalog::Service::FindByPublicId(c, file->product_public_id));
    return Entitled(c, customer, file->product_id, product && product->digital);
  }));
  if (!allowed) return FileNotFound();
  SignedLink link;
  link.expires_at = clock_.NowMicros() + kLinkSeconds * 1'000'000;
  const std::string expires = std::to_string(link.expires_at / 1'000'000);
  ASSIGN_OR_RETURN(std::string signature, LinkSignature(customer_id, file_id, expires));
  link.url = public_url_ + "/api/store/downloads/" + file_id + "?customer=" + customer_id +
             "&expires=" + expires + "&signature=" + signature;
  return link;
}

Result<Permit> Service::Authorize(const std::string& file_id, const std::string& customer_id,
                                  const std::string& expires, const std::string& signature) {
  ASSIGN_OR_RETURN(std::string expected, LinkSignature(customer_id, file_id, expires));
  if (signature.size() != expected.size() ||
      sodium_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Denied("link_invalid", "This download link is not valid; ask for a new one.");
  }
  int64_t until = 0;
  auto [end, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), until);
  if (ec != std::errc() || end != expires.data() + expires.size() ||
      until * 1'000'000 < clock_.NowMicros()) {
    return Denied("link_expired",
                  "This download link has expired; open your library for a new one.");
  }
  return db_.Read([&](db::Connection& c) -> Result<Permit> {
    const Error not_entitled = Denied("not_entitled", "This file is no longer in your library.");
    auto customer = customers::Service::Find(c, customer_id);
    if (!customer.ok()) return not_entitled;
    ASSIGN_OR_RETURN(std::optional<catalog::FileOfProduct> file,
                     catalog::Service::FindFile(c, file_id));
    if (!file) return not_entitled;
    ASSIGN_OR_RETURN(std::optional<catalog::Product> product,
                     catalog::Service::FindByPublicId(c, file->product_public_id));
    ASSIGN_OR_RETURN(bool ok,
                     Entitled(c, *customer, file->product_id, product && product->digital));
    if (!ok) return not_entitled;
    Permit p;
    p.customer_id = customer->id;
    p.product_id = file->product_id;
    p.path = files_root_ / file->file.storage_path;
    p.media_type = file->file.media_type;
    p.file_name = file->file.name;
    return p;
  });
}

void Service::RecordDownload(const Permit& permit, const store::Download& download) {
  store::Download d = download;
  d.downloaded_at = clock_.NowMicros();
  auto written = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    RETURN_IF_ERROR(store::InsertDownload(tx, permit.customer_id, permit.product_id, d));
    return true;
  });
  if (!written.ok()) {
    spdlog::warn("event=download_log_failed what={}", written.error().message);
  }
}

Result<DownloadPage> Service::Downloads(const std::string& customer_id,
                                        const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(IdPage asked, ReadIdPage(params, "downloads", 200));
  const int limit = asked.limit;
  const std::optional<int64_t> before = asked.before_id;
  return db_.Read([&](db::Connection& c) -> Result<DownloadPage> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    std::vector<int64_t> ids;
    DownloadPage page;
    ASSIGN_OR_RETURN(page.items, store::ListDownloads(c, customer.id, before, limit + 1, &ids));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next_cursor = EncodeCursor({"downloads", ids[limit - 1], ids[limit - 1]});
    }
    return page;
  });
}

Result<Wishlist> Service::WishlistOf(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) -> Result<Wishlist> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    Wishlist w;
    ASSIGN_OR_RETURN(w.items, store::ListWishes(c, customer.id, 500));
    ASSIGN_OR_RETURN(w.counts, store::CountWishes(c, customer.id));
    w.conversion_rate = ConversionRate(w.counts.wished, w.counts.purchased);
    return w;
  });
}

Result<WishlistItem> Service::Wish(const audit::Actor& actor, const std::string& customer_id,
                                   const std::string& product_ref) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<WishlistItem> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(std::optional<catalog::Product> product, FindProduct(tx, Trim(product_ref)));
    if (!product) {
      std::string msg = "There is no such product.";
      return Error::Invalid(msg, {{"product", "unknown_product", msg}});
    }
    ASSIGN_OR_RETURN(std::optional<WishlistItem> open,
                     store::FindOpenWish(tx, customer.id, product->id));
    if (open) return *open;  // wished already: adding again changes nothing
    WishlistItem w;
    w.public_id = NewPublicId("wsh");
    w.customer_id = customer.id;
    w.product_id = product->id;
    w.added_at = now;
    ASSIGN_OR_RETURN(w.id, store::InsertWish(tx, w));
    RETURN_IF_ERROR(
        audit::Record(tx, actor,
                      {"customer.wishlist_added",
                       "customer",
                       customer.public_id,
                       {{"item", w.public_id}, {"product", product->sku}, {"name", product->name}}},
                      now));
    ASSIGN_OR_RETURN(open, store::FindOpenWish(tx, customer.id, product->id));
    return *open;
  });
}

Status Service::Unwish(const audit::Actor& actor, const std::string& customer_id,
                       const std::string& item_id) {
  const int64_t now = clock_.NowMicros();
  auto done = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(bool removed, store::RemoveWish(tx, customer.id, item_id, now));
    if (!removed) {
      return Error::NotFound("wish_not_found", "This product is not on the wishlist.");
    }
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"customer.wishlist_removed", "customer", customer.public_id, {{"item", item_id}}}, now));
    return true;
  });
  if (!done.ok()) return done.error();
  return OkStatus();
}

Result<std::vector<store::ProductWishes>> Service::MostWished(int limit) {
  return db_.Read([&](db::Connection& c) { return store::MostWished(c, limit); });
}

}  // namespace clientele::library
