#include "modules/messages/service.hpp"

#include "core/contact.hpp"
#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/store.hpp"
#include "modules/settings/service.hpp"

namespace clientele::messages {
namespace {

constexpr const char* kCursorSort = "messages";

Error MessageNotFound() {
  return Error::NotFound("message_not_found", "There is no message with this id.");
}
Error TemplateNotFound() {
  return Error::NotFound("template_not_found", "There is no such e-mail template.");
}
Error NoEmail() {
  return Error::Precondition("customer_has_no_email",
                             "This customer has no e-mail address: add one to the profile first.");
}

std::map<std::string, std::string> CommonValues(const settings::Settings& s,
                                                const customers::Customer& c) {
  return {{"store_name", s.store_name},
          {"first_name", c.first_name.empty() ? customers::FullName(c) : c.first_name},
          {"last_name", c.last_name},
          {"full_name", customers::FullName(c)},
          {"email", c.email}};
}

// The languages to look for a store-written version in, best first: the customer's, its base
// language, then the store's default and its base.
std::vector<std::string> LanguageChain(const std::string& customer, const std::string& store) {
  std::vector<std::string> chain;
  auto add = [&](const std::string& tag) {
    if (tag.empty()) return;
    for (const std::string& t : {tag, tag.substr(0, tag.find('-'))}) {
      if (std::find(chain.begin(), chain.end(), t) == chain.end()) chain.push_back(t);
    }
  };
  add(customer);
  add(store);
  return chain;
}

// The text to render for a customer: the store's version in the best language, else built-in.
Result<std::pair<TemplateText, std::string>> ChooseText(db::Connection& c, const std::string& key,
                                                        const std::vector<std::string>& chain) {
  for (const auto& language : chain) {
    ASSIGN_OR_RETURN(std::optional<store::StoredTemplate> t, store::FindTemplate(c, key, language));
    if (t) return std::make_pair(t->text, language);
  }
  return std::make_pair(BuiltInTemplate(key), std::string("en"));
}

Result<std::string> ParseTemplateLanguage(const std::string& raw) {
  return ParseLanguage(raw, "language");
}

// A body that opens with a greeting of its own ("Hello Ana,", "Dear Mr Smith", "Hallo", …).
bool OpensWithGreeting(std::string_view body) {
  static const char* const kGreetings[] = {
      "hello",        "hi",    "hey",   "dear",     "good morning", "good afternoon",
      "good evening", "hallo", "liebe", "lieber",   "sehr geehrte", "guten tag",
      "bonjour",      "salut", "hola",  "ciao",     "buongiorno",   "olá",
      "ola",          "hej",   "hoi",   "goedendag"};
  const std::string start = LowerAscii(Trim(body.substr(0, 40)));
  for (const char* g : kGreetings) {
    const std::string_view greeting = g;
    if (start.rfind(greeting, 0) != 0) continue;
    const char after = start.size() > greeting.size() ? start[greeting.size()] : ' ';
    if (after == ' ' || after == ',' || after == '!' || after == '\n') return true;
  }
  return false;
}

// The text of an HTML snippet without its tags.
std::string StripTags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char ch : html) {
    if (ch == '<') in_tag = true;
    if (!in_tag) out += ch;
    if (ch == '>') in_tag = false;
  }
  return out;
}

// Stands for the body while finding what the template writes before it.
constexpr const char* kMark = "\x01body\x01";

std::map<std::string, std::string> WithBody(std::map<std::string, std::string> values,
                                            const std::string& body) {
  values["body"] = body;
  return values;
}

// `rendered` without the template's greeting: the first paragraph before the body (up to a
// blank line in text, the first <p>…</p> in HTML), when that paragraph is all that comes before
// it. `marked` is the template rendered with kMark as its body. Anything else stays as it is.
std::string WithoutGreeting(const std::string& rendered, const std::string& marked) {
  const size_t at = marked.find(kMark);
  if (at == std::string::npos) return rendered;
  const std::string before = marked.substr(0, at);
  if (rendered.compare(0, before.size(), before) != 0) return rendered;
  std::string_view lead = before;
  std::string keep;  // what opens the body's own paragraph ("<p>")
  if (lead.size() >= 3 && lead.substr(lead.size() - 3) == "<p>") {
    keep = "<p>";
    lead.remove_suffix(3);
  }
  const std::string trimmed = Trim(lead);
  const bool one_paragraph =
      trimmed.find("\n\n") == std::string::npos && trimmed.find("</p>") == trimmed.rfind("</p>");
  if (trimmed.empty() || !one_paragraph || !OpensWithGreeting(StripTags(trimmed))) {
    return rendered;
  }
  return keep + rendered.substr(before.size());
}

}  // namespace

