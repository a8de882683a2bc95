#!/usr/bin/env python3
"""A Python program using libcadre through ctypes: opens a database, records a unit and a cadre,
prints a report.

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
        if rc == 0 or (again_ok and rc == CADRE_ECONFLICT):
            return
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
    # Training and secondment steps go here: enrol the trainee, record an evaluation.


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
        print(c.report("people", "QXORG"))
        return 0
    except CadreError as e:
        print(f"summary.py: {e}", file=sys.stderr)
        return 1
    finally:
        c.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
