#include "checker.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "names.hpp"

namespace xsoc {

namespace {

enum class Want { value, element_or_conditions, element };

class Checker {
public:
    Checker(Schema& s, Diagnostics& d) : s_(s), d_(d) {}

    void run()
    {
        check_type_names();
        for (auto& sd : s_.structs) check_struct(*sd);
        for (auto& f : s_.forms) check_form(*f);
        check_recursion();
        check_requests();
        check_imports();
    }

private:
    void error(int line, std::string message) { d_.error(s_.display, line, std::move(message)); }

    // ---------------------------------------------------------------------------------
    // Type and enum names: valid, not reserved, unique in the file.
    void check_type_names()
    {
        struct Named {
            std::string name;
            int line;
        };
        std::vector<Named> all;
        for (auto& e : s_.enums) all.push_back({e->name, e->line});
        for (auto& sd : s_.structs) all.push_back({sd->name, sd->line});
        for (auto& f : s_.forms) all.push_back({f->name, f->line});
        std::stable_sort(all.begin(), all.end(), [](const Named& a, const Named& b) { return a.line < b.line; });
        const std::string ns_constant = "ns_" + identifier_from_stem(s_.stem);
        for (auto& n : all) {
            if (n.name.empty()) continue; // missing attribute, already reported
            auto why = identifier_problem(n.name);
            if (!why.empty()) {
                error(n.line, "type name '" + n.name + "' " + why);
            } else if (builtin_from_name(n.name)) {
                error(n.line, "type name '" + n.name + "' is reserved: it names a value type");
            } else if (n.name == "xso" || n.name == "std" || n.name == "boost") {
                error(n.line, "type name '" + n.name + "' is reserved: it would hide the namespace ::" + n.name);
            } else if (n.name == ns_constant) {
                error(n.line, "type name '" + n.name + "' clashes with the generated namespace constant");
            }
            if (auto [it, fresh] = types_.emplace(n.name, n.line); !fresh)
                error(n.line, "duplicate type name '" + n.name + "' (first declared at line " +
                                  std::to_string(it->second) + ")");
        }
    }

    // ---------------------------------------------------------------------------------
    // Type references.
    void resolve(TypeRef& t, Want want)
    {
        if (t.spelled.empty()) {
            if (t.line) error(t.line, "empty type name");
            return;
        }
        const EnumDecl* e = nullptr;
        const StructDecl* sd = nullptr;
        auto colon = t.spelled.find(':');
        if (colon != std::string::npos) {
            auto alias = t.spelled.substr(0, colon);
            auto name = t.spelled.substr(colon + 1);
            auto imp = s_.find_import(alias);
            if (!imp) {
                error(t.line, "unknown import alias '" + alias + "' in type '" + t.spelled + "'");
                return;
            }
            if (!imp->schema) return; // the import failed; reported at the <import>
            e = imp->schema->find_enum(name);
            sd = imp->schema->find_struct(name);
            if (!e && !sd) {
                error(t.line, "type '" + name + "' is not declared in import '" + alias + "' (" +
                                  imp->schema->file_name + ")");
                return;
            }
        } else if (auto b = builtin_from_name(t.spelled)) {
            if (want != Want::value) {
                error(t.line, "'" + t.spelled + "' is a value type, not an <element> type");
                return;
            }
            t.builtin = b;
            return;
        } else {
            e = s_.find_enum(t.spelled);
            sd = s_.find_struct(t.spelled);
            if (!e && !sd) {
                error(t.line, "unknown type '" + t.spelled + "'");
                return;
            }
        }
        if (want == Want::value) {
            if (!e) {
                error(t.line, "'" + t.spelled + "' is an element type, not a value type (use <child>)");
                return;
            }
            t.enum_decl = e;
            return;
        }
        if (!sd) {
            error(t.line, "'" + t.spelled + "' is an enum, not an <element> type");
            return;
        }
        if (want == Want::element && sd->is_conditions) {
            error(t.line, "'" + t.spelled + "' is a <conditions> family, not an <element>");
            return;
        }
        t.struct_decl = sd;
    }

