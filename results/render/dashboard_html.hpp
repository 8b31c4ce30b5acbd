// Renders DashboardData into one self-contained HTML page (the template is results/render/dashboard/page.html,
// embedded at build time; the charts are inline SVG from results/render/svg_charts).
#pragma once
#include <string>

#include "results/analysis/dashboard_data.hpp"

namespace kbench {

std::string render_dashboard_html(const DashboardData& data);

}  // namespace kbench
