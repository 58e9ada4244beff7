// Error collection: every problem found in a schema file is kept as `file:line: message`
// and printed once the whole batch is known.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace xsoc {

struct Diagnostic {
    std::string file;
    int line = 0;
    std::string message;
};

class Diagnostics {
public:
    // At most this many errors are printed; the rest are summarized in one line.
    static constexpr std::size_t cap = 50;

    void error(const std::string& file, int line, std::string message)
    {
        items_.push_back({file, line, std::move(message)});
    }
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    const std::vector<Diagnostic>& items() const { return items_; }

    // Prints the errors grouped by file (in the order files were first reported) and by
    // line within a file; deterministic for a given input.
    void print(std::ostream& out) const;

private:
    std::vector<Diagnostic> items_;
};

} // namespace xsoc
