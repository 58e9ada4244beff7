// XSD coverage: every element and attribute that the published XSDs of XEP-0060
// (pubsub, pubsub#owner, pubsub#event, pubsub#errors), XEP-0004 (x-data) and XEP-0059
// (rsm) declare must be declared by one of the schema files in schema/.
//
// The test reads both sides as plain XML (pugixml), independently of xsoc:
//
// - XSD side: every xs:element with a `name` (global and local) gives a
//   {namespace, local name}; every xs:attribute with a `name` inside its complex type
//   (not inside a nested element) gives an attribute of that element. Elements that only
//   `ref` another are the referenced declaration, not new ones.
// - Schema side: <element> (namespace from `ns` or the file), <leaf> and <flag> (namespace
//   from `ns` or their enclosing element) and each <condition> of a <conditions> family
//   (namespace from the family's `ns` or the file) declare an element; <attribute>
//   children of <element> and <condition> declare its attributes.
//
// An XSD element is covered when some schema declaration has the same {namespace, local
// name}; an XSD attribute when one of those declarations has an <attribute> of that name.
// A second test checks that every xs:enumeration value of an enumerated XSD attribute is a
// token of the enum the schema attribute uses (through <import> aliases).
//
// XSO_FIXTURES_DIR and XSO_SCHEMA_DIR are set by the build (tests/CMakeLists.txt).

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#ifndef XSO_FIXTURES_DIR
#error "XSO_FIXTURES_DIR must name the tests/fixtures directory"
#endif
#ifndef XSO_SCHEMA_DIR
#error "XSO_SCHEMA_DIR must name the schema/ directory"
#endif

namespace {

constexpr const char* xs_ns = "http://www.w3.org/2001/XMLSchema";
constexpr const char* xso_schema_ns = "urn:xso:schema:1";

// ---------------------------------------------------------------- namespace helpers

std::string prefix_of(const char* name)
{
  std::string n{name};
  auto colon = n.find(':');
  return colon == std::string::npos ? std::string{} : n.substr(0, colon);
}

std::string local_of(const char* name)
{
  std::string n{name};
  auto colon = n.find(':');
  return colon == std::string::npos ? n : n.substr(colon + 1);
}

// The namespace bound to `prefix` ("" = default namespace) in scope at `node`.
std::string resolve_prefix(pugi::xml_node node, const std::string& prefix)
{
  const std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  for (auto n = node; n; n = n.parent()) {
    if (n.type() != pugi::node_element) continue;
    if (auto a = n.attribute(decl.c_str())) return a.value();
  }
  return {};
}

std::string ns_of(pugi::xml_node node) { return resolve_prefix(node, prefix_of(node.name())); }

bool is(pugi::xml_node node, const char* ns, const char* local)
{
  return node.type() == pugi::node_element && local_of(node.name()) == local && ns_of(node) == ns;
}

std::string join(const std::vector<std::string>& lines)
{
  std::string out;
  for (auto& l : lines) out += "\n  " + l;
  return out;
}

// ---------------------------------------------------------------- XSD side

struct XsdAttribute {
  std::string name;
  std::vector<std::string> enumeration; // xs:enumeration values, when enumerated
};

struct XsdElement {
  std::string file;
  std::string ns;
  std::string local;
  bool global = false;
  std::vector<XsdAttribute> attributes;
};

// The xs:attribute declarations that belong to the element declared by `decl`: all
// descendants, without descending into nested element declarations.
void collect_attributes(pugi::xml_node node, XsdElement& out)
{
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, xs_ns, "element")) continue;
    if (is(c, xs_ns, "attribute") && c.attribute("name")) {
      XsdAttribute a;
      a.name = c.attribute("name").value();
      for (auto e : c.select_nodes(".//*")) {
        auto n = e.node();
        if (is(n, xs_ns, "enumeration")) a.enumeration.emplace_back(n.attribute("value").value());
      }
      out.attributes.push_back(std::move(a));
      continue;
    }
    collect_attributes(c, out);
  }
}

void collect_elements(pugi::xml_node node, const std::string& file, const std::string& target_ns,
                      bool qualified_default, std::vector<XsdElement>& out)
{
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, xs_ns, "element") && c.attribute("name")) {
      XsdElement e;
      e.file = file;
      e.local = c.attribute("name").value();
      e.global = is(c.parent(), xs_ns, "schema");
      bool qualified = qualified_default;
      if (auto form = c.attribute("form")) qualified = std::string{form.value()} == "qualified";
      e.ns = (e.global || qualified) ? target_ns : std::string{};
      collect_attributes(c, e);
      out.push_back(std::move(e));
    }
    collect_elements(c, file, target_ns, qualified_default, out);
  }
}

