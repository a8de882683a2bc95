"""Issue 11: 8 writers at once. Eight clerks (threads, each running one cadre process after another) write
check-ins, enrolments in courses of limited capacity and leave requests at the same moment on one
database, PostgreSQL and SQLite alike: no command fails, every row is there, no course holds more than
its capacity, the waitlist is exactly the enrolments that came after the places were taken, and the
audit chain is unbroken. The PostgreSQL half needs CADRE_TEST_PG (ctest's `pg` fixture)."""
import json
import os
import subprocess
import threading
import unittest

from helpers import BIN, PG, CliTest, drop_pg_database, fresh_pg_database, query

WRITERS = 8
DAYS = 10  # check-ins per writer, one a day
CAPACITY = {"C1": 3, "C2": 5}


class EightWriters(CliTest):
    def setUp(self):
        super().setUp()
        self.barrier = threading.Barrier(WRITERS)

    def prepare(self):
        self.load_examples("units")
        people = "staff_no,name,unit\n" + "".join(f"W{i},writer {i},QXFGW\n" for i in range(WRITERS))
        self.ok("import", "people", self.write("writers.csv", people))
        self.sids = [self.ok("secondment", "add", f"W{i}", "--from", "QXFGW", "--to", "HXZ", "--post", "挂职",
                             "--start", "2026-03-02", "--end", "2026-12-31").out.strip() for i in range(WRITERS)]
        for code, cap in CAPACITY.items():
            self.ok("course", "add", code, "--title", code, "--organizer", "SZDX", "--start", "2026-06-08",
                    "--end", "2026-06-12", "--capacity", cap)

    def writer(self, i, failures, statuses):
        """One clerk's commands, started with the others at the same moment."""
        staff, sid = f"W{i}", self.sids[i]
        commands = [["checkin", staff, "--at", f"2026-03-{2 + d:02d}T09:0{i % 10}:00+08:00"] for d in range(DAYS)]
        commands += [["--format", "json", "enrol", code, staff] for code in CAPACITY]
        commands += [["leave", "request", sid, "--from", "2026-04-06", "--to", "2026-04-07", "--kind", "personal"],
                     ["leave", "request", sid, "--from", "2026-05-11", "--to", "2026-05-12", "--kind", "sick"]]
        # A check-in, then an enrolment or a leave, and so on: every kind of write meets the others.
        others, order = commands[DAYS:], []
        for d in range(DAYS):
            order += [commands[d]] + others[d:d + 1]
        env = dict(os.environ, CADRE_DB=self.db, USER=staff)
        self.barrier.wait()
        for args in order:
            p = subprocess.run([BIN] + [str(a) for a in args], capture_output=True, text=True, env=env, timeout=300)
            if p.returncode != 0:
                failures.append((staff, args, p.returncode, p.stderr))
            elif "enrol" in args:
                statuses[(args[3], staff)] = json.loads(p.stdout)["enrolments"][0]["status"]
            elif args[:2] == ["leave", "request"]:
                approve = subprocess.run([BIN, "leave", "approve", p.stdout.strip(), "--by", "host", "--level", "host"],
                                         capture_output=True, text=True, env=env, timeout=300)
                if approve.returncode != 0:
                    failures.append((staff, "approve", approve.returncode, approve.stderr))

    def run_writers(self):
        self.prepare()
        failures, statuses = [], {}
        threads = [threading.Thread(target=self.writer, args=(i, failures, statuses)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

        # Every row: the check-ins of each clerk, both leaves of each (approved), both enrolments of each.
        per_person = dict(query(self.db, "SELECT p.staff_no, count(*) FROM checkins c JOIN people p "
                                         "ON p.id = c.person_id GROUP BY p.staff_no"))
        self.assertEqual(per_person, {f"W{i}": DAYS for i in range(WRITERS)})
        self.assertEqual(query(self.db, "SELECT status, count(*) FROM leaves GROUP BY status"),
                         [("approved", 2 * WRITERS)])
        # Capacity never exceeded; what each clerk was told is what is stored; the places went to the
        # first enrolments the audit log records for the course, the waitlist to every later one.
        log = self.json("audit", "log")["entries"]
        for code, cap in CAPACITY.items():
            stored = {e["staff_no"]: e["status"] for e in self.json("course", "show", code)["enrolments"]}
            self.assertEqual(len(stored), WRITERS)
            self.assertEqual(sum(s == "enrolled" for s in stored.values()), cap)
            self.assertEqual(stored, {staff: s for (c, staff), s in statuses.items() if c == code})
            order = [json.loads(e["after"])["staff_no"] for e in log
                     if e["operation"] == "enrol" and e["key"].startswith(code + "/")]
            self.assertEqual(len(order), WRITERS)
            self.assertEqual({s: stored[s] for s in order},
                             {s: "enrolled" if n < cap else "waitlisted" for n, s in enumerate(order)})
        # The audit chain is unbroken and every write has its entry.
        self.assertTrue(self.json("audit", "verify")["ok"])
        self.assertTrue(self.json("db", "check")["ok"])
        kinds = [(e["operation"], e["entity"]) for e in log]
        self.assertEqual(kinds.count(("enrol", "enrolment")), WRITERS * len(CAPACITY))

    def test_eight_writers_on_sqlite(self):
        self.db = os.path.join(self.dir, "eight.db")
        self.run_writers()

    @unittest.skipUnless(PG, "CADRE_TEST_PG is not set: no PostgreSQL server (ctest's `pg` fixture starts one)")
    def test_eight_writers_on_postgresql(self):
        self.db = fresh_pg_database()
        self.addCleanup(drop_pg_database, self.db)
        self.run_writers()


if __name__ == "__main__":
    unittest.main()
