#include "domain/xml_read.hpp"

#include <expat.h>

#include <algorithm>
#include <memory>
#include <new>
#include <type_traits>

namespace hejia::domain {

namespace {

static_assert(std::is_same_v<XML_Char, char>, "expat must be built for UTF-8");

constexpr size_t kChunk = 1 << 20;

/// After the last space: with namespaces on, expat names `<x:row>` "<namespace URI> row".
std::string_view LocalName(const char* name) {
  const std::string_view full(name);
  const size_t space = full.rfind(' ');
  return space == std::string_view::npos ? full : full.substr(space + 1);
}

}  // namespace

std::optional<std::string_view> XmlAttributes::Get(std::string_view name, bool namespaced) const {
  for (size_t i = 0; pairs_[i]; i += 2) {
    const bool has_namespace = std::string_view(pairs_[i]).find(' ') != std::string_view::npos;
    if (has_namespace == namespaced && LocalName(pairs_[i]) == name) return pairs_[i + 1];
  }
  return std::nullopt;
}

bool XmlReader::Parse(std::string_view xml) {
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS(nullptr, ' '), XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  parser_ = parser.get();
  stopped_ = false;
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser_, OnText);
  XML_SetStartDoctypeDeclHandler(parser_, OnDoctype);
  size_t at = 0;
  for (;;) {
    const size_t length = std::min(xml.size() - at, kChunk);
    const bool last = at + length == xml.size();
    const auto status = XML_Parse(parser_, xml.data() + at, static_cast<int>(length), last);
    if (status != XML_STATUS_OK || stopped_) return false;
    if (last) return true;
    at += length;
  }
}

void XmlReader::Stop() {
  if (stopped_) return;
  stopped_ = true;
  XML_StopParser(parser_, XML_FALSE);
}

// Expat may still deliver an event or two after XML_StopParser; they are dropped.
void XmlReader::OnStart(void* self, const char* name, const char** attributes) {
  auto* reader = static_cast<XmlReader*>(self);
  if (!reader->stopped_) reader->Start(LocalName(name), XmlAttributes(attributes));
}

void XmlReader::OnEnd(void* self, const char* name) {
  auto* reader = static_cast<XmlReader*>(self);
  if (!reader->stopped_) reader->End(LocalName(name));
}

void XmlReader::OnText(void* self, const char* text, int length) {
  auto* reader = static_cast<XmlReader*>(self);
  if (!reader->stopped_) reader->Text(std::string_view(text, static_cast<size_t>(length)));
}

void XmlReader::OnDoctype(void* self, const char*, const char*, const char*, int) {
  static_cast<XmlReader*>(self)->Stop();
}

}  // namespace hejia::domain