Service::Service(db::Database& db, const Clock& clock, std::string message_id_domain)
    : db_(db), clock_(clock), domain_(std::move(message_id_domain)) {
  if (domain_.empty()) domain_ = "clientele.invalid";
}

Result<Message> Service::Queue(db::Connection& tx, const audit::Actor& actor,
                               const customers::Customer& to, const std::string& template_key,
                               const std::map<std::string, std::string>& values, int64_t now) {
  ASSIGN_OR_RETURN(Message m, Render(tx, actor, to, template_key, values, now));
  ASSIGN_OR_RETURN(m.id, store::Insert(tx, m, std::nullopt));
  return m;
}

Result<Message> Service::QueueToStaff(db::Connection& tx, const audit::Actor& actor,
                                      const std::string& address, const std::string& name,
                                      const std::string& template_key,
                                      const std::map<std::string, std::string>& values,
                                      int64_t now) {
  customers::Customer staff;  // only what a template reads: the name and the address
  staff.email = address;
  staff.first_name = name;
  ASSIGN_OR_RETURN(Message m, Render(tx, actor, staff, template_key, values, now));
  m.customer_id = std::nullopt;
  m.customer_public_id.clear();
  ASSIGN_OR_RETURN(m.id, store::Insert(tx, m, std::nullopt));
  return m;
}

Result<Message> Service::Render(db::Connection& tx, const audit::Actor& actor,
                                const customers::Customer& to, const std::string& template_key,
                                const std::map<std::string, std::string>& values, int64_t now) {
  if (!FindTemplateSpec(template_key)) return TemplateNotFound();
  if (to.email.empty()) return NoEmail();
  ASSIGN_OR_RETURN(settings::Settings store_settings, settings::Service::Read(tx));
  ASSIGN_OR_RETURN(
      auto chosen,
      ChooseText(tx, template_key, LanguageChain(to.language, store_settings.default_language)));
  std::map<std::string, std::string> all = CommonValues(store_settings, to);
  for (const auto& [k, v] : values) all[k] = v;
  const TemplateText& text = chosen.first;
  Message m;
  m.public_id = NewPublicId("msg");
  m.message_id = m.public_id + "@" + domain_;
  m.customer_id = to.id;
  m.customer_public_id = to.public_id;
  m.to_address = to.email;
  m.to_name = customers::FullName(to);
  // A subject is one line whatever the values hold.
  std::string subject = RenderText(text.subject, all);
  for (char& ch : subject) {
    if (ch == '\r' || ch == '\n') ch = ' ';
  }
  m.subject = Trim(subject);
  m.body_text = RenderText(text.body_text, all);
  m.body_html = RenderHtml(text.body_html, all);
  if (template_key == kAdminMessage && OpensWithGreeting(all["body"])) {
    // The admin greeted the customer: the template's own greeting would say it twice.
    m.body_text = WithoutGreeting(m.body_text, RenderText(text.body_text, WithBody(all, kMark)));
    m.body_html = WithoutGreeting(m.body_html, RenderHtml(text.body_html, WithBody(all, kMark)));
  }
  m.template_key = template_key;
  m.language = chosen.second;
  m.next_attempt_at = now;
  m.actor_type = actor.type;
  m.actor_id = actor.id;
  m.created_at = m.updated_at = now;
  return m;
}

Result<Message> Service::QueueSms(db::Connection& tx, const audit::Actor& actor,
                                  const customers::Customer& to, const std::string& phone,
                                  const std::string& template_key, const std::string& text,
                                  int64_t now) {
  Message m;
  m.public_id = NewPublicId("msg");
  m.message_id = m.public_id + "@" + domain_;
  m.channel = Channel::kSms;
  m.customer_id = to.id;
  m.customer_public_id = to.public_id;
  m.to_address = phone;
  m.to_name = customers::FullName(to);
  m.body_text = text;
  m.template_key = template_key;
  m.language = to.language;
  m.next_attempt_at = now;
  m.actor_type = actor.type;
  m.actor_id = actor.id;
  m.created_at = m.updated_at = now;
  ASSIGN_OR_RETURN(m.id, store::Insert(tx, m, std::nullopt));
  return m;
}

Status Service::EraseCustomers(db::Connection& tx, const std::vector<int64_t>& customer_ids,
                               const std::vector<int64_t>& keep) {
  return store::EraseCustomers(tx, customer_ids, keep);
}

