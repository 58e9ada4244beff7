// Replaces the global allocation functions of the benchmark binary to count what every
// contender (xso, pugixml, gloox) allocates. Memory comes from malloc as usual.
#include "alloc_count.hpp"

#include <cstdlib>
#include <new>

#include <pugixml.hpp>

namespace {
std::size_t g_count = 0;
std::size_t g_bytes = 0;

void* counted_alloc(std::size_t n)
{
    ++g_count;
    g_bytes += n;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc(); // operator new's contract; the benchmarks never run out
}

void* counted_alloc_aligned(std::size_t n, std::align_val_t al)
{
    ++g_count;
    g_bytes += n;
    std::size_t a = static_cast<std::size_t>(al);
    std::size_t rounded = (n + a - 1) / a * a;
    if (void* p = std::aligned_alloc(a, rounded ? rounded : a)) return p;
    throw std::bad_alloc();
}

void* counted_malloc(std::size_t n) noexcept
{
    ++g_count;
    g_bytes += n;
    return std::malloc(n);
}
} // namespace

namespace xso_bench {
alloc_totals allocations() noexcept { return {g_count, g_bytes}; }
void count_pugixml_allocations() noexcept { pugi::set_memory_management_functions(&counted_malloc, &std::free); }
} // namespace xso_bench

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    ++g_count;
    g_bytes += n;
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    ++g_count;
    g_bytes += n;
    return std::malloc(n ? n : 1);
}
void* operator new(std::size_t n, std::align_val_t al) { return counted_alloc_aligned(n, al); }
void* operator new[](std::size_t n, std::align_val_t al) { return counted_alloc_aligned(n, al); }

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
