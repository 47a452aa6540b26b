/*
 * NDJSON lines in our export's common shape, read in C: a line-for-line port of the byte scanner
 * in ndjson-scan.ts (its scan, array, commit, dateAt and urlParts). A line it takes comes back as
 * byte ranges (title, URL, brief), numbers, and ids of its short text (author, category name,
 * source, raw tags, the URL's category): each distinct value gets an id the first time it is seen,
 * and its bytes are handed over once, so the caller decodes and cleans it once. Any line outside
 * that shape, or that the output has no room for, is left to the general path (JSON.parse and
 * records.ts), which gives the same record for it.
 */
#define _GNU_SOURCE
#include "ndjson-lines.h"

#include "bytes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QUOTE 0x22
#define BACKSLASH 0x5c

/* ---- distinct values -------------------------------------------------------------------------- */

typedef struct {
  uint32_t *slots; /* id + 1; 0: empty */
  size_t capacity; /* slots, a power of two */
  uint32_t *hashes;
  size_t *starts, *lengths; /* into pool */
  size_t count, room;
  uint8_t *pool;
  size_t pool_length, pool_room;
} Values;

struct NdjsonLines {
  Values kinds[NDJSON_KINDS];
};

static long values_find(const Values *values, const uint8_t *bytes, size_t length, uint32_t hash) {
  if (values->capacity == 0) return -1;
  for (size_t slot = hash & (values->capacity - 1);; slot = (slot + 1) & (values->capacity - 1)) {
    uint32_t entry = values->slots[slot];
    if (entry == 0) return -1;
    size_t id = entry - 1;
    if (values->hashes[id] == hash && values->lengths[id] == length && memcmp(values->pool + values->starts[id], bytes, length) == 0) return (long)id;
  }
}

static void values_place(Values *values, size_t id) {
  size_t slot = values->hashes[id] & (values->capacity - 1);
  while (values->slots[slot] != 0) slot = (slot + 1) & (values->capacity - 1);
  values->slots[slot] = (uint32_t)id + 1;
}

/* Adds a value (known to be new); its id, or -1 when out of memory. */
static long values_add(Values *values, const uint8_t *bytes, size_t length, uint32_t hash) {
  if (values->count == values->room) {
    size_t room = values->room ? values->room * 2 : 256;
    uint32_t *hashes = realloc(values->hashes, room * sizeof *hashes);
    if (hashes != NULL) values->hashes = hashes;
    size_t *starts = realloc(values->starts, room * sizeof *starts);
    if (starts != NULL) values->starts = starts;
    size_t *lengths = realloc(values->lengths, room * sizeof *lengths);
    if (lengths != NULL) values->lengths = lengths;
    if (hashes == NULL || starts == NULL || lengths == NULL) return -1;
    values->room = room;
  }
  if (values->pool_length + length > values->pool_room) {
    size_t room = values->pool_room ? values->pool_room * 2 : 1 << 14;
    while (room < values->pool_length + length) room *= 2;
    uint8_t *pool = realloc(values->pool, room);
    if (pool == NULL) return -1;
    values->pool = pool;
    values->pool_room = room;
  }
  if ((values->count + 1) * 2 > values->capacity) {
    size_t capacity = values->capacity ? values->capacity * 2 : 1024;
    uint32_t *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL) return -1;
    free(values->slots);
    values->slots = slots;
    values->capacity = capacity;
    for (size_t id = 0; id < values->count; id++) values_place(values, id);
  }
  size_t id = values->count++;
  memcpy(values->pool + values->pool_length, bytes, length);
  values->hashes[id] = hash;
  values->starts[id] = values->pool_length;
  values->lengths[id] = length;
  values->pool_length += length;
  values_place(values, id);
  return (long)id;
}

NdjsonLines *ndjson_lines_new(void) { return calloc(1, sizeof(NdjsonLines)); }