Status Service::MoveToCustomer(db::Connection& tx, int64_t from_customer, int64_t to_customer) {
  return store::MoveToCustomer(tx, from_customer, to_customer);
}

Result<int64_t> Service::CountOf(db::Connection& c, int64_t customer_id) {
  return store::CountOf(c, customer_id);
}

Result<Message> Service::PreviewCompose(const std::string& customer_id, const std::string& subject,
                                        const std::string& body) {
  ASSIGN_OR_RETURN(Composition composed, ParseComposition(subject, body));
  const int64_t now = clock_.NowMicros();
  return db_.Read([&](db::Connection& c) -> Result<Message> {
    ASSIGN_OR_RETURN(customers::Customer to, customers::Service::Find(c, customer_id));
    return Render(c, audit::Actor{}, to, kAdminMessage,
                  {{"subject", composed.subject}, {"body", composed.body}}, now);
  });
}

Result<Message> Service::Compose(const audit::Actor& actor, const std::string& customer_id,
                                 const std::string& subject, const std::string& body) {
  ASSIGN_OR_RETURN(Composition composed, ParseComposition(subject, body));
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(Message m, db_.Transaction([&](db::Connection& tx) -> Result<Message> {
    ASSIGN_OR_RETURN(customers::Customer to, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(Message queued,
                     Queue(tx, actor, to, kAdminMessage,
                           {{"subject", composed.subject}, {"body", composed.body}}, now));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"message.queued",
                                   "customer",
                                   to.public_id,
                                   {{"message", queued.public_id},
                                    {"template", queued.template_key},
                                    {"subject", queued.subject}}},
                                  now));
    return queued;
  }));
  NotifyQueued();
  return m;
}

Result<Message> Service::Resend(const audit::Actor& actor, const std::string& message_id,
                                NewAddress new_address) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(Message m, db_.Transaction([&](db::Connection& tx) -> Result<Message> {
    ASSIGN_OR_RETURN(std::optional<Message> original, store::FindByPublicId(tx, message_id));
    if (!original) return MessageNotFound();
    if (CarriesOneTimeLink(original->template_key)) {
      return Error::Precondition("not_resendable",
                                 "This e-mail carried a one-time link; send a new one instead.");
    }
    // A copy of a message still waiting would reach the customer twice once sending works.
    if (original->status == MessageStatus::kQueued) {
      return Error::Precondition("still_queued",
                                 "This message has not gone out yet; it is sent as soon as e-mail "
                                 "sending works. Resend it once it is sent or has failed.");
    }
    Message copy = *original;
    if (!original->customer_public_id.empty()) {
      ASSIGN_OR_RETURN(customers::Customer to,
                       customers::Service::Find(tx, original->customer_public_id));
      if (to.email.empty()) return NoEmail();
      copy.to_address = to.email;
      copy.to_name = customers::FullName(to);
    }
    auto key = [](const std::string& a) { return ParseEmail(a).ok() ? ParseEmail(a)->key : a; };
    const bool redirected = key(copy.to_address) != key(original->to_address);
    if (redirected && new_address == NewAddress::kRefused) {
      return Error{ErrorCode::kPermissionDenied,
                   "address_changed",
                   "The customer's e-mail address changed since this message was sent; resending "
                   "it to the new address needs the permission to edit customers.",
                   {}};
    }
    copy.public_id = NewPublicId("msg");
    copy.message_id = copy.public_id + "@" + domain_;
    copy.next_attempt_at = now;
    copy.actor_type = actor.type;
    copy.actor_id = actor.id;
    copy.created_at = copy.updated_at = now;
    ASSIGN_OR_RETURN(copy.id, store::Insert(tx, copy, original->id));
    copy.status = MessageStatus::kQueued;
    copy.attempts = 0;
    copy.last_error.clear();
    copy.sent_at.reset();
    copy.claimed_until.reset();
    copy.resend_of_public_id = original->public_id;
    const bool of_customer = !copy.customer_public_id.empty();
    nlohmann::json changes = {
        {"message", copy.public_id}, {"resend_of", original->public_id}, {"subject", copy.subject}};
    if (redirected) changes["to"] = {{"from", original->to_address}, {"to", copy.to_address}};
    RETURN_IF_ERROR(
        audit::Record(tx, actor,
                      {"message.resent", of_customer ? "customer" : "message",
                       of_customer ? copy.customer_public_id : original->public_id, changes},
                      now));
    return copy;
  }));
  NotifyQueued();
  return m;
}

