#include "flows/privacy/customer_data.hpp"

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "formats/html_table.hpp"
#include "modules/accounts/service.hpp"
#include "modules/addresses/routes.hpp"
#include "modules/addresses/service.hpp"
#include "modules/audit/query.hpp"
#include "modules/audit/routes.hpp"
#include "modules/customers/routes.hpp"
#include "modules/customers/service.hpp"
#include "modules/library/routes.hpp"
#include "modules/library/service.hpp"
#include "modules/messages/routes.hpp"
#include "modules/messages/service.hpp"
#include "modules/notes/routes.hpp"
#include "modules/notes/service.hpp"
#include "modules/orders/routes.hpp"
#include "modules/orders/service.hpp"
#include "modules/settings/service.hpp"
#include "modules/wallet/routes.hpp"
#include "modules/wallet/service.hpp"

namespace clientele::flows {
namespace {

// What the store holds about one customer, as the modules read it.
struct Collected {
  settings::Settings settings;
  customers::Customer customer;
  addresses::CustomerDefaults defaults;
  addresses::Book book;
  accounts::AccountRecord account;
  std::vector<messages::Message> messages;
  std::vector<orders::Order> orders;
  std::vector<orders::Transaction> transactions;
  wallet::Wallet wallet;
  library::DigitalGoods goods;
  std::vector<notes::Note> staff_notes;
  std::vector<audit::EventView> activity;
};

// Every module's part on one read, so that the sections agree with each other.
Result<Collected> Collect(db::Connection& c, const std::string& customer_id, int64_t now) {
  constexpr int kMax = CustomerData::kMaxRows;
  Collected d;
  ASSIGN_OR_RETURN(d.customer, customers::Service::Find(c, customer_id));
  const int64_t id = d.customer.id;
  ASSIGN_OR_RETURN(d.settings, settings::Service::Read(c));
  ASSIGN_OR_RETURN(auto defaults, addresses::Service::ReadDefaults(c, {id}));
  if (auto it = defaults.find(id); it != defaults.end()) d.defaults = std::move(it->second);
  ASSIGN_OR_RETURN(d.book, addresses::Service::ReadBook(c, d.customer.public_id));
  ASSIGN_OR_RETURN(d.account, accounts::Service::ReadRecord(c, id, now));
  ASSIGN_OR_RETURN(d.messages, messages::Service::ReadLogOf(c, id, kMax));
  ASSIGN_OR_RETURN(d.orders, orders::Service::ReadOrdersOf(c, id, kMax));
  ASSIGN_OR_RETURN(d.transactions, orders::Service::ReadTransactionsOf(c, id, kMax));
  ASSIGN_OR_RETURN(d.wallet, wallet::Service::Read(c, id, now, kMax));
  ASSIGN_OR_RETURN(d.goods, library::Service::ReadAllOf(c, id, kMax));
  ASSIGN_OR_RETURN(d.staff_notes, notes::Service::ReadAllOf(c, id, kMax));
  audit::EventFilter about;
  about.target_type = "customer";
  about.target_id = d.customer.public_id;
  about.include_views = true;  // who looked at the customer's data is theirs to know
  about.limit = kMax;
  ASSIGN_OR_RETURN(d.activity, audit::ListEvents(c, about));
  return d;
}

nlohmann::json Instant(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(FormatInstant(*v)) : nlohmann::json(nullptr);
}

nlohmann::json ProfileJson(const Collected& d) {
  JsonWriter w;
  customers::WriteJson(w, d.customer, &d.defaults, customers::AddressDetail::kSummary);
  nlohmann::json out = nlohmann::json::parse(w.Take());
  // The names the shopper's download had before it showed the admin's record; kept for
  // whoever reads them.
  out["consent_email"] = d.customer.consent_email;
  out["consent_sms"] = d.customer.consent_sms;
  out["email_verified"] = d.account.state.email_verified_at.has_value();
  out["second_factor"] = d.account.state.second_factor;
  return out;
}

// The account's state in words of what it means to the customer; no credential, nor any
// flag named after one.
nlohmann::json AccountJson(const accounts::AccountState& a) {
  return {{"email_verified", a.email_verified_at.has_value()},
          {"email_verified_at", Instant(a.email_verified_at)},
          {"pending_email",
           a.pending_email.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.pending_email)},
          {"second_factor", a.second_factor},
          {"recovery_codes_left", a.recovery_codes_left},
          {"active_sessions", a.active_sessions},
          {"last_seen_at", Instant(a.last_seen_at)},
          {"deletion_requested_at", Instant(a.deletion_requested_at)},
          {"assistance_allowed", a.assistance_allowed_at.has_value()},
          {"assistance_allowed_at", Instant(a.assistance_allowed_at)}};
}

// The orders, each with its payments and refunds; the transactions of no order of the
// customer's (manual entries) go to `loose`.
nlohmann::json OrdersJson(const Collected& d, nlohmann::json& loose) {
  std::map<std::string, nlohmann::json> of_order;
  for (const auto& o : d.orders) of_order[o.public_id] = nlohmann::json::array();
  for (const auto& t : d.transactions) {
    auto it = of_order.find(t.order_public_id);
    (it == of_order.end() ? loose : it->second).push_back(orders::TransactionJson(t));
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : d.orders) {
    // No links: they carry the order's token, which is the store's credential, not data.
    nlohmann::json order = orders::OrderJson(o, nullptr);
    order["transactions"] = std::move(of_order[o.public_id]);
    out.push_back(std::move(order));
  }
  return out;
}

nlohmann::json DocumentOf(const Collected& d, int64_t now) {
  nlohmann::json doc;
  doc["exported_at"] = FormatInstant(now);
  doc["profile"] = ProfileJson(d);
  doc["account"] = AccountJson(d.account.state);
  {
    JsonWriter w;
    w.BeginArray();
    for (const auto& a : d.book.items) addresses::WriteJson(w, a);
    w.EndArray();
    doc["addresses"] = nlohmann::json::parse(w.Take());
  }
  doc["sessions"] = nlohmann::json::array();
  for (const auto& s : d.account.sessions) {
    doc["sessions"].push_back({{"device", s.device},
                               {"ip", s.ip},
                               {"created_at", FormatInstant(s.created_at)},
                               {"last_seen_at", FormatInstant(s.last_seen_at)}});
  }
  doc["consent_history"] = nlohmann::json::array();
  for (const auto& e : d.account.consents) {
    doc["consent_history"].push_back({{"channel", e.channel},
                                      {"granted", e.granted},
                                      {"source", e.source},
                                      {"ip", e.ip},
                                      {"recorded_at", FormatInstant(e.recorded_at)}});
  }
  doc["messages"] = nlohmann::json::array();
  for (const auto& m : d.messages) {
    doc["messages"].push_back(messages::MessageJson(m, messages::MessageContent::kLeaveOut));
  }
  nlohmann::json loose = nlohmann::json::array();
  doc["orders"] = OrdersJson(d, loose);
  doc["transactions_without_order"] = std::move(loose);
  doc["wallet"] = wallet::WalletJson(d.wallet, now);
  doc["library"] = nlohmann::json::array();
  for (const auto& e : d.goods.entries) doc["library"].push_back(library::EntryJson(e));
  doc["downloads"] = nlohmann::json::array();
  for (const auto& x : d.goods.downloads) doc["downloads"].push_back(library::DownloadJson(x));
  doc["wishlist"] = nlohmann::json::array();
  for (const auto& w : d.goods.wishlist) doc["wishlist"].push_back(library::WishJson(w));
  doc["staff_notes"] = nlohmann::json::array();
  for (const auto& n : d.staff_notes) {
    // The author by name: who wrote about the customer, not the admin's internal id.
    nlohmann::json note = notes::NoteJson(n);
    note["author"] = n.author_name;
    note.erase("version");
    doc["staff_notes"].push_back(std::move(note));
  }
  {
    JsonWriter w;
    w.BeginArray();
    for (const auto& e : d.activity) audit::WriteEventJson(w, e, audit::EventDetail::kSubject);
    w.EndArray();
    doc["activity"] = nlohmann::json::parse(w.Take());
  }
  return doc;
}

// The page's sections in reading order, with their headings.
struct Section {
  const char* key;
  const char* heading;
};
constexpr Section kSections[] = {
    {"profile", "Profile"},
    {"account", "Sign-in account"},
    {"addresses", "Addresses"},
    {"sessions", "Sessions"},
    {"consent_history", "Consent history"},
    {"messages", "Messages"},
    {"orders", "Orders"},
    {"transactions_without_order", "Transactions without an order"},
    {"wallet", "Store credit"},
    {"library", "Library"},
    {"downloads", "Downloads"},
    {"wishlist", "Wishlist"},
    {"staff_notes", "Staff notes"},
    {"activity", "Activity"},
};

// "first_name" → "First name".
std::string Label(std::string_view key) {
  std::string out(key);
  for (char& ch : out) {
    if (ch == '_') ch = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

bool IsTable(const nlohmann::json& v) {
  if (!v.is_array() || v.empty()) return false;
  for (const auto& e : v) {
    if (!e.is_object()) return false;
  }
  return true;
}

// Objects and lists of objects stand as blocks; everything else is a line of text.
bool IsBlock(const nlohmann::json& v) { return (v.is_object() && !v.empty()) || IsTable(v); }

std::string ValueHtml(const nlohmann::json& v);

std::string DefinitionList(const nlohmann::json& object) {
  std::string out = "<dl>\n";
  for (const auto& [key, value] : object.items()) {
    out +=
        "<dt>" + HtmlEscape(Label(key)) + "</dt><dd dir=\"auto\">" + ValueHtml(value) + "</dd>\n";
  }
  return out + "</dl>\n";
}

// A list of objects: a column per key, in the order the keys first appear.
std::string Table(const nlohmann::json& rows) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const auto& row : rows) {
    for (const auto& [key, value] : row.items()) {
      if (seen.insert(key).second) columns.push_back(key);
    }
  }
  std::string out = "<table>\n<thead><tr>";
  for (const auto& c : columns) out += "<th scope=\"col\">" + HtmlEscape(Label(c)) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& c : columns) {
      auto it = row.find(c);
      out += "<td dir=\"auto\">" + (it == row.end() ? std::string() : ValueHtml(*it)) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string ValueHtml(const nlohmann::json& v) {
  if (v.is_null()) return "—";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    return text.empty() ? "—" : HtmlEscape(text);
  }
  if (v.is_number()) return v.dump();
  if (v.is_object()) return v.empty() ? "—" : DefinitionList(v);
  if (v.empty()) return "none";
  if (IsTable(v)) return Table(v);
  std::string out;
  for (const auto& e : v) out += (out.empty() ? "" : ", ") + ValueHtml(e);
  return out;
}

std::string SectionHtml(std::string_view heading, const nlohmann::json& v) {
  std::string body = ValueHtml(v);
  if (!IsBlock(v))
    body = "<p>" + (v.is_array() && v.empty() ? std::string("None.") : body) + "</p>\n";
  return "<section>\n<h2>" + HtmlEscape(heading) + "</h2>\n" + body + "</section>\n";
}

}  // namespace

