#!/usr/bin/env python3
"""A Python program using libcadre through ctypes: records a cadre, enrols him in a course with
attendance and a score, sends him on a secondment with a host-unit evaluation, and prints his
summary report.

    python3 summary.py my.db [path/to/libcadre.so]     (or set CADRE_LIBRARY)
"""
import ctypes
import ctypes.util
import os
import sys

CADRE_ECONFLICT = -5


class ReportOptions(ctypes.Structure):
    """cadre_report_options, version 2 (fields are only ever appended)."""
    _fields_ = [("version", ctypes.c_uint), ("format", ctypes.c_char_p), ("lang", ctypes.c_char_p),
                ("as_of", ctypes.c_char_p), ("host", ctypes.c_char_p), ("unit", ctypes.c_char_p)]


class PersonOptions(ctypes.Structure):
    """cadre_person_options, version 1."""
    _fields_ = [("version", ctypes.c_uint), ("tier", ctypes.c_char_p), ("rank", ctypes.c_char_p),
                ("title", ctypes.c_char_p), ("gender", ctypes.c_char_p), ("birth", ctypes.c_char_p),
                ("id_number", ctypes.c_char_p)]


class CourseOptions(ctypes.Structure):
    """cadre_course_options, version 1."""
    _fields_ = [("version", ctypes.c_uint), ("code", ctypes.c_char_p), ("title", ctypes.c_char_p),
                ("organizer", ctypes.c_char_p), ("start", ctypes.c_char_p), ("end", ctypes.c_char_p),
                ("capacity", ctypes.c_int), ("category", ctypes.c_char_p), ("pass_mark", ctypes.c_double),
                ("max_leave_ratio", ctypes.c_char_p), ("max_absence_hours", ctypes.c_double),
                ("components", ctypes.c_char_p)]


class SecondmentOptions(ctypes.Structure):
    """cadre_secondment_options, version 1."""
    _fields_ = [("version", ctypes.c_uint), ("staff_no", ctypes.c_char_p), ("from_", ctypes.c_char_p),
                ("to", ctypes.c_char_p), ("post", ctypes.c_char_p), ("start", ctypes.c_char_p),
                ("end", ctypes.c_char_p), ("batch", ctypes.c_char_p), ("direction", ctypes.c_char_p)]


class EvaluationOptions(ctypes.Structure):
    """cadre_evaluation_options, version 1."""
    _fields_ = [("version", ctypes.c_uint), ("period", ctypes.c_char_p), ("rater", ctypes.c_char_p),
                ("conduct", ctypes.c_double), ("competence", ctypes.c_double), ("diligence", ctypes.c_double),
                ("performance", ctypes.c_double), ("integrity", ctypes.c_double), ("grade", ctypes.c_char_p),
                ("comment", ctypes.c_char_p)]


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char_p)]


class CadreError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{message} (code {code})")
        self.code = code


def load(path=None):
    path = path or os.environ.get("CADRE_LIBRARY") or ctypes.util.find_library("cadre")
    if not path:
        raise SystemExit("summary.py: libcadre not found: pass its path or set CADRE_LIBRARY")
    lib = ctypes.CDLL(path)
    db, s = ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "cadre_version": ([], s),
        "cadre_open": ([ctypes.POINTER(db), s], ctypes.c_int),
        "cadre_close": ([db], None),
        "cadre_error_last": ([], ctypes.POINTER(Error)),
        "cadre_free": ([ctypes.c_void_p], None),
        "cadre_set_actor": ([db, s], ctypes.c_int),
        "cadre_unit_add": ([db, s, s, s, s], ctypes.c_int),
        "cadre_person_add": ([db, s, s, s, ctypes.POINTER(PersonOptions)], ctypes.c_int),
        "cadre_course_add": ([db, ctypes.POINTER(CourseOptions)], ctypes.c_int),
        "cadre_session_add": ([ctypes.POINTER(ctypes.c_int), db, s, s, s, s, s, ctypes.c_void_p], ctypes.c_int),
        "cadre_enrol": ([ctypes.POINTER(ctypes.c_int), db, s, s], ctypes.c_int),
        "cadre_attend": ([db, s, ctypes.c_int, ctypes.POINTER(s), ctypes.c_size_t, s, s], ctypes.c_int),
        "cadre_assess": ([db, s, s, s, ctypes.c_double], ctypes.c_int),
        "cadre_secondment_add": ([ctypes.POINTER(ctypes.c_int64), db, ctypes.POINTER(SecondmentOptions)],
                                 ctypes.c_int),
        "cadre_evaluate": ([db, ctypes.c_int64, ctypes.POINTER(EvaluationOptions)], ctypes.c_int),
        "cadre_report": ([ctypes.POINTER(ctypes.c_void_p), db, s, s, ctypes.POINTER(ReportOptions)], ctypes.c_int),
    }
    for name, (args, result) in signatures.items():
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, result
    return lib


