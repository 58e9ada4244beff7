// xso::result<T>: values and errors through copies, moves and assignments; and the
// default-initialized value the parse entry points fill in place, which must equal a
// value-initialized one for every generated type.
#include <doctest/doctest.h>

#include <cstring>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <typeinfo>
#include <variant>
#include <vector>

#include <xso/pubsub.hpp>
#include <xso_test/payloads/sensor.hpp>
#include <xso_test/ranges.hpp>

namespace {

using text_result = xso::result<std::string>;

text_result result_error(const char* detail)
{
    return xso::make_error(xso::errc::invalid_value, "x/@y", detail, 7);
}

// A long string, so that copies and moves really own a buffer.
const std::string long_text(100, 'v');

TEST_CASE("result: copies, moves and assignments keep the value or the error")
{
    text_result v(long_text);
    text_result e = result_error("bad");
    REQUIRE(v);
    REQUIRE(!e);

    text_result v2 = v; // copy of a value
    CHECK(*v2 == long_text);
    CHECK(*v == long_text);
    text_result e2 = e; // copy of an error
    REQUIRE(!e2);
    CHECK(e2.error().detail == "bad");
    CHECK(e2.error().offset == 7);

    text_result moved(std::move(v2));
    CHECK(*moved == long_text);

    // Assignments in all four directions.
    text_result a(std::string("a"));
    a = e; // value <- error
    REQUIRE(!a);
    CHECK(a.error().path == "x/@y");
    a = v; // error <- value
    REQUIRE(a);
    CHECK(*a == long_text);
    a = text_result(std::string("b")); // value <- value (move)
    CHECK(*a == "b");
    text_result b = result_error("first");
    b = result_error("second"); // error <- error (move)
    REQUIRE(!b);
    CHECK(b.error().detail == "second");
    b = std::move(moved); // error <- value (move)
    REQUIRE(b);
    CHECK(*b == long_text);

    const text_result& self = b;
    b = self; // self-assignment leaves it as it was
    CHECK(*b == long_text);

    CHECK(e.value_or("fallback") == "fallback");
    CHECK(v.value_or("fallback") == long_text);
    auto len = v.transform([](const std::string& s) { return s.size(); });
    REQUIRE(len);
    CHECK(*len == 100);
    auto len_of_error = e.transform([](const std::string& s) { return s.size(); });
    REQUIRE(!len_of_error);
    CHECK(len_of_error.error().detail == "bad");
    xso::error taken = std::move(e).error();
    CHECK(taken.detail == "bad");
}

TEST_CASE("result: a failed parse holds the error, not a partly filled value")
{
    auto r = xso::parse<xso::stanza::Iq>("<iq xmlns='jabber:client' type='get' id='a' to='not a jid@@'/>");
    REQUIRE(!r);
    CHECK(r.error().code == xso::errc::invalid_value);
    CHECK(r.error().path == "iq/@to");
    auto copy = r;
    REQUIRE(!copy);
    CHECK(copy.error().path == "iq/@to");
}

// Every generated type reachable from T (through optional, vector and variant members),
// default-initialized over a buffer of garbage, equals the value-initialized one: a scalar
// member without an initializer would keep the garbage.
struct default_init_check {
    std::set<std::string> seen;
    std::vector<std::string> differing;

    template <class T>
    void visit()
    {
        using namespace xso::detail;
        if constexpr (is_optional<T>::value || is_vector<T>::value) {
            visit<typename T::value_type>();
        } else if constexpr (is_variant<T>::value) {
            visit_alternatives(static_cast<T*>(nullptr));
        } else if constexpr (xso::is_reflected_v<T>) {
            if (!seen.insert(typeid(T).name()).second) return;
            check<T>();
            visit_members<T>(std::make_index_sequence<member_count<T>>{});
        }
    }
    template <class... A>
    void visit_alternatives(std::variant<A...>*)
    {
        (visit<A>(), ...);
    }
    template <class T, std::size_t... I>
    void visit_members(std::index_sequence<I...>)
    {
        (visit<xso::detail::member_type_t<T, I>>(), ...);
    }
    template <class T>
    void check()
    {
        alignas(T) unsigned char buffer[sizeof(T)];
        std::memset(buffer, 0xa5, sizeof buffer);
        T* garbage_based = ::new (static_cast<void*>(buffer)) T;
        const T zero_based{};
        if (!(*garbage_based == zero_based)) differing.push_back(typeid(T).name());
        garbage_based->~T();
    }
};

TEST_CASE("result: the default-initialized value of every generated type equals its value-initialized one")
{
    default_init_check c;
    c.visit<xso::stanza::Iq>();
    c.visit<xso::stanza::Message>();
    c.visit<xso::stanza::Presence>();
    c.visit<xso_test::ranges::Limits>();
    c.visit<xso_test::ranges::Score>();
    c.visit<xso_test::payloads::Reading>();
    CHECK(c.seen.size() > 60); // the walk reached the PubSub, disco, form and error types
    CHECK(c.differing.empty());
    for (const auto& name : c.differing) MESSAGE("differs: ", name);
}

} // namespace
