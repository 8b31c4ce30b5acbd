// CSV as RFC 4180 writes it: a header row, then rows of cells; a cell holding a comma, a quote or a line
// break is quoted, its quotes doubled. Lines end with "\r\n" only where RFC 4180 asks: here "\n", which
// every CSV reader accepts. Used by `kbench compare --format csv` and `kbench export --format csv`.
#pragma once
#include <string>
#include <vector>

namespace kbench {

class CsvWriter {
 public:
  explicit CsvWriter(std::vector<std::string> columns);
  // A row with fewer cells than columns is padded with empty cells; one with more is an error.
  void row(const std::vector<std::string>& cells);
  const std::string& text() const { return text_; }

 private:
  std::size_t columns_;
  std::string text_;
};

std::string csv_cell(const std::string& value);
// Shortest text that reads back as the same double ("" for NaN and infinities: no measurement).
std::string csv_number(double value);

}  // namespace kbench