Result<Page> Service::RunList(std::map<std::string, std::string> params,
                              std::optional<int64_t> customer_id) {
  store::Filter f;
  f.customer_id = customer_id;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "status") {
      f.status = ParseMessageStatus(value);
      if (!f.status) errors.push_back({name, "invalid_status", "Use queued, sent or failed."});
    } else if (name == "template") {
      if (!FindTemplateSpec(value)) {
        errors.push_back({name, "invalid_template", "There is no such e-mail template."});
      }
      f.template_key = value;
    } else if (name == "recipient" || name == "subject") {
      if (value.size() > 200) {
        errors.push_back({name, "too_long", "Search for at most 200 characters."});
      }
      (name == "recipient" ? f.recipient : f.subject) = value;
    } else if (name == "from" || name == "to") {
      auto t = ParseInstant(value, name);
      if (!t.ok()) {
        errors.push_back(t.error().fields.at(0));
      } else {
        (name == "from" ? f.from : f.to) = *t;
      }
    } else if (name == "limit") {
      if (auto limit = ReadPageSize(value, kMaxPageSize, errors)) f.limit = *limit;
    } else if (name == "cursor") {
      if (auto c = ReadCursor(value, kCursorSort, errors)) f.before_id = c->id;
    } else if (name == "customer" && !customer_id) {
      // Resolved below, on the read connection.
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  const int limit = f.limit;
  f.limit = limit + 1;
  ASSIGN_OR_RETURN(std::vector<Message> rows,
                   db_.Read([&](db::Connection& c) -> Result<std::vector<Message>> {
                     if (!customer_id && !params["customer"].empty()) {
                       auto to = customers::Service::Find(c, params["customer"]);
                       if (!to.ok()) {
                         std::string msg = "There is no customer with this id.";
                         return Error::Invalid(msg, {{"customer", "customer_not_found", msg}});
                       }
                       f.customer_id = to->id;
                     }
                     return store::List(c, f);
                   }));
  Page page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor({kCursorSort, rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<Page> Service::List(const std::map<std::string, std::string>& params) {
  return RunList(params, std::nullopt);
}

Result<Page> Service::ListForCustomer(const std::string& customer_id,
                                      const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(customers::Customer c, db_.Read([&](db::Connection& conn) {
    return customers::Service::Find(conn, customer_id);
  }));
  return RunList(params, c.id);
}

Result<std::vector<Message>> Service::ReadLogOf(db::Connection& c, int64_t customer_id, int limit) {
  store::Filter f;
  f.customer_id = customer_id;
  f.limit = limit;
  return store::List(c, f);
}

Result<Message> Service::Get(const std::string& message_id) {
  if (!IsPublicId(message_id, "msg")) return MessageNotFound();
  ASSIGN_OR_RETURN(std::optional<Message> m, db_.Read([&](db::Connection& c) {
    return store::FindByPublicId(c, message_id);
  }));
  if (!m) return MessageNotFound();
  return std::move(*m);
}

Result<std::vector<TemplateInfo>> Service::ListTemplates() {
  ASSIGN_OR_RETURN(std::vector<store::StoredTemplate> stored,
                   db_.Read([](db::Connection& c) { return store::ListTemplates(c); }));
  std::vector<TemplateInfo> out;
  for (const auto& spec : TemplateSpecs()) {
    TemplateInfo info{spec, {}};
    for (const auto& t : stored) {
      if (t.template_key == spec.key) info.languages.push_back(t.language);
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<TemplateVersion> Service::GetTemplate(const std::string& key, const std::string& raw_lang) {
  if (!FindTemplateSpec(key)) return TemplateNotFound();
  ASSIGN_OR_RETURN(std::string language, ParseTemplateLanguage(raw_lang));
  ASSIGN_OR_RETURN(std::optional<store::StoredTemplate> t, db_.Read([&](db::Connection& c) {
    return store::FindTemplate(c, key, language);
  }));
  if (t) return TemplateVersion{key, language, t->text, true, t->updated_at};
  return TemplateVersion{key, language, BuiltInTemplate(key), false, std::nullopt};
}

Result<TemplateVersion> Service::SaveTemplate(const audit::Actor& actor, const std::string& key,
                                              const std::string& raw_lang,
                                              const TemplateText& raw_text) {
  const TemplateSpec* spec = FindTemplateSpec(key);
  if (!spec) return TemplateNotFound();
  ASSIGN_OR_RETURN(std::string language, ParseTemplateLanguage(raw_lang));
  TemplateText text = raw_text;
  text.subject = Trim(text.subject);
  RETURN_IF_ERROR(CheckTemplate(*spec, text));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<TemplateVersion> {
    ASSIGN_OR_RETURN(std::optional<store::StoredTemplate> before,
                     store::FindTemplate(tx, key, language));
    RETURN_IF_ERROR(store::SaveTemplate(tx, {key, language, text, now}));
    const TemplateText old = before ? before->text : BuiltInTemplate(key);
    nlohmann::json changes = nlohmann::json::object();
    if (old.subject != text.subject)
      changes["subject"] = {{"from", old.subject}, {"to", text.subject}};
    if (old.body_text != text.body_text) changes["body_text"] = "changed";
    if (old.body_html != text.body_html) changes["body_html"] = "changed";
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"email_template.saved", "email_template", key + "/" + language, changes}, now));
    return TemplateVersion{key, language, text, true, now};
  });
}

Status Service::ResetTemplate(const audit::Actor& actor, const std::string& key,
                              const std::string& raw_lang) {
  if (!FindTemplateSpec(key)) return TemplateNotFound();
  ASSIGN_OR_RETURN(std::string language, ParseTemplateLanguage(raw_lang));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(bool deleted, store::DeleteTemplate(tx, key, language));
    if (!deleted) {
      return Error::NotFound("template_not_edited",
                             "This template has no edited version in this language.");
    }
    return audit::Record(tx, actor,
                         {"email_template.reset", "email_template", key + "/" + language, {}}, now);
  });
}

