// Compiled bindings: parse and serialize of a generated type instantiated once, in one
// translation unit of a library, instead of in every translation unit that calls them.
//
// A call to xso::parse<T> or xso::serialize(T) instantiates the binding of T and of every
// type T contains: for a stanza, nearly all of them. That is most of what such a
// translation unit costs to compile (about 20 s at -O2 for one calling parse and serialize
// of Iq and Message). With an explicit instantiation declaration of T's binding in
// scope, the call compiles to a call into the one translation unit that defines it.
//
// Generated headers carry both, switched by macros that xso_generate(... COMPILED) sets
// (docs/compile-time.md): XSO_COMPILED_<ID> where the bindings are used (extern),
// XSO_INSTANTIATE_<ID> in the translation unit that defines them. Without either, nothing
// changes: every translation unit instantiates what it uses, as a header-only library does.
#pragma once

#include <xso/core/parse.hpp>
#include <xso/core/serialize.hpp>

// Declares (extern) or defines (empty `kw`) the instantiations of T's parse and serialize
// bindings: every entry point (parse from bytes, from a node, from an element,
// parse_sequence, serialize into a string, into a DOM, to_element) reaches them. The
// declarator in parentheses keeps "write_fn ::xso" from reading as one qualified name.
#define XSO_DETAIL_BINDINGS(kw, ...)                                                                       \
    kw template const ::xso::detail::root_binding& ::xso::detail::root_binding_for<__VA_ARGS__>() noexcept; \
    kw template ::xso::detail::write_fn(::xso::detail::writer_for<__VA_ARGS__>)() noexcept;

// In scope where T's bindings are used: they are instantiated elsewhere.
#define XSO_EXTERN_BINDINGS(...) XSO_DETAIL_BINDINGS(extern, __VA_ARGS__)
// In the one translation unit that instantiates them.
#define XSO_INSTANTIATE_BINDINGS(...) XSO_DETAIL_BINDINGS(, __VA_ARGS__)
