// An exported table as one self-contained HTML page (styles inline, no scripts), written in
// pieces so that a long table streams to its file: the head with the title and the column
// headers, then rows, then the foot. Text is escaped; right-to-left names are set with
// dir="auto" so that each cell takes its own direction. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clientele::formats {

// `title` heads the page; `lines` (the filter, the date, the row count) go under it.
std::string HtmlTableHead(std::string_view title, const std::vector<std::string>& lines,
                          const std::vector<std::string>& headers);
std::string HtmlTableRow(const std::vector<std::string>& cells);
std::string HtmlTableFoot();

// The page around a table, for pages that hold more than one (sections with headings, tables
// and definition lists, in the same styles): up to the title's heading and `lines`, and after
// the body.
std::string HtmlPageHead(std::string_view title, const std::vector<std::string>& lines);
std::string HtmlPageFoot();

}  // namespace clientele::formats
