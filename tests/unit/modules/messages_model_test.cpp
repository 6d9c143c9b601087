// Message templates, rendering, composition rules and the retry schedule.
#include <gtest/gtest.h>

#include "modules/messages/model.hpp"

namespace clientele::messages {
namespace {

TEST(MessageTemplates, RenderFillsPlaceholdersAndEscapesHtml) {
  std::map<std::string, std::string> v = {{"first_name", "Zoë"}, {"reason", "<script>&\"'"}};
  EXPECT_EQ(RenderText("Hi {{first_name}}, {{ reason }}!", v), "Hi Zoë, <script>&\"'!");
  EXPECT_EQ(RenderHtml("<p>{{reason}}</p>", v), "<p>&lt;script&gt;&amp;&quot;&#39;</p>");
  EXPECT_EQ(RenderText("{{missing}}x{{", v), "x{{");
}

TEST(MessageTemplates, AdminBodyKeepsLineBreaksInHtml) {
  EXPECT_EQ(RenderHtml("<p>{{body}}</p>", {{"body", "a<b\r\nc"}}), "<p>a&lt;b<br>\nc</p>");
}

TEST(MessageTemplates, EveryBuiltInTemplatePassesItsOwnCheck) {
  ASSERT_EQ(TemplateSpecs().size(), 13u);
  for (const auto& spec : TemplateSpecs()) {
    TemplateText text = BuiltInTemplate(spec.key);
    EXPECT_FALSE(text.subject.empty()) << spec.key;
    EXPECT_TRUE(CheckTemplate(spec, text).ok()) << spec.key;
  }
}

TEST(MessageTemplates, CheckNamesEveryBadField) {
  const TemplateSpec* spec = FindTemplateSpec("password_reset");
  ASSERT_NE(spec, nullptr);
  EXPECT_TRUE(CheckTemplate(*spec, {"Reset {{store_name}}", "Open {{link}}", ""}).ok());
  Status bad = CheckTemplate(*spec, {"Line\nbreak", "{{reason}}", "<p>{{amount}}</p>"});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "subject");
  EXPECT_EQ(bad.error().fields[1].field, "body_text");
  EXPECT_EQ(bad.error().fields[1].code, "unknown_placeholder");
  EXPECT_NE(bad.error().fields[1].message.find("{{reason}}"), std::string::npos);
  EXPECT_EQ(bad.error().fields[2].field, "body_html");
  EXPECT_FALSE(CheckTemplate(*spec, {"Ok", "   ", ""}).ok());
  EXPECT_EQ(FindTemplateSpec("newsletter"), nullptr);
}

TEST(MessageTemplates, EveryUnknownPlaceholderIsNamedAtOnce) {
  const TemplateSpec* spec = FindTemplateSpec("password_reset");
  ASSERT_NE(spec, nullptr);
  Status bad =
      CheckTemplate(*spec, {"Reset", "{{reason}} {{link}} {{amount}} {{reason}} {{x}}", ""});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].message.substr(0, 51),
            "{{reason}}, {{amount}} and {{x}} are not known here");
}

TEST(MessageComposition, SubjectIsOneLineAndBodyIsRequired) {
  auto ok = ParseComposition("  About your order ", "Thanks!\nSee you.");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->subject, "About your order");
  auto bad = ParseComposition("Two\nlines", "");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "subject");
  EXPECT_EQ(bad.error().fields[1].field, "body");
  EXPECT_EQ(bad.error().fields[1].code, "required");
  EXPECT_FALSE(ParseComposition(std::string(201, 'x'), "b").ok());
}

TEST(MessageDelivery, RetryDelayGrowsFourfoldUpToSixHours) {
  EXPECT_EQ(RetryDelaySeconds(1, 60), 60);
  EXPECT_EQ(RetryDelaySeconds(2, 60), 240);
  EXPECT_EQ(RetryDelaySeconds(3, 60), 960);
  EXPECT_EQ(RetryDelaySeconds(10, 60), 6 * 3600);
  EXPECT_EQ(RetryDelaySeconds(1, 0), 1);
}

TEST(MessageStatus, RoundTrips) {
  for (auto s : {MessageStatus::kQueued, MessageStatus::kSent, MessageStatus::kFailed}) {
    EXPECT_EQ(ParseMessageStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseMessageStatus("sending").has_value());
}

}  // namespace
}  // namespace clientele::messages

namespace clientele::messages {
namespace {

TEST(MessageSecrets, OneTimeSecretsAreHiddenFromTheLog) {
  EXPECT_EQ(HideOneTimeSecrets("Open https://shop.example/account/verify?token=ab12cd34 now"),
            "Open https://shop.example/account/verify?token=(hidden) now");
  EXPECT_EQ(HideOneTimeSecrets("<a href=\"/reset?token=zz9\">Reset</a>"),
            "<a href=\"/reset?token=(hidden)\">Reset</a>");
  EXPECT_EQ(HideOneTimeSecrets("123456 is your code"),
            "\u2022\u2022\u2022\u2022\u2022\u2022 is your code");
  // Other numbers stay: a phone, a year, a postal code.
  EXPECT_EQ(HideOneTimeSecrets("Call +4917612345678 in 2026, 10115 Berlin"),
            "Call +4917612345678 in 2026, 10115 Berlin");
  EXPECT_TRUE(CarriesOneTimeLink("password_reset"));
  EXPECT_TRUE(CarriesOneTimeLink("sms_sign_in_code"));
  EXPECT_FALSE(CarriesOneTimeLink("welcome"));
}

}  // namespace
}  // namespace clientele::messages
