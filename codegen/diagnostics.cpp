#include "diagnostics.hpp"

#include <algorithm>
#include <map>

namespace xsoc {

void Diagnostics::print(std::ostream& out) const
{
    std::map<std::string, std::size_t> file_rank;
    for (const auto& d : items_) file_rank.emplace(d.file, file_rank.size());
    std::vector<Diagnostic> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto ra = file_rank[a.file], rb = file_rank[b.file];
        if (ra != rb) return ra < rb;
        return a.line < b.line;
    });
    std::size_t n = 0;
    for (const auto& d : sorted) {
        if (n == cap) {
            out << "xsoc: " << (sorted.size() - cap) << " more error(s) not shown\n";
            break;
        }
        out << d.file << ':' << d.line << ": " << d.message << '\n';
        ++n;
    }
}

} // namespace xsoc
