-- Throw-away Prosody for the live interop test (scripts/test.d/60-prosody-live.sh).
-- @WORKDIR@ and @PORT@ are replaced by tests/live/prosody.sh; everything binds to
-- 127.0.0.1 only, nothing outside the per-run directory is read or written.
run_as_root = true                 -- CI runs as root; without it Prosody half-starts
data_path = "@WORKDIR@/data"
pidfile = "@WORKDIR@/prosody.pid"
certificates = "@WORKDIR@/certs"   -- empty: no TLS offered
interfaces = { "127.0.0.1" }
c2s_ports = { @PORT@ }
c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
c2s_require_encryption = false
s2s_require_encryption = false
authentication = "internal_hashed" -- SCRAM-SHA-1
storage = "internal"               -- files: prosodyctl register runs in its own process
modules_enabled = { "roster"; "saslauth"; "disco"; "pep"; "ping" }
modules_disabled = { "s2s"; "s2s_auth_certs"; "offline" }
log = { { levels = { min = "@LOGLEVEL@" }, to = "file", filename = "@WORKDIR@/prosody.log" } }
-- Only service owners may create nodes on Prosody's pubsub component: the owner user is admin.
admins = { "owner@localhost" }

VirtualHost "localhost"

Component "pubsub.localhost" "pubsub"
	pubsub_max_items = 256
