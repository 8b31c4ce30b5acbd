// CsvWriter: see csv.hpp.
#include "results/render/csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kbench {

std::string csv_cell(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

CsvWriter::CsvWriter(std::vector<std::string> columns) : columns_(columns.size()) { row(columns); }

void CsvWriter::row(const std::vector<std::string>& cells) {
  if (cells.size() > columns_) throw std::invalid_argument(fmt::format("a CSV row of {} cells for {} columns", cells.size(), columns_));
  for (std::size_t i = 0; i < columns_; ++i) {
    if (i) text_ += ',';
    if (i < cells.size()) text_ += csv_cell(cells[i]);
  }
  text_ += '\n';
}

}  // namespace kbench
