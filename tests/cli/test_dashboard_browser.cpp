// `kbench dashboard` end to end, checked in a real browser: headless Chromium loads the page from disk
// (no server, no network), the page's own error recorder and Chromium's console log must both be empty,
// the expected charts and numbers must be in the rendered DOM, and a screenshot is saved under
// <build>/test-output/dashboard/ for people (and CI artifacts) to look at. Skips without chromium.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/results/compare_fixtures.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

namespace fs = std::filesystem;

const char* kChromium = "/usr/bin/chromium";

fs::path output_dir() {
  const fs::path dir = test::bin_dir().parent_path() / "test-output" / "dashboard";
  fs::create_directories(dir);
  return dir;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs headless Chromium on a page with a fresh profile; `extra` picks --dump-dom or --screenshot=...
ProcessResult chromium(const fs::path& page, const std::vector<std::string>& extra, const fs::path& profile) {
  std::vector<std::string> argv = {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                   "--user-data-dir=" + profile.string(), "--enable-logging=stderr", "--v=0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("file://" + fs::absolute(page).string());
  return run_process(argv, 120);
}

// What the browser saw: console messages from the log, and the error count the page recorded into its DOM.
struct PageCheck {
  std::vector<std::string> console_lines;
  std::string errors_attr, charts_attr, dom;
};

PageCheck load_in_browser(const fs::path& page, const fs::path& profile) {
  const ProcessResult r = chromium(page, {"--dump-dom"}, profile);
  EXPECT_EQ(r.exit_code, 0) << r.output.substr(0, 4000);
  PageCheck c;
  c.dom = r.output;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos) c.console_lines.push_back(line);
  std::smatch m;
  if (std::regex_search(r.output, m, std::regex(R"(data-errors="(\d+)\")"))) c.errors_attr = m[1];
  if (std::regex_search(r.output, m, std::regex(R"(data-charts="(\d+)\")"))) c.charts_attr = m[1];
  return c;
}

class DashboardBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " is not installed (Debian package `chromium`): browser check skipped";
  }
  test::TempDir tmp;
};

TEST_F(DashboardBrowserTest, LoadsWithoutErrorsAndShowsTheChartsAndNumbers) {
  const fs::path out = output_dir();
  const fs::path db = out / "fixture.db";
  fs::remove(db), fs::remove(fs::path(db.string() + "-wal")), fs::remove(fs::path(db.string() + "-shm"));
  {
    ResultStore store(db);
    test::build_dashboard_fixture(store);
  }
  const ProcessResult made = test::run_kbench({"dashboard", "--db", db.string(), "--out", out.string()}, tmp.path, 120);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  EXPECT_NE(made.output.find("4 runs"), std::string::npos) << made.output;
  EXPECT_NE(made.output.find("2 regressions marked"), std::string::npos) << made.output;
  const fs::path page = out / "index.html";
  const std::string html = read_file(page);
  ASSERT_FALSE(html.empty());

  const PageCheck c = load_in_browser(page, tmp.path / "profile-dom");
  EXPECT_TRUE(c.console_lines.empty()) << "console: " << c.console_lines.front();
  EXPECT_EQ(c.errors_attr, "0") << "the page's script did not run, or recorded errors";
  // Every inline SVG chart of the file was parsed into the DOM.
  std::ptrdiff_t charts_in_file = 0;
  for (std::size_t at = 0; (at = html.find("data-chart=\"", at)) != std::string::npos; ++at) ++charts_in_file;
  EXPECT_GE(charts_in_file, 10);
  EXPECT_EQ(c.charts_attr, std::to_string(charts_in_file));
  for (const char* id : {"correctness-fast-p", "speedup-distribution", "roofline", "history-0", "llm-best-speedup-0",
                         "llm-correct-0", "llm-tokens-0"})
    EXPECT_NE(c.dom.find(std::string("data-chart=\"") + id + "\""), std::string::npos) << id;
  // Numbers of the fixture: 3 of 4 tasks correct, fast_1.5 = 2/4, turn 2 geomean (1.6*2.5*1.3)^(1/3) = 1.73x,
  // the synthetic device's ceilings, run metadata, and two regressions marked in the history.
  for (const char* text : {"75.0%", "50.0%", "1.73x", "ceilings: memory 20 GB/s, compute 100 GFLOP/s", "Synthetic CPU (2 threads)",
                           "g++ 12.2.0 -O3", "kbench run --model replay", "2 regressions marked", "correct -&gt; incorrect"})
    EXPECT_NE(c.dom.find(text), std::string::npos) << text;
  std::ptrdiff_t marked = 0;
  for (std::size_t at = 0; (at = c.dom.find("class=\"point marked\"", at)) != std::string::npos; ++at) ++marked;
  EXPECT_EQ(marked, 2);

  const fs::path shot = out / "dashboard.png";
  fs::remove(shot);
  const ProcessResult s = chromium(page, {"--screenshot=" + shot.string(), "--window-size=1400,2400", "--hide-scrollbars"},
                                   tmp.path / "profile-shot");
  ASSERT_EQ(s.exit_code, 0) << s.output.substr(0, 4000);
  const std::string png = read_file(shot);
  ASSERT_GT(png.size(), 20000u) << "screenshot too small to show the page";
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

TEST_F(DashboardBrowserTest, TheCheckSeesAScriptErrorWhenThereIsOne) {
  // Negative control: the same checks must fail on a page whose script throws.
  const fs::path page = tmp.path / "broken.html";
  std::ofstream(page) << "<!DOCTYPE html><html><head><script>window.kbenchErrors=[];window.addEventListener('error',"
                         "function(e){window.kbenchErrors.push(e.message)});</script></head><body><script>no_such_function();"
                         "</script><script>document.body.setAttribute('data-errors',String(window.kbenchErrors.length));"
                         "</script></body></html>";
  const PageCheck c = load_in_browser(page, tmp.path / "profile-broken");
  EXPECT_FALSE(c.console_lines.empty());
  EXPECT_EQ(c.errors_attr, "1");
}

}  // namespace
}  // namespace kbench
