// Mail headers: encoded words for non-ASCII text, mailboxes, dates; no value can add a header.
#include "mail/smtp.hpp"

#include <gtest/gtest.h>

namespace clientele::mail {
namespace {

TEST(MailHeaders, AsciiTextStaysAsItIs) { EXPECT_EQ(EncodeHeaderText("Your order"), "Your order"); }

TEST(MailHeaders, NonAsciiTextBecomesEncodedWordsCutBetweenCharacters) {
  EXPECT_EQ(EncodeHeaderText("Zoë"), "=?UTF-8?B?Wm/Dqw==?=");
  // 30 two-byte letters (60 bytes) need two words; the cut falls between characters.
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "ж";
  std::string encoded = EncodeHeaderText(long_text);
  EXPECT_EQ(encoded.find("?=\r\n =?UTF-8?B?"), encoded.find("?="));
  EXPECT_NE(encoded.find("\r\n "), std::string::npos);
}

TEST(MailHeaders, LineBreaksCannotInjectHeaders) {
  EXPECT_EQ(EncodeHeaderText("Hi\r\nBcc: x@evil.test"), "Hi  Bcc: x@evil.test");
  EXPECT_EQ(FormatMailbox("", "a@b.c\r\nBcc: x@evil.test"), "<a@b.c  Bcc: x@evil.test>");
}

TEST(MailHeaders, MailboxQuotesOrEncodesTheName) {
  EXPECT_EQ(FormatMailbox("", "a@b.c"), "<a@b.c>");
  EXPECT_EQ(FormatMailbox("Doe, \"J\"", "a@b.c"), "\"Doe, \\\"J\\\"\" <a@b.c>");
  EXPECT_EQ(FormatMailbox("Zoë", "a@b.c"), "=?UTF-8?B?Wm/Dqw==?= <a@b.c>");
}

TEST(MailHeaders, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatMailDate(int64_t{1'795'438'800} * 1'000'000), "Mon, 23 Nov 2026 13:00:00 +0000");
}

TEST(MailTls, ParsesTheThreeModes) {
  Tls t = Tls::kNone;
  EXPECT_TRUE(ParseTls("tls", &t));
  EXPECT_EQ(t, Tls::kTls);
  EXPECT_TRUE(ParseTls("starttls", &t));
  EXPECT_EQ(t, Tls::kStartTls);
  EXPECT_TRUE(ParseTls("none", &t));
  EXPECT_EQ(t, Tls::kNone);
  EXPECT_FALSE(ParseTls("ssl", &t));
}

}  // namespace
}  // namespace clientele::mail
