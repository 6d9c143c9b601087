// QR codes as SVG (libqrencode), for authenticator set-up pages. Pure apart from allocation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clientele::formats {

// An <svg> drawing of `text` as a QR code (error correction M, a 4-module quiet zone), black
// on white; nullopt when the text is too long for a QR code.
std::optional<std::string> QrSvg(std::string_view text);

}  // namespace clientele::formats