    static std::string type_label(const TypeRef& t) { return t.spelled; }

    // ---------------------------------------------------------------------------------
    // Members of one struct.
    void default_name(Member& m)
    {
        if (m.name_explicit || !m.name.empty()) return;
        switch (m.kind) {
        case MemberKind::attribute: m.name = member_from_xml_name(m.xml_spelled); break;
        case MemberKind::leaf:
        case MemberKind::flag: m.name = member_from_xml_name(m.xml_spelled); break;
        case MemberKind::text: m.name = "value"; break;
        case MemberKind::any: m.name = "payload"; break;
        case MemberKind::child:
            if (m.type.struct_decl)
                m.name = m.type.struct_decl->is_conditions ? snake_case(m.type.struct_decl->name)
                                                           : member_from_xml_name(m.type.struct_decl->local);
            break;
        case MemberKind::choice:
        case MemberKind::condition: break;
        }
    }

    static std::string default_origin(const Member& m)
    {
        switch (m.kind) {
        case MemberKind::attribute:
        case MemberKind::leaf:
        case MemberKind::flag: return " (from XML name '" + m.xml_spelled + "')";
        case MemberKind::child: return " (from the element name of '" + m.type.spelled + "')";
        default: return {};
        }
    }

    void check_member_name(const StructDecl& sd, const Member& m, std::map<std::string, int>& seen)
    {
        if (m.name.empty()) return; // could not be derived; the cause is reported
        const int line = m.name_explicit && m.name_line ? m.name_line : m.line;
        const bool ours = m.kind != MemberKind::condition && !(sd.is_conditions && m.kind == MemberKind::text);
        if (ours) {
            const std::string label = "member name '" + m.name + "'" + (m.name_explicit ? std::string{} : default_origin(m));
            const std::string hint = m.name_explicit ? std::string{} : ": give member=\"...\"";
            std::string why;
            if (m.name == "unknown")
                why = "is reserved: every struct ends with 'xso::unknown_content unknown'";
            else if (m.name.rfind("xso_", 0) == 0)
                why = "is reserved: the prefix xso_ is for generated metadata";
            else if (m.name == "hana_accessors_impl" || m.name == "std" || m.name == "xso" || m.name == "boost")
                why = "is reserved by the generated code";
            else
                why = identifier_problem(m.name);
            if (why.empty() && types_.count(m.name))
                why = "is also a type name of this schema (the member would hide the type)";
            if (!why.empty()) {
                error(line, label + " " + why + hint);
                return;
            }
        }
        if (auto [it, fresh] = seen.emplace(m.name, line); !fresh)
            error(line, "duplicate member name '" + m.name + "' in '" + sd.name + "' (first at line " +
                            std::to_string(it->second) + ")");
    }

