// E-mail over HTTP against the real binary and a real SMTP server (maildev, started by
// scripts/test.sh; CLIENTELE_TEST_SMTP=host:port, CLIENTELE_TEST_MAILDEV=http://host:port), on
// SQLite and on PostgreSQL: what an admin writes arrives once with its Message-ID, a crash
// between queueing and delivery loses nothing and sends nothing twice, unreachable servers are
// retried and then given up on, and templates follow the customer's language.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <set>
#include <thread>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Polls `done` for up to `seconds`; returns whether it became true.
bool WaitFor(const std::function<bool()>& done, double seconds = 15) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// A TCP port on 127.0.0.1 where nothing listens.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class MessagesApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    smtp_ = Env("CLIENTELE_TEST_SMTP");
    maildev_ = Env("CLIENTELE_TEST_MAILDEV");
    if (smtp_.empty() || maildev_.empty()) {
      if (Env("CLIENTELE_REQUIRE_SMTP") == "1") FAIL() << "no test SMTP server configured";
      GTEST_SKIP() << "set CLIENTELE_TEST_SMTP and CLIENTELE_TEST_MAILDEV (scripts/test.sh does)";
    }
  }

  std::vector<std::string> SmtpArgs() const {
    auto colon = smtp_.rfind(':');
    return {"--smtp-host",      smtp_.substr(0, colon),
            "--smtp-port",      smtp_.substr(colon + 1),
            "--smtp-tls",       "none",
            "--mail-from",      "shop@clientele.test",
            "--mail-from-name", "Test Shop"};
  }

  std::unique_ptr<ServerProcess> StartServer(std::vector<std::string> args) {
    return std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()), std::move(args));
  }

  static std::string UniqueEmail(const std::string& name) {
    static std::atomic<int> n{0};
    return name + "." + std::to_string(++n) + "." + std::to_string(getpid()) + "." +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
           "@example.com";
  }

  static json CreateCustomer(const ServerProcess& s, json body) {
    auto r = s.Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  // Every e-mail the test SMTP server received for `address`.
  std::vector<json> MailTo(const std::string& address) const {
    auto r = HttpGet(maildev_ + "/email");
    std::vector<json> out;
    for (const auto& m : r.json()) {
      for (const auto& to : m["envelope"]["to"]) {
        if (to["address"] == address) out.push_back(m);
      }
    }
    return out;
  }

  static json Message(const ServerProcess& s, const std::string& id) {
    return s.Admin("GET", "/api/admin/messages/" + id).json();
  }

  static bool HasStatus(const ServerProcess& s, const std::string& id, const std::string& status) {
    return Message(s, id)["status"] == status;
  }

  std::string smtp_, maildev_;
};

