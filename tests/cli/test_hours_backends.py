"""Issue 11: `report hours` reads the same on SQLite and PostgreSQL (this file runs on both). The example
data as scripts/demo loads it: completed courses, among them LD2025-4 across 31 December (6 hours in 2025,
6 in 2026 for A1001, A1005, A1009), and recorded online and external hours. PostgreSQL returned the rows of
the per-year split in hash order and lost one year of the split course; the figures below are worked out
by hand from examples/."""
import unittest

from helpers import CliTest

# staff_no, centralised_hours, online_hours, window_hours, shortfall_hours, online_shortfall_hours, compliant
HOURS_2026 = [
    ("A1001", 41, 20, 487, 63, 30, False),  # 35 QN2026-1 + 6 LD2025-4; window + 160 (2022) + 280 (2023) + 6 (2025)
    ("A1002", 91, 55, 91, 0, 0, True),  # 35 QN2026-1 + 56 external
    ("A1003", 59, 30, 59, 31, 20, False),  # 35 QN2026-1 + 24 external
    ("A1004", 31.5, 35, 31.5, 58.5, 15, False),  # QN2026-1 less one session on leave
    ("A1005", 41, 40, 47, 503, 10, False),  # the 300 hours of 2021 are outside the window
    ("A1006", 0, 45, 0, 90, 5, False),
    ("A1007", 0, 50, 0, 90, 0, False),
    ("A1008", 0, 55, 0, 90, 0, False),
    ("A1009", 41, 60, 557, 0, 0, True),  # 510 (2024) + 6 (2025) + 41
    ("A1010", 35, 65, 35, 55, 0, False),
]
# 2025: only LD2025-4's first two sessions count in the year.
HOURS_2025 = [
    ("A1001", 6, 0, 446, 104, 50, False),
    ("A1005", 6, 0, 306, 244, 50, False),
    ("A1009", 6, 0, 516, 34, 50, False),
]


class HoursBackendsTest(CliTest):
    def setUp(self):
        super().setUp()
        self.ok("db", "init")
        self.load_examples("units", "people", "courses", "sessions", "enrolments", "attendance")
        self.enter_examples("assessments")
        self.enter_examples("hours")

    def figures(self, year):
        report = self.json("report", "hours", "--year", year)
        self.assertEqual(report["year"], year)
        rows = [(p["staff_no"], p["centralised_hours"], p["online_hours"], p["window_hours"], p["shortfall_hours"],
                 p["online_shortfall_hours"], p["compliant"]) for p in report["people"]]
        return report, rows

    def test_year_2026(self):
        report, rows = self.figures(2026)
        self.assertEqual(rows, HOURS_2026)
        self.assertEqual(report["non_compliant"], 8)

    def test_year_2025_counts_the_split_course(self):
        report, rows = self.figures(2025)
        self.assertEqual([r for r in rows if r[1]], HOURS_2025)
        self.assertEqual(report["non_compliant"], 10)

    def test_person_record_hours_by_year(self):
        hours = self.json("report", "person", "A1001")["hours"]
        self.assertEqual([(h["year"], h["centralised_hours"], h["online_hours"]) for h in hours],
                         [(2022, 160, 0), (2023, 280, 0), (2025, 6, 0), (2026, 41, 20)])


if __name__ == "__main__":
    unittest.main()
