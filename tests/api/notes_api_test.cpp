// Staff notes and consent dates over HTTP against the real binary on SQLite and PostgreSQL: a
// timeline of notes with their authors, newest first and paged; only the author changes a
// note and only the author or an owner deletes it; bad bodies are refused and change nothing;
// every change is audited; notes move with a merge, are in the customer's data export and go
// with an erasure. A consent is dated when it is given or withdrawn, and only then.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class NotesApi : public SharedServerSuite {
 protected:
  std::string Customer(const json& body) {
    auto r = server().Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  std::string Notes(const std::string& id) { return "/api/admin/customers/" + id + "/notes"; }
  json List(const std::string& id) {
    auto r = server().Admin("GET", Notes(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  BrowserSession Staff(const std::string& email, const std::string& role) {
    auto r = server().Admin("POST", "/api/admin/admins",
                            {{"email", email},
                             {"name", "Staff " + role},
                             {"role", role},
                             {"password", "a long staff password"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return server().SignedIn(email, "a long staff password");
  }
};

TEST_P(NotesApi, ATimelineOfNotesByTheirAuthors) {
  const std::string id = Customer({{"email", "notes-" + GetParam() + "@example.com"}});
  const std::string p = GetParam();

  // Bad bodies: refused with the field, nothing written.
  auto blank = server().Admin("POST", Notes(id), {{"body", "  \n "}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(blank.json()["errors"][0]["field"], "body");
  EXPECT_EQ(blank.json()["errors"][0]["code"], "required");
  auto long_note = server().Admin("POST", Notes(id), {{"body", std::string(5001, 'x')}});
  EXPECT_EQ(long_note.status, 422);
  EXPECT_EQ(long_note.json()["errors"][0]["code"], "too_long");
  EXPECT_EQ(server().Admin("POST", Notes(id), json::object()).status, 422);
  EXPECT_EQ(server().Admin("POST", Notes(id), {{"body", "x"}, {"pinned", true}}).status, 422);
  EXPECT_EQ(server().Admin("POST", Notes("cus_nobody"), {{"body", "x"}}).status, 404);
  EXPECT_TRUE(List(id).empty());

  auto first = server().Admin("POST", Notes(id), {{"body", "  Called about the late parcel.\n"}});
  ASSERT_EQ(first.status, 201) << first.body;
  json a = first.json();
  EXPECT_EQ(a["body"], "Called about the late parcel.");
  EXPECT_TRUE(a["author"]["name"].is_string());
  EXPECT_FALSE(a["author"]["via_token"].is_null());  // the owner's token wrote it
  EXPECT_TRUE(a["updated_at"].is_null());
  EXPECT_FALSE(first.headers["etag"].empty());

  BrowserSession support = Staff("notes-support-" + p + "@example.com", "support");
  auto second = server().AsBrowser(support, "POST", Notes(id), {{"body", "Prefers phone calls."}});
  ASSERT_EQ(second.status, 201) << second.body;
  json b = second.json();
  EXPECT_EQ(b["author"]["name"], "Staff support");
  EXPECT_TRUE(b["author"]["via_token"].is_null());

  json items = List(id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["id"], b["id"]);  // newest first
  EXPECT_EQ(items[1]["id"], a["id"]);

  // Paging.
  auto page = server().Admin("GET", Notes(id) + "?limit=1");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(page.json()["next_cursor"].is_string());
  auto rest = server().Admin(
      "GET", Notes(id) + "?limit=1&cursor=" + page.json()["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(rest.json()["items"][0]["id"], a["id"]);
  EXPECT_TRUE(rest.json()["next_cursor"].is_null());
  EXPECT_EQ(server().Admin("GET", Notes(id) + "?cursor=junk").status, 422);

  // Only the author changes a note; the author or an owner deletes it.
  const std::string a_path = Notes(id) + "/" + a["id"].get<std::string>();
  const std::string b_path = Notes(id) + "/" + b["id"].get<std::string>();
  auto not_mine = server().AsBrowser(support, "PATCH", a_path, {{"body", "Rewritten"}});
  EXPECT_EQ(not_mine.status, 403);
  EXPECT_EQ(not_mine.json()["code"], "not_note_author");
  EXPECT_EQ(server().AsBrowser(support, "DELETE", a_path).status, 403);
  auto stale =
      server().Admin("PATCH", a_path, {{"body", "Late parcel found."}}, {"If-Match: \"7\""});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(server().Admin("PATCH", a_path, {{"body", ""}}).status, 422);
  auto edited = server().Admin("PATCH", a_path, {{"body", "Late parcel found."}},
                               {"If-Match: " + first.headers["etag"]});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["body"], "Late parcel found.");
  EXPECT_FALSE(edited.json()["updated_at"].is_null());
  EXPECT_EQ(edited.json()["version"], 2);
  EXPECT_EQ(server().Admin("DELETE", b_path).status, 204);  // the owner deletes support's note
  EXPECT_EQ(server().Admin("DELETE", b_path).status, 404);
  items = List(id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["body"], "Late parcel found.");

  // A viewer reads but does not write.
  BrowserSession viewer = Staff("notes-viewer-" + p + "@example.com", "viewer");
  EXPECT_EQ(server().AsBrowser(viewer, "GET", Notes(id)).status, 200);
  EXPECT_EQ(server().AsBrowser(viewer, "POST", Notes(id), {{"body", "x"}}).status, 403);

  // Audited on the customer.
  auto events = server().Admin("GET", "/api/admin/audit?action=customer.&customer=" + id);
  ASSERT_EQ(events.status, 200) << events.body;
  std::vector<std::string> actions;
  json ev = events.json()["items"];
  for (const auto& e : ev) {
    if (e["action"].get<std::string>().rfind("customer.note_", 0) == 0)
      actions.push_back(e["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"customer.note_deleted", "customer.note_edited",
                                               "customer.note_added", "customer.note_added"}));
}

TEST_P(NotesApi, NotesMoveWithAMergeAreExportedAndGoWithAnErasure) {
  const std::string p = GetParam();
  const std::string keep = Customer({{"email", "keep-notes-" + p + "@example.com"}});
  const std::string dup = Customer({{"email", "dup-notes-" + p + "@example.com"}});
  ASSERT_EQ(server().Admin("POST", Notes(keep), {{"body", "Survivor's note"}}).status, 201);
  ASSERT_EQ(server().Admin("POST", Notes(dup), {{"body", "Duplicate's note"}}).status, 201);

  auto preview =
      server().Admin("POST", "/api/admin/customers/" + keep + "/merge/preview", {{"merge", {dup}}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json()["merged"][0]["moves"]["staff_notes"], 1);
  auto merged =
      server().Admin("POST", "/api/admin/customers/" + keep + "/merge", {{"merge", {dup}}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  json items = List(keep);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["body"], "Duplicate's note");

  auto data = server().Admin("GET", "/api/admin/customers/" + keep + "/data-export");
  ASSERT_EQ(data.status, 200) << data.body;
  json notes = data.json()["staff_notes"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[1]["body"], "Survivor's note");
  EXPECT_TRUE(notes[1]["author"].is_string());
  auto html = server().Admin("GET", "/api/admin/customers/" + keep + "/data-export?format=html");
  EXPECT_NE(html.body.find("Staff notes"), std::string::npos);
  EXPECT_NE(html.body.find("Survivor&#39;s note"), std::string::npos) << html.body.substr(0, 300);

  auto erased = server().Admin("POST", "/api/admin/customers/" + keep + "/erase",
                               {{"confirm", "keep-notes-" + p + "@example.com"}});
  ASSERT_EQ(erased.status, 204) << erased.body;
  EXPECT_EQ(server().Admin("GET", Notes(keep)).status, 404);
  // The notes' events stay, of both customers, without their text.
  for (const std::string& id : {keep, dup}) {
    auto events =
        server().Admin("GET", "/api/admin/audit?action=customer.note_added&customer=" + id);
    ASSERT_EQ(events.status, 200) << events.body;
    json ev = events.json()["items"];
    ASSERT_EQ(ev.size(), 1u) << id;
    EXPECT_EQ(ev[0]["changes"], json({{"erased", true}})) << ev[0].dump();
  }
}

TEST_P(NotesApi, AConsentIsDatedWhenGivenOrWithdrawn) {
  const std::string id = Customer({{"email", "consent-dates-" + GetParam() + "@example.com"},
                                   {"email_marketing_consent", true}});
  json c = server().Admin("GET", "/api/admin/customers/" + id).json();
  ASSERT_TRUE(c["email_marketing_consent_at"].is_string()) << c.dump();
  EXPECT_TRUE(c["sms_marketing_consent_at"].is_null());
  const std::string email_at = c["email_marketing_consent_at"];

  auto renamed = server().Admin("PATCH", "/api/admin/customers/" + id, {{"first_name", "Ada"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["email_marketing_consent_at"], email_at);
  EXPECT_TRUE(renamed.json()["sms_marketing_consent_at"].is_null());

  auto sms = server().Admin("PATCH", "/api/admin/customers/" + id,
                            {{"sms_marketing_consent", true}, {"email_marketing_consent", false}});
  ASSERT_EQ(sms.status, 200) << sms.body;
  EXPECT_TRUE(sms.json()["sms_marketing_consent_at"].is_string());
  EXPECT_GT(sms.json()["email_marketing_consent_at"].get<std::string>(), email_at);
  EXPECT_EQ(server()
                .Admin("PATCH", "/api/admin/customers/" + id,
                       {{"email_marketing_consent_at", "2020-01-01T00:00:00Z"}})
                .status,
            422);
}

INSTANTIATE_TEST_SUITE_P(Engines, NotesApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