    void check_value(const Member& m)
    {
        const TypeRef& t = m.type;
        const bool resolved = t.builtin || t.enum_decl;
        if (m.min_value || m.max_value) {
            const int line = m.min_value ? m.min_value_line : m.max_value_line;
            const char* which = m.min_value ? "min-value" : "max-value";
            if (resolved && !(t.builtin && is_integer(*t.builtin))) {
                error(line, std::string(which) + " is only allowed on integer types, not '" + type_label(t) + "'");
            } else if (resolved) {
                const Builtin b = *t.builtin;
                bool ok = true;
                if (m.min_value && (compare(*m.min_value, builtin_min(b)) < 0 || compare(*m.min_value, builtin_max(b)) > 0)) {
                    error(m.min_value_line, "min-value " + to_string(*m.min_value) + " is out of range for " + t.spelled);
                    ok = false;
                }
                if (m.max_value && (compare(*m.max_value, builtin_min(b)) < 0 || compare(*m.max_value, builtin_max(b)) > 0)) {
                    error(m.max_value_line, "max-value " + to_string(*m.max_value) + " is out of range for " + t.spelled);
                    ok = false;
                }
                if (ok && m.max_value && m.max_value->negative) {
                    error(m.max_value_line, "max-value " + to_string(*m.max_value) +
                                                " is negative, which xso::member_info (unsigned max) cannot represent");
                    ok = false;
                }
                if (ok && m.min_value && m.max_value && compare(*m.min_value, *m.max_value) > 0)
                    error(m.min_value_line, "min-value " + to_string(*m.min_value) + " is greater than max-value " +
                                                to_string(*m.max_value));
            }
        }
        if (m.default_value && resolved) {
            const std::string& v = *m.default_value;
            if (t.builtin) {
                auto why = value_problem(*t.builtin, v, t.spelled);
                if (!why.empty()) {
                    error(m.default_line, "default '" + v + "' " + why);
                } else if (is_integer(*t.builtin)) {
                    auto iv = parse_integer(v, true);
                    if (iv && m.min_value && compare(*iv, *m.min_value) < 0)
                        error(m.default_line, "default '" + v + "' is below min-value " + to_string(*m.min_value));
                    else if (iv && m.max_value && compare(*iv, *m.max_value) > 0)
                        error(m.default_line, "default '" + v + "' is above max-value " + to_string(*m.max_value));
                }
            } else {
                const auto& vals = t.enum_decl->values;
                if (std::none_of(vals.begin(), vals.end(), [&](const EnumValue& ev) { return ev.token == v; }))
                    error(m.default_line, "default '" + v + "' is not a token of enum '" + t.enum_decl->name + "'");
            }
        }
    }

    static std::string qname_key(const std::string& ns, const std::string& local) { return "{" + ns + "}" + local; }

    void check_struct(StructDecl& sd)
    {
        for (auto& m : sd.members) {
            switch (m.kind) {
            case MemberKind::attribute:
            case MemberKind::text:
            case MemberKind::leaf:
                resolve(m.type, Want::value);
                check_value(m);
                break;
            case MemberKind::child: resolve(m.type, Want::element_or_conditions); break;
            case MemberKind::choice:
                for (auto& alt : m.alternatives) resolve(alt, Want::element_or_conditions);
                break;
            default: break;
            }
            default_name(m);
        }

        std::map<std::string, int> seen;
        for (auto& m : sd.members) check_member_name(sd, m, seen);

        const std::size_t count = sd.members.size() + 1;
        if (count > max_struct_members)
            error(sd.line, "'" + sd.name + "' has " + std::to_string(count) +
                               " members including 'unknown', more than the " +
                               std::to_string(max_struct_members) + " that BOOST_HANA_DEFINE_STRUCT supports");

        // XML names bound twice would make parsing ambiguous.
        std::map<std::string, int> attributes;
        std::map<std::string, std::pair<std::string, int>> elements;
        auto bind_element = [&](const std::string& key, const std::string& shown, const Member& m, int line) {
            if (auto [it, fresh] = elements.emplace(key, std::make_pair(m.name, line)); !fresh)
                error(line, "element " + shown + " is bound twice (by member '" + it->second.first + "' at line " +
                                std::to_string(it->second.second) + " and by member '" + m.name + "')");
        };
        auto element_key = [](const StructDecl& t, std::string& shown) {
            if (t.is_conditions) {
                shown = "family '" + t.name + "' {" + t.ns + "}";
                return qname_key(t.ns, "");
            }
            shown = "{" + t.ns + "}" + t.local;
            return qname_key(t.ns, t.local);
        };
        for (auto& m : sd.members) {
            std::string shown;
            switch (m.kind) {
            case MemberKind::attribute:
                if (sd.is_conditions || m.xml_local.empty()) break;
                if (auto [it, fresh] = attributes.emplace(qname_key(m.xml_ns, m.xml_local), m.line); !fresh)
                    error(m.line, "duplicate attribute '" + m.xml_spelled + "' (first at line " +
                                      std::to_string(it->second) + ")");
                break;
            case MemberKind::leaf:
            case MemberKind::flag:
                if (m.xml_local.empty()) break;
                bind_element(qname_key(m.xml_ns, m.xml_local), "{" + m.xml_ns + "}" + m.xml_local, m, m.line);
                break;
            case MemberKind::child:
                if (!m.type.struct_decl) break;
                {
                    auto key = element_key(*m.type.struct_decl, shown);
                    bind_element(key, shown, m, m.line);
                }
                break;
            case MemberKind::choice:
                for (auto& alt : m.alternatives) {
                    if (!alt.struct_decl) continue;
                    auto key = element_key(*alt.struct_decl, shown);
                    bind_element(key, shown, m, alt.line);
                }
                break;
            default: break;
            }
        }
    }

