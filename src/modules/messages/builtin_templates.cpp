// The built-in English texts of every template; a store owner's edits (per language) replace
// them. Placeholders: see TemplateSpecs().
#include "modules/messages/model.hpp"

namespace clientele::messages {
namespace {

// Wraps a body in the small HTML layout every built-in template shares.
std::string Html(std::string_view inner) {
  return "<!doctype html>\n<html><body style=\"font-family:sans-serif;line-height:1.5\">\n" +
         std::string(inner) +
         "\n<p style=\"color:#666;font-size:12px\">{{store_name}}</p>\n</body></html>\n";
}

}  // namespace

TemplateText BuiltInTemplate(std::string_view key) {
  if (key == "verification") {
    return {"Confirm your e-mail address for {{store_name}}",
            "Hello {{first_name}},\n\nplease confirm your e-mail address by opening this link:\n"
            "{{link}}\n\nIf you did not create an account at {{store_name}}, ignore this e-mail.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>please confirm your e-mail address:</p>\n"
                 "<p><a href=\"{{link}}\">Confirm my e-mail address</a></p>\n"
                 "<p>If you did not create an account at {{store_name}}, ignore this e-mail.</p>")};
  }
  if (key == "welcome") {
    return {"Welcome to {{store_name}}",
            "Hello {{first_name}},\n\nyour account at {{store_name}} is ready. Sign in with "
            "{{email}} here:\n{{link}}\n",
            Html("<p>Hello {{first_name}},</p>\n<p>your account at {{store_name}} is ready. "
                 "Sign in with {{email}}:</p>\n<p><a href=\"{{link}}\">Sign in</a></p>")};
  }
  if (key == "password_reset") {
    return {"Reset your {{store_name}} password",
            "Hello {{first_name}},\n\nsomeone asked to reset the password of your account. "
            "Choose a new one here:\n{{link}}\n\nIf it was not you, ignore this e-mail: your "
            "password stays as it is.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>someone asked to reset the password of your "
                 "account.</p>\n<p><a href=\"{{link}}\">Choose a new password</a></p>\n<p>If it "
                 "was not you, ignore this e-mail: your password stays as it is.</p>")};
  }
  if (key == "invitation") {
    return {"Your account at {{store_name}}",
            "Hello {{first_name}},\n\nan account at {{store_name}} was made for you with this "
            "e-mail address. Choose your password here to start using it:\n{{link}}\n\nThe link "
            "works for 7 days.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>an account at {{store_name}} was made for you "
                 "with this e-mail address. Choose your password to start using it:</p>\n"
                 "<p><a href=\"{{link}}\">Choose my password</a></p>\n<p>The link works for 7 "
                 "days.</p>")};
  }
  if (key == "admin_invitation") {
    return {"You are invited to the admin of {{store_name}}",
            "Hello {{first_name}},\n\nyou were given an admin account at {{store_name}} "
            "(role: {{role}}) with this e-mail address. Choose your password here to start "
            "using it:\n{{link}}\n\nThe link works for 7 days.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>you were given an admin account at "
                 "{{store_name}} (role: {{role}}) with this e-mail address.</p>\n"
                 "<p><a href=\"{{link}}\">Choose my password</a></p>\n<p>The link works for 7 "
                 "days.</p>")};
  }
  if (key == "registration_attempt") {
    return {"Someone tried to register with your e-mail address at {{store_name}}",
            "Hello {{first_name}},\n\nsomeone tried to create an account at {{store_name}} with "
            "this e-mail address, which already has one. If it was you, sign in instead; if you "
            "forgot your password, choose a new one here:\n{{link}}\n\nIf it was not you, "
            "ignore this e-mail: nothing changed.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>someone tried to create an account at "
                 "{{store_name}} with this e-mail address, which already has one. If it was you, "
                 "sign in instead, or choose a new password:</p>\n<p><a href=\"{{link}}\">Choose "
                 "a new password</a></p>\n<p>If it was not you, ignore this e-mail: nothing "
                 "changed.</p>")};
  }
  if (key == "email_change") {
    return {"Confirm your new e-mail address for {{store_name}}",
            "Hello {{first_name}},\n\nplease confirm {{new_email}} as the new e-mail address of "
            "your account by opening this link:\n{{link}}\n\nUntil you do, your account keeps "
            "its old address.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>please confirm {{new_email}} as the new e-mail "
                 "address of your account:</p>\n<p><a href=\"{{link}}\">Confirm my new "
                 "address</a></p>\n<p>Until you do, your account keeps its old address.</p>")};
  }
  if (key == "email_change_notice") {
    return {"The e-mail address of your {{store_name}} account is changing",
            "Hello {{first_name}},\n\nsomeone signed in to your account asked to change its "
            "e-mail address to {{new_email}}. It changes once the new address is confirmed. If "
            "this was not you, reset your password and contact us.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>someone signed in to your account asked to "
                 "change its e-mail address to {{new_email}}. It changes once the new address is "
                 "confirmed. If this was not you, reset your password and contact us.</p>")};
  }
  if (key == "ban_notice") {
    return {"Your {{store_name}} account has been suspended",
            "Hello {{first_name}},\n\nyour account at {{store_name}} has been suspended.\n"
            "Reason: {{reason}}\n\nReply to this e-mail if you think this is a mistake.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>your account at {{store_name}} has been "
                 "suspended.</p>\n<p>Reason: {{reason}}</p>\n<p>Reply to this e-mail if you "
                 "think this is a mistake.</p>")};
  }
  if (key == "ban_lifted") {
    return {"Your {{store_name}} account is active again",
            "Hello {{first_name}},\n\nthe suspension of your account at {{store_name}} has been "
            "lifted. You can sign in and shop again.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>the suspension of your account at "
                 "{{store_name}} has been lifted. You can sign in and shop again.</p>")};
  }
  if (key == "balance_change") {
    return {"Your {{store_name}} balance has changed",
            "Hello {{first_name}},\n\nyour store credit changed by {{amount}}.\nReason: "
            "{{reason}}\nYour balance is now {{balance}}.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>your store credit changed by "
                 "<strong>{{amount}}</strong>.</p>\n<p>Reason: {{reason}}</p>\n<p>Your balance is "
                 "now <strong>{{balance}}</strong>.</p>")};
  }
  if (key == "account_deleted") {
    return {"Your {{store_name}} account has been deleted",
            "Hello {{first_name}},\n\nas requested, your account at {{store_name}} and its "
            "personal data have been deleted. Records the law requires us to keep are kept "
            "without your personal data.\n",
            Html("<p>Hello {{first_name}},</p>\n<p>as requested, your account at {{store_name}} "
                 "and its personal data have been deleted. Records the law requires us to keep "
                 "are kept without your personal data.</p>")};
  }
  if (key == kAdminMessage) {
    return {"{{subject}}", "Hello {{first_name}},\n\n{{body}}\n\n-- \n{{store_name}}\n",
            Html("<p>Hello {{first_name}},</p>\n<p>{{body}}</p>")};
  }
  return {};
}

}  // namespace clientele::messages
