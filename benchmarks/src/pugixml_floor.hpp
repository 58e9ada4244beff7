// The pugixml floor: what pugixml alone costs on the same bytes, without any typing.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

namespace xso_bench {

// Visits every element, attribute and text node once, reading each name and value: the least
// any reader of the DOM must touch. Returns a checksum so the work cannot be optimized away.
inline std::size_t touch_every_node(pugi::xml_node root)
{
    std::size_t sum = 0;
    pugi::xml_node n = root;
    while (n) {
        if (n.type() == pugi::node_element) {
            sum += std::strlen(n.name());
            for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
                sum += std::strlen(a.name()) + std::strlen(a.value());
        } else {
            sum += std::strlen(n.value());
        }
        if (pugi::xml_node c = n.first_child()) {
            n = c;
            continue;
        }
        while (n && n != root && !n.next_sibling()) n = n.parent();
        if (!n || n == root) break;
        n = n.next_sibling();
    }
    return sum;
}

// Appends pugixml's output to a std::string (reused between iterations).
struct string_writer : pugi::xml_writer {
    std::string* out;
    explicit string_writer(std::string& s) : out(&s) {}
    void write(const void* data, std::size_t size) override { out->append(static_cast<const char*>(data), size); }
};

inline constexpr unsigned pugixml_save_flags = pugi::format_raw | pugi::format_no_declaration;

// A stanza as plain strings (names, attributes, text): the "model already in memory" from
// which the pugixml build-and-save contender builds its DOM each time.
struct plain_node {
    bool is_text = false;
    std::string name; // element name, or the text
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<plain_node> children;

    static plain_node from(pugi::xml_node n)
    {
        plain_node p;
        if (n.type() != pugi::node_element) {
            p.is_text = true;
            p.name = n.value();
            return p;
        }
        p.name = n.name();
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
            p.attributes.emplace_back(a.name(), a.value());
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) p.children.push_back(from(c));
        return p;
    }

    void build_into(pugi::xml_node parent) const
    {
        if (is_text) {
            parent.append_child(pugi::node_pcdata).set_value(name.c_str());
            return;
        }
        pugi::xml_node e = parent.append_child(name.c_str());
        for (const auto& [k, v] : attributes) e.append_attribute(k.c_str()).set_value(v.c_str());
        for (const plain_node& c : children) c.build_into(e);
    }
};

} // namespace xso_bench
