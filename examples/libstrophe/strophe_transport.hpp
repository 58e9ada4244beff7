// libstrophe as the transport of xso's sans-I/O PubSub client: the glue the example
// program (examples/libstrophe/) and the live interop test (tests/live/) share.
//
//   xso_strophe::session s;                       // one libstrophe context + connection
//   s.connect("user@localhost/app", "secret", "127.0.0.1", 5222);
//   xso::pubsub::client pubsub(xso::jid(s.bound_jid()));
//   s.attach(pubsub);                             // every incoming iq/message -> pubsub.receive
//   s.send(pubsub.get_items(service, "node", on_items));
//   xso_strophe::run_until({&s}, [&] { return done; }, 5000);
//
// libstrophe owns the socket, the stream, SASL and resource binding; xso builds the
// request bytes and interprets the replies. Requests go out with xmpp_send_raw (never the
// printf-style xmpp_send_raw_string: a '%' in a payload would be interpreted). Incoming
// stanzas are handed over as text by xmpp_stanza_to_text: a re-serialization by
// libstrophe (double quotes, its own xmlns placement), which xso parses like any other
// XML. One session per account; sessions are single-threaded, driven by run_once().
#pragma once

#include <strophe.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <xso/pubsub/client.hpp>

namespace xso_strophe {

namespace detail {
struct library {
    library() { xmpp_initialize(); }
    ~library() { xmpp_shutdown(); }
    library(const library&) = delete;
    library& operator=(const library&) = delete;
};
inline void ensure_initialized()
{
    static library lib;
}
} // namespace detail

class session {
public:
    enum class state { idle, connecting, connected, failed, closed };

    // Called with every incoming <iq/> and <message/>, as XML text.
    std::function<void(std::string_view)> on_stanza;

