"""Reliability: parallel writers wait for each other; kill -9 at any moment leaves a sound database."""
import os
import random
import signal
import subprocess
import time
import unittest

from helpers import BIN, CliTest


class Reliability(CliTest):
    def env(self):
        e = dict(os.environ)
        e["CADRE_DB"] = self.db
        return e

    def test_parallel_writers_all_succeed(self):
        self.ok("db", "init")
        procs = []
        for w in range(4):
            script = " && ".join(f'"{BIN}" unit add W{w}U{i} --name "writer {w} unit {i}"' for i in range(15))
            procs.append(subprocess.Popen(["bash", "-c", script], env=self.env(),
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for p in procs:
            out, err = p.communicate(timeout=300)
            self.assertEqual(p.returncode, 0, err)
        self.assertEqual(len(self.json("unit", "list")["units"]), 60)
        self.assertTrue(self.json("db", "check")["ok"])
        self.assertEqual(self.json("audit", "verify")["entries"], 60)

    def test_kill_9_keeps_committed_rows_and_a_sound_file(self):
        self.ok("db", "init")
        rng = random.Random(7)
        committed = set()
        for round_no in range(12):
            # A stream of writes; each one that printed its confirmation has committed.
            script = "; ".join(f'"{BIN}" unit add K{round_no}U{i} --name n && echo K{round_no}U{i}' for i in range(40))
            p = subprocess.Popen(["bash", "-c", script], env=self.env(), stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(rng.uniform(0.02, 0.4))
            os.killpg(p.pid, signal.SIGKILL)
            out, _ = p.communicate()
            for line in out.decode().split():
                if line.startswith("K"):
                    committed.add(line)
        check = self.run_cli("db", "check")
        self.assertEqual(check.code, 0, check)
        units = {u["code"] for u in self.json("unit", "list")["units"]}
        self.assertTrue(committed <= units, committed - units)
        self.assertGreater(len(committed), 0)


if __name__ == "__main__":
    unittest.main()
