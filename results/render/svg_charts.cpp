// SVG drawing of bar, roofline and line charts (see svg_charts.hpp); plain string building.
#include "results/render/svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kbench::svg {
namespace {

constexpr const char* kPalette[] = {"#2f6db5", "#e08a1e", "#3a9a5b", "#8e5cb5", "#c94f4f", "#5aa7b8", "#9c8a3c"};
constexpr const char* kMarked = "#d62728";
constexpr int kLeft = 64, kRight = 16, kTop = 36, kBottom = 52;

const char* color(std::size_t i) { return kPalette[i % (sizeof kPalette / sizeof *kPalette)]; }

std::string number(double v) {
  if (v == 0) return "0";
  const double a = std::abs(v);
  if (a >= 1e12) return fmt::format("{:.3g}T", v / 1e12);
  if (a >= 1e9) return fmt::format("{:.3g}G", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g}k", v / 1e3);
  return fmt::format("{:.4g}", v);
}

std::string open_svg(const std::string& id, const std::string& title, int w, int h) {
  return fmt::format(
      "<svg class=\"chart\" data-chart=\"{0}\" viewBox=\"0 0 {1} {2}\" width=\"{1}\" height=\"{2}\" role=\"img\" "
      "aria-label=\"{3}\"><title>{3}</title>\n<text class=\"chart-title\" x=\"{4}\" y=\"20\">{3}</text>\n",
      escape(id), w, h, escape(title), kLeft);
}

// A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over [0, span].
double nice_step(double span, int count) {
  if (!(span > 0)) return 1;
  const double raw = span / count, mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

std::string axis_labels(const std::string& x_label, const std::string& y_label, int w, int h) {
  std::string out;
  if (!x_label.empty())
    out += fmt::format("<text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       kLeft + (w - kLeft - kRight) / 2, h - 8, escape(x_label));
  if (!y_label.empty())
    out += fmt::format("<text class=\"axis-label\" transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                       kTop + (h - kTop - kBottom) / 2, escape(y_label));
  return out;
}

std::string legend(const std::vector<std::string>& names, int w) {
  std::string out;
  double x = w - kRight;
  for (std::size_t i = names.size(); i-- > 0;) {
    x -= 14 + 7.0 * static_cast<double>(names[i].size()) + 12;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"10\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                       "<text class=\"legend\" x=\"{:.1f}\" y=\"19\">{}</text>\n",
                       x, color(i), x + 14, escape(names[i]));
  }
  return out;
}

}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string bar_chart(const BarChart& c) {
  const int w = c.width, h = c.height, pw = w - kLeft - kRight, ph = h - kTop - kBottom;
  double top = c.y_max.value_or(c.percent ? 1.0 : 0.0);
  for (const auto& s : c.series)
    for (double v : s.values) top = std::max(top, v);
  if (!(top > 0)) top = 1;
  const double step = nice_step(top, 5);
  top = std::ceil(top / step - 1e-9) * step;
  auto ypos = [&](double v) { return kTop + ph * (1 - v / top); };
  std::string out = open_svg(c.id, c.title, w, h);
  for (double t = 0; t <= top + 1e-9; t += step)
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       kLeft, kLeft + pw, ypos(t), ypos(t), kLeft - 6, ypos(t) + 4,
                       c.percent ? fmt::format("{:.0f}%", 100 * t) : number(t));
  const std::size_t groups = std::max<std::size_t>(c.groups.size(), 1), series = std::max<std::size_t>(c.series.size(), 1);
  const double gw = static_cast<double>(pw) / static_cast<double>(groups), bw = gw * 0.8 / static_cast<double>(series);
  for (std::size_t g = 0; g < c.groups.size(); ++g) {
    const double gx = kLeft + gw * static_cast<double>(g) + gw * 0.1;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      if (g >= c.series[s].values.size()) continue;
      const double v = c.series[s].values[g], x = gx + bw * static_cast<double>(s);
      const std::string value = c.percent ? fmt::format("{:.1f}%", 100 * v) : number(v);
      // Narrow bars get a shorter label so that neighbours do not overlap.
      const std::string shown = c.percent && bw < 34 ? fmt::format("{:.0f}%", 100 * v) : value;
      out += fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                         "<title>{} / {}: {}</title></rect>\n",
                         x, ypos(v), std::max(bw - 1, 1.0), kTop + ph - ypos(v), color(s), escape(c.groups[g]),
                         escape(c.series[s].name), value);
      if (bw >= 18)
        out += fmt::format("<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x + bw / 2,
                           ypos(v) - 3, shown);
    }
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", gx + gw * 0.4,
                       kTop + ph + 16, escape(c.groups[g]));
  }
  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  if (names.size() > 1) out += legend(names, w);
  out += axis_labels("", c.y_label, w, h);
  return out + "</svg>\n";
}