    // `debug`: libstrophe's own log on stderr (also with XSO_STROPHE_DEBUG=1 in the
    // environment).
    explicit session(bool debug = false)
    {
        detail::ensure_initialized();
        const char* env = std::getenv("XSO_STROPHE_DEBUG");
        if (debug || (env && *env && std::string_view(env) != "0")) log_ = xmpp_get_default_logger(XMPP_LEVEL_DEBUG);
        ctx_ = xmpp_ctx_new(nullptr, log_);
        conn_ = xmpp_conn_new(ctx_);
    }
    ~session()
    {
        disconnect(1000);
        xmpp_conn_release(conn_);
        xmpp_ctx_free(ctx_);
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // Connects to host:port (no DNS lookup of the JID's domain), logs in, binds a resource
    // and sends the initial presence (without it the server drops the notifications sent
    // to the bare JID). Runs the event loop until that is done or `timeout_ms` passed.
    // TLS is used when the server offers it; `plaintext_ok` lets the login go on without
    // it (a loopback test server).
    bool connect(const std::string& jid, const std::string& password, const std::string& host, unsigned short port,
                 int timeout_ms = 10000, bool plaintext_ok = true)
    {
        if (state_ == state::connecting || state_ == state::connected) return false;
        long flags = XMPP_CONN_FLAG_DISABLE_SM; // no XEP-0198 <r/>/<a/> in the stanza flow
        if (plaintext_ok) flags |= XMPP_CONN_FLAG_DISABLE_TLS;
        xmpp_conn_set_flags(conn_, flags);
        xmpp_conn_set_jid(conn_, jid.c_str());
        xmpp_conn_set_pass(conn_, password.c_str());
        error_.clear();
        state_ = state::connecting;
        if (xmpp_connect_client(conn_, host.c_str(), port, &session::on_conn, this) != XMPP_EOK) {
            state_ = state::failed;
            error_ = "xmpp_connect_client failed";
            return false;
        }
        bool settled = run_until(
            {this}, [this] { return state_ != state::connecting; }, timeout_ms);
        if (!settled) {
            error_ = "no login within " + std::to_string(timeout_ms) + " ms";
            state_ = state::failed;
            xmpp_disconnect(conn_);
            return false;
        }
        return state_ == state::connected;
    }

    // Sends bytes as they are (one or more complete stanzas).
    void send(std::string_view bytes)
    {
        if (state_ == state::connected && !bytes.empty()) xmpp_send_raw(conn_, bytes.data(), bytes.size());
    }
    // Sends a request the client built. Returns its id (empty: the client refused to
    // build it, and its callback already ran with the local error).
    std::string send(const xso::pubsub::outgoing& out)
    {
        send(std::string_view(out.bytes));
        return out.id;
    }

    // Hands every incoming stanza to `client` (on_stanza is replaced).
    void attach(xso::pubsub::client& client)
    {
        on_stanza = [&client](std::string_view bytes) { client.receive(bytes); };
    }

    // One turn of the event loop: waits at most `timeout_ms` for network activity.
    void run_once(unsigned long timeout_ms) { xmpp_run_once(ctx_, timeout_ms); }

    state current() const noexcept { return state_; }
    bool connected() const noexcept { return state_ == state::connected; }
    const std::string& error() const noexcept { return error_; }
    // The full JID the server bound (valid once connected).
    std::string bound_jid() const
    {
        const char* j = xmpp_conn_get_bound_jid(conn_);
        return j ? std::string(j) : std::string();
    }

    // Closes the stream and waits (at most `timeout_ms`) for the server to close its side.
    void disconnect(int timeout_ms = 2000)
    {
        if (state_ != state::connected && state_ != state::connecting) return;
        xmpp_disconnect(conn_);
        run_until(
            {this}, [this] { return state_ != state::connected && state_ != state::connecting; }, timeout_ms);
        state_ = state::closed;
    }

    // Runs the event loops of `sessions` in turn until `done()` is true or `timeout_ms`
    // passed; returns done().
    template <class Pred> static bool run_until(std::initializer_list<session*> sessions, Pred done, int timeout_ms)
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (!done()) {
            if (std::chrono::steady_clock::now() >= deadline) return done();
            for (session* s : sessions)
                s->run_once(sessions.size() > 1 ? 1 : 5);
        }
        return true;
    }

private:
    static void on_conn(xmpp_conn_t* conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t* stream_error,
                        void* userdata)
    {
        auto* self = static_cast<session*>(userdata);
        if (event == XMPP_CONN_CONNECT) {
            // One function per stanza name: libstrophe refuses a second handler with the same
            // function and user data ("Stanza handler already exists").
            xmpp_handler_add(conn, &session::on_iq_cb, nullptr, "iq", nullptr, self);
            xmpp_handler_add(conn, &session::on_message_cb, nullptr, "message", nullptr, self);
            static const char presence[] = "<presence/>";
            xmpp_send_raw(conn, presence, sizeof presence - 1);
            self->state_ = state::connected;
            return;
        }
        if (event == XMPP_CONN_RAW_CONNECT) return;
        if (self->state_ == state::connecting) {
            self->state_ = state::failed;
            self->error_ = "connection failed (error " + std::to_string(error) + ")";
            if (stream_error && stream_error->text) self->error_ += std::string(": ") + stream_error->text;
        } else {
            self->state_ = state::closed;
        }
    }

    static int on_iq_cb(xmpp_conn_t*, xmpp_stanza_t* stanza, void* userdata)
    {
        return static_cast<session*>(userdata)->deliver(stanza);
    }
    static int on_message_cb(xmpp_conn_t*, xmpp_stanza_t* stanza, void* userdata)
    {
        return static_cast<session*>(userdata)->deliver(stanza);
    }
    int deliver(xmpp_stanza_t* stanza)
    {
        session* self = this;
        char* buf = nullptr;
        size_t len = 0;
        if (xmpp_stanza_to_text(stanza, &buf, &len) == XMPP_EOK && buf) {
            std::string text(buf, len);
            xmpp_free(self->ctx_, buf);
            if (self->on_stanza) self->on_stanza(text);
        }
        return 1; // keep the handler
    }

    xmpp_log_t* log_ = nullptr;
    xmpp_ctx_t* ctx_ = nullptr;
    xmpp_conn_t* conn_ = nullptr;
    state state_ = state::idle;
    std::string error_;
};

template <class Pred> bool run_until(std::initializer_list<session*> sessions, Pred done, int timeout_ms)
{
    return session::run_until(sessions, std::move(done), timeout_ms);
}

} // namespace xso_strophe