struct XsdFile {
  const char* file;
  std::size_t elements;   // element declarations (xep0060-inventory.md §1 and §2)
  std::size_t attributes; // attribute declarations
};

// The six published schemas with their declaration counts (XEP-0060 inventory: 18/26,
// 10/11, 12/16, 23/1; x-data 10/5; rsm: set, first and 6 local children, 1 attribute).
constexpr XsdFile xsd_files[] = {
    {"pubsub.xsd", 18, 26},        {"pubsub-owner.xsd", 10, 11}, {"pubsub-event.xsd", 12, 16},
    {"pubsub-errors.xsd", 23, 1},  {"x-data.xsd", 10, 5},        {"rsm.xsd", 8, 1},
};

std::vector<XsdElement> load_xsds()
{
  std::vector<XsdElement> all;
  for (auto& f : xsd_files) {
    const std::string path = std::string{XSO_FIXTURES_DIR} + "/xsd/" + f.file;
    pugi::xml_document doc;
    auto res = doc.load_file(path.c_str());
    const std::string status = res.description();
    INFO("loading ", path, ": ", status);
    REQUIRE(res);
    auto root = doc.document_element();
    REQUIRE(is(root, xs_ns, "schema"));
    const std::string target_ns = root.attribute("targetNamespace").value();
    const bool qualified = std::string{root.attribute("elementFormDefault").value()} == "qualified";
    std::vector<XsdElement> mine;
    collect_elements(root, f.file, target_ns, qualified, mine);
    std::size_t attrs = 0;
    for (auto& e : mine) attrs += e.attributes.size();
    const std::string file = f.file;
    INFO(file, ": ", mine.size(), " elements, ", attrs, " attributes");
    CHECK(mine.size() == f.elements);
    CHECK(attrs == f.attributes);
    all.insert(all.end(), mine.begin(), mine.end());
  }
  return all;
}

// ---------------------------------------------------------------- schema side

struct SchemaFile {
  std::string file;
  std::string ns;
  std::map<std::string, std::string> imports;              // alias -> file name
  std::map<std::string, std::set<std::string>> enums;       // enum name -> tokens
};

struct SchemaAttribute {
  std::string name;
  std::string type; // as written (may be alias:Enum)
  std::string file; // declaring schema file
};

struct SchemaElement {
  std::string where; // file and construct, for messages
  std::vector<SchemaAttribute> attributes;
};

using QName = std::pair<std::string, std::string>;

struct Schemas {
  std::map<std::string, SchemaFile> files;
  std::map<QName, std::vector<SchemaElement>> elements;
};

std::string attr_or(pugi::xml_node n, const char* name, const std::string& fallback)
{
  auto a = n.attribute(name);
  return a ? std::string{a.value()} : fallback;
}

std::vector<SchemaAttribute> attributes_of(pugi::xml_node decl, const std::string& file)
{
  std::vector<SchemaAttribute> out;
  for (auto a : decl.children())
    if (is(a, xso_schema_ns, "attribute"))
      out.push_back({a.attribute("name").value(), a.attribute("type").value(), file});
  return out;
}

Schemas load_schemas()
{
  Schemas s;
  std::vector<std::filesystem::path> paths;
  for (auto& entry : std::filesystem::directory_iterator{XSO_SCHEMA_DIR})
    if (entry.is_regular_file() && entry.path().extension() == ".xml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  REQUIRE_MESSAGE(!paths.empty(), "no schema files in " XSO_SCHEMA_DIR);

  for (auto& path : paths) {
    pugi::xml_document doc;
    auto res = doc.load_file(path.c_str());
    const std::string where = path.string(), status = res.description();
    INFO("loading ", where, ": ", status);
    REQUIRE(res);
    auto root = doc.document_element();
    REQUIRE(is(root, xso_schema_ns, "schema"));

    SchemaFile f;
    f.file = path.filename().string();
    f.ns = root.attribute("namespace").value();
    for (auto c : root.children()) {
      if (is(c, xso_schema_ns, "import")) {
        f.imports[c.attribute("as").value()] = c.attribute("schema").value();
      } else if (is(c, xso_schema_ns, "enum")) {
        auto& tokens = f.enums[c.attribute("name").value()];
        for (auto v : c.children())
          if (is(v, xso_schema_ns, "value")) tokens.insert(v.attribute("token").value());
      } else if (is(c, xso_schema_ns, "element")) {
        const std::string ns = attr_or(c, "ns", f.ns);
        const std::string name = c.attribute("name").value();
        s.elements[{ns, name}].push_back({f.file + " <element " + name + ">", attributes_of(c, f.file)});
        for (auto m : c.children()) {
          if (is(m, xso_schema_ns, "leaf") || is(m, xso_schema_ns, "flag")) {
            const std::string leaf = m.attribute("name").value();
            s.elements[{attr_or(m, "ns", ns), leaf}].push_back(
                {f.file + " <" + local_of(m.name()) + " " + leaf + "> in " + name, {}});
          }
        }
      } else if (is(c, xso_schema_ns, "conditions")) {
        const std::string ns = attr_or(c, "ns", f.ns);
        for (auto cond : c.children()) {
          if (!is(cond, xso_schema_ns, "condition")) continue;
          const std::string name = cond.attribute("name").value();
          s.elements[{ns, name}].push_back(
              {f.file + " <condition " + name + "> of " + c.attribute("name").value(),
               attributes_of(cond, f.file)});
        }
      }
    }
    s.files[f.file] = std::move(f);
  }
  return s;
}

// The tokens of the enum named by `type` in schema file `file` (following `alias:Enum`
// through the file's imports), or nullptr when it is not an enum.
const std::set<std::string>* enum_tokens(const Schemas& s, const std::string& file, const std::string& type)
{
  auto f = s.files.find(file);
  if (f == s.files.end()) return nullptr;
  auto colon = type.find(':');
  if (colon != std::string::npos) {
    auto imp = f->second.imports.find(type.substr(0, colon));
    if (imp == f->second.imports.end()) return nullptr;
    auto target = std::filesystem::path{imp->second}.filename().string();
    return enum_tokens(s, target, type.substr(colon + 1));
  }
  auto e = f->second.enums.find(type);
  return e == f->second.enums.end() ? nullptr : &e->second;
}

std::string qname_text(const XsdElement& e) { return "{" + e.ns + "}" + e.local + " (" + e.file + ")"; }

} // namespace

