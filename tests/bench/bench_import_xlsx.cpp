// Import speed from a workbook against the same rows from CSV, measured in the same run: N
// check-ins (default 200,000) of 200 seconded people, written once as CSV and once as an .xlsx with
// shared strings (as Excel and WPS save it), each imported into its own copy of the same database.
// Target (issue 15): the xlsx import runs at >= 50% of the CSV import's speed.
// usage: bench_import_xlsx [ROWS=200000] [DIR=/tmp]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../fuzz/xlsx_zip.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"

namespace {

double import_seconds(const std::string& db, const std::string& file, long long& rows) {
  cadre::Database d(db);
  auto start = std::chrono::steady_clock::now();
  auto r = cadre::import_file(d, "checkins", file);
  rows = r.written;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 200000;
  std::string base = argc > 2 ? argv[2] : "/tmp";
  std::string dir = base + "/cadre-bench-xlsx-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::string db = dir + "/bench.db";
  {
    cadre::Database d(db);
    cadre::add_unit(d, {"HOME", "home", std::string("government"), std::nullopt});
    cadre::add_unit(d, {"HOST", "host", std::string("township"), std::nullopt});
    for (int i = 0; i < 200; ++i) {
      cadre::add_person(d, {"P" + std::to_string(i), "Person " + std::to_string(i), std::string("HOME"), std::nullopt,
                            std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
      cadre::add_secondment(d,
                            {"P" + std::to_string(i), "HOME", "HOST", "post", cadre::parse_date("2026-01-05", "start"),
                             cadre::parse_date("2027-12-31", "end"), std::nullopt, std::nullopt});
    }
  }
  // The same rows both ways: person i % 200, one punch every 5 minutes from 2026-01-05 08:00 on.
  std::ofstream csv(dir + "/checkins.csv");
  csv << "staff_no,at,kind,place\n";
  std::ostringstream sheet, shared;
  long strings = 0;
  auto shared_index = [&](const std::string& s) {
    shared << "<si><t>" << s << "</t></si>";
    return strings++;
  };
  sheet << "<row r=\"1\">";
  const char* heads[] = {"staff_no", "at", "kind", "place"};
  for (int c = 0; c < 4; ++c)
    sheet << "<c r=\"" << char('A' + c) << "1\" t=\"s\"><v>" << shared_index(heads[c]) << "</v></c>";
  sheet << "</row>";
  long on_duty = shared_index("on_duty"), place = shared_index("镇政府");
  std::vector<long> staff(200);
  for (int i = 0; i < 200; ++i) staff[std::size_t(i)] = shared_index("P" + std::to_string(i));
  for (long i = 0; i < n; ++i) {
    long minutes = (i / 200) * 5;
    long day = minutes / 600, minute_of_day = 8 * 60 + minutes % 600;
    auto date = cadre::format_date(cadre::parse_date("2026-01-05", "d") + std::chrono::days(day));
    char at[40];
    std::snprintf(at, sizeof at, "%sT%02ld:%02ld:00+08:00", date.c_str(), minute_of_day / 60, minute_of_day % 60);
    csv << 'P' << i % 200 << ',' << at << ",on_duty,镇政府\n";
    long row = i + 2;
    sheet << "<row r=\"" << row << "\"><c r=\"A" << row << "\" t=\"s\"><v>" << staff[std::size_t(i % 200)]
          << "</v></c><c r=\"B" << row << "\" t=\"s\"><v>" << shared_index(at) << "</v></c><c r=\"C" << row
          << "\" t=\"s\"><v>" << on_duty << "</v></c><c r=\"D" << row << "\" t=\"s\"><v>" << place << "</v></c></row>";
  }
  csv.close();
  std::ofstream(dir + "/checkins.xlsx", std::ios::binary) << cadre::test_xlsx::workbook(sheet.str(), shared.str());
  std::filesystem::copy_file(db, dir + "/csv.db");
  std::filesystem::copy_file(db, dir + "/xlsx.db");

  long long csv_rows = 0, xlsx_rows = 0;
  double csv_s = import_seconds(dir + "/csv.db", dir + "/checkins.csv", csv_rows);
  double xlsx_s = import_seconds(dir + "/xlsx.db", dir + "/checkins.xlsx", xlsx_rows);
  if (csv_rows != n || xlsx_rows != n) {
    std::fprintf(stderr, "imported %lld (CSV) and %lld (xlsx) of %ld rows\n", csv_rows, xlsx_rows, n);
    return 1;
  }
  std::printf(
      "import checkins, %ld rows: CSV %.2f s (%.0f rows/s, %.1f MiB), xlsx %.2f s (%.0f rows/s, %.1f MiB)"
      " = %.0f%% of the CSV speed (target >= 50%%)\n",
      n, csv_s, n / csv_s, double(std::filesystem::file_size(dir + "/checkins.csv")) / (1 << 20), xlsx_s, n / xlsx_s,
      double(std::filesystem::file_size(dir + "/checkins.xlsx")) / (1 << 20), 100 * csv_s / xlsx_s);
  std::filesystem::remove_all(dir);
  return 0;
}
