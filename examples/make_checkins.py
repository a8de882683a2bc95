#!/usr/bin/env python3
"""Generates examples/checkins.csv and examples/1_attlog.dat for the secondment batch 2026-青溪-1
(deterministic: the same files every run). Working days follow the 2026 calendar of
examples/calendar-2026.csv; each secondee has a presence habit, one of them (A1007) too low."""
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260302)

holidays, workdays = set(), set()
with open(os.path.join(HERE, "calendar-2026.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        (holidays if row["kind"] == "holiday" else workdays).add(row["date"])


def working(d):
    s = d.isoformat()
    return s in workdays or (d.weekday() < 5 and s not in holidays)


people = {"A1001": 0.97, "A1002": 0.93, "A1003": 0.95, "A1007": 0.62, "A1009": 0.9}
places = {"A1001": "河西镇政府", "A1002": "河西镇政府", "A1003": "东山镇政府", "A1007": "东山镇政府", "A1009": "河西镇政府"}
start, end = dt.date(2026, 3, 2), dt.date(2026, 5, 31)
rows = []
d = start
while d <= end:
    if working(d):
        for staff, p in people.items():
            if rng.random() < p:
                t = dt.datetime.combine(d, dt.time(8, 0)) + dt.timedelta(minutes=rng.randint(0, 45))
                kind = "field" if rng.random() < 0.1 else "on_duty"
                rows.append([staff, t.strftime("%Y-%m-%dT%H:%M:00+08:00"), kind, places[staff], "", ""])
    d += dt.timedelta(days=1)
with open(os.path.join(HERE, "checkins.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["staff_no", "at", "kind", "place", "lat", "lon"])
    w.writerows(rows)

# June 1-5 from the host's fingerprint terminal (device 1): padded PINs, CRLF, serial and checksum lines.
pins = {"A1001": "101", "A1002": "102", "A1003": "103", "A1007": "107", "A1009": "109"}
lines = ["BJ2C184860012"]
for day in range(1, 6):
    for staff, pin in pins.items():
        t = dt.datetime(2026, 6, day, 8, rng.randint(0, 40), rng.randint(0, 59))
        verify = rng.choice([1, 15])
        lines.append(f"{pin:>9}\t{t:%Y-%m-%d %H:%M:%S}\t1\t0\t{verify}\t0")
        t2 = dt.datetime(2026, 6, day, 17, rng.randint(30, 59), rng.randint(0, 59))
        lines.append(f"{pin:>9}\t{t2:%Y-%m-%d %H:%M:%S}\t1\t1\t{verify}\t0")
lines.append("CHECKSUM:7F3A21C9")
with open(os.path.join(HERE, "1_attlog.dat"), "w", encoding="ascii", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
with open(os.path.join(HERE, "device-map.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("pin,staff_no\n" + "".join(f"{p},{s}\n" for s, p in pins.items()))
