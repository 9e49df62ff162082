// A thin layer over expat for the domain's readers of uploaded XML (the parts of an XLSX):
// events by local name, namespace prefixes dropped, and no DTD accepted. No I/O.
#pragma once
#include <optional>
#include <string_view>

struct XML_ParserStruct;

namespace hejia::domain {

/// The attributes of one element, as expat hands them over.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}

  /// The value of the attribute `name` without a namespace (`r="B3"`), or, when `namespaced`,
  /// with one (`r:id="rId1"`, whatever its prefix).
  std::optional<std::string_view> Get(std::string_view name, bool namespaced = false) const;

 private:
  const char** pairs_;
};

/// Receives one XML document's elements by local name (`<x:row>` and `<row>` are both "row":
/// some writers prefix every element). A DTD ends the parse: OOXML has none, and refusing it
/// refuses entity expansion with it.
class XmlReader {
 public:
  virtual ~XmlReader() = default;

  /// Parses `xml`; false if it is not well-formed, has a DTD, or Stop() was called.
  bool Parse(std::string_view xml);

 protected:
  virtual void Start(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void End(std::string_view name) {}
  virtual void Text(std::string_view text) {}

  /// Ends the parse from a handler; no further event arrives and Parse returns false.
  void Stop();

 private:
  static void OnStart(void* self, const char* name, const char** attributes);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int length);
  static void OnDoctype(void* self, const char*, const char*, const char*, int);

  XML_ParserStruct* parser_ = nullptr;
  bool stopped_ = false;
};

}  // namespace hejia::domain
