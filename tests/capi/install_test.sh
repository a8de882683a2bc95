#!/bin/sh
# Installs the already built tree into a temporary prefix, then builds and runs the examples
# against the *installed* package only: C through pkg-config, C++ through find_package(cadre),
# Python through ctypes.
#   install_test.sh BUILD_DIR SOURCE_DIR [C_COMPILER] [CMAKE]
set -eu
build=$1
source=$2
cc=${3:-cc}
cmake=${4:-cmake}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cadre-install-XXXXXX")
[ -n "${CADRE_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

fail() { echo "install_test: $*" >&2; exit 1; }
expect() {  # expect FILE TEXT...: every TEXT occurs in FILE
  file=$1; shift
  for text in "$@"; do
    grep -qF -- "$text" "$file" || { cat "$file" >&2; fail "$file: expected '$text'"; }
  done
}

"$cmake" --install "$build" --prefix "$prefix" > "$tmp/install.log"

# --- what was installed ---------------------------------------------------------------------
libdir=$(dirname "$(find "$prefix" -name 'libcadre.so' | head -n 1)")
[ -n "$libdir" ] && [ -d "$libdir" ] || fail "libcadre.so not installed"
[ -L "$libdir/libcadre.so" ] || fail "libcadre.so is not a symlink"
soname=$(readlink "$libdir/libcadre.so")
case "$soname" in libcadre.so.[0-9]*) ;; *) fail "libcadre.so -> $soname" ;; esac
real=$(readlink -f "$libdir/libcadre.so")
case "$(basename "$real")" in libcadre.so.[0-9]*.[0-9]*.[0-9]*) ;; *) fail "no VERSION file: $real" ;; esac
readelf -d "$real" | grep -q "SONAME.*\[$soname\]" || fail "SONAME of $real is not $soname"
for f in include/cadre/cadre.h include/cadre/database.hpp bin/cadre; do
  [ -f "$prefix/$f" ] || fail "missing $f"
done
for f in cadreConfig.cmake cadreConfigVersion.cmake cadreTargets.cmake; do
  [ -f "$libdir/cmake/cadre/$f" ] || fail "missing cmake/cadre/$f"
done
[ -f "$libdir/pkgconfig/cadre.pc" ] || fail "missing pkgconfig/cadre.pc"
grep -q "SameMajorVersion\|PACKAGE_VERSION_COMPATIBLE" "$libdir/cmake/cadre/cadreConfigVersion.cmake" ||
  fail "no version check in cadreConfigVersion.cmake"

export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$prefix/bin/cadre" --version | grep -q "^cadre " || fail "installed CLI does not run"

# --- C, through pkg-config ------------------------------------------------------------------
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs cadre) || fail "pkg-config does not find cadre"
version=$(pkg-config --modversion cadre)
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "$source/examples/c/summary.c" $flags -o "$tmp/summary_c"
"$tmp/summary_c" "$tmp/c.db" > "$tmp/c.out" || { cat "$tmp/c.out"; fail "C example failed"; }
expect "$tmp/c.out" "cadre $version" "A1002" "李秀英" "QN2026-1" "2026年青年干部培训班" "88.0" "HXZ" "副镇长" "Excellent" \
  "A1002 2026: 3.5 of 90 centralised hours"
"$tmp/summary_c" "$tmp/c.db" > "$tmp/c2.out" || fail "C example fails when run again"

# The README's C API example, as printed there.
awk '/^## C API/ { section = 1 } section && /^```c$/ { code = 1; next } code && /^```$/ { exit } code' \
  "$source/README.md" > "$tmp/readme.c"
[ -s "$tmp/readme.c" ] || fail "no C example in the README's C API section"
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "$tmp/readme.c" $flags -o "$tmp/readme"
(cd "$tmp" && ./readme > readme.out) || fail "README example failed"
expect "$tmp/readme.out" "A1001" "王建国"

# The same C program through find_package(cadre): a C-only project must not need a C++ compiler.
"$cmake" -S "$source/examples/c" -B "$tmp/c-build" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/c-configure.log" 2>&1 ||
  { cat "$tmp/c-configure.log"; fail "C configure"; }
"$cmake" --build "$tmp/c-build" > "$tmp/c-build.log" 2>&1 || { cat "$tmp/c-build.log"; fail "C build (CMake)"; }
"$tmp/c-build/summary" "$tmp/c-cmake.db" > "$tmp/c-cmake.out" || fail "C example (CMake) failed"
expect "$tmp/c-cmake.out" "A1002"

# --- C++, through find_package(cadre) -------------------------------------------------------
"$cmake" -S "$source/examples/cpp" -B "$tmp/cpp-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$tmp/cpp-configure.log" 2>&1 || { cat "$tmp/cpp-configure.log"; fail "C++ configure"; }
if grep -q "CMake Warning" "$tmp/cpp-configure.log"; then cat "$tmp/cpp-configure.log"; fail "C++ configure warns"; fi
"$cmake" --build "$tmp/cpp-build" > "$tmp/cpp-build.log" 2>&1 || { cat "$tmp/cpp-build.log"; fail "C++ build"; }
"$tmp/cpp-build/summary" "$tmp/cpp.db" > "$tmp/cpp.out" || { cat "$tmp/cpp.out"; fail "C++ example failed"; }
expect "$tmp/cpp.out" "cadre $version" "A1001" "王建国" "QN2026-1" "Excellent" "党委副书记" "HXZ"

# --- Python, through ctypes ------------------------------------------------------------------
CADRE_LIBRARY="$libdir/libcadre.so" /usr/bin/python3 "$source/examples/python/summary.py" "$tmp/py.db" \
  > "$tmp/py.out" || { cat "$tmp/py.out"; fail "Python example failed"; }
expect "$tmp/py.out" "cadre $version" "A1003" "张伟" "QN2026-1" "Good" "副镇长" "DSZ"

# The three programs wrote the same kind of database the CLI reads.
"$prefix/bin/cadre" --db "$tmp/py.db" --format csv person list > "$tmp/cli.out"
expect "$tmp/cli.out" "A1003"
echo "install_test: installed to a temporary prefix; C (pkg-config), C++ (CMake) and Python examples ran"