TEST_P(MessagesApi, AnAdminsEmailArrivesOnceWithItsMessageId) {
  auto server = StartServer(SmtpArgs());
  const std::string email = UniqueEmail("zoe");
  json c =
      CreateCustomer(*server, {{"first_name", "Zoë"}, {"last_name", "Ångström"}, {"email", email}});
  auto r = server->Admin(
      "POST", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages",
      {{"subject", "Ваш заказ 日本 — order 1001"}, {"body", "Your parcel <left> today.\nThanks!"}});
  ASSERT_EQ(r.status, 201) << r.body;
  json m = r.json();
  EXPECT_EQ(m["status"], "queued");
  EXPECT_EQ(m["to"], email);
  EXPECT_EQ(m["template"], "admin_message");
  const std::string id = m["id"];
  ASSERT_TRUE(WaitFor([&] { return HasStatus(*server, id, "sent"); })) << Message(*server, id);
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 1; }));
  json got = MailTo(email)[0];
  EXPECT_EQ(got["subject"], "Ваш заказ 日本 — order 1001");
  EXPECT_EQ(got["headers"]["message-id"], "<" + m["message_id"].get<std::string>() + ">");
  EXPECT_NE(got["text"].get<std::string>().find("Your parcel <left> today."), std::string::npos);
  EXPECT_NE(got["html"].get<std::string>().find("Your parcel &lt;left&gt; today.<br>"),
            std::string::npos);
  EXPECT_EQ(got["from"][0]["address"], "shop@clientele.test");
  EXPECT_EQ(got["from"][0]["name"], "Test Shop");
  EXPECT_EQ(got["to"][0]["name"], "Zoë Ångström");

  json sent = Message(*server, id);
  EXPECT_EQ(sent["attempts"], 1);
  EXPECT_FALSE(sent["sent_at"].is_null());
  // The log and the outbox show it; the audit trail names who wrote it.
  auto log =
      server->Admin("GET", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages");
  ASSERT_EQ(log.json()["items"].size(), 1u);
  EXPECT_EQ(log.json()["delivery"]["configured"], true);
  EXPECT_FALSE(log.json()["items"][0].contains("body_text"));
  auto outbox = server->Admin("GET", "/api/admin/messages?status=sent");
  EXPECT_EQ(outbox.json()["items"][0]["id"], id);
  auto audit = server->Admin("GET", "/api/admin/audit?action=message.queued");
  ASSERT_EQ(audit.json()["items"].size(), 1u);
  EXPECT_EQ(audit.json()["items"][0]["target_id"], c["id"]);

  // Resend: a new message (own Message-ID) with the same content.
  auto again = server->Admin("POST", "/api/admin/messages/" + id + "/resend");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["resend_of"], id);
  EXPECT_NE(again.json()["message_id"], m["message_id"]);
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 2; }));
}

