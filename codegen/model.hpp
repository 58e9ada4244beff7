// The in-memory model of a schema file, as read by the reader and completed by the checker.
//
// The reader fills the spelled-out parts (names, type references as written, occurrences,
// line numbers); the checker resolves type references, fills default member names and
// validates; the emitter only reads a model that checked without errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xsoc {

inline constexpr const char* version = "0.1.0";
inline constexpr const char* schema_namespace = "urn:xso:schema:1";
inline constexpr const char* xml_namespace = "http://www.w3.org/XML/1998/namespace";
// BOOST_HANA_DEFINE_STRUCT limit (docs/schema-language.md), counting the trailing `unknown`.
inline constexpr std::size_t max_struct_members = 55;
inline constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

struct Schema;
struct EnumDecl;
struct StructDecl;

// The value types of docs/schema-language.md, "Value types".
enum class Builtin {
    string_,
    boolean,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
    jid,
    datetime,
    uri,
    language,
};

// A decimal integer of either sign, wide enough for int64 and uint64 values.
struct IntValue {
    bool negative = false;
    std::uint64_t magnitude = 0;
};

// Occurrence of a child, leaf, any or choice: max == unbounded for "unbounded".
struct Occurs {
    std::size_t min = 0;
    std::size_t max = 1;
    bool is_list() const { return max > 1; }
    bool is_required_single() const { return max == 1 && min == 1; }
};

// A `type=` reference as written (`Name`, `alias:Name` or a value type name), resolved by
// the checker to exactly one of builtin / enum_decl / struct_decl (or none on error).
struct TypeRef {
    std::string spelled;
    int line = 0;
    std::optional<Builtin> builtin;
    const EnumDecl* enum_decl = nullptr;
    const StructDecl* struct_decl = nullptr;
};

// Namespace filter of an <any> slot or of a choice's <any> fallback.
struct AnyFilter {
    enum class Mode { any, other, list };
    Mode mode = Mode::any;
    std::string list;    // space-separated, for Mode::list
    std::string exclude; // space-separated, may be empty
    int line = 0;
};

enum class MemberKind { attribute, text, child, leaf, flag, choice, any, condition };

struct Member {
    MemberKind kind = MemberKind::attribute;
    int line = 0;             // line of the declaring schema element
    std::string name;         // C++ member name (filled by the checker when defaulted)
    bool name_explicit = false;
    int name_line = 0;        // line of `member=` when explicit
    std::string xml_ns;       // attribute, leaf, flag: namespace of the XML name
    std::string xml_local;    // attribute, leaf, flag: local XML name
    std::string xml_spelled;  // the `name` attribute as written (e.g. "xml:lang")
    TypeRef type;             // attribute, text, leaf: value type; child: the element type
    bool required = false;    // attribute and text: use="required"
    Occurs occurs;            // child, leaf, any, choice
    std::optional<std::string> default_value;
    int default_line = 0;
    std::optional<IntValue> min_value, max_value;
    int min_value_line = 0, max_value_line = 0;
    std::vector<TypeRef> alternatives; // choice: the <child> alternatives
    std::optional<AnyFilter> fallback; // choice: the trailing <any>
    AnyFilter filter;                  // any
    std::string doc;
    std::string condition;             // condition families: token of the declaring condition
};

struct EnumValue {
    std::string token;
    std::string cpp; // enumerator name (from `cpp` or derived from the token)
    bool cpp_explicit = false;
    std::string doc;
    int line = 0;
};

struct EnumDecl {
    std::string name;
    std::string doc;
    bool open = false;
    bool from_conditions = false;
    std::vector<EnumValue> values;
    int line = 0;
    const Schema* schema = nullptr;
};

// An <element> (a struct with a qname) or a <conditions> family (a struct whose first
// member is the condition enum).
struct StructDecl {
    bool is_conditions = false;
    std::string name; // C++ type name
    std::string doc;
    int line = 0;
    const Schema* schema = nullptr;
    std::string local;  // elements: XML local name
    std::string ns;     // elements: namespace; conditions: the family namespace
    std::string alt_ns; // elements: space-separated accepted namespaces
    const EnumDecl* condition_enum = nullptr;
    std::vector<Member> members; // without the trailing `unknown`
};