void ndjson_lines_free(NdjsonLines *lines) {
  if (lines == NULL) return;
  for (int k = 0; k < NDJSON_KINDS; k++) {
    Values *values = &lines->kinds[k];
    free(values->slots);
    free(values->hashes);
    free(values->starts);
    free(values->lengths);
    free(values->pool);
  }
  free(lines);
}

/* ---- one call ---------------------------------------------------------------------------------- */

typedef struct {
  NdjsonLines *lines;
  const uint8_t *buf;
  const NdjsonOutput *out;
  NdjsonResult *result;
} Call;

/* The id of buf[start, end) of a kind, noting a value seen for the first time in the fresh list;
 * -1 when the fresh list has no room for it (the line goes to the general path). */
static long intern(Call *call, int kind, size_t start, size_t end) {
  Values *values = &call->lines->kinds[kind];
  const uint8_t *bytes = call->buf + start;
  size_t length = end - start;
  uint32_t hash = fnv1a(bytes, length);
  long id = values_find(values, bytes, length, hash);
  if (id >= 0) return id;
  NdjsonResult *result = call->result;
  const NdjsonOutput *out = call->out;
  if (result->fresh >= out->fresh_room || result->fresh_bytes + length > out->fresh_bytes_room) return -1;
  id = values_add(values, bytes, length, hash);
  if (id < 0) return -1;
  int32_t *fresh = out->fresh + result->fresh * 4;
  fresh[0] = kind;
  fresh[1] = (int32_t)id;
  fresh[2] = (int32_t)result->fresh_bytes;
  fresh[3] = (int32_t)(result->fresh_bytes + length);
  memcpy(out->fresh_bytes + result->fresh_bytes, bytes, length);
  result->fresh_bytes += length;
  result->fresh++;
  return id;
}

static int is_space(uint8_t c) { return c <= 0x20 && (c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a); }

/* Byte at i, or 0 past the end (where ndjson-scan.ts reads undefined: no comparison it makes is
 * true for either). */
#define AT(i) ((size_t)(i) < end ? buf[(i)] : 0)

