// Charts as inline SVG text, drawn by kbench itself so that the dashboard is one static file with no
// JavaScript library to install or load: grouped bars, a log-log roofline scatter and line charts with
// interval bars and marked points. Every chart is an <svg class="chart" data-chart="ID"> element.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kbench::svg {

// Escapes &, <, >, " and ' for XML/HTML text and attributes.
std::string escape(const std::string& text);

struct BarSeries {
  std::string name;
  std::vector<double> values;  // one per group
};

struct BarChart {
  std::string id, title, y_label;
  std::vector<std::string> groups;
  std::vector<BarSeries> series;
  bool percent = false;          // values are fractions shown as percentages
  std::optional<double> y_max;   // default: the largest value (1 for percent)
  int width = 640, height = 300;
};
std::string bar_chart(const BarChart& chart);

struct ScatterPoint {
  double x = 0, y = 0;
  std::string label;  // shown on hover (<title>)
};

// Roofline: points on log-log axes under min(peak_flops, bandwidth * intensity) when those are known.
struct Roofline {
  std::string id, title, x_label, y_label;
  std::vector<ScatterPoint> points;
  std::optional<double> peak_flops, peak_bytes_per_s;
  int width = 640, height = 360;
};
std::string roofline_chart(const Roofline& chart);

struct LinePoint {
  double x = 0;
  std::optional<double> y;            // absent: a gap (e.g. a failing run)
  std::optional<double> low, high;    // an interval bar around y
  bool marked = false;                // drawn as a red ring (e.g. a regression)
  std::string label;                  // shown on hover
};

struct LineSeries {
  std::string name;
  std::vector<LinePoint> points;
};

struct LineChart {
  std::string id, title, x_label, y_label;
  std::vector<LineSeries> series;
  std::vector<std::pair<double, std::string>> x_ticks;  // default: integer ticks
  bool percent = false;
  bool y_from_zero = true;
  std::string y_unit;  // appended to tick labels ("x", " ms")
  int width = 640, height = 260;
};
std::string line_chart(const LineChart& chart);

}  // namespace kbench::svg