    // ---------------------------------------------------------------------------------
    // Forms.
    const FormDecl* resolve_form(const std::string& spelled, int line)
    {
        const Schema* owner = &s_;
        std::string name = spelled;
        if (auto colon = spelled.find(':'); colon != std::string::npos) {
            auto alias = spelled.substr(0, colon);
            name = spelled.substr(colon + 1);
            auto imp = s_.find_import(alias);
            if (!imp) {
                error(line, "unknown import alias '" + alias + "' in form '" + spelled + "'");
                return nullptr;
            }
            if (!imp->schema) return nullptr; // reported at the <import>
            owner = imp->schema;
        }
        if (auto f = owner->find_form(name)) return f;
        if (owner->find_struct(name) || owner->find_enum(name))
            error(line, "'" + spelled + "' is not a <form>");
        else
            error(line, "unknown form '" + spelled + "'");
        return nullptr;
    }

    static bool is_builtin(const TypeRef& t, Builtin b) { return t.builtin && *t.builtin == b; }

    void check_field(const FormDecl& form, FormField& f)
    {
        if (f.var.empty()) error(f.line, "empty var in form '" + form.name + "'");
        else if (f.var == "FORM_TYPE")
            error(f.line, "var 'FORM_TYPE' is reserved: it is the form's form-type, written by the runtime");

        resolve(f.type, Want::value);
        const bool resolved = f.type.builtin || f.type.enum_decl;
        if (resolved) {
            const bool boolean_value = is_builtin(f.type, Builtin::boolean);
            if ((f.kind == FieldKind::boolean) != boolean_value) {
                error(f.type.line, f.kind == FieldKind::boolean
                                       ? "field '" + f.var + "' of field type boolean needs value type boolean, not '" + f.type.spelled + "'"
                                       : "value type boolean needs field type boolean, not '" + f.kind_token + "'");
            } else if ((f.kind == FieldKind::jid_single || f.kind == FieldKind::jid_multi) && !is_builtin(f.type, Builtin::jid)) {
                error(f.type.line, "field '" + f.var + "' of field type " + f.kind_token + " needs value type jid, not '" +
                                       f.type.spelled + "'");
            }
        }

        // Options: list fields only, distinct non-empty values that the value type accepts.
        if (!f.options.empty() && !f.is_list())
            error(f.options.front().line, "<option> is only allowed in list-single and list-multi fields, not in " + f.kind_token);
        std::map<std::string, int> values;
        for (const auto& o : f.options) {
            if (f.generated_enum) break; // its enumerator checks already cover the tokens
            if (o.value.empty()) {
                error(o.line, "empty option value in field '" + f.var + "'");
                continue;
            }
            if (auto [it, fresh] = values.emplace(o.value, o.line); !fresh) {
                error(o.line, "duplicate option '" + o.value + "' in field '" + f.var + "' (first at line " +
                                  std::to_string(it->second) + ")");
                continue;
            }
            if (f.type.enum_decl) {
                const auto& tokens = f.type.enum_decl->values;
                if (std::none_of(tokens.begin(), tokens.end(), [&](const EnumValue& v) { return v.token == o.value; }))
                    error(o.line, "option '" + o.value + "' is not a token of enum '" + f.type.enum_decl->name + "'");
            } else if (f.type.builtin) {
                auto why = value_problem(*f.type.builtin, o.value, f.type.spelled);
                if (!why.empty()) error(o.line, "option '" + o.value + "' " + why);
            }
        }

        // A keyword stands beside values of a type that cannot spell it (an integer, a date-time).
        if (f.keyword) {
            const bool keyword_type = f.type.builtin && (is_integer(*f.type.builtin) || *f.type.builtin == Builtin::datetime);
            if (f.keyword->empty()) {
                error(f.keyword_line, "empty keyword");
            } else if (f.is_multi()) {
                error(f.keyword_line, "keyword is only allowed on single-valued fields, not on " + f.kind_token);
            } else if (resolved && !keyword_type) {
                error(f.keyword_line, "keyword needs an integer or datetime value type, not '" + f.type.spelled +
                                          "' (list the keyword as an <option> of an enum instead)");
            } else if (resolved && value_problem(*f.type.builtin, *f.keyword, f.type.spelled).empty()) {
                error(f.keyword_line, "keyword '" + *f.keyword + "' is itself a valid " + f.type.spelled +
                                          " value, so it would be ambiguous");
            }
        }

        // Integer ranges, with the checks of attributes and leaves.
        if (f.min_value || f.max_value) {
            Member m;
            m.type = f.type;
            m.min_value = f.min_value;
            m.max_value = f.max_value;
            m.min_value_line = f.min_value_line;
            m.max_value_line = f.max_value_line;
            check_value(m);
        }

        if (!f.name_explicit) {
            auto hash = f.var.rfind('#');
            f.name = enumerator_from_token(hash == std::string::npos ? f.var : f.var.substr(hash + 1));
        }
    }

