#include "api/history_encoder.h"

#include "api/json_encoder.h"
#include "api/json_writer.h"

namespace lgb::api {
namespace {


void write_revision(JsonWriter& w, const StoredValue& v) {
  w.begin_object()
      .field("value", v.value.text)  // exactly as published, always a string
      .field("number", v.value.number)
      .field_or_null("status", to_string(v.value.marker))
      .field_or_null("marker", v.value.marker_text)
      .field_or_null("note", v.value.note)
      .field("release", v.release_id)
      .end_object();
}

}  // namespace

std::string encode_changes(const ChangeLog& log, const Snapshot& s) {
  JsonWriter w;
  w.begin_object().key("metric").begin_object();
  w.field("id", log.metric->id).field("title", log.metric->title).field("unit", log.metric->unit);
  w.end_object();
  w.field("change_count", log.change_count()).key("releases").begin_array();
  for (const ReleaseChanges& r : log.releases) {
    w.begin_object().key("release").raw(encode(release_json(r.release)));
    w.field("values", r.values).field("superseded", r.superseded);
    w.field("revised", static_cast<int64_t>(r.changes.size())).key("changes").begin_array();
    for (const ValueChange& c : r.changes) {
      const Area* a = area_by_code(s, c.after.area_code);
      const Period* p = period_by_id(s, c.after.period_id);
      w.begin_object().field("area_code", c.after.area_code);
      w.key("area_name");
      if (a) w.str(a->name);
      else w.null();
      w.field("period", c.after.period_id).field("period_label", p ? p->label() : c.after.period_id);
      w.key("before");
      write_revision(w, c.before);
      w.key("after");
      write_revision(w, c.after);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.take();
}

Table changes_table(const ChangeLog& log, const Snapshot& s) {
  Table t;
  t.header = {"release", "published_on", "loaded_at", "publisher", "file_name",
              "area_code", "area_name", "period", "period_label",
              "before_value", "before_number", "before_status", "before_marker", "before_note",
              "before_release", "after_value", "after_number", "after_status", "after_marker",
              "after_note"};
  for (const ReleaseChanges& r : log.releases)
    for (const ValueChange& c : r.changes) {
      const Area* a = area_by_code(s, c.after.area_code);
      const Period* p = period_by_id(s, c.after.period_id);
      t.rows.push_back({std::to_string(r.release.id), r.release.published_on,
                        r.release.loaded_at, r.release.publisher, r.release.file_name,
                        c.after.area_code, a ? a->name : "", c.after.period_id,
                        p ? p->label() : c.after.period_id, c.before.value.text,
                        format_number(c.before.value.number),
                        std::string(to_string(c.before.value.marker)), c.before.value.marker_text,
                        c.before.value.note, std::to_string(c.before.release_id),
                        c.after.value.text, format_number(c.after.value.number),
                        std::string(to_string(c.after.value.marker)), c.after.value.marker_text,
                        c.after.value.note});
    }
  return t;
}


}  // namespace lgb::api