std::string roofline_chart(const Roofline& c) {
  const int w = c.width, h = c.height, pw = w - kLeft - kRight, ph = h - kTop - kBottom;
  double x_lo = 1e300, x_hi = 0, y_lo = 1e300, y_hi = 0;
  for (const auto& p : c.points) {
    if (!(p.x > 0 && p.y > 0)) continue;
    x_lo = std::min(x_lo, p.x), x_hi = std::max(x_hi, p.x), y_lo = std::min(y_lo, p.y), y_hi = std::max(y_hi, p.y);
  }
  if (x_hi == 0) x_lo = 0.1, x_hi = 100, y_lo = 1e6, y_hi = 1e9;
  if (c.peak_flops) y_hi = std::max(y_hi, *c.peak_flops), y_lo = std::min(y_lo, *c.peak_flops);
  // Decades around the data (and the ceilings), at least two of them on each axis.
  int dx0 = static_cast<int>(std::floor(std::log10(x_lo))), dx1 = static_cast<int>(std::ceil(std::log10(x_hi)));
  int dy0 = static_cast<int>(std::floor(std::log10(y_lo))), dy1 = static_cast<int>(std::ceil(std::log10(y_hi * 1.5)));
  if (dx1 - dx0 < 2) --dx0, ++dx1;
  if (dy1 - dy0 < 2) --dy0, ++dy1;
  auto xpos = [&](double x) { return kLeft + pw * (std::log10(x) - dx0) / (dx1 - dx0); };
  auto ypos = [&](double y) { return kTop + ph * (1 - (std::log10(y) - dy0) / (dy1 - dy0)); };
  std::string out = open_svg(c.id, c.title, w, h);
  for (int d = dx0; d <= dx1; ++d)
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\"/>"
                       "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       xpos(std::pow(10.0, d)), kTop, kTop + ph, kTop + ph + 16, number(std::pow(10.0, d)));
  for (int d = dy0; d <= dy1; ++d)
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>"
                       "<text class=\"tick\" x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
                       kLeft, kLeft + pw, ypos(std::pow(10.0, d)), kLeft - 6, ypos(std::pow(10.0, d)) + 4,
                       number(std::pow(10.0, d)));
  const double xa = std::pow(10.0, dx0), xb = std::pow(10.0, dx1), ya = std::pow(10.0, dy0), yb = std::pow(10.0, dy1);
  // Ceiling: y = min(peak, bw * x), clipped to the plot.
  auto ceiling = [&](double x) {
    double y = c.peak_flops.value_or(1e300);
    if (c.peak_bytes_per_s) y = std::min(y, *c.peak_bytes_per_s * x);
    return y;
  };
  if (c.peak_flops || c.peak_bytes_per_s) {
    std::string path;
    for (int i = 0; i <= 200; ++i) {
      const double x = xa * std::pow(xb / xa, i / 200.0), y = ceiling(x);
      if (y < ya || y > yb) continue;
      path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", xpos(x), ypos(y));
    }
    if (!path.empty()) out += fmt::format("<path class=\"ceiling\" d=\"{}\"/>\n", path);
    std::string text;
    if (c.peak_bytes_per_s) text += fmt::format("memory {:.4g} GB/s", *c.peak_bytes_per_s / 1e9);
    if (c.peak_flops) text += fmt::format("{}compute {:.4g} GFLOP/s", text.empty() ? "" : ", ", *c.peak_flops / 1e9);
    out += fmt::format("<text class=\"ceiling-label\" x=\"{}\" y=\"{}\">ceilings: {}</text>\n", kLeft + 6, kTop + 14, text);
  } else {
    out += fmt::format("<text class=\"ceiling-label\" x=\"{}\" y=\"{}\">device ceilings unknown (not measured by this backend)</text>\n",
                       kLeft + 6, kTop + 14);
  }
  for (const auto& p : c.points) {
    if (!(p.x > 0 && p.y > 0)) continue;
    out += fmt::format("<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\"><title>{}</title></circle>\n",
                       xpos(p.x), ypos(p.y), color(0), escape(p.label));
  }
  out += axis_labels(c.x_label, c.y_label, w, h);
  return out + "</svg>\n";
}