TEST_CASE("xsd coverage: every XSD element and attribute is declared by a schema")
{
  const auto xsd = load_xsds();
  const auto schemas = load_schemas();
  REQUIRE(!xsd.empty());

  std::vector<std::string> missing_elements, missing_attributes;
  std::size_t attributes_total = 0, elements_covered = 0, attributes_covered = 0;

  for (auto& e : xsd) {
    attributes_total += e.attributes.size();
    auto found = schemas.elements.find({e.ns, e.local});
    if (found == schemas.elements.end()) {
      missing_elements.push_back(qname_text(e) + (e.global ? "" : " [local]"));
      for (auto& a : e.attributes) missing_attributes.push_back(qname_text(e) + " @" + a.name);
      continue;
    }
    ++elements_covered;
    for (auto& a : e.attributes) {
      bool ok = false;
      for (auto& decl : found->second)
        for (auto& sa : decl.attributes) ok = ok || sa.name == a.name;
      if (ok)
        ++attributes_covered;
      else
        missing_attributes.push_back(qname_text(e) + " @" + a.name);
    }
  }

  MESSAGE("xsd elements covered: ", elements_covered, " of ", xsd.size());
  MESSAGE("xsd attributes covered: ", attributes_covered, " of ", attributes_total);
  CHECK_MESSAGE(missing_elements.empty(), "XSD elements no schema declares:", join(missing_elements));
  CHECK_MESSAGE(missing_attributes.empty(), "XSD attributes no schema declares:", join(missing_attributes));
}

TEST_CASE("xsd coverage: every enumerated XSD attribute value is a token of the schema's enum")
{
  const auto xsd = load_xsds();
  const auto schemas = load_schemas();

  std::vector<std::string> problems;
  std::size_t values_total = 0, values_covered = 0;

  for (auto& e : xsd) {
    auto found = schemas.elements.find({e.ns, e.local});
    for (auto& a : e.attributes) {
      if (a.enumeration.empty()) continue;
      values_total += a.enumeration.size();
      if (found == schemas.elements.end()) {
        problems.push_back(qname_text(e) + " @" + a.name + ": element not declared");
        continue;
      }
      // Union of the tokens of every enum used for this attribute by a declaration.
      std::set<std::string> tokens;
      bool typed = false;
      for (auto& decl : found->second)
        for (auto& sa : decl.attributes)
          if (sa.name == a.name)
            if (auto t = enum_tokens(schemas, sa.file, sa.type)) {
              typed = true;
              tokens.insert(t->begin(), t->end());
            }
      if (!typed) {
        problems.push_back(qname_text(e) + " @" + a.name + ": not declared with an enum type");
        continue;
      }
      for (auto& v : a.enumeration) {
        if (tokens.count(v))
          ++values_covered;
        else
          problems.push_back(qname_text(e) + " @" + a.name + ": value '" + v + "' is not a token");
      }
    }
  }

  MESSAGE("xsd enumeration values covered: ", values_covered, " of ", values_total);
  CHECK(values_total > 0);
  CHECK_MESSAGE(problems.empty(), "XSD enumerations the schemas do not cover:", join(problems));
}
