#include "formats/html_table.hpp"

#include "core/text.hpp"

namespace clientele::formats {

std::string HtmlPageHead(std::string_view title, const std::vector<std::string>& lines) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      HtmlEscape(title) +
      "</title>\n<style>\n"
      "body{font:14px/1.4 system-ui,'Noto Sans',sans-serif;margin:24px;color:#1f2328}\n"
      "h1{font-size:20px;margin:0 0 4px}p{margin:0 0 2px;color:#59636e}\n"
      "h2{font-size:16px;margin:24px 0 0}\n"
      "table{border-collapse:collapse;margin-top:16px}\n"
      "th,td{border:1px solid #d1d9e0;padding:4px 8px;vertical-align:top;text-align:start;"
      "white-space:pre-line}\n"
      "th{background:#f6f8fa;position:sticky;top:0}\n"
      "td table,dd table,td dl{margin-top:0}td th{position:static}\n"
      "dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0 0}\n"
      "dt{color:#59636e}dd{margin:0;white-space:pre-line}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      HtmlEscape(title) + "</h1>\n";
  for (const auto& line : lines) out += "<p>" + HtmlEscape(line) + "</p>\n";
  return out;
}

std::string HtmlPageFoot() { return "</body>\n</html>\n"; }

std::string HtmlTableHead(std::string_view title, const std::vector<std::string>& lines,
                          const std::vector<std::string>& headers) {
  std::string out = HtmlPageHead(title, lines) + "<table>\n<thead><tr>";
  for (const auto& h : headers) out += "<th scope=\"col\">" + HtmlEscape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  return out;
}

std::string HtmlTableRow(const std::vector<std::string>& cells) {
  std::string out = "<tr>";
  for (const auto& c : cells) out += "<td dir=\"auto\">" + HtmlEscape(c) + "</td>";
  out += "</tr>\n";
  return out;
}

std::string HtmlTableFoot() { return "</tbody>\n</table>\n" + HtmlPageFoot(); }

}  // namespace clientele::formats
