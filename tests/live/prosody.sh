#!/usr/bin/env bash
# A throw-away Prosody on 127.0.0.1 for the live interop test.
#
#   tests/live/prosody.sh start WORKDIR [PORT]   render the config into WORKDIR, register
#                                                the test users, start the server, wait
#                                                until it accepts connections; prints the
#                                                port it listens on
#   tests/live/prosody.sh stop WORKDIR           SIGTERM by the recorded pid, SIGKILL
#                                                after 10 s; safe to call twice
#
# Users: owner/owner-pass (server admin, so it may create nodes on pubsub.localhost) and
# subscriber/subscriber-pass. The server runs in the foreground (-F) in the background of
# this shell; its pid is WORKDIR/server.pid. LOG_LEVEL=debug logs every stanza.
# PORT defaults to the first free one from 15222 on; nothing but 127.0.0.1 is used.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local dir=$1 port=${2:-}
    if [ -z "$port" ]; then
        port=15222
        while port_open "$port"; do
            port=$((port + 1))
            [ "$port" -lt 15300 ] || { echo "prosody.sh: no free port in 15222-15299" >&2; return 1; }
        done
    elif port_open "$port"; then
        echo "prosody.sh: 127.0.0.1:$port is already taken" >&2
        return 1
    fi
    mkdir -p "$dir/data" "$dir/certs"
    sed -e "s|@WORKDIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@LOGLEVEL@|${LOG_LEVEL:-info}|g" \
        "$here/prosody.cfg.lua" >"$dir/prosody.cfg.lua"
    local cfg=$dir/prosody.cfg.lua
    # Never call `prosody` with any other flag than --config and -F/-D: unknown flags are
    # ignored and the server starts with the system config on all interfaces.
    # (prosodyctl prints a banner about the optional lua-unbound; kept out of the way.)
    if ! { prosodyctl --config "$cfg" register owner localhost owner-pass &&
        prosodyctl --config "$cfg" register subscriber localhost subscriber-pass; } >"$dir/prosodyctl.out" 2>&1; then
        echo "prosody.sh: registering the users failed:" >&2
        cat "$dir/prosodyctl.out" >&2
        return 1
    fi
    prosody --config "$cfg" -F >"$dir/prosody.out" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$dir/server.pid"
    local i
    for i in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "prosody.sh: the server exited at start:" >&2
            cat "$dir/prosody.out" "$dir/prosody.log" >&2 2>/dev/null || true
            return 1
        fi
        port_open "$port" && break
        sleep 0.1
    done
    port_open "$port" || { echo "prosody.sh: nothing listens on 127.0.0.1:$port after 10 s" >&2; return 1; }
    # Everything the server listens on must be loopback.
    if command -v ss >/dev/null 2>&1; then
        local bad
        bad=$(ss -Hltnp 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | grep -v '^127\.0\.0\.1:' || true)
        if [ -n "$bad" ]; then
            echo "prosody.sh: the server listens on a non-loopback address: $bad" >&2
            return 1
        fi
    fi
    echo "$port" >"$dir/port"
    echo "$port"
}

stop() {
    local dir=$1 pid
    [ -f "$dir/server.pid" ] || return 0
    pid=$(cat "$dir/server.pid")
    rm -f "$dir/server.pid"
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    echo "prosody.sh: pid $pid still running after 10 s, SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
start) [ $# -ge 2 ] || exit 2; start "$2" "${3:-}" ;;
stop) [ $# -ge 2 ] || exit 2; stop "$2" ;;
*) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