// One <option> of a form field: a value the field may take, with its label.
struct OptionDecl {
    std::string value;
    std::optional<std::string> label;
    int line = 0;
};

// The field types of XEP-0004 §3.3, in the order of their tokens.
enum class FieldKind {
    boolean,
    fixed,
    hidden,
    jid_multi,
    jid_single,
    list_multi,
    list_single,
    text_multi,
    text_private,
    text_single,
};

// One <field> of a <form>: a data-form field bound to a typed member.
struct FormField {
    int line = 0;
    std::string var;
    std::string name;          // C++ member name (filled by the checker when defaulted)
    bool name_explicit = false;
    int name_line = 0;
    FieldKind kind = FieldKind::text_single;
    std::string kind_token;    // as written, e.g. "list-single"
    TypeRef type;              // value type: given, generated enum, or defaulted from the kind
    bool type_explicit = false;
    const EnumDecl* generated_enum = nullptr; // the enum this field's `enum=` declares
    std::vector<OptionDecl> options;
    std::optional<std::string> label, desc;
    std::optional<std::string> keyword;
    int keyword_line = 0;
    std::optional<IntValue> min_value, max_value;
    int min_value_line = 0, max_value_line = 0;
    std::string doc;
    bool is_multi() const
    {
        return kind == FieldKind::jid_multi || kind == FieldKind::list_multi || kind == FieldKind::text_multi;
    }
    bool is_list() const { return kind == FieldKind::list_multi || kind == FieldKind::list_single; }
};

// A <form>: a typed view of the data forms of one FORM_TYPE (XEP-0068).
struct FormDecl {
    std::string name; // C++ type name
    std::string form_type;
    std::string doc;
    int line = 0;
    const Schema* schema = nullptr;
    std::string fields_from; // another form whose fields this one starts with (`Name` or `alias:Name`)
    int fields_from_line = 0;
    const FormDecl* base = nullptr; // resolved fields_from
    std::vector<FormField> own_fields; // as declared in this <form>
    std::vector<FormField> fields;     // resolved by the checker: the base's fields, then own_fields
    bool checked = false;
};

struct Request {
    TypeRef type;
    TypeRef container;
    std::optional<TypeRef> response; // empty for response="empty" (or no response)
    bool iq_set = false;
    bool response_optional = false;
    int line = 0;
};

struct Import {
    std::string file;
    std::string alias;
    int line = 0;
    const Schema* schema = nullptr; // null when it could not be loaded
};

struct Schema {
    std::filesystem::path path; // as opened
    std::string display;        // how diagnostics name the file
    std::string file_name;      // e.g. "pubsub.xml"
    std::string stem;           // e.g. "pubsub"
    int line = 1;               // line of the root element
    std::string ns;
    std::optional<std::string> cpp_namespace_attr, include_prefix_attr;
    int cpp_namespace_line = 0, include_prefix_line = 0;
    std::string cpp_namespace;  // resolved: attribute, else --namespace
    std::string include_prefix; // resolved: attribute, else --include-prefix
    bool has_include_prefix = false;
    std::string doc;
    std::vector<Import> imports;
    std::vector<std::unique_ptr<EnumDecl>> enums;     // declaration order
    std::vector<std::unique_ptr<StructDecl>> structs; // declaration order
    std::vector<Request> requests;
    std::vector<std::unique_ptr<FormDecl>> forms;    // declaration order
    bool has_errors = false;

    const EnumDecl* find_enum(const std::string& name) const
    {
        for (auto& e : enums)
            if (e->name == name) return e.get();
        return nullptr;
    }
    const StructDecl* find_struct(const std::string& name) const
    {
        for (auto& s : structs)
            if (s->name == name) return s.get();
        return nullptr;
    }
    const FormDecl* find_form(const std::string& name) const
    {
        for (auto& f : forms)
            if (f->name == name) return f.get();
        return nullptr;
    }
    const Import* find_import(const std::string& alias) const
    {
        for (auto& i : imports)
            if (i.alias == alias) return &i;
        return nullptr;
    }
    // `<include-prefix>/<stem>.hpp`
    std::string header_path() const
    {
        return include_prefix.empty() ? stem + ".hpp" : include_prefix + "/" + stem + ".hpp";
    }
};

} // namespace xsoc
