"""The shared library exports the public API and nothing else.

Allowed in `nm -D -C --defined-only libcadre.so`:
  - the C API: strong `cadre_*` functions;
  - the C++ API: `cadre::` classes and functions of the public headers, with their typeinfo and
    vtables (cadre::detail, cadre::capi and cadre::Database::Impl are internals: refused);
  - libstdc++ template instantiations and inline statics (`std::`, `__gnu_cxx::`) with weak or unique
    binding (W, V, u). GCC emits these with default visibility because namespace std is declared
    so; the dynamic linker merges them with every other copy, so they promise no ABI of ours. A
    strong std:: symbol would mean we define part of the standard library: refused.
Refused everywhere: anything naming a dependency (SQLiteCpp, sqlite3, fmt, nlohmann, date, boost,
libcsv, utf8proc, libxlsxwriter, libmd).
"""
import re
import subprocess
import sys

FORBIDDEN = re.compile(r"SQLite|sqlite3|\bfmt::|nlohmann|\bdate::|boost|\bcsv_|utf8proc|lxw_|EVP_|SHA256|"
                       r"cadre::detail|cadre::capi|cadre::cli|Database::Impl")
CXX_PUBLIC = re.compile(r"^(typeinfo for |typeinfo name for |vtable for |VTT for )?cadre::")
WEAK = {"W", "V", "u"}
REQUIRED = ["cadre_open", "cadre_close", "cadre_error_last", "cadre_report", "cadre_free", "cadre_version",
            "cadre::version()", "cadre::Database::Database("]


def classify(kind, name):
    if FORBIDDEN.search(name):
        return "names an internal or a dependency"
    if re.fullmatch(r"cadre_[a-z0-9_]+", name):
        return None if kind == "T" else "C API symbol that is not a function"
    if CXX_PUBLIC.match(name):
        return None
    if ("std::" in name or "__gnu_cxx::" in name) and kind in WEAK:
        return None
    # Markers the linker defines in some shared objects (section boundaries), not code of ours.
    if name in ("__bss_start", "_edata", "_end") and kind in "BDA":
        return None
    return "not part of the public API"


def declared_in(header):
    """The functions cadre.h declares (CADRE_EXTERN ... cadre_name(...))."""
    text = open(header, encoding="utf-8").read()
    return set(re.findall(r"CADRE_EXTERN[^;(]*?\b(cadre_[a-z0-9_]+)\s*\(", text))


def main(library, header=None):
    out = subprocess.run(["nm", "-D", "-C", "--defined-only", library], check=True, capture_output=True,
                         text=True).stdout
    bad, names = [], []
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3:
            continue
        _, kind, name = parts
        names.append(name)
        why = classify(kind, name)
        if why:
            bad.append(f"  {kind} {name}  ({why})")
    missing = [r for r in REQUIRED if not any(n == r or n.startswith(r) for n in names)]
    if header:
        exported = {n for n in names if re.fullmatch(r"cadre_[a-z0-9_]+", n)}
        declared = declared_in(header)
        missing += sorted(declared - exported)
        bad += [f"  exported but not declared in cadre.h: {n}" for n in sorted(exported - declared)]
    for m in missing:
        bad.append(f"  missing: {m}")
    if bad:
        print(f"{library}: unexpected dynamic symbols:\n" + "\n".join(bad))
        return 1
    c_api = sum(1 for n in names if n.startswith("cadre_"))
    print(f"{library}: {len(names)} exported symbols, {c_api} of the C API, nothing internal")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