TEST_P(MessagesApi, WithoutSmtpMessagesStayQueuedAndTheApiSaysWhy) {
  auto server = StartServer({});
  const std::string email = UniqueEmail("queued");
  json c = CreateCustomer(*server, {{"first_name", "Q"}, {"last_name", "Ueued"}, {"email", email}});
  const std::string path = "/api/admin/customers/" + c["id"].get<std::string>() + "/messages";
  auto r = server->Admin("POST", path, {{"subject", "Hello"}, {"body", "World"}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  json log = server->Admin("GET", path).json();
  EXPECT_EQ(log["delivery"]["configured"], false);
  EXPECT_NE(log["delivery"]["note"].get<std::string>().find("Settings → E-mail sending"),
            std::string::npos);
  EXPECT_EQ(log["items"][0]["status"], "queued");
  EXPECT_EQ(log["items"][0]["attempts"], 0);
  EXPECT_TRUE(MailTo(email).empty());
  // A copy of a message still waiting would reach the customer twice once sending works.
  auto resend = server->Admin(
      "POST", "/api/admin/messages/" + log["items"][0]["id"].get<std::string>() + "/resend");
  EXPECT_EQ(resend.status, 409) << resend.body;
  EXPECT_EQ(resend.json()["code"], "still_queued");
  EXPECT_EQ(server->Admin("GET", path).json()["items"].size(), 1u);
}

TEST_P(MessagesApi, ACrashBetweenQueueingAndDeliveryLosesNothingAndSendsOnce) {
  auto server = StartServer({});  // no SMTP yet: the message waits in the outbox
  const std::string email = UniqueEmail("crash");
  json c = CreateCustomer(*server, {{"first_name", "Cra"}, {"last_name", "Sh"}, {"email", email}});
  auto r = server->Admin("POST", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages",
                         {{"subject", "Survives a crash"}, {"body", "Exactly once."}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["id"];
  server->Kill();
  server->Start(SmtpArgs());
  ASSERT_TRUE(WaitFor([&] { return HasStatus(*server, id, "sent"); })) << Message(*server, id);
  // Another restart sends nothing more.
  server->Kill();
  server->Start(SmtpArgs());
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  auto mail = MailTo(email);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0]["subject"], "Survives a crash");
  EXPECT_EQ(Message(*server, id)["attempts"], 1);
}

TEST_P(MessagesApi, AnUnreachableServerIsRetriedThenGivenUp) {
  auto server =
      StartServer({"--smtp-host", "127.0.0.1", "--smtp-port", std::to_string(ClosedPort()),
                   "--smtp-tls", "none", "--mail-retry-seconds", "1", "--mail-max-attempts", "2"});
  json c = CreateCustomer(
      *server, {{"first_name", "Un"}, {"last_name", "Reachable"}, {"email", UniqueEmail("down")}});
  auto r = server->Admin("POST", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages",
                         {{"subject", "Nobody listens"}, {"body", "…"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["id"];
  ASSERT_TRUE(WaitFor([&] { return HasStatus(*server, id, "failed"); }, 20))
      << Message(*server, id);
  json m = Message(*server, id);
  EXPECT_EQ(m["attempts"], 2);
  EXPECT_EQ(m["last_error"].get<std::string>().rfind("Gave up after 2 attempts: ", 0), 0u)
      << m["last_error"];
  auto failed = server->Admin("GET", "/api/admin/messages?status=failed");
  ASSERT_EQ(failed.json()["items"].size(), 1u);
  EXPECT_EQ(failed.json()["items"][0]["id"], id);
}

TEST_P(MessagesApi, TheLogFiltersByRecipientSubjectAndDate) {
  auto server = StartServer({});
  const std::string ann = UniqueEmail("ann.filter");
  json a = CreateCustomer(*server, {{"first_name", "Ann"}, {"last_name", "Zed"}, {"email", ann}});
  json b = CreateCustomer(
      *server, {{"first_name", "Bob"}, {"last_name", "Quill"}, {"email", UniqueEmail("b.filter")}});
  auto send = [&](const json& to, const std::string& subject) {
    auto r =
        server->Admin("POST", "/api/admin/customers/" + to["id"].get<std::string>() + "/messages",
                      {{"subject", subject}, {"body", "Text"}});
    ASSERT_EQ(r.status, 201) << r.body;
  };
  send(a, "Your order: 100% shipped");
  send(b, "Welcome back");
  send(b, "Your order_2 is late");
  auto subjects = [&](const std::string& query) {
    auto r = server->Admin("GET", "/api/admin/messages?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    for (const auto& m : json(r.json()["items"])) out.push_back(m.value("subject", ""));
    return out;
  };
  EXPECT_EQ(subjects("recipient=" + ann.substr(0, 10)),
            std::vector<std::string>{"Your order: 100% shipped"});
  EXPECT_EQ(subjects("recipient=QUILL"),
            (std::vector<std::string>{"Your order_2 is late", "Welcome back"}))
      << "the recipient's name, ignoring case";
  EXPECT_EQ(subjects("subject=your%20ORDER"),
            (std::vector<std::string>{"Your order_2 is late", "Your order: 100% shipped"}));
  EXPECT_EQ(subjects("subject=100%25"), std::vector<std::string>{"Your order: 100% shipped"})
      << "% is a character, not a wildcard";
  EXPECT_EQ(subjects("subject=r_2"), std::vector<std::string>{"Your order_2 is late"});
  EXPECT_EQ(subjects("subject=r_"), std::vector<std::string>{"Your order_2 is late"})
      << "_ is a character, not a wildcard";
  EXPECT_EQ(subjects("subject=order&recipient=quill"),
            std::vector<std::string>{"Your order_2 is late"});
  EXPECT_TRUE(subjects("from=2999-01-01").empty());
  EXPECT_EQ(subjects("to=2999-01-01&subject=welcome"), std::vector<std::string>{"Welcome back"});
  EXPECT_TRUE(subjects("to=2000-01-01").empty());
  auto bad = server->Admin("GET", "/api/admin/messages?from=soon");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "from");
  auto long_text = server->Admin("GET", "/api/admin/messages?subject=" + std::string(201, 'x'));
  EXPECT_EQ(long_text.status, 422);
  EXPECT_EQ(long_text.json()["errors"][0].value("field", ""), "subject");
}

// The compose dialog's preview is the e-mail as it will be sent, and sends nothing; a body that
// greets the customer itself is not greeted twice.
TEST_P(MessagesApi, APreviewShowsTheEmailAsSentWithOneGreeting) {
  auto server = StartServer({});
  json c = CreateCustomer(
      *server, {{"first_name", "Ana"}, {"last_name", "Prev"}, {"email", UniqueEmail("preview")}});
  const std::string path = "/api/admin/customers/" + c["id"].get<std::string>() + "/messages";
  auto plain = server->Admin("POST", path + "/preview",
                             {{"subject", "Your order"}, {"body", "It ships <today>."}});
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.json().value("to", ""), c.value("email", ""));
  EXPECT_EQ(plain.json().value("subject", ""), "Your order");
  const std::string text = plain.json().value("body_text", "");
  EXPECT_EQ(text.rfind("Hello Ana,\n\nIt ships <today>.", 0), 0u) << text;
  EXPECT_NE(plain.json().value("body_html", "").find("<p>Hello Ana,</p>"), std::string::npos);
  EXPECT_NE(plain.json().value("body_html", "").find("It ships &lt;today&gt;."), std::string::npos);

  for (const std::string opening : {"Hello Ana,", "Hi,", "Dear Ms Prev", "hallo Ana"}) {
    auto greeted = server->Admin("POST", path + "/preview",
                                 {{"subject", "Hi"}, {"body", opening + "\n\nIt ships today."}});
    ASSERT_EQ(greeted.status, 200) << greeted.body;
    const std::string t = greeted.json().value("body_text", "");
    EXPECT_EQ(t.rfind(opening + "\n\nIt ships today.", 0), 0u) << t;
    const std::string html = greeted.json().value("body_html", "");
    EXPECT_EQ(html.find("<p>Hello Ana,</p>"), std::string::npos) << html;
  }
  // "History" starts with "hi" but greets nobody.
  auto history = server->Admin("POST", path + "/preview",
                               {{"subject", "Hi"}, {"body", "History of your orders"}});
  EXPECT_EQ(history.json().value("body_text", "").rfind("Hello Ana,", 0), 0u);

  // What is sent is what the preview showed.
  auto sent = server->Admin("POST", path, {{"subject", "Hi"}, {"body", "Hi,\n\nIt ships today."}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto shown = server->Admin("GET", "/api/admin/messages/" + sent.json().value("id", ""));
  EXPECT_EQ(shown.json().value("body_text", "").rfind("Hi,\n\nIt ships today.", 0), 0u)
      << shown.body;

  // Mistakes are the compose's; nothing is queued by a preview.
  auto bad = server->Admin("POST", path + "/preview", {{"subject", ""}, {"body", ""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(server
                ->Admin("POST", "/api/admin/customers/cus_nobody/messages/preview",
                        {{"subject", "Hi"}, {"body", "There"}})
                .status,
            404);
  EXPECT_EQ(server->Admin("GET", path).json()["items"].size(), 1u);
}

TEST_P(MessagesApi, BadInputIsRefusedWithFieldErrors) {
  auto server = StartServer({});
  json c = CreateCustomer(
      *server, {{"first_name", "Val"}, {"last_name", "Id"}, {"email", UniqueEmail("v")}});
  const std::string path = "/api/admin/customers/" + c["id"].get<std::string>() + "/messages";
  auto fields_of = [](const HttpResult& r) {
    const json problem = r.json();
    std::vector<std::string> fields;
    for (const auto& e : problem["errors"]) fields.push_back(e["field"]);
    return fields;
  };
  auto bad = server->Admin("POST", path, {{"subject", "Two\nlines"}, {"bcc", "x@evil.test"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(fields_of(bad), std::vector<std::string>{"bcc"});
  bad = server->Admin("POST", path, {{"subject", "Two\nlines"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"subject", "body"}));
  EXPECT_EQ(
      server
          ->Call("POST", path, "{nope",
                 {"Authorization: Bearer " + server->token(), "Content-Type: application/json"})
          .status,
      400);

  json guest = CreateCustomer(
      *server, {{"kind", "guest"}, {"first_name", "Phone"}, {"phone", "+4930901820"}});
  auto no_email =
      server->Admin("POST", "/api/admin/customers/" + guest["id"].get<std::string>() + "/messages",
                    {{"subject", "Hi"}, {"body", "There"}});
  EXPECT_EQ(no_email.status, 409) << no_email.body;
  EXPECT_EQ(no_email.json()["code"], "customer_has_no_email");
  EXPECT_EQ(server
                ->Admin("POST", "/api/admin/customers/cus_nobody/messages",
                        {{"subject", "Hi"}, {"body", "There"}})
                .status,
            404);
  EXPECT_EQ(server->Admin("GET", "/api/admin/messages/msg_nothing").status, 404);
  EXPECT_EQ(server->Admin("POST", "/api/admin/messages/msg_nothing/resend").status, 404);
  EXPECT_EQ(server->Admin("GET", "/api/admin/messages?status=lost").status, 422);
  EXPECT_EQ(server->Admin("GET", "/api/admin/messages?customer=cus_nobody").status, 422);
  EXPECT_TRUE(server->Admin("GET", "/api/admin/messages").json()["items"].empty())
      << "a refused message changed nothing";
}

TEST_P(MessagesApi, TemplatesAreEditedPerLanguageAndFollowTheCustomer) {
  auto server = StartServer(SmtpArgs());
  const std::string tpl = "/api/admin/email-templates/admin_message/de";
  auto builtin = server->Admin("GET", tpl);
  ASSERT_EQ(builtin.status, 200) << builtin.body;
  EXPECT_EQ(builtin.json()["custom"], false);
  EXPECT_EQ(builtin.json()["subject"], "{{subject}}");

  auto bad = server->Admin(
      "PUT", tpl, {{"subject", "{{subject}}"}, {"body_text", "{{link}}"}, {"body_html", ""}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["errors"][0]["field"], "body_text");
  EXPECT_EQ(server
                ->Admin("PUT", "/api/admin/email-templates/admin_message/xx-nope",
                        {{"subject", "a"}, {"body_text", "b"}, {"body_html", ""}})
                .status,
            422);
  EXPECT_EQ(server->Admin("GET", "/api/admin/email-templates/newsletter/de").status, 404);

  auto saved = server->Admin("PUT", tpl,
                             {{"subject", "{{subject}} ({{store_name}})"},
                              {"body_text", "Hallo {{first_name}},\n\n{{body}}\n"},
                              {"body_html", "<p>Hallo {{first_name}},</p><p>{{body}}</p>"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["custom"], true);
  auto list = server->Admin("GET", "/api/admin/email-templates").json();
  bool listed = false;
  for (const auto& t : list["items"]) {
    if (t["template"] == "admin_message") listed = t["languages"] == json::array({"de"});
  }
  EXPECT_TRUE(listed) << list;
  auto preview = server->Admin(
      "POST", "/api/admin/email-templates/admin_message/preview",
      {{"subject", "{{subject}}!"}, {"body_text", "Hi {{first_name}}"}, {"body_html", ""}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json()["subject"], "About your order!");
  EXPECT_EQ(preview.json()["body_text"], "Hi Ada");

  const std::string email = UniqueEmail("jonas");
  json c = CreateCustomer(
      *server,
      {{"first_name", "Jonas"}, {"last_name", "Weiß"}, {"email", email}, {"language", "de-AT"}});
  auto r = server->Admin("POST", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages",
                         {{"subject", "Ihre Bestellung"}, {"body", "Ist unterwegs."}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["language"], "de");
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 1; }));
  json got = MailTo(email)[0];
  EXPECT_EQ(got["subject"], "Ihre Bestellung (My store)");
  EXPECT_EQ(got["text"], "Hallo Jonas,\n\nIst unterwegs.\n");

  EXPECT_EQ(server->Admin("DELETE", tpl).status, 204);
  EXPECT_EQ(server->Admin("DELETE", tpl).status, 404);
  EXPECT_EQ(server->Admin("GET", tpl).json()["custom"], false);
}

// The e-mail settings: saved with the password sealed (never returned), used at once by the
// outbox and by a test e-mail, no restart; bad values change nothing; the command line wins.
TEST_P(MessagesApi, EmailSettingsTakeEffectWithoutARestart) {
  auto server = StartServer({});
  const std::string email = UniqueEmail("waiting");
  json c =
      CreateCustomer(*server, {{"first_name", "Wai"}, {"last_name", "Ting"}, {"email", email}});
  auto queued =
      server->Admin("POST", "/api/admin/customers/" + c["id"].get<std::string>() + "/messages",
                    {{"subject", "Sent once set up"}, {"body", "Hello"}});
  ASSERT_EQ(queued.status, 201) << queued.body;
  const std::string id = queued.json()["id"];

  json before = server->Admin("GET", "/api/admin/settings/email").json();
  EXPECT_EQ(before["host"], "");
  EXPECT_EQ(before["configured"], false);
  EXPECT_EQ(before["overridden"], false);
  auto untested = server->Admin("POST", "/api/admin/settings/email/test", {{"to", email}});
  EXPECT_EQ(untested.status, 409) << untested.body;
  EXPECT_EQ(untested.json()["code"], "email_not_configured");

  // Bad values: every field named, nothing saved.
  auto bad = server->Admin("PUT", "/api/admin/settings/email",
                           {{"host", "smtp example"},
                            {"port", 70000},
                            {"tls", "ssl"},
                            {"from_address", "not an address"},
                            {"password", "secret"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const json errors = bad.json()["errors"];
  for (const auto& e : errors) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"host", "port", "tls", "from_address"}));
  EXPECT_EQ(server->Admin("GET", "/api/admin/settings/email").json(), before);

  const auto colon = smtp_.rfind(':');
  json settings = {{"host", smtp_.substr(0, colon)},
                   {"port", std::stoi(smtp_.substr(colon + 1))},
                   {"tls", "none"},
                   {"user", ""},
                   {"password", "s3cret-smtp-pass"},
                   {"from_address", "owner@settings.test"},
                   {"from_name", "Settings Shop"}};
  auto saved = server->Admin("PUT", "/api/admin/settings/email", settings);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["password_set"], true);
  EXPECT_FALSE(saved.json().contains("password"));
  EXPECT_EQ(saved.json()["configured"], true);
  EXPECT_EQ(saved.json()["server"], smtp_ + " (no encryption)");
  EXPECT_EQ(saved.body.find("s3cret"), std::string::npos);

  // The message that waited goes out from the saved sender, without a restart.
  ASSERT_TRUE(WaitFor([&] { return HasStatus(*server, id, "sent"); })) << Message(*server, id);
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 1; }));
  EXPECT_EQ(MailTo(email)[0]["from"][0]["address"], "owner@settings.test");
  EXPECT_EQ(MailTo(email)[0]["from"][0]["name"], "Settings Shop");
  auto log = server->Admin("GET", "/api/admin/messages?status=sent");
  EXPECT_EQ(log.json()["delivery"]["configured"], true);

  // A test e-mail goes at once; a bad address is refused.
  const std::string tester = UniqueEmail("tester");
  auto test = server->Admin("POST", "/api/admin/settings/email/test", {{"to", tester}});
  ASSERT_EQ(test.status, 200) << test.body;
  EXPECT_EQ(test.json()["sent"], true);
  ASSERT_EQ(MailTo(tester).size(), 1u);
  EXPECT_NE(MailTo(tester)[0]["subject"].get<std::string>().find("Test e-mail"), std::string::npos);
  auto bad_to = server->Admin("POST", "/api/admin/settings/email/test", {{"to", "nobody"}});
  EXPECT_EQ(bad_to.status, 422) << bad_to.body;
  EXPECT_EQ(bad_to.json()["errors"][0]["field"], "to");

  // Saved again without a password: the stored one stays; "" removes it. The audit trail has
  // the changes but never the password.
  settings.erase("password");
  settings["from_name"] = "Renamed Shop";
  EXPECT_EQ(server->Admin("PUT", "/api/admin/settings/email", settings).json()["password_set"],
            true);
  // The stored password goes only to the server it was entered for.
  json elsewhere = settings;
  elsewhere["host"] = "smtp.elsewhere.test";
  auto moved = server->Admin("PUT", "/api/admin/settings/email", elsewhere);
  ASSERT_EQ(moved.status, 422) << moved.body;
  EXPECT_EQ(moved.json()["errors"][0]["field"], "password");
  EXPECT_EQ(server->Admin("GET", "/api/admin/settings/email").json()["host"],
            smtp_.substr(0, colon));
  settings["password"] = "";
  EXPECT_EQ(server->Admin("PUT", "/api/admin/settings/email", settings).json()["password_set"],
            false);
  auto audit = server->Admin("GET", "/api/admin/audit?action=settings.email_updated");
  ASSERT_EQ(audit.json()["items"].size(), 3u) << audit.body;
  EXPECT_EQ(audit.body.find("s3cret"), std::string::npos);
  EXPECT_EQ(
      server->Admin("GET", "/api/admin/audit?action=settings.email_tested").json()["items"].size(),
      1u);

  // A server that refuses: the test says what it answered (502).
  settings["port"] = ClosedPort();
  ASSERT_EQ(server->Admin("PUT", "/api/admin/settings/email", settings).status, 200);
  auto refused = server->Admin("POST", "/api/admin/settings/email/test", {{"to", tester}});
  EXPECT_EQ(refused.status, 502) << refused.body;
  EXPECT_EQ(refused.json()["code"], "test_email_failed");
}

TEST_P(MessagesApi, TheCommandLineOverridesTheSavedEmailSettings) {
  auto server = StartServer(SmtpArgs());
  json saved = server
                   ->Admin("PUT", "/api/admin/settings/email",
                           {{"host", "smtp.elsewhere.test"},
                            {"port", 2525},
                            {"tls", "starttls"},
                            {"from_address", "other@elsewhere.test"}})
                   .json();
  EXPECT_EQ(saved["overridden"], true);
  EXPECT_EQ(saved["host"], "smtp.elsewhere.test");
  EXPECT_EQ(saved["server"], smtp_ + " (no encryption)");
  const std::string tester = UniqueEmail("override");
  auto test = server->Admin("POST", "/api/admin/settings/email/test", {{"to", tester}});
  ASSERT_EQ(test.status, 200) << test.body;
  ASSERT_EQ(MailTo(tester).size(), 1u);
  EXPECT_EQ(MailTo(tester)[0]["from"][0]["address"], "shop@clientele.test");
}

// The token of the invitation link in the newest e-mail to `address` at the test mail server.
std::string InvitationToken(const std::vector<json>& mail) {
  if (mail.empty()) return "";
  const std::string text = mail.back()["text"];
  const std::string mark = "/admin/accept-invitation#token=";
  const auto at = text.find(mark);
  if (at == std::string::npos) return "";
  const auto start = at + mark.size();
  auto end = start;
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(start, end - start);
}

// An admin invited by e-mail chooses their password through the link, which works once and is
// replaced by a new invitation; until then they cannot sign in.
TEST_P(MessagesApi, AnInvitedAdminChoosesTheirPasswordThroughTheEmailedLink) {
  auto server = StartServer(SmtpArgs());
  const std::string email = UniqueEmail("invited");
  auto accept = [&](const std::string& token, const std::string& password) {
    return server->Call("POST", "/api/admin/invitations/accept",
                        json{{"token", token}, {"password", password}}.dump(),
                        {"content-type: application/json"});
  };
  auto with_password = server->Admin(
      "POST", "/api/admin/admins",
      {{"email", email}, {"role", "support"}, {"invite", true}, {"password", "a-password-typed"}});
  EXPECT_EQ(with_password.status, 422) << with_password.body;

  auto invited = server->Admin(
      "POST", "/api/admin/admins",
      {{"email", email}, {"name", "Ines Invite"}, {"role", "support"}, {"invite", true}});
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(invited.json()["invited"], true);
  const std::string id = invited.json()["id"];
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 1; }));
  EXPECT_NE(MailTo(email)[0]["subject"].get<std::string>().find("invited"), std::string::npos);
  const std::string first = InvitationToken(MailTo(email));
  ASSERT_FALSE(first.empty()) << MailTo(email)[0]["text"];
  // No sign-in before the password is chosen, whatever is typed.
  EXPECT_EQ(server->SignIn(email, "a-good-long-password").status, 401);
  // The message log keeps the e-mail without its secret.
  auto outbox = server->Admin("GET", "/api/admin/messages?template=admin_invitation");
  ASSERT_EQ(outbox.json()["items"].size(), 1u) << outbox.body;
  auto logged = server->Admin(
      "GET", "/api/admin/messages/" + outbox.json()["items"][0]["id"].get<std::string>());
  EXPECT_EQ(logged.body.find(first), std::string::npos);

  // A new invitation: the first link stops working.
  auto again = server->Admin("POST", "/api/admin/admins/" + id + "/invitation");
  ASSERT_EQ(again.status, 200) << again.body;
  ASSERT_TRUE(WaitFor([&] { return MailTo(email).size() == 2; }));
  const std::string second = InvitationToken(MailTo(email));
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  auto stale = accept(first, "a-good-long-password");
  EXPECT_EQ(stale.status, 404) << stale.body;
  EXPECT_EQ(stale.json()["code"], "invitation_invalid");

  auto weak = accept(second, "short");
  ASSERT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(weak.json()["errors"][0]["field"], "password");
  auto accepted = accept(second, "a-good-long-password");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["email"], email);
  EXPECT_EQ(server->SignIn(email, "a-good-long-password").status, 200);
  EXPECT_EQ(accept(second, "another-long-password").status, 404);

  auto listed = server->Admin("GET", "/api/admin/admins").json();
  bool found = false;
  for (const auto& a : listed["items"].is_array() ? listed["items"] : listed) {
    if (a["id"] == id) {
      found = true;
      EXPECT_EQ(a["invited"], false);
    }
  }
  EXPECT_TRUE(found) << listed;
  auto done = server->Admin("POST", "/api/admin/admins/" + id + "/invitation");
  EXPECT_EQ(done.status, 409) << done.body;
  EXPECT_EQ(done.json()["code"], "not_invited");
  auto audit = server->Admin("GET", "/api/admin/audit?action=admin.invitation_accepted");
  EXPECT_EQ(audit.json()["items"].size(), 1u) << audit.body;

  // A disabled invitee's link stops working, and an invited owner is no owner yet: the last
  // owner who can sign in cannot step down in their favour.
  const std::string other = UniqueEmail("disabled.invitee");
  auto second_invite = server->Admin("POST", "/api/admin/admins",
                                     {{"email", other}, {"role", "owner"}, {"invite", true}});
  ASSERT_EQ(second_invite.status, 201) << second_invite.body;
  ASSERT_TRUE(WaitFor([&] { return MailTo(other).size() == 1; }));
  const std::string other_token = InvitationToken(MailTo(other));
  const std::string other_id = second_invite.json()["id"];
  auto me = server->Admin("GET", "/api/admin/session").json();
  const std::string owner_id = me["admin"]["id"];
  auto step_down = server->Admin("PATCH", "/api/admin/admins/" + owner_id, {{"role", "admin"}});
  EXPECT_EQ(step_down.status, 409) << step_down.body;
  EXPECT_EQ(step_down.json()["code"], "last_owner");
  ASSERT_EQ(
      server->Admin("PATCH", "/api/admin/admins/" + other_id, {{"status", "disabled"}}).status,
      200);
  EXPECT_EQ(accept(other_token, "a-good-long-password").status, 404);
  auto disabled_resend = server->Admin("POST", "/api/admin/admins/" + other_id + "/invitation");
  EXPECT_EQ(disabled_resend.status, 409) << disabled_resend.body;
  EXPECT_EQ(disabled_resend.json()["code"], "admin_disabled");
}

INSTANTIATE_TEST_SUITE_P(Engines, MessagesApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