    void check_form_member_name(const FormDecl& form, const FormField& f, std::map<std::string, int>& seen)
    {
        if (f.name.empty()) return;
        const int line = f.name_explicit && f.name_line ? f.name_line : f.line;
        const std::string label = "member name '" + f.name + "'" + (f.name_explicit ? std::string{} : " (from var '" + f.var + "')");
        const std::string hint = f.name_explicit ? std::string{} : ": give member=\"...\"";
        std::string why;
        if (f.name == "rest")
            why = "is reserved: every form ends with 'xso::forms::form_rest rest'";
        else if (f.name.rfind("xso_", 0) == 0)
            why = "is reserved: the prefix xso_ is for generated metadata";
        else if (f.name == "hana_accessors_impl" || f.name == "std" || f.name == "xso" || f.name == "boost")
            why = "is reserved by the generated code";
        else
            why = identifier_problem(f.name);
        if (why.empty() && types_.count(f.name)) why = "is also a type name of this schema (the member would hide the type)";
        if (!why.empty()) {
            error(line, label + " " + why + hint);
            return;
        }
        if (auto [it, fresh] = seen.emplace(f.name, line); !fresh)
            error(line, "duplicate member name '" + f.name + "' in form '" + form.name + "' (first at line " +
                            std::to_string(it->second) + ")");
    }

    void check_form(FormDecl& d)
    {
        if (!d.fields_from.empty()) {
            if (const FormDecl* base = resolve_form(d.fields_from, d.fields_from_line)) {
                if (base == &d)
                    error(d.fields_from_line, "form '" + d.name + "' cannot take its fields from itself");
                else if (base->schema == &s_ && !base->checked)
                    error(d.fields_from_line, "form '" + base->name + "' must be declared before '" + d.name +
                                                  "' takes its fields");
                else {
                    d.base = base;
                    d.fields = base->fields;
                }
            }
        }
        for (auto& f : d.own_fields) {
            check_field(d, f);
            d.fields.push_back(f);
        }
        d.checked = true;

        // The base's fields were checked with the base: only this form's own are reported.
        std::map<std::string, int> vars, names;
        const std::size_t inherited = d.fields.size() - d.own_fields.size();
        for (std::size_t i = 0; i < d.fields.size(); ++i) {
            const FormField& f = d.fields[i];
            if (i < inherited) {
                vars.emplace(f.var, f.line);
                names.emplace(f.name, f.line);
                continue;
            }
            if (!f.var.empty())
                if (auto [it, fresh] = vars.emplace(f.var, f.line); !fresh) {
                    error(f.line, "duplicate field '" + f.var + "' in form '" + d.name + "' (first at line " +
                                      std::to_string(it->second) + (d.base ? ", or in " + d.base->name : std::string{}) + ")");
                    continue;
                }
            check_form_member_name(d, f, names);
        }
        const std::size_t count = d.fields.size() + 1;
        if (count > max_struct_members)
            error(d.line, "form '" + d.name + "' has " + std::to_string(count) + " members including 'rest', more than the " +
                              std::to_string(max_struct_members) + " that BOOST_HANA_DEFINE_STRUCT supports");
    }