Result<CustomerData::Format> ParseCustomerDataFormat(std::string_view text) {
  if (text.empty() || text == "json") return CustomerData::Format::kJson;
  if (text == "html") return CustomerData::Format::kHtml;
  std::string msg = "Choose json or html.";
  return Error::Invalid(msg, {{"format", "invalid_format", msg}});
}

std::string RenderCustomerDataHtml(const nlohmann::json& document, std::string_view store_name,
                                   std::string_view date) {
  std::string name;
  if (auto p = document.find("profile"); p != document.end() && p->is_object()) {
    for (const char* key : {"full_name", "email", "phone", "id"}) {
      name = p->value(key, "");
      if (!name.empty()) break;
    }
  }
  std::vector<std::string> lines;
  if (!store_name.empty()) lines.emplace_back(store_name);
  lines.push_back("Exported on " + std::string(date));
  std::string out = formats::HtmlPageHead("Data held about " + name, lines);
  std::set<std::string> shown = {"exported_at"};
  for (const auto& s : kSections) {
    shown.insert(s.key);
    if (auto it = document.find(s.key); it != document.end()) out += SectionHtml(s.heading, *it);
  }
  // A section added to the document later is on the page too, under its key.
  for (const auto& [key, value] : document.items()) {
    if (!shown.count(key)) out += SectionHtml(Label(key), value);
  }
  return out + formats::HtmlPageFoot();
}

Result<CustomerDataFile> CustomerData::Export(const audit::Actor& actor,
                                              const std::string& customer_id, Format format) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(Collected data,
                   db_.Read([&](db::Connection& c) { return Collect(c, customer_id, now); }));
  const nlohmann::json document = DocumentOf(data, now);
  CustomerDataFile file;
  file.customer_id = data.customer.public_id;
  if (format == Format::kHtml) {
    file.extension = "html";
    file.media_type = "text/html; charset=utf-8";
    file.body = RenderCustomerDataHtml(document, data.settings.store_name,
                                       LocalDate(now, data.settings.time_zone));
  } else {
    file.extension = "json";
    file.media_type = "application/json";
    file.body = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // Recorded once the file is made: every export that leaves the store is in the trail.
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) {
    return audit::Record(
        tx, actor,
        {"customer.data_exported", "customer", file.customer_id, {{"format", file.extension}}},
        now);
  }));
  return file;
}

}  // namespace clientele::flows