std::string line_chart(const LineChart& c) {
  const int w = c.width, h = c.height, pw = w - kLeft - kRight, ph = h - kTop - kBottom;
  double x_lo = 1e300, x_hi = -1e300, y_lo = c.y_from_zero ? 0 : 1e300, y_hi = c.percent ? 1 : -1e300;
  for (const auto& s : c.series)
    for (const auto& p : s.points) {
      x_lo = std::min(x_lo, p.x), x_hi = std::max(x_hi, p.x);
      for (auto v : {p.y, p.low, p.high})
        if (v) y_lo = std::min(y_lo, *v), y_hi = std::max(y_hi, *v);
    }
  if (x_lo > x_hi) x_lo = 0, x_hi = 1;
  if (x_lo == x_hi) x_lo -= 0.5, x_hi += 0.5;
  if (y_lo > y_hi) y_lo = 0, y_hi = 1;
  if (y_lo == y_hi) y_hi = y_lo + (y_lo == 0 ? 1 : std::abs(y_lo) * 0.1);
  const double step = nice_step(y_hi - y_lo, 4);
  y_lo = std::floor(y_lo / step) * step;
  y_hi = std::ceil(y_hi / step - 1e-9) * step;
  const double pad = (x_hi - x_lo) * 0.04;
  auto xpos = [&](double x) { return kLeft + pw * (x - x_lo + pad) / (x_hi - x_lo + 2 * pad); };
  auto ypos = [&](double y) { return kTop + ph * (1 - (y - y_lo) / (y_hi - y_lo)); };
  std::string out = open_svg(c.id, c.title, w, h);
  for (double t = y_lo; t <= y_hi + step * 1e-6; t += step)
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       kLeft, kLeft + pw, ypos(t), ypos(t), kLeft - 6, ypos(t) + 4,
                       c.percent ? fmt::format("{:.0f}%", 100 * t) : number(t) + c.y_unit);
  auto ticks = c.x_ticks;
  if (ticks.empty())
    for (double x = std::ceil(x_lo); x <= x_hi; x += std::max(1.0, std::ceil((x_hi - x_lo) / 10)))
      ticks.emplace_back(x, fmt::format("{:g}", x));
  for (const auto& [x, text] : ticks)
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", xpos(x), kTop + ph + 16,
                       escape(text));
  for (std::size_t si = 0; si < c.series.size(); ++si) {
    const auto& s = c.series[si];
    std::string path;
    bool pen_down = false;
    for (const auto& p : s.points) {
      if (!p.y) {
        pen_down = false;
        continue;
      }
      path += fmt::format("{}{:.1f},{:.1f}", pen_down ? " L" : (path.empty() ? "M" : " M"), xpos(p.x), ypos(*p.y));
      pen_down = true;
    }
    if (!path.empty()) out += fmt::format("<path class=\"line\" d=\"{}\" stroke=\"{}\"/>\n", path, color(si));
    for (const auto& p : s.points) {
      if (p.low && p.high)
        out += fmt::format("<line class=\"interval\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n",
                           xpos(p.x), ypos(*p.low), ypos(*p.high), color(si));
      if (!p.y) continue;
      out += fmt::format("<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>\n",
                         p.marked ? "point marked" : "point", xpos(p.x), ypos(*p.y), p.marked ? 6 : 3.5,
                         p.marked ? kMarked : color(si), escape(p.label));
    }
  }
  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  if (names.size() > 1) out += legend(names, w);
  out += axis_labels(c.x_label, c.y_label, w, h);
  return out + "</svg>\n";
}

}  // namespace kbench::svg
