#!/usr/bin/env bash
# xso as its users get it (issue 7):
#
#  1. build and install the library into a temporary prefix; compare the installed files
#     with tests/install/installed-files.txt; no build- or source-tree path may leak into
#     the installed files; then move the prefix elsewhere (it must be relocatable);
#  2. tests/consumer/installed: find_package(xso) + xso_generate() with its own schema
#     (importing ours), built in C++17 and C++20 with -Wall -Wextra -Wpedantic -Werror,
#     then run, header-only and against compiled bindings (xso::compiled, COMPILED);
#     editing the schema or replacing xsoc regenerates, a wrong schema stops the build
#     with file:line; the version file accepts 0.1 only;
#  3. examples/user-payloads and examples/interop (libstrophe, gloox, pugixml), built
#     against the installed prefix and run;
#  4. tests/consumer/subdirectory: the same program with add_subdirectory(xso), where
#     xso::compiled is built only for the target that links it.
#
# XSO_UPDATE_INSTALLED_FILES=1 rewrites tests/install/installed-files.txt instead of
# comparing (review the diff: every change of the installed tree should be deliberate).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

scripts/setup-deps core interop

jobs=${XSO_JOBS:-2}
[ "$jobs" -gt 2 ] && jobs=2
build=build/consumers
work=$(mktemp -d "${TMPDIR:-/tmp}/xso-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { echo "--> consumers: $*"; }
fail() {
    echo "consumers: FAILED: $*" >&2
    exit 1
}

# 1. Install. -------------------------------------------------------------------------
say "building and installing xso into a temporary prefix"
cmake -S . -B "$build/xso" -DCMAKE_BUILD_TYPE=Release \
    -DXSO_BUILD_TESTS=OFF -DXSO_BUILD_EXAMPLES=OFF -DXSO_BUILD_TOOLS=ON \
    -DCMAKE_INSTALL_PREFIX="$work/stage" >/dev/null
cmake --build "$build/xso" -j"$jobs"
cmake --install "$build/xso" >/dev/null

(cd "$work/stage" && find . \( -type f -o -type l \) | sed 's|^\./||' | LC_ALL=C sort) >"$work/installed-files.txt"
golden=tests/install/installed-files.txt
if [ "${XSO_UPDATE_INSTALLED_FILES:-0}" = 1 ]; then
    cp "$work/installed-files.txt" "$golden"
    say "rewrote $golden"
elif ! diff -u "$golden" "$work/installed-files.txt"; then
    fail "the installed files differ from $golden (above: - expected, + installed).
If the change is deliberate: XSO_UPDATE_INSTALLED_FILES=1 scripts/test.d/30-consumers.sh"
fi

if leaks=$(grep -rlF -e "$root" -e "$work" "$work/stage"); then
    fail "installed files name the source, build or staging tree:
$leaks"
fi
mv "$work/stage" "$work/prefix" # relocated: nothing may depend on where it was installed
prefix=$work/prefix

say "version file: 0.1 is accepted, 0.2 and 1.0 are not (SameMinorVersion while 0.x)"
mkdir -p "$work/version"
cat >"$work/version/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.21)
project(xso_version_check LANGUAGES CXX)
find_package(xso ${WANT} CONFIG QUIET)
message(STATUS "xso-found=${xso_FOUND}")
EOF
for want in 0.1:1 0.1.0:1 0.2:0 1.0:0; do
    found=$(cmake -S "$work/version" -B "$work/version/build-${want%%:*}" -DCMAKE_PREFIX_PATH="$prefix" \
        -DWANT="${want%%:*}" | sed -n 's/^-- xso-found=//p')
    case "$found" in 1 | TRUE | ON) got=1 ;; *) got=0 ;; esac
    [ "$got" = "${want##*:}" ] || fail "find_package(xso ${want%%:*}): found=$found, expected ${want##*:}"
done

