#!/usr/bin/env bash
# Live interop: xso's PubSub client over libstrophe against a throw-away Prosody on
# 127.0.0.1 (tests/live/). Installs prosody and libstrophe-dev, builds the integration test
# (xso_live_pubsub) and the libstrophe example (pubsub_strophe), starts Prosody from
# tests/live/prosody.cfg.lua in a fresh temporary directory (pubsub component + PEP, two
# registered users), runs both, and stops the server by its pid on every exit path.
# Nothing but 127.0.0.1 is contacted. The method -> server result table is printed and
# kept in <build>/live-prosody.md.
#
#   XSO_LIVE_BUILD_DIR   build tree to use (default: scripts/test's g++ C++17 tree)
#   LOG_LEVEL=debug      Prosody logs every stanza (the log is printed when a check fails)
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup-deps core live

# The Debian package's own daemon must not be running (policy-rc.d normally prevents it);
# ours uses its own port, so this is only a warning.
if command -v ss >/dev/null 2>&1 && ss -Hltn 2>/dev/null | awk '{print $4}' | grep -q ':5222$'; then
    echo "60-prosody-live: note: something listens on port 5222 (a packaged Prosody?); not ours, left alone"
fi

dir=${XSO_LIVE_BUILD_DIR:-build/test-gcc-c++17}
jobs=${XSO_JOBS:-2}
# The same flags as scripts/test's g++ C++17 configuration, so that its tree is reused as is.
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=17 -DCMAKE_CXX_STANDARD_REQUIRED=ON \
    -DCMAKE_BUILD_TYPE=Debug -DXSO_WARNINGS_AS_ERRORS=ON \
    -DXSO_BUILD_COMPILED=OFF -DXSO_BUILD_TESTS=ON -DXSO_BUILD_TOOLS=ON -DXSO_BUILD_EXAMPLES=ON >/dev/null
cmake --build "$dir" -j"$jobs" --target xso_live_pubsub pubsub_strophe

workdir=$(mktemp -d -t xso-prosody.XXXXXX)
status=1
finish() {
    if [ "$status" -ne 0 ] && [ -f "$workdir/prosody.log" ]; then
        echo "60-prosody-live: last lines of the Prosody log:"
        tail -n 40 "$workdir/prosody.log" || true
    fi
    tests/live/prosody.sh stop "$workdir" || true
    rm -rf "$workdir"
}
trap finish EXIT

port=$(tests/live/prosody.sh start "$workdir" | tail -n 1)
echo "60-prosody-live: Prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null) on 127.0.0.1:$port (pid $(cat "$workdir/server.pid"))"

timeout 120 "$dir/tests/live/xso_live_pubsub" --port "$port" --table "$dir/live-prosody.md"
timeout 60 "$dir/examples/libstrophe/pubsub_strophe" --port "$port"
status=0
echo "60-prosody-live: ok"
