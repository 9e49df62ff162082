// The record kit's JSON of one record written straight into text (http::JsonWriter), for the hot
// lists: the same members, values and nulls as kit::ToJson (api/record_kit.hpp) without a tree of
// values built and freed per record. Kept apart from record_kit.hpp so that only the lists that
// use it include it.
#pragma once
#include "common/clock.hpp"
#include "domain/region.hpp"
#include "http/json_writer.hpp"
#include "store/record_kit.hpp"

namespace hejia::api::kit {

namespace sk = store::kit;

template <class R>
void Write(const sk::TextField<R>& f, const R& r, http::JsonWriter& w) {
  w.Key(f.name).StringOrNull(r.*f.member);
}
template <class R, class E>
void Write(const sk::EnumField<R, E>& f, const R& r, http::JsonWriter& w) {
  w.Key(f.name).String(ToString(r.*f.member));
}
template <class R>
void Write(const sk::FlagField<R>& f, const R& r, http::JsonWriter& w) {
  w.Key(f.name).Bool(r.*f.member);
}
template <class R>
void Write(const sk::TimeField<R>& f, const R& r, http::JsonWriter& w) {
  w.Key(f.name);
  BeijingTimeBuffer buf;
  if (r.*f.member)
    w.String(FormatBeijing(r.*f.member, buf));
  else
    w.Null();
}
template <class R>
void Write(const sk::SealedField<R>& f, const R& r, http::JsonWriter& w) {
  w.Key(f.name).StringOrNull((r.*f.member).mask);  // only ever the mask here
}
template <class R>
void Write(const sk::RegionField<R>& f, const R& r, http::JsonWriter& w) {
  const auto& p = r.*f.member;
  w.Key("region_code").String(p.code).Key("region_name").String(p.name);
  w.Key("region_path").String(p.path).Key("level").String(domain::ToString(p.level));
}

/// The members of kit::ToJson(r), inside an object the caller opened (and closes, after any
/// members of its own).
template <class R>
void WriteMembers(const R& r, http::JsonWriter& w) {
  w.Key("id").Int(r.meta.id);
  sk::ForEachField<R>([&](const auto& f) { Write(f, r, w); });
  w.Key("retired").Bool(r.meta.retired);
  BeijingTimeBuffer buf;
  w.Key("created_at").String(FormatBeijing(r.meta.created_at, buf));
  w.Key("updated_at").String(FormatBeijing(r.meta.updated_at, buf));
  w.Key("version").Int(r.meta.version);
}

}  // namespace hejia::api::kit