class Cadre:
    """One database handle; every failing call raises CadreError with the library's message."""

    def __init__(self, lib, path):
        self.lib = lib
        self.db = ctypes.c_void_p()
        self.check(lib.cadre_open(ctypes.byref(self.db), path.encode()))

    def close(self):
        self.lib.cadre_close(self.db)

    def check(self, rc, again_ok=False):
        """Raises on failure; returns True when the call did something (False: it was already there)."""
        if rc == 0:
            return True
        if again_ok and rc == CADRE_ECONFLICT:
            return False
        err = self.lib.cadre_error_last().contents
        raise CadreError(err.code, err.message.decode())

    def report(self, kind, key=None, fmt="table"):
        out = ctypes.c_void_p()
        opts = ReportOptions(2, fmt.encode(), b"en", None, None, None)
        self.check(self.lib.cadre_report(ctypes.byref(out), self.db, kind.encode(), key and key.encode(),
                                         ctypes.byref(opts)))
        try:
            return ctypes.string_at(out).decode()
        finally:
            self.lib.cadre_free(out)


def record(c):
    c.check(c.lib.cadre_set_actor(c.db, b"summary.py"))
    c.check(c.lib.cadre_unit_add(c.db, b"QXORG", "青溪区委组织部".encode(), b"org_dept", None), again_ok=True)
    person = PersonOptions(1, b"general", "二级主任科员".encode(), None, b"m", b"1990-04-01", None)
    c.check(c.lib.cadre_person_add(c.db, b"A1003", "张伟".encode(), b"QXORG", ctypes.byref(person)), again_ok=True)
    c.check(c.lib.cadre_unit_add(c.db, b"SZDX", "市委党校".encode(), b"party_school", None), again_ok=True)
    c.check(c.lib.cadre_unit_add(c.db, b"DSZ", "东山镇人民政府".encode(), b"township", None), again_ok=True)

    # Training: a one-session course with an exam; enrol, attend, assess (first run only).
    course = CourseOptions(1, b"QN2026-1", "2026年青年干部培训班".encode(), b"SZDX", b"2026-03-09", b"2026-03-13",
                           0, None, 60.0, None, 0.0, b"exam:1")
    if c.check(c.lib.cadre_course_add(c.db, ctypes.byref(course)), again_ok=True):
        c.check(c.lib.cadre_session_add(None, c.db, b"QN2026-1", b"2026-03-09", b"08:30", b"12:00",
                                        "开班式与专题辅导".encode(), None))
        waitlisted = ctypes.c_int()
        c.check(c.lib.cadre_enrol(ctypes.byref(waitlisted), c.db, b"QN2026-1", b"A1003"))
        print("A1003", "waitlisted" if waitlisted.value else "enrolled")
        trainees = (ctypes.c_char_p * 1)(b"A1003")
        c.check(c.lib.cadre_attend(c.db, b"QN2026-1", 1, trainees, 1, b"present", None))
        c.check(c.lib.cadre_assess(c.db, b"QN2026-1", b"A1003", b"exam", 85.5))

    # Secondment with an evaluation by the host unit (first run only).
    secondment = SecondmentOptions(1, b"A1003", b"QXORG", b"DSZ", "副镇长".encode(), b"2026-04-01", b"2027-03-31",
                                   None, b"down")
    sid = ctypes.c_int64()
    if c.check(c.lib.cadre_secondment_add(ctypes.byref(sid), c.db, ctypes.byref(secondment)), again_ok=True):
        evaluation = EvaluationOptions(1, b"midterm", b"host", 90, 86, 92, 88, 95, None, None)
        c.check(c.lib.cadre_evaluate(c.db, sid.value, ctypes.byref(evaluation)))


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: summary.py DATABASE [LIBCADRE]", file=sys.stderr)
        return 2
    lib = load(argv[2] if len(argv) == 3 else None)
    print("cadre", lib.cadre_version().decode())
    try:
        c = Cadre(lib, argv[1])
    except CadreError as e:
        print(f"summary.py: {e}", file=sys.stderr)
        return 1
    try:
        record(c)
        print(c.report("person", "A1003"))
        return 0
    except CadreError as e:
        print(f"summary.py: {e}", file=sys.stderr)
        return 1
    finally:
        c.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