/* End of a string starting at p (after its quote), or -1 when it has escapes or control characters. */
static long string_end(const uint8_t *buf, size_t p, size_t end) {
  for (; p < end; p++) {
    uint8_t c = buf[p];
    if (c > BACKSLASH) continue;
    if (c == QUOTE) return (long)p;
    if (c == BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/* A non-negative integer at p (at most 12 digits, below fields.ts's MAX_COUNT; no leading zero; then `,`, `}`, white space or
 * the end): its end, the value in *value; -1 otherwise. */
static long integer_end(const uint8_t *buf, size_t p, size_t end, double *value) {
  size_t first = p;
  double v = 0;
  while (p < end && buf[p] >= '0' && buf[p] <= '9') v = v * 10 + (buf[p++] - '0');
  size_t digits = p - first;
  if (digits == 0 || digits > 12 || (digits > 1 && buf[first] == '0')) return -1;
  if (p < end && buf[p] != ',' && buf[p] != '}' && !is_space(buf[p])) return -1;
  *value = v;
  return (long)p;
}

/* Keys of the export shape (ndjson-scan.ts's KEYS, in its order). */
enum { TITLE, URL_KEY, PUBLISHED, VIEWS, COMMENTS, COLLECTS, AUTHOR, AUTHOR_ID, CATEGORY_NAME, TAGS, BRIEF, READING_MINUTES, BODY_CHARS, IMAGES, SOURCE, ARTICLE_TITLE, ARTICLE_LINK, KEY_COUNT, NO_KEY = -1 };
static const char *const KEYS[KEY_COUNT] = {"title", "url", "published", "views", "comments", "collects", "author", "authorId", "categoryName", "tags", "brief", "readingMinutes", "bodyChars", "images", "source", "article_title", "article_link"};

static int key_at(const uint8_t *buf, size_t start, size_t end) {
  size_t length = end - start;
  for (int k = 0; k < KEY_COUNT; k++) if (strlen(KEYS[k]) == length && memcmp(KEYS[k], buf + start, length) == 0) return k;
  return NO_KEY;
}

/* ndjson-scan.ts's startsWithSpace: the text at start begins with white space as trim sees it. */
static int starts_with_space(const uint8_t *buf, size_t start, size_t end) {
  uint8_t a = buf[start];
  if (a < 0x80) return a <= 0x20 || a == 0x0b || a == 0x0c;
  uint8_t b = start + 1 < end ? buf[start + 1] : 0, c = start + 2 < end ? buf[start + 2] : 0;
  if (a == 0xc2) return b == 0xa0 || b == 0x85;
  if (a == 0xe1) return b == 0x9a && c == 0x80;
  if (a == 0xe2) return (b == 0x80 && (c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf)) || (b == 0x81 && c == 0x9f);
  if (a == 0xe3) return b == 0x80 && c == 0x80;
  if (a == 0xef) return b == 0xbb && c == 0xbf;
  return 0;
}

/* yyyymmdd of an exact `YYYY-MM-DD` that is a real day of 1990-2100, else -1. */
static int32_t date_at(const uint8_t *buf, size_t s, size_t e) {
  if (e - s != 10 || buf[s + 4] != '-' || buf[s + 7] != '-') return -1;
  int32_t code = 0;
  for (size_t i = s; i < e; i++) {
    if (i == s + 4 || i == s + 7) continue;
    int digit = buf[i] - '0';
    if (digit < 0 || digit > 9) return -1;
    code = code * 10 + digit;
  }
  return real_day(code / 10000, code / 100 % 100, code % 100) ? code : -1;
}

typedef struct {
  long title0, title1, url0, url1, pub0, pub1, brief0, brief1;
  double views, comments, collects, author_id, reading_minutes, body_chars, images;
  long author, category_name, source;
  size_t tag_first, tag_count;
} Record;

/* An array of strings after `[` (tags interned when is_tags); the position after `]`, or -1. */
static long read_array(Call *call, Record *record, size_t p, size_t end, int is_tags) {
  const uint8_t *buf = call->buf;
  if (is_tags) record->tag_count = 0;
  for (int first = 1;; first = 0) {
    while (p < end && is_space(buf[p])) p++;
    if (AT(p) == ']' && first) return (long)p + 1;
    if (AT(p) != QUOTE) return -1;
    size_t s = p + 1;
    long e = string_end(buf, s, end);
    if (e < 0) return -1;
    if (is_tags) {
      const NdjsonOutput *out = call->out;
      size_t at = record->tag_first + record->tag_count;
      if (at >= out->tag_room) return -1;
      long tag = intern(call, NDJSON_TAG, s, (size_t)e);
      if (tag < 0) return -1;
      out->tags[at] = (int32_t)tag;
      record->tag_count++;
    }
    p = (size_t)e + 1;
    while (p < end && is_space(buf[p])) p++;
    if (AT(p) == ']') return (long)p + 1;
    if (AT(p) != ',') return -1;
    p++;
  }
}

/* The URL's id and category (`http(s)://host/category/123.html` and nothing else); 0 otherwise. */
static int url_parts(Call *call, size_t s, size_t e, double *id, long *category) {
  const uint8_t *buf = call->buf;
  size_t end = e, p = s;
  if (AT(p) != 'h' || AT(p + 1) != 't' || AT(p + 2) != 't' || AT(p + 3) != 'p') return 0;
  p += 4;
  if (AT(p) == 's') p++;
  if (AT(p) != ':' || AT(p + 1) != '/' || AT(p + 2) != '/') return 0;
  p += 3;
  size_t host = p;
  while (p < e && buf[p] != '/') {
    if (buf[p] <= 0x20 || buf[p] >= 0x80) return 0;
    p++;
  }
  if (p == host || p >= e) return 0;
  size_t category0 = ++p;
  while (p < e && buf[p] != '/') {
    uint8_t c = buf[p];
    if (c <= 0x20 || c >= 0x80 || c == '?' || c == '#' || (c >= 'A' && c <= 'Z')) return 0;
    p++;
  }
  size_t category1 = p;
  if (category1 == category0 || p >= e) return 0;
  p++;
  double value = 0;
  size_t digits0 = p;
  while (p < e && buf[p] >= '0' && buf[p] <= '9') value = value * 10 + (buf[p++] - '0');
  if (p == digits0 || p - digits0 > 15 || value <= 0) return 0;
  if (e - p != 5 || buf[p] != '.' || buf[p + 1] != 'h' || buf[p + 2] != 't' || buf[p + 3] != 'm' || buf[p + 4] != 'l') return 0;
  long interned = intern(call, NDJSON_CATEGORY, category0, category1);
  if (interned < 0) return 0;
  *id = value;
  *category = interned;
  return 1;
}

/* The object after `{` (ndjson-scan.ts's scan and commit): 1 when taken, its record written. */
static int read_object(Call *call, size_t p, size_t end, size_t line) {
  const uint8_t *buf = call->buf;
  const NdjsonOutput *out = call->out;
  Record record = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, NAN, NAN, NAN, NAN, -1, -1, -1, call->result->tags, 0};
  for (;;) {
    while (p < end && is_space(buf[p])) p++;
    if (AT(p) != QUOTE) return 0;
    long key_end = string_end(buf, p + 1, end);
    if (key_end < 0) return 0;
    int key = key_at(buf, p + 1, (size_t)key_end);
    p = (size_t)key_end + 1;
    while (p < end && is_space(buf[p])) p++;
    if (AT(p) != ':') return 0;
    p++;
    while (p < end && is_space(buf[p])) p++;
    uint8_t c = AT(p);
    if (c == QUOTE) {
      size_t s = p + 1;
      long e = string_end(buf, s, end);
      if (e < 0) return 0;
      p = (size_t)e + 1;
      long id;
      switch (key) {
        case TITLE: record.title0 = (long)s; record.title1 = e; break;
        case URL_KEY: record.url0 = (long)s; record.url1 = e; break;
        case PUBLISHED: record.pub0 = (long)s; record.pub1 = e; break;
        case BRIEF: record.brief0 = (long)s; record.brief1 = e; break;
        case AUTHOR:
          if ((id = intern(call, NDJSON_AUTHOR, s, (size_t)e)) < 0) return 0;
          record.author = id;
          break;
        case CATEGORY_NAME:
          if ((long)s == e) record.category_name = -1;
          else if ((record.category_name = intern(call, NDJSON_CATEGORY_NAME, s, (size_t)e)) < 0) return 0;
          break;
        case SOURCE:
          if ((long)s == e) record.source = -1;
          else if ((record.source = intern(call, NDJSON_SOURCE, s, (size_t)e)) < 0) return 0;
          break;
        case NO_KEY: break;
        default: return 0; /* a count or list written as text, or a MongoDB record */
      }
    } else if (c == 'n' && p + 4 <= end && buf[p + 1] == 'u' && buf[p + 2] == 'l' && buf[p + 3] == 'l') {
      p += 4;
      switch (key) {
        case AUTHOR: record.author = -1; break;
        case AUTHOR_ID: record.author_id = NAN; break;
        case CATEGORY_NAME: record.category_name = -1; break;
        case TAGS: record.tag_count = 0; break;
        case BRIEF: record.brief0 = -1; break;
        case READING_MINUTES: record.reading_minutes = NAN; break;
        case BODY_CHARS: record.body_chars = NAN; break;
        case IMAGES: record.images = NAN; break;
        case SOURCE: record.source = -1; break;
        case NO_KEY: break;
        default: return 0;
      }
    } else if (c >= '0' && c <= '9') {
      double value;
      long next = integer_end(buf, p, end, &value);
      if (next < 0) return 0;
      p = (size_t)next;
      switch (key) {
        case VIEWS: record.views = value; break;
        case COMMENTS: record.comments = value; break;
        case COLLECTS: record.collects = value; break;
        case AUTHOR_ID: record.author_id = value; break;
        case READING_MINUTES: record.reading_minutes = value; break;
        case BODY_CHARS: record.body_chars = value; break;
        case IMAGES: record.images = value; break;
        case NO_KEY: break;
        default: return 0;
      }
    } else if (c == '[' && (key == TAGS || key == NO_KEY)) {
      long next = read_array(call, &record, p + 1, end, key == TAGS);
      if (next < 0) return 0;
      p = (size_t)next;
    } else {
      return 0; /* objects, booleans, negative or fractional numbers: the general path decides */
    }
    while (p < end && is_space(buf[p])) p++;
    if (AT(p) == ',') p++;
    else if (AT(p) == '}' && p == end - 1) break;
    else return 0;
  }
  /* commit: what records.ts would check, else the general path decides */
  if (record.title0 < 0 || record.title0 == record.title1 || starts_with_space(buf, (size_t)record.title0, (size_t)record.title1)) return 0;
  if (record.url0 < 0 || record.pub0 < 0 || record.views < 0 || record.comments < 0 || record.collects < 0) return 0;
  int32_t published = date_at(buf, (size_t)record.pub0, (size_t)record.pub1);
  if (published < 0) return 0;
  double id;
  long category;
  if (!url_parts(call, (size_t)record.url0, (size_t)record.url1, &id, &category)) return 0;
  int32_t *f = out->fields + line * NDJSON_LINE_FIELDS;
  f[LINE_TITLE_START] = (int32_t)record.title0;
  f[LINE_TITLE_END] = (int32_t)record.title1;
  f[LINE_URL_START] = (int32_t)record.url0;
  f[LINE_URL_END] = (int32_t)record.url1;
  f[LINE_BRIEF_START] = (int32_t)record.brief0;
  f[LINE_BRIEF_END] = (int32_t)record.brief1;
  f[LINE_AUTHOR] = (int32_t)record.author;
  f[LINE_CATEGORY_NAME] = (int32_t)record.category_name;
  f[LINE_SOURCE] = (int32_t)record.source;
  f[LINE_TAG_FIRST] = (int32_t)record.tag_first;
  f[LINE_TAG_COUNT] = (int32_t)record.tag_count;
  f[LINE_PUBLISHED] = published;
  f[LINE_CATEGORY] = (int32_t)category;
  double *n = out->numbers + line * NDJSON_LINE_NUMBERS;
  n[0] = record.views;
  n[1] = record.comments;
  n[2] = record.collects;
  n[3] = record.author_id;
  n[4] = record.reading_minutes;
  n[5] = record.body_chars;
  n[6] = record.images;
  n[7] = id;
  call->result->tags = record.tag_first + record.tag_count;
  return 1;
}

NdjsonResult ndjson_lines_read(NdjsonLines *lines, const uint8_t *buf, size_t from, size_t to, size_t stop, int last, const NdjsonOutput *out) {
  NdjsonResult result = {0, 0, 0, 0, from};
  Call call = {lines, buf, out, &result};
  size_t p = from;
  while (p < stop && p < to && result.lines < out->lines) {
    const uint8_t *newline = memchr(buf + p, '\n', to - p);
    if (newline == NULL && !last) break;
    size_t line_end = newline != NULL ? (size_t)(newline - buf) : to;
    size_t next = newline != NULL ? line_end + 1 : to;
    size_t start = p, end = line_end;
    while (start < end && is_space(buf[start])) start++;
    while (end > start && is_space(buf[end - 1])) end--;
    int32_t *f = out->fields + result.lines * NDJSON_LINE_FIELDS;
    f[LINE_START] = (int32_t)start;
    f[LINE_END] = (int32_t)end;
    if (start == end) f[LINE_STATUS] = LINE_BLANK;
    else f[LINE_STATUS] = buf[start] == '{' && read_object(&call, start + 1, end, result.lines) ? LINE_TAKEN : LINE_GENERAL;
    result.lines++;
    p = next;
  }
  result.next = p;
  return result;
}