# 2. The installed consumer. ----------------------------------------------------------
cp -r tests/consumer "$work/src" # copies: the regeneration checks touch the schema
for std in 17 20; do
    dir=$work/installed-c++$std
    say "installed consumer, C++$std"
    cmake -S "$work/src/installed" -B "$dir" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_CXX_STANDARD="$std" -DCMAKE_CXX_STANDARD_REQUIRED=ON -DCMAKE_BUILD_TYPE=Debug >"$work/configure.log" ||
        { cat "$work/configure.log"; fail "configuring the installed consumer"; }
    grep -q "^xso_DIR:PATH=$prefix/lib/cmake/xso$" "$dir/CMakeCache.txt" ||
        fail "find_package(xso) did not pick the package in $prefix"
    cmake --build "$dir" -j"$jobs"
    "$dir/consumer"
    "$dir/consumer_compiled" # against xso::compiled and a COMPILED payload target
done

say "regeneration: schema edits and a new xsoc rerun the generator, nothing else does"
dir=$work/installed-c++17
schema=$work/src/common/schema/device_status.xml
build_log() { cmake --build "$dir" -j"$jobs" 2>&1 | tee "$work/build.log" >/dev/null; }
build_log
if grep -q "xsoc: generating" "$work/build.log"; then fail "an up-to-date build ran xsoc again"; fi
touch "$schema"
build_log
grep -q "xsoc: generating device_status.hpp" "$work/build.log" || fail "touching the schema did not regenerate"
touch -d "2000-01-01" "$schema" # xsoc keeps an unchanged header's timestamp: put the schema back behind it
build_log
if grep -q "xsoc: generating" "$work/build.log"; then fail "xsoc ran although nothing changed"; fi
touch "$prefix/bin/xsoc"
build_log
grep -q "xsoc: generating device_status.hpp" "$work/build.log" || fail "a newer xsoc did not regenerate"

say "a wrong user schema stops the build with file:line: message"
dir=$work/installed-bad
cmake -S "$work/src/installed" -B "$dir" -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_BAD_SCHEMA=ON >/dev/null
if cmake --build "$dir" --target xso_generate_consumer_broken >"$work/bad.log" 2>&1; then
    fail "the build of a wrong schema succeeded"
fi
grep -q "broken\.xml:9: type 'NoSuchType' is not declared in import 'xdata'" "$work/bad.log" ||
    { cat "$work/bad.log"; fail "the error does not name broken.xml:9"; }

# 3. The examples, as separate projects against the installed prefix. --------------------
say "examples/user-payloads against the installed prefix"
cmake -S examples/user-payloads -B "$work/user-payloads" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$work/user-payloads" -j"$jobs"
"$work/user-payloads/user_payloads"

say "examples/interop (libstrophe, gloox, pugixml) against the installed prefix"
cmake -S examples/interop -B "$work/interop" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug \
    -DXSO_INTEROP_REQUIRED=ON >/dev/null
cmake --build "$work/interop" -j"$jobs"
ctest --test-dir "$work/interop" --output-on-failure

# 4. add_subdirectory. ----------------------------------------------------------------
say "subdirectory consumer (add_subdirectory(xso))"
dir=$build/subdirectory
# A library left by an earlier run in this build tree would pass for one the default build made.
find "$dir" -name 'libxso_compiled.a' -delete 2>/dev/null || true
cmake -S tests/consumer/subdirectory -B "$dir" -DXSO_SOURCE="$root" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$dir" -j"$jobs"
"$dir/consumer"
# Vendored, xso::compiled is built on demand: not by the default build above, but for a
# target that links it.
compiled_lib() { find "$dir" -name 'libxso_compiled.a' -print -quit; }
if [ -n "$(compiled_lib)" ]; then
    echo "the default build of a vendoring project built xso::compiled: $(compiled_lib)" >&2
    exit 1
fi
cmake --build "$dir" -j"$jobs" --target uses_compiled
[ -n "$(compiled_lib)" ] || { echo "linking xso::compiled did not build it" >&2; exit 1; }
"$dir/uses_compiled"

echo "consumers: ok"