    // ---------------------------------------------------------------------------------
    // A struct may not contain itself by value: cycles must go through a list.
    static std::vector<std::pair<const StructDecl*, int>> by_value_edges(const StructDecl& sd)
    {
        std::vector<std::pair<const StructDecl*, int>> out;
        for (auto& m : sd.members) {
            if (m.occurs.is_list()) continue;
            if (m.kind == MemberKind::child && m.type.struct_decl)
                out.emplace_back(m.type.struct_decl, m.line);
            if (m.kind == MemberKind::choice)
                for (auto& alt : m.alternatives)
                    if (alt.struct_decl) out.emplace_back(alt.struct_decl, alt.line);
        }
        return out;
    }

    void check_recursion()
    {
        std::map<const StructDecl*, int> color; // 0 new, 1 on the path, 2 done
        std::vector<std::pair<const StructDecl*, int>> path;
        std::function<void(const StructDecl*)> visit = [&](const StructDecl* u) {
            color[u] = 1;
            for (auto [v, line] : by_value_edges(*u)) {
                if (v->schema != &s_) continue;
                path.emplace_back(u, line);
                if (color[v] == 1) {
                    std::size_t i = 0;
                    while (path[i].first != v) ++i;
                    std::string chain;
                    for (std::size_t k = i; k < path.size(); ++k) chain += path[k].first->name + " -> ";
                    chain += v->name;
                    error(path[i].second, "recursive type '" + v->name + "': " + chain +
                                              " through single or optional children (only a list, max > 1, may close a cycle)");
                } else if (color[v] == 0) {
                    visit(v);
                }
                path.pop_back();
            }
            color[u] = 2;
        };
        for (auto& sd : s_.structs)
            if (color[sd.get()] == 0) visit(sd.get());
    }

    // ---------------------------------------------------------------------------------
    void check_requests()
    {
        std::map<const StructDecl*, int> seen;
        for (auto& r : s_.requests) {
            resolve(r.type, Want::element);
            resolve(r.container, Want::element);
            if (r.response) resolve(*r.response, Want::element);
            if (!r.type.struct_decl) continue;
            if (auto [it, fresh] = seen.emplace(r.type.struct_decl, r.line); !fresh)
                error(r.line, "duplicate <request> for '" + r.type.spelled + "' (first at line " +
                                  std::to_string(it->second) + ")");
        }
    }

    // Two headers declaring the same name in the same C++ namespace do not compile together.
    void check_imports()
    {
        if (s_.cpp_namespace.empty()) return;
        for (auto& imp : s_.imports) {
            if (!imp.schema || imp.schema->cpp_namespace != s_.cpp_namespace) continue;
            for (auto& [name, line] : types_)
                if (imp.schema->find_enum(name) || imp.schema->find_struct(name))
                    error(line, "type '" + name + "' is also declared by the imported " + imp.schema->file_name +
                                    " in the same C++ namespace " + s_.cpp_namespace);
            if (identifier_from_stem(imp.schema->stem) == identifier_from_stem(s_.stem))
                error(imp.line, "the imported " + imp.schema->file_name + " would declare the same constant ns_" +
                                    identifier_from_stem(s_.stem) + " in the same C++ namespace");
        }
    }

    Schema& s_;
    Diagnostics& d_;
    std::map<std::string, int> types_; // local type and enum names → first line
};

} // namespace

void check_schema(Schema& schema, Diagnostics& diags)
{
    const auto before = diags.size();
    Checker(schema, diags).run();
    if (diags.size() != before) schema.has_errors = true;
}

} // namespace xsoc
