#include "reader.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <string_view>

#include <pugixml.hpp>

#include "names.hpp"

namespace xsoc {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), is_space);
}

class Reader {
public:
    Reader(Schema& schema, Diagnostics& diags, const std::string& buffer)
        : s_(schema), diags_(diags), buf_(buffer)
    {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < buf_.size(); ++i)
            if (buf_[i] == '\n') line_starts_.push_back(i + 1);
    }

    int line_at(std::ptrdiff_t offset) const
    {
        if (offset < 0) return 1;
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::size_t>(offset));
        return static_cast<int>(it - line_starts_.begin());
    }
    int line(pugi::xml_node n) const { return line_at(n.offset_debug()); }

    // The line of attribute `attr` inside the start tag of `n` (pugixml keeps no offsets for
    // attributes, so the start tag is scanned in the original buffer).
    int attr_line(pugi::xml_node n, std::string_view attr) const
    {
        auto off = n.offset_debug();
        if (off < 0) return 1;
        std::size_t i = static_cast<std::size_t>(off);
        const std::size_t end = buf_.size();
        while (i < end && !is_space(buf_[i]) && buf_[i] != '>' && buf_[i] != '/') ++i;
        while (i < end) {
            while (i < end && is_space(buf_[i])) ++i;
            if (i >= end || buf_[i] == '>' || buf_[i] == '/') break;
            std::size_t name_start = i;
            while (i < end && !is_space(buf_[i]) && buf_[i] != '=' && buf_[i] != '>' && buf_[i] != '/') ++i;
            std::string_view name(buf_.data() + name_start, i - name_start);
            while (i < end && is_space(buf_[i])) ++i;
            if (i >= end || buf_[i] != '=') break;
            ++i;
            while (i < end && is_space(buf_[i])) ++i;
            if (i >= end || (buf_[i] != '"' && buf_[i] != '\'')) break;
            char q = buf_[i++];
            while (i < end && buf_[i] != q) ++i;
            ++i;
            if (name == attr) return line_at(static_cast<std::ptrdiff_t>(name_start));
        }
        return line(n);
    }

    void error(int line, std::string message) { diags_.error(s_.display, line, std::move(message)); }

    // Namespace URI bound to the prefix of `n`'s name (in scope at `n`).
    static std::string element_ns(pugi::xml_node n)
    {
        std::string_view name = n.name();
        auto colon = name.find(':');
        std::string decl = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
        for (auto p = n; p && p.type() == pugi::node_element; p = p.parent())
            if (auto a = p.attribute(decl.c_str())) return a.value();
        return {};
    }
    static std::string local_name(pugi::xml_node n)
    {
        std::string_view name = n.name();
        auto colon = name.find(':');
        return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
    }

    // Reports attributes of `n` outside `allowed` and missing `required` ones.
    void check_attributes(pugi::xml_node n, std::initializer_list<const char*> allowed,
                          std::initializer_list<const char*> required)
    {
        const std::string el = local_name(n);
        for (auto a : n.attributes()) {
            std::string_view an = a.name();
            if (an == "xmlns" || an.rfind("xmlns:", 0) == 0) continue;
            bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* x) { return an == x; });
            if (!ok) error(attr_line(n, an), "unknown attribute '" + std::string(an) + "' on <" + el + ">");
        }
        for (const char* r : required)
            if (!n.attribute(r)) error(line(n), "<" + el + "> is missing required attribute '" + r + "'");
    }

    // Element children of `n` in the schema namespace; anything else is reported. Text
    // that is not whitespace is reported too.
    std::vector<pugi::xml_node> schema_children(pugi::xml_node n)
    {
        std::vector<pugi::xml_node> out;
        for (auto c : n.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                if (!is_blank(c.value())) error(line(n), "unexpected text in <" + local_name(n) + ">");
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            if (element_ns(c) != schema_namespace) {
                error(line(c), "element <" + std::string(c.name()) + "> is not in the schema namespace " +
                                   schema_namespace);
                continue;
            }
            out.push_back(c);
        }
        return out;
    }

    void no_children(pugi::xml_node n)
    {
        for (auto c : schema_children(n))
            error(line(c), "unknown element <" + local_name(c) + "> in <" + local_name(n) + ">");
    }

    std::optional<std::string> attr(pugi::xml_node n, const char* name)
    {
        if (auto a = n.attribute(name)) return std::string(a.value());
        return std::nullopt;
    }

    std::string doc(pugi::xml_node n) { return one_line(n.attribute("doc").value()); }

    bool boolean_attr(pugi::xml_node n, const char* name, bool dflt)
    {
        auto a = n.attribute(name);
        if (!a) return dflt;
        std::string_view v = a.value();
        if (v == "true" || v == "1") return true;
        if (v == "false" || v == "0") return false;
        error(attr_line(n, name), std::string("'") + name + "' must be 'true' or 'false', not '" + std::string(v) + "'");
        return dflt;
    }

    // A namespace URI attribute (`ns`, `namespace`): non-empty, no whitespace.
    std::optional<std::string> uri_attr(pugi::xml_node n, const char* name)
    {
        auto v = attr(n, name);
        if (!v) return std::nullopt;
        if (v->empty() || std::any_of(v->begin(), v->end(), is_space)) {
            error(attr_line(n, name), std::string("'") + name + "' must be a namespace URI (non-empty, no whitespace), not '" + *v + "'");
            return std::nullopt;
        }
        return v;
    }

    std::string uri_list(pugi::xml_node n, const char* name)
    {
        auto list = normalize_list(n.attribute(name).value());
        if (list.empty()) error(attr_line(n, name), std::string("'") + name + "' must list at least one namespace URI");
        return list;
    }

    void read_occurs(pugi::xml_node n, Occurs& o)
    {
        bool ok = true;
        if (auto a = n.attribute("min")) {
            auto v = parse_integer(a.value(), false);
            if (!v || v->magnitude > 1000000000ULL) {
                error(attr_line(n, "min"), std::string("bad occurrence: min '") + a.value() + "' is not a number");
                ok = false;
            } else {
                o.min = static_cast<std::size_t>(v->magnitude);
            }
        }
        if (auto a = n.attribute("max")) {
            std::string_view mv = a.value();
            if (mv == "unbounded") {
                o.max = unbounded;
            } else {
                auto v = parse_integer(mv, false);
                if (!v || v->magnitude > 1000000000ULL) {
                    error(attr_line(n, "max"), "bad occurrence: max '" + std::string(mv) + "' is neither a number nor 'unbounded'");
                    ok = false;
                } else if (v->magnitude == 0) {
                    error(attr_line(n, "max"), "bad occurrence: max must be at least 1");
                    ok = false;
                } else {
                    o.max = static_cast<std::size_t>(v->magnitude);
                }
            }
        }
        if (ok && o.max != unbounded && o.min > o.max) {
            error(attr_line(n, n.attribute("min") ? "min" : "max"),
                  "bad occurrence: min " + std::to_string(o.min) + " is greater than max " + std::to_string(o.max));
        }
        if (!ok) o = Occurs{};
    }

    void read_int_bound(pugi::xml_node n, const char* name, std::optional<IntValue>& out, int& line_out)
    {
        auto a = n.attribute(name);
        if (!a) return;
        line_out = attr_line(n, name);
        auto v = parse_integer(a.value(), true);
        if (!v) {
            error(line_out, std::string(name) + " '" + a.value() + "' is not an integer");
            return;
        }
        out = v;
    }

    void read_member_name(pugi::xml_node n, Member& m)
    {
        if (auto a = n.attribute("member")) {
            m.name = a.value();
            m.name_explicit = true;
            m.name_line = attr_line(n, "member");
        }
    }

    TypeRef type_ref(pugi::xml_node n, const char* name = "type")
    {
        TypeRef t;
        t.spelled = n.attribute(name).value();
        t.line = attr_line(n, name);
        return t;
    }

    // `name` of <attribute>: an NCName, or xml:lang.
    void read_attribute_name(pugi::xml_node n, Member& m)
    {
        auto a = n.attribute("name");
        if (!a) return;
        std::string v = a.value();
        m.xml_spelled = v;
        if (v.rfind("xml:", 0) == 0 && is_ncname(v.substr(4))) {
            m.xml_ns = xml_namespace;
            m.xml_local = v.substr(4);
        } else if (v.find(':') != std::string::npos) {
            error(attr_line(n, "name"), "attribute name '" + v + "': only the 'xml' prefix is allowed (as in xml:lang)");
        } else if (!is_ncname(v)) {
            error(attr_line(n, "name"), "'" + v + "' is not a valid XML name");
        } else {
            m.xml_local = v;
        }
    }

    void read_element_name(pugi::xml_node n, std::string& out)
    {
        auto a = n.attribute("name");
        if (!a) return;
        std::string v = a.value();
        if (!is_ncname(v)) {
            error(attr_line(n, "name"), "'" + v + "' is not a valid XML name (no prefix allowed)");
            return;
        }
        out = v;
    }

    Member read_attribute(pugi::xml_node n)
    {
        check_attributes(n, {"name", "type", "use", "default", "min-value", "max-value", "member", "doc"},
                         {"name", "type"});
        no_children(n);
        Member m;
        m.kind = MemberKind::attribute;
        m.line = line(n);
        read_attribute_name(n, m);
        read_member_name(n, m);
        if (n.attribute("type")) m.type = type_ref(n);
        m.required = read_use(n);
        if (auto d = attr(n, "default")) {
            m.default_value = *d;
            m.default_line = attr_line(n, "default");
            if (m.required) error(m.default_line, "'default' is not allowed on a required attribute");
        }
        read_int_bound(n, "min-value", m.min_value, m.min_value_line);
        read_int_bound(n, "max-value", m.max_value, m.max_value_line);
        m.doc = doc(n);
        return m;
    }

    bool read_use(pugi::xml_node n)
    {
        auto a = n.attribute("use");
        if (!a) return false;
        std::string_view v = a.value();
        if (v == "required") return true;
        if (v != "optional")
            error(attr_line(n, "use"), "'use' must be 'required' or 'optional', not '" + std::string(v) + "'");
        return false;
    }

    void read_any_filter(pugi::xml_node n, AnyFilter& f)
    {
        f.line = line(n);
        if (n.attribute("ns")) {
            auto list = uri_list(n, "ns");
            if (list == "##any") {
                f.mode = AnyFilter::Mode::any;
            } else if (list == "##other") {
                f.mode = AnyFilter::Mode::other;
            } else if (!list.empty()) {
                f.mode = AnyFilter::Mode::list;
                f.list = list;
                std::istringstream in(list);
                for (std::string uri; in >> uri;)
                    if (uri.rfind("##", 0) == 0)
                        error(attr_line(n, "ns"), "'" + uri + "' cannot be combined with other namespaces in 'ns' (use '##any', '##other' or a list of URIs)");
            }
        }
        if (n.attribute("not-ns")) {
            f.exclude = uri_list(n, "not-ns");
            std::istringstream in(f.exclude);
            for (std::string uri; in >> uri;)
                if (uri.rfind("##", 0) == 0)
                    error(attr_line(n, "not-ns"), "'not-ns' takes namespace URIs, not '" + uri + "'");
        }
    }

    void read_element(pugi::xml_node n)
    {
        check_attributes(n, {"name", "type", "ns", "alt-ns", "doc"}, {"name", "type"});
        auto d = std::make_unique<StructDecl>();
        d->line = line(n);
        d->schema = &s_;
        d->name = n.attribute("type").value();
        d->doc = doc(n);
        read_element_name(n, d->local);
        d->ns = s_.ns;
        if (auto ns = uri_attr(n, "ns")) d->ns = *ns;
        if (n.attribute("alt-ns")) d->alt_ns = uri_list(n, "alt-ns");
        bool have_text = false;
        for (auto c : schema_children(n)) {
            std::string kind = local_name(c);
            if (kind == "attribute") {
                d->members.push_back(read_attribute(c));
            } else if (kind == "child") {
                check_attributes(c, {"type", "min", "max", "member", "doc"}, {"type"});
                no_children(c);
                Member m;
                m.kind = MemberKind::child;
                m.line = line(c);
                if (c.attribute("type")) m.type = type_ref(c);
                read_occurs(c, m.occurs);
                read_member_name(c, m);
                m.doc = doc(c);
                d->members.push_back(std::move(m));
            } else if (kind == "leaf") {
                check_attributes(c, {"name", "type", "min", "max", "min-value", "max-value", "member", "ns", "doc"},
                                 {"name", "type"});
                no_children(c);
                Member m;
                m.kind = MemberKind::leaf;
                m.line = line(c);
                read_element_name(c, m.xml_local);
                m.xml_spelled = c.attribute("name").value();
                m.xml_ns = d->ns;
                if (auto ns = uri_attr(c, "ns")) m.xml_ns = *ns;
                if (c.attribute("type")) m.type = type_ref(c);
                read_occurs(c, m.occurs);
                read_int_bound(c, "min-value", m.min_value, m.min_value_line);
                read_int_bound(c, "max-value", m.max_value, m.max_value_line);
                read_member_name(c, m);
                m.doc = doc(c);
                d->members.push_back(std::move(m));
            } else if (kind == "flag") {
                check_attributes(c, {"name", "member", "ns", "doc"}, {"name"});
                no_children(c);
                Member m;
                m.kind = MemberKind::flag;
                m.line = line(c);
                read_element_name(c, m.xml_local);
                m.xml_spelled = c.attribute("name").value();
                m.xml_ns = d->ns;
                if (auto ns = uri_attr(c, "ns")) m.xml_ns = *ns;
                read_member_name(c, m);
                m.doc = doc(c);
                d->members.push_back(std::move(m));
            } else if (kind == "text") {
                check_attributes(c, {"type", "use", "min-value", "max-value", "member", "doc"}, {});
                no_children(c);
                Member m;
                m.kind = MemberKind::text;
                m.line = line(c);
                if (have_text) error(m.line, "<element> '" + d->name + "' has more than one <text>");
                have_text = true;
                if (c.attribute("type")) {
                    m.type = type_ref(c);
                } else {
                    m.type.spelled = "string";
                    m.type.line = m.line;
                }
                m.required = read_use(c);
                read_int_bound(c, "min-value", m.min_value, m.min_value_line);
                read_int_bound(c, "max-value", m.max_value, m.max_value_line);
                read_member_name(c, m);
                m.doc = doc(c);
                d->members.push_back(std::move(m));
            } else if (kind == "any") {
                check_attributes(c, {"member", "min", "max", "ns", "not-ns", "doc"}, {});
                no_children(c);
                Member m;
                m.kind = MemberKind::any;
                m.line = line(c);
                read_occurs(c, m.occurs);
                read_any_filter(c, m.filter);
                read_member_name(c, m);
                m.doc = doc(c);
                d->members.push_back(std::move(m));
            } else if (kind == "choice") {
                d->members.push_back(read_choice(c));
            } else {
                error(line(c), "unknown element <" + kind + "> in <element>");
            }
        }
        s_.structs.push_back(std::move(d));
    }

    Member read_choice(pugi::xml_node n)
    {
        check_attributes(n, {"member", "min", "max", "doc"}, {"member"});
        Member m;
        m.kind = MemberKind::choice;
        m.line = line(n);
        read_occurs(n, m.occurs);
        read_member_name(n, m);
        m.doc = doc(n);
        std::size_t count = 0;
        for (auto c : schema_children(n)) {
            std::string kind = local_name(c);
            if (kind == "child") {
                check_attributes(c, {"type"}, {"type"});
                no_children(c);
                if (m.fallback) error(line(c), "<any> must be the last alternative of a choice");
                if (c.attribute("type")) m.alternatives.push_back(type_ref(c));
                ++count;
            } else if (kind == "any") {
                check_attributes(c, {"ns", "not-ns"}, {});
                no_children(c);
                if (m.fallback) error(line(c), "a choice has at most one <any> alternative");
                AnyFilter f;
                read_any_filter(c, f);
                m.fallback = f;
                ++count;
            } else {
                error(line(c), "unknown element <" + kind + "> in <choice>");
            }
        }
        if (count < 2)
            error(m.line, "choice '" + m.name + "' needs at least 2 alternatives, has " + std::to_string(count));
        return m;
    }

    // Enumerator name, collision and token checks shared by <enum> and <conditions>.
    void check_enumerators(const EnumDecl& e)
    {
        std::map<std::string, const EnumValue*> tokens, names;
        for (const auto& v : e.values) {
            if (v.token.empty()) {
                error(v.line, "empty token in enum '" + e.name + "'");
                continue;
            }
            if (auto [it, fresh] = tokens.emplace(v.token, &v); !fresh) {
                error(v.line, "duplicate token '" + v.token + "' in enum '" + e.name + "' (first at line " +
                                  std::to_string(it->second->line) + ")");
                continue;
            }
            auto why = identifier_problem(v.cpp);
            if (!why.empty()) {
                if (v.cpp_explicit)
                    error(v.line, "enumerator '" + v.cpp + "' " + why);
                else
                    error(v.line, "enumerator '" + v.cpp + "' (from token '" + v.token + "') " + why + ": give cpp=\"...\"");
                continue;
            }
            if (auto [it, fresh] = names.emplace(v.cpp, &v); !fresh)
                error(v.line, "enumerator collision in enum '" + e.name + "': tokens '" + it->second->token + "' and '" +
                                  v.token + "' both map to '" + v.cpp + "'");
        }
    }

    void read_enum(pugi::xml_node n)
    {
        check_attributes(n, {"name", "open", "doc"}, {"name"});
        auto e = std::make_unique<EnumDecl>();
        e->name = n.attribute("name").value();
        e->line = line(n);
        e->doc = doc(n);
        e->open = boolean_attr(n, "open", false);
        e->schema = &s_;
        for (auto c : schema_children(n)) {
            if (local_name(c) != "value") {
                error(line(c), "unknown element <" + local_name(c) + "> in <enum>");
                continue;
            }
            check_attributes(c, {"token", "cpp", "doc"}, {"token"});
            no_children(c);
            if (!c.attribute("token")) continue;
            EnumValue v;
            v.token = c.attribute("token").value();
            v.line = line(c);
            v.doc = doc(c);
            if (auto cpp = c.attribute("cpp")) {
                v.cpp = cpp.value();
                v.cpp_explicit = true;
            } else {
                v.cpp = enumerator_from_token(v.token);
            }
            e->values.push_back(std::move(v));
        }
        if (e->values.empty()) error(e->line, "enum '" + e->name + "' has no <value>");
        check_enumerators(*e);
        s_.enums.push_back(std::move(e));
    }

    void read_conditions(pugi::xml_node n)
    {
        check_attributes(n, {"name", "enum", "ns", "doc"}, {"name", "enum"});
        auto e = std::make_unique<EnumDecl>();
        auto d = std::make_unique<StructDecl>();
        d->is_conditions = true;
        d->name = n.attribute("name").value();
        d->line = line(n);
        d->doc = doc(n);
        d->schema = &s_;
        d->ns = s_.ns;
        if (auto ns = uri_attr(n, "ns")) d->ns = *ns;
        e->name = n.attribute("enum").value();
        e->line = attr_line(n, "enum");
        e->from_conditions = true;
        e->schema = &s_;

        Member cond;
        cond.kind = MemberKind::condition;
        cond.name = "condition";
        cond.line = d->line;
        d->members.push_back(cond);
        std::vector<Member> attributes;
        bool any_text = false;
        for (auto c : schema_children(n)) {
            if (local_name(c) != "condition") {
                error(line(c), "unknown element <" + local_name(c) + "> in <conditions>");
                continue;
            }
            check_attributes(c, {"name", "cpp", "text", "doc"}, {"name"});
            EnumValue v;
            v.line = line(c);
            read_element_name(c, v.token);
            if (!c.attribute("name")) continue;
            if (v.token.empty()) v.token = c.attribute("name").value();
            v.doc = doc(c);
            if (auto cpp = c.attribute("cpp")) {
                v.cpp = cpp.value();
                v.cpp_explicit = true;
            } else {
                v.cpp = enumerator_from_token(v.token);
            }
            if (auto t = c.attribute("text")) {
                std::string_view tv = t.value();
                if (tv == "optional")
                    any_text = true;
                else if (tv != "none")
                    error(attr_line(c, "text"), "'text' must be 'none' or 'optional', not '" + std::string(tv) + "'");
            }
            for (auto a : schema_children(c)) {
                if (local_name(a) != "attribute") {
                    error(line(a), "unknown element <" + local_name(a) + "> in <condition>");
                    continue;
                }
                Member m = read_attribute(a);
                m.condition = v.token;
                attributes.push_back(std::move(m));
            }
            e->values.push_back(std::move(v));
        }
        if (e->values.empty()) error(d->line, "conditions '" + d->name + "' has no <condition>");
        check_enumerators(*e);
        for (auto& m : attributes) d->members.push_back(std::move(m));
        if (any_text) {
            Member t;
            t.kind = MemberKind::text;
            t.name = "text";
            t.name_explicit = true;
            t.line = d->line;
            t.name_line = d->line;
            t.type.spelled = "string";
            t.type.line = d->line;
            d->members.push_back(std::move(t));
        }
        d->condition_enum = e.get();
        s_.enums.push_back(std::move(e));
        s_.structs.push_back(std::move(d));
    }

    // XEP-0004 field type tokens, in FieldKind order.
    static std::optional<FieldKind> field_kind(std::string_view token)
    {
        static const char* const tokens[] = {"boolean",     "fixed",       "hidden",     "jid-multi",    "jid-single",
                                             "list-multi",  "list-single", "text-multi", "text-private", "text-single"};
        for (std::size_t i = 0; i < sizeof tokens / sizeof tokens[0]; ++i)
            if (token == tokens[i]) return static_cast<FieldKind>(i);
        return std::nullopt;
    }

    FormField read_field(pugi::xml_node n)
    {
        check_attributes(n, {"var", "field-type", "member", "type", "enum", "label", "desc", "keyword", "min-value",
                             "max-value", "doc"},
                         {"var", "field-type"});
        FormField f;
        f.line = line(n);
        f.var = n.attribute("var").value();
        if (auto a = n.attribute("member")) {
            f.name = a.value();
            f.name_explicit = true;
            f.name_line = attr_line(n, "member");
        }
        if (auto a = n.attribute("field-type")) {
            f.kind_token = a.value();
            if (auto k = field_kind(f.kind_token))
                f.kind = *k;
            else
                error(attr_line(n, "field-type"), "unknown field type '" + f.kind_token +
                                                      "' (XEP-0004: boolean, fixed, hidden, jid-multi, jid-single, "
                                                      "list-multi, list-single, text-multi, text-private, text-single)");
        }
        if (auto a = n.attribute("label")) f.label = one_line(a.value());
        if (auto a = n.attribute("desc")) f.desc = one_line(a.value());
        if (auto a = n.attribute("keyword")) {
            f.keyword = a.value();
            f.keyword_line = attr_line(n, "keyword");
        }
        read_int_bound(n, "min-value", f.min_value, f.min_value_line);
        read_int_bound(n, "max-value", f.max_value, f.max_value_line);
        f.doc = doc(n);

        const auto children = schema_children(n);
        for (auto c : children) {
            if (local_name(c) != "option") {
                error(line(c), "unknown element <" + local_name(c) + "> in <field>");
                continue;
            }
            check_attributes(c, {"value", "label", "cpp", "doc"}, {"value"});
            no_children(c);
            if (!c.attribute("value")) continue;
            OptionDecl o;
            o.value = c.attribute("value").value();
            o.line = line(c);
            if (auto l = c.attribute("label")) o.label = one_line(l.value());
            f.options.push_back(std::move(o));
        }

        // The value type: `type`, or the enum this field declares (`enum`), or the default of
        // its field type.
        if (n.attribute("type") && n.attribute("enum"))
            error(attr_line(n, "enum"), "give either 'type' (an existing value type) or 'enum' (a new enum from the options), not both");
        if (auto a = n.attribute("enum")) {
            auto e = std::make_unique<EnumDecl>();
            e->name = a.value();
            e->line = attr_line(n, "enum");
            e->open = true;
            e->schema = &s_;
            e->doc = "Values of the form field " + f.var + (f.label ? " (" + *f.label + ")." : ".");
            if (f.options.empty())
                error(e->line, "enum '" + e->name + "' of field '" + f.var + "' needs <option> children (its values)");
            std::size_t i = 0;
            for (auto c : children) {
                if (local_name(c) != "option" || !c.attribute("value")) continue;
                EnumValue v;
                v.token = c.attribute("value").value();
                v.line = line(c);
                if (i < f.options.size() && f.options[i].label) v.doc = *f.options[i].label;
                ++i;
                if (auto cpp = c.attribute("cpp")) {
                    v.cpp = cpp.value();
                    v.cpp_explicit = true;
                } else {
                    v.cpp = enumerator_from_token(v.token);
                }
                e->values.push_back(std::move(v));
            }
            if (!e->values.empty()) check_enumerators(*e);
            f.type.spelled = e->name;
            f.type.line = e->line;
            f.type_explicit = true;
            f.generated_enum = e.get();
            s_.enums.push_back(std::move(e));
        } else if (n.attribute("type")) {
            f.type = type_ref(n);
            f.type_explicit = true;
        } else {
            f.type.spelled = f.kind == FieldKind::boolean                                      ? "boolean"
                             : f.kind == FieldKind::jid_single || f.kind == FieldKind::jid_multi ? "jid"
                                                                                                 : "string";
            f.type.line = f.line;
        }
        for (auto c : children)
            if (local_name(c) == "option" && c.attribute("cpp") && !n.attribute("enum"))
                error(attr_line(c, "cpp"), "'cpp' on an <option> names an enumerator: only with enum=\"...\" on the field");
        return f;
    }

    void read_form(pugi::xml_node n)
    {
        check_attributes(n, {"type", "form-type", "fields-from", "doc"}, {"type", "form-type"});
        auto d = std::make_unique<FormDecl>();
        d->line = line(n);
        d->schema = &s_;
        d->name = n.attribute("type").value();
        d->doc = doc(n);
        if (auto a = n.attribute("form-type")) {
            d->form_type = a.value();
            if (d->form_type.empty() || std::any_of(d->form_type.begin(), d->form_type.end(), is_space))
                error(attr_line(n, "form-type"), "form-type must be a FORM_TYPE URI (non-empty, no whitespace), not '" +
                                                      d->form_type + "'");
        }
        if (auto a = n.attribute("fields-from")) {
            d->fields_from = a.value();
            d->fields_from_line = attr_line(n, "fields-from");
        }
        for (auto c : schema_children(n)) {
            if (local_name(c) != "field") {
                error(line(c), "unknown element <" + local_name(c) + "> in <form>");
                continue;
            }
            d->own_fields.push_back(read_field(c));
        }
        if (d->own_fields.empty() && d->fields_from.empty())
            error(d->line, "form '" + d->name + "' has no <field> (and no fields-from)");
        s_.forms.push_back(std::move(d));
    }

    void read_request(pugi::xml_node n)
    {
        check_attributes(n, {"type", "iq", "container", "response", "response-optional"}, {"type", "iq", "container"});
        no_children(n);
        Request r;
        r.line = line(n);
        r.type = type_ref(n, "type");
        r.container = type_ref(n, "container");
        if (auto resp = n.attribute("response"); resp && std::string_view(resp.value()) != "empty")
            r.response = type_ref(n, "response");
        if (auto iq = n.attribute("iq")) {
            std::string_view v = iq.value();
            if (v == "set")
                r.iq_set = true;
            else if (v != "get")
                error(attr_line(n, "iq"), "'iq' must be 'get' or 'set', not '" + std::string(v) + "'");
        }
        r.response_optional = boolean_attr(n, "response-optional", false);
        if (!n.attribute("type") || !n.attribute("container")) return;
        s_.requests.push_back(std::move(r));
    }

    void read_import(pugi::xml_node n)
    {
        check_attributes(n, {"schema", "as"}, {"schema", "as"});
        no_children(n);
        if (!n.attribute("schema") || !n.attribute("as")) return;
        Import imp;
        imp.file = n.attribute("schema").value();
        imp.alias = n.attribute("as").value();
        imp.line = line(n);
        if (imp.file.empty()) {
            error(attr_line(n, "schema"), "empty 'schema' in <import>");
            return;
        }
        if (!is_ncname(imp.alias)) {
            error(attr_line(n, "as"), "import alias '" + imp.alias + "' is not a valid XML name (no ':')");
            return;
        }
        if (auto prev = s_.find_import(imp.alias)) {
            error(attr_line(n, "as"), "duplicate import alias '" + imp.alias + "' (first at line " +
                                          std::to_string(prev->line) + ")");
            return;
        }
        s_.imports.push_back(std::move(imp));
    }

    bool read_root(pugi::xml_node root)
    {
        if (local_name(root) != "schema" || element_ns(root) != schema_namespace) {
            error(line(root), std::string("the root element must be <schema xmlns=\"") + schema_namespace + "\">");
            return false;
        }
        s_.line = line(root);
        check_attributes(root, {"namespace", "cpp-namespace", "include-prefix", "doc"}, {"namespace"});
        if (auto ns = uri_attr(root, "namespace")) s_.ns = *ns;
        if (auto a = root.attribute("cpp-namespace")) {
            std::string v = a.value();
            s_.cpp_namespace_line = attr_line(root, "cpp-namespace");
            auto why = cpp_namespace_problem(v);
            if (!why.empty())
                error(s_.cpp_namespace_line, "cpp-namespace '" + std::string(a.value()) + "' " + why);
            else
                s_.cpp_namespace_attr = v;
        }
        if (auto a = root.attribute("include-prefix")) {
            std::string v = a.value();
            s_.include_prefix_line = attr_line(root, "include-prefix");
            auto why = include_prefix_problem(v);
            if (!why.empty())
                error(s_.include_prefix_line, "include-prefix '" + std::string(a.value()) + "' " + why);
            else
                s_.include_prefix_attr = v;
        }
        s_.doc = doc(root);
        for (auto c : schema_children(root)) {
            std::string kind = local_name(c);
            if (kind == "import")
                read_import(c);
            else if (kind == "enum")
                read_enum(c);
            else if (kind == "element")
                read_element(c);
            else if (kind == "conditions")
                read_conditions(c);
            else if (kind == "request")
                read_request(c);
            else if (kind == "form")
                read_form(c);
            else
                error(line(c), "unknown element <" + kind + "> in <schema>");
        }
        return true;
    }

private:
    Schema& s_;
    Diagnostics& diags_;
    const std::string& buf_;
    std::vector<std::size_t> line_starts_;
};

} // namespace

std::unique_ptr<Schema> read_schema(const std::filesystem::path& path, const std::string& display,
                                    Diagnostics& diags)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(display, 1, "cannot open schema file");
        return nullptr;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string buffer = ss.str();

    auto schema = std::make_unique<Schema>();
    schema->path = path;
    schema->display = display;
    schema->file_name = path.filename().string();
    schema->stem = path.stem().string();

    Reader reader(*schema, diags, buffer);
    pugi::xml_document doc;
    auto res = doc.load_buffer(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res) {
        diags.error(display, reader.line_at(res.offset), std::string("XML syntax error: ") + res.description());
        return nullptr;
    }
    auto root = doc.document_element();
    if (!root) {
        diags.error(display, 1, "no root element");
        return nullptr;
    }
    const auto before = diags.size();
    if (!reader.read_root(root)) return nullptr;
    schema->has_errors = diags.size() != before;
    return schema;
}

} // namespace xsoc
