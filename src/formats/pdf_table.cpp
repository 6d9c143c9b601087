#include "formats/pdf_table.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace clientele::formats {
namespace {

// The text size of the table: smaller as columns get more, so that each keeps some room.
double CellSize(size_t columns) {
  if (columns <= 8) return 9;
  if (columns <= 12) return 8;
  if (columns <= 16) return 7;
  return 6;
}

// A4 landscape, in points.
constexpr double kWidth = 842, kHeight = 595, kMargin = 36;
constexpr double kTitleSize = 14, kLineSize = 9;
constexpr double kRowHeight = 14, kPad = 3, kFooter = 20;

std::string OneLine(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (ch == '\n') {
      out += ", ";
    } else if (ch != '\r') {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace

struct PdfTable::Canvas {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  PangoFontDescription* regular = nullptr;
  PangoFontDescription* bold = nullptr;
  std::vector<std::string> lines;  // under the title on the first page

  ~Canvas() {
    if (regular) pango_font_description_free(regular);
    if (bold) pango_font_description_free(bold);
    if (layout) g_object_unref(layout);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

Result<std::unique_ptr<PdfTable>> PdfTable::Create(const std::filesystem::path& path,
                                                   std::string title,
                                                   const std::vector<std::string>& lines,
                                                   std::vector<std::string> headers,
                                                   const std::vector<double>& widths) {
  std::unique_ptr<PdfTable> table(new PdfTable());
  double shares = 0;
  for (size_t i = 0; i < headers.size(); ++i) shares += i < widths.size() ? widths[i] : 1.0;
  double x = kMargin;
  for (size_t i = 0; i < headers.size(); ++i) {
    const double w =
        (kWidth - 2 * kMargin) * (i < widths.size() ? widths[i] : 1.0) / std::max(shares, 1.0);
    table->left_.push_back(x);
    table->width_.push_back(w);
    x += w;
  }
  auto canvas = std::make_unique<Canvas>();
  canvas->surface = cairo_pdf_surface_create(path.c_str(), kWidth, kHeight);
  if (cairo_surface_status(canvas->surface) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("The PDF file cannot be created.");
  }
  cairo_pdf_surface_set_metadata(canvas->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(canvas->surface, CAIRO_PDF_METADATA_CREATOR, "Clientele");
  canvas->cr = cairo_create(canvas->surface);
  canvas->layout = pango_cairo_create_layout(canvas->cr);
  canvas->regular = pango_font_description_from_string("Noto Sans");
  canvas->bold = pango_font_description_from_string("Noto Sans Bold");
  canvas->lines = lines;
  pango_layout_set_ellipsize(canvas->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode(canvas->layout, TRUE);
  table->canvas_ = std::move(canvas);
  table->title_ = std::move(title);
  table->headers_ = std::move(headers);
  table->StartPage();
  return table;
}

PdfTable::~PdfTable() = default;

void PdfTable::Text(const std::string& text, double x, double y, double width, bool bold,
                    double size, bool right) {
  PangoLayout* layout = canvas_->layout;
  pango_layout_set_alignment(layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  PangoFontDescription* font = bold ? canvas_->bold : canvas_->regular;
  pango_font_description_set_size(font, static_cast<gint>(size * PANGO_SCALE));
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  cairo_move_to(canvas_->cr, x, y);
  pango_cairo_show_layout(canvas_->cr, layout);
}

void PdfTable::StartPage() {
  ++page_;
  cairo_t* cr = canvas_->cr;
  cairo_set_source_rgb(cr, 0.12, 0.14, 0.16);
  y_ = kMargin;
  const double inner = kWidth - 2 * kMargin;
  if (page_ == 1) {
    Text(title_, kMargin, y_, inner, true, kTitleSize);
    y_ += kTitleSize * 1.8;
    for (const auto& line : canvas_->lines) {
      Text(line, kMargin, y_, inner, false, kLineSize);
      y_ += kLineSize * 1.6;
    }
    y_ += 6;
  }
  // The column headers on a grey band.
  cairo_set_source_rgb(cr, 0.94, 0.95, 0.96);
  cairo_rectangle(cr, kMargin, y_, inner, kRowHeight);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.12, 0.14, 0.16);
  for (size_t i = 0; i < headers_.size(); ++i) {
    Text(headers_[i], left_[i] + kPad, y_ + 2, width_[i] - 2 * kPad, true,
         CellSize(headers_.size()));
  }
  y_ += kRowHeight;
}

void PdfTable::EndPage() {
  cairo_t* cr = canvas_->cr;
  cairo_set_source_rgb(cr, 0.35, 0.39, 0.43);
  const double y = kHeight - kMargin - kLineSize;
  const double inner = kWidth - 2 * kMargin;
  Text(title_, kMargin, y, inner * 0.7, false, kLineSize);
  const std::string number = "Page " + std::to_string(page_);
  Text(number, kMargin + inner * 0.7, y, inner * 0.3, false, kLineSize, true);
  cairo_show_page(cr);
}

Status PdfTable::Row(const std::vector<std::string>& cells) {
  if (y_ + kRowHeight > kHeight - kMargin - kFooter) {
    EndPage();
    StartPage();
  }
  cairo_t* cr = canvas_->cr;
  const double inner = kWidth - 2 * kMargin;
  cairo_set_source_rgb(cr, 0.12, 0.14, 0.16);
  for (size_t i = 0; i < cells.size() && i < headers_.size(); ++i) {
    if (cells[i].empty()) continue;
    Text(OneLine(cells[i]), left_[i] + kPad, y_ + 2, width_[i] - 2 * kPad, false,
         CellSize(headers_.size()));
  }
  y_ += kRowHeight;
  cairo_set_source_rgb(cr, 0.85, 0.87, 0.89);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMargin, y_);
  cairo_line_to(cr, kMargin + inner, y_);
  cairo_stroke(cr);
  return OkStatus();
}

Status PdfTable::Close() {
  EndPage();
  cairo_surface_finish(canvas_->surface);
  const cairo_status_t status = cairo_surface_status(canvas_->surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("The PDF file cannot be written: ") +
                           cairo_status_to_string(status));
  }
  return OkStatus();
}

}  // namespace clientele::formats