Result<Preview> Service::PreviewTemplate(const std::string& key, const TemplateText& text) {
  const TemplateSpec* spec = FindTemplateSpec(key);
  if (!spec) return TemplateNotFound();
  RETURN_IF_ERROR(CheckTemplate(*spec, text));
  ASSIGN_OR_RETURN(settings::Settings s,
                   db_.Read([](db::Connection& c) { return settings::Service::Read(c); }));
  customers::Customer sample;
  sample.first_name = "Ada";
  sample.last_name = "Lovelace";
  sample.email = "ada@example.com";
  std::map<std::string, std::string> values = CommonValues(s, sample);
  const std::map<std::string, std::string> samples = {
      {"link", "https://shop.example.com/account/…"},
      {"reason", "Repeated chargebacks"},
      {"amount", "+10.00 EUR"},
      {"balance", "25.00 EUR"},
      {"subject", "About your order"},
      {"body", "Thank you for your order.\nIt leaves our warehouse tomorrow."}};
  for (const auto& name : spec->placeholders) values[name] = samples.at(name);
  return Preview{RenderText(Trim(text.subject), values), RenderText(text.body_text, values),
                 RenderHtml(text.body_html, values)};
}

Result<std::vector<Message>> Service::ClaimDue(int limit, int64_t hold_seconds,
                                               const std::vector<Channel>& channels) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) {
    return store::ClaimDue(tx, now, now + hold_seconds * 1'000'000, limit, channels);
  });
}

Status Service::RecordSent(const Message& m) {
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::MarkSent(tx, m.id, now));
    return EraseIfOrphaned(tx, m);
  }));
  return CheckpointIfOrphaned(m);
}

Status Service::CheckpointIfOrphaned(const Message& m) {
  // The erased address must not linger in the write-ahead log either.
  if (m.template_key != "account_deleted" || m.customer_id) return OkStatus();
  return db_.Checkpoint();
}

// The deletion notice of an erased customer is the last to hold their address: it goes once
// the notice is delivered or given up on.
Status Service::EraseIfOrphaned(db::Connection& tx, const Message& m) {
  if (m.template_key != "account_deleted" || m.customer_id) return OkStatus();
  return store::EraseContent(tx, m.id);
}

Status Service::RecordFailure(const Message& m, const std::string& error, bool permanent) {
  const int64_t now = clock_.NowMicros();
  std::optional<int64_t> next;
  if (!permanent && m.attempts < rules_.max_attempts) {
    next = now +
           RetryDelaySeconds(static_cast<int>(m.attempts), rules_.retry_base_seconds) * 1'000'000;
  }
  std::string reason = error.substr(0, 500);
  if (!next && !permanent)
    reason = "Gave up after " + std::to_string(m.attempts) + " attempts: " + reason;
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::MarkAttemptFailed(tx, m.id, reason, next, now));
    return next ? OkStatus() : EraseIfOrphaned(tx, m);
  }));
  return next ? OkStatus() : CheckpointIfOrphaned(m);
}

}  // namespace clientele::messages
