// Renders DashboardData into one self-contained HTML page (the template is results/dashboard/page.html,
// embedded at build time; the charts are inline SVG from results/svg_charts).
#pragma once
#include <string>

#include "results/dashboard_data.hpp"

namespace kbench {

std::string render_dashboard_html(const DashboardData& data);

}  // namespace kbench
