/*
 * The header and body measures of a markdown article in exactly the form the archive tool writes
 * today, in C: a line-for-line port of markdown-fast.ts (parseCanonicalHeader) and body.ts
 * (scanBody, readingMinutesInBytes). Text values come back as byte ranges, so no string is made
 * for a title, a URL or a brief; a name is made once per distinct value by the caller.
 *
 * It decides nothing the JavaScript parsers would decide differently: anything outside the form,
 * and anything it would have to judge (a value out of int32 range, a category name that is not
 * ASCII, a URL of another shape), returns 0 and the file goes to them. A test reads every file of
 * the real and generated archives and thousands of mutated headers both ways.
 */
#define _GNU_SOURCE
#include "markdown-scan.h"

#include "bytes.h"

#include <string.h>

#define NEWLINE 0x0a
#define LIT(text) (const uint8_t *)(text), sizeof(text) - 1

/* Byte at i, or 0 past the end (where JavaScript reads undefined: every comparison made on it is
 * false, as it is for 0). */
#define AT(i) ((size_t)(i) < n ? b[(i)] : 0)

int32_t scan_hash(const uint8_t *bytes, size_t start, size_t end) { return (int32_t)(fnv1a(bytes + start, end - start) & 0x3fffffff); }

/* Valid UTF-8 (as Node's isUtf8 judges: no overlong forms, no surrogates, nothing above U+10FFFF)
 * and no NUL byte. */
static int valid_text(const uint8_t *b, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = b[i];
    if (c < 0x80) {
      if (c == 0) return 0;
      i++;
      continue;
    }
    if (c < 0xc2 || c > 0xf4) return 0;
    size_t width = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (i + width > n) return 0;
    uint8_t second = b[i + 1];
    uint8_t low = 0x80, high = 0xbf;
    if (c == 0xe0) low = 0xa0;
    else if (c == 0xed) high = 0x9f;
    else if (c == 0xf0) low = 0x90;
    else if (c == 0xf4) high = 0x8f;
    if (second < low || second > high) return 0;
    for (size_t k = 2; k < width; k++) if ((b[i + k] & 0xc0) != 0x80) return 0;
    i += width;
  }
  return 1;
}

/* Bytes of the white space (String.prototype.trim's, JavaScript's \s) starting at `at`, or 0. */
static size_t space_at(const uint8_t *b, size_t n, size_t at) {
  uint8_t c = AT(at), d = AT(at + 1), e = AT(at + 2);
  if (c < 0x80) return c == 0x20 || (c >= 0x09 && c <= 0x0d) ? 1 : 0;
  if (c == 0xc2) return d == 0xa0 ? 2 : 0;
  if (c == 0xe1) return d == 0x9a && e == 0x80 ? 3 : 0;
  if (c == 0xe2) return (d == 0x80 && (e <= 0x8a || e == 0xa8 || e == 0xa9 || e == 0xaf)) || (d == 0x81 && e == 0x9f) ? 3 : 0;
  if (c == 0xe3) return d == 0x80 && e == 0x80 ? 3 : 0;
  if (c == 0xef) return d == 0xbb && e == 0xbf ? 3 : 0;
  return 0;
}

/* Bytes of the white space that ends at `end` (not before `start`), or 0: body.ts's spaceBefore. */
static size_t space_before(const uint8_t *b, size_t end, size_t start) {
  if (end <= start) return 0;
  uint8_t c = b[end - 1];
  if (c == 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (end - start >= 2 && c == 0xa0 && b[end - 2] == 0xc2) return 2;
  if (end - start < 3) return 0;
  uint8_t a = b[end - 3], m = b[end - 2];
  if (a == 0xe3) return m == 0x80 && c == 0x80 ? 3 : 0;
  if (a == 0xef) return m == 0xbb && c == 0xbf ? 3 : 0;
  if (a == 0xe1) return m == 0x9a && c == 0x80 ? 3 : 0;
  if (a != 0xe2) return 0;
  if (m == 0x80) return c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf ? 3 : 0;
  return m == 0x81 && c == 0x9f ? 3 : 0;
}

/* [*start, *end) without the white space trim removes. */
static void trim(const uint8_t *b, size_t n, size_t *start, size_t *end) {
  size_t w;
  while (*start < *end && (w = space_at(b, n, *start)) > 0) *start += w;
  while (*end > *start && (w = space_before(b, *end, *start)) > 0) *end -= w;
}

/* Index of `byte` at or after `from`, or -1. */
static long find_byte(const uint8_t *b, size_t n, size_t from, uint8_t byte) {
  if (from >= n) return -1;
  const uint8_t *hit = memchr(b + from, byte, n - from);
  return hit ? (long)(hit - b) : -1;
}

static long find_bytes(const uint8_t *b, size_t n, size_t from, const uint8_t *literal, size_t length) {
  if (from >= n) return -1;
  const uint8_t *hit = memmem(b + from, n - from, literal, length);
  return hit ? (long)(hit - b) : -1;
}

static int has(const uint8_t *b, size_t n, size_t at, const uint8_t *literal, size_t length) {
  return at + length <= n && memcmp(b + at, literal, length) == 0;
}

/* A run of ASCII digits at `at` of at most 9 (so it fits an int32): its value and end; 0 when
 * there is none or it is longer (the JavaScript parsers read up to 15). */
static int digits_at(const uint8_t *b, size_t n, size_t at, int32_t *value, size_t *end) {
  size_t i = at;
  int32_t v = 0;
  while (i < n && b[i] >= '0' && b[i] <= '9') {
    if (i - at == 9) return 0;
    v = v * 10 + (b[i++] - '0');
  }
  if (i == at) return 0;
  *value = v;
  *end = i;
  return 1;
}

/* Index of the ')' closing a link target from `from`, when the target is printable ASCII without
 * white space; else -1 (markdown-fast.ts's asciiLinkEnd). */
static long ascii_link_end(const uint8_t *b, size_t from, long to) {
  size_t i = from;
  while ((long)i < to && b[i] != ')') {
    if (b[i] <= 0x20 || b[i] >= 0x7f) return -1;
    i++;
  }
  return (long)i < to ? (long)i : -1;
}

/* Only spaces and tabs in [from, to). */
static int blank(const uint8_t *b, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) if (b[i] != ' ' && b[i] != '\t') return 0;
  return 1;
}

/* CR, U+2028 or U+2029 in [from, to): line breaks to the general parser's patterns. */
static int has_line_break(const uint8_t *b, size_t from, size_t to) {
  if (memchr(b + from, 0x0d, to - from)) return 1;
  for (size_t i = from; i + 2 < to; i++) if (b[i] == 0xe2 && b[i + 1] == 0x80 && (b[i + 2] == 0xa8 || b[i + 2] == 0xa9)) return 1;
  return 0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* The number of the first "/u/<digits>" in [from, to) (fields.ts's parseAuthorId), -1 when none;
 * 0 returned when it is too long to be read here. */
static int author_id(const uint8_t *b, size_t n, size_t from, size_t to, int32_t *id) {
  *id = -1;
  for (size_t i = from; i + 3 < to; i++) {
    if (b[i] != '/' || b[i + 1] != 'u' || b[i + 2] != '/' || b[i + 3] < '0' || b[i + 3] > '9') continue;
    size_t end;
    /* The link ends at `to` (a ')'), so its digits cannot run past it. */
    return digits_at(b, n, i + 3, id, &end);
  }
  return 1;
}

/*
 * An article URL of the form fields.ts's pattern reads, /^https?:\/\/[^/\s]+\/([^/\s?#]+)\/
 * (?:[^\s?#]*\/)?(\d+)\.html?(?:[?#]\S*)?$/i, on a target already known to be printable ASCII
 * without white space: the host runs to the first '/', the category to the next '/' (no '?' or
 * '#' in it), and the path up to the first '?' or '#' must end in a segment of digits and ".htm"
 * or ".html". Its id (0 when there is none or it is out of int32 range) and category range.
 */
static int article_url(const uint8_t *b, size_t n, size_t start, size_t end, int32_t *id, size_t *category_start, size_t *category_end) {
  size_t i = start;
  if (end - start < 8 || lower(b[i]) != 'h' || lower(b[i + 1]) != 't' || lower(b[i + 2]) != 't' || lower(b[i + 3]) != 'p') return 0;
  i += 4;
  if (lower(b[i]) == 's') i++;
  if (!has(b, end, i, LIT("://"))) return 0;
  i += 3;
  size_t host = i;
  while (i < end && b[i] != '/') i++;
  if (i == host || i == end) return 0;
  *category_start = ++i;
  while (i < end && b[i] != '/') {
    if (b[i] == '?' || b[i] == '#') return 0;
    i++;
  }
  if (i == *category_start || i == end) return 0;
  *category_end = i;
  size_t path_end = i;
  while (path_end < end && b[path_end] != '?' && b[path_end] != '#') path_end++;
  size_t segment = path_end;
  while (segment > i && b[segment - 1] != '/') segment--;
  size_t digits_end = segment;
  while (digits_end < path_end && b[digits_end] >= '0' && b[digits_end] <= '9') digits_end++;
  if (digits_end == segment) return 0;
  size_t suffix = path_end - digits_end;
  if ((suffix != 4 && suffix != 5) || b[digits_end] != '.' || lower(b[digits_end + 1]) != 'h' || lower(b[digits_end + 2]) != 't' ||
      lower(b[digits_end + 3]) != 'm' || (suffix == 5 && lower(b[digits_end + 4]) != 'l'))
    return 0;
  size_t digits_stop;
  if (!digits_at(b, n, segment, id, &digits_stop) || digits_stop != digits_end || *id <= 0) return 0;
  return 1;
}

/* Does the category name (ASCII) reduce to the URL's category (fields.ts's categorySlug: trim,
 * lower case, runs of white space and '_' to '-'; the URL's category lower-cased)? -1 when the name
 * is not ASCII (left to the JavaScript parsers). */
static int slug_matches(const uint8_t *b, size_t name_start, size_t name_end, size_t category_start, size_t category_end) {
  size_t j = category_start;
  for (size_t i = name_start; i < name_end;) {
    uint8_t c = b[i];
    if (c >= 0x80) return -1;
    if (c == ' ' || c == '_' || (c >= 0x09 && c <= 0x0d)) {
      while (i < name_end && (b[i] == ' ' || b[i] == '_' || (b[i] >= 0x09 && b[i] <= 0x0d))) i++;
      if (j >= category_end || b[j] != '-') return 0;
      j++;
      continue;
    }
    if (j >= category_end || lower(b[j]) != lower(c)) return 0;
    i++;
    j++;
  }
  return j == category_end;
}

/* Bytes of the list marker or rule at a line start (`- `, `+ `, `1. `, `---`), or 0. */
static size_t line_markup_length(const uint8_t *b, size_t n, size_t i) {
  size_t j = i;
  while (j < n && (b[j] == ' ' || b[j] == '\t')) j++;
  uint8_t c = AT(j);
  if (c == '-' && AT(j + 1) == '-' && AT(j + 2) == '-') {
    size_t k = j;
    while (k < n && b[k] == '-') k++;
    while (k < n && (b[k] == ' ' || b[k] == 0x0d)) k++;
    if (k >= n || b[k] == NEWLINE) return k - i;
  }
  if ((c == '-' || c == '+') && AT(j + 1) == ' ') return j + 2 - i;
  size_t k = j;
  while (k < n && b[k] >= '0' && b[k] <= '9') k++;
  if (k > j && AT(k) == '.' && AT(k + 1) == ' ') return k + 2 - i;
  return 0;
}

/* Index of `target` in [from, n) before the next newline, or -1. */
static long find_on_line(const uint8_t *b, size_t n, size_t from, uint8_t target) {
  for (size_t i = from; i < n; i++) {
    if (b[i] == target) return (long)i;
    if (b[i] == NEWLINE) return -1;
  }
  return -1;
}

static int is_markup(uint8_t c) {
  return c == '#' || c == '*' || c == '_' || c == '`' || c == '>' || c == '~' || c == '|' || c == '[' || c == ']';
}

/* body.ts's scanBody over [start, n). */
static void scan_body(const uint8_t *b, size_t n, size_t start, int32_t *chars_out, int32_t *images_out) {
  int32_t chars = 0, images = 0;
  int line_start = 1;
  size_t i = start;
  while (i < n) {
    if (line_start) {
      line_start = 0;
      size_t skip = line_markup_length(b, n, i);
      if (skip > 0) {
        i += skip;
        continue;
      }
    }
    uint8_t c = b[i];
    if (c >= 0xc0) {
      size_t width = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      int wide_space = (c == 0xc2 && AT(i + 1) == 0xa0) || (c == 0xe3 && AT(i + 1) == 0x80 && AT(i + 2) == 0x80) || (c == 0xef && AT(i + 1) == 0xbb && AT(i + 2) == 0xbf);
      if (!wide_space) chars++;
      i += width;
      continue;
    }
    if (c == NEWLINE) {
      line_start = 1;
      i++;
      continue;
    }
    if (c == '!' && AT(i + 1) == '[') {
      long close = find_on_line(b, n, i + 2, ']');
      if (close != -1 && AT(close + 1) == '(') {
        long paren = find_on_line(b, n, (size_t)close + 2, ')');
        if (paren != -1) {
          images++;
          i = (size_t)paren + 1;
          continue;
        }
      }
    } else if (c == ']' && AT(i + 1) == '(') {
      long paren = find_on_line(b, n, i + 2, ')');
      if (paren != -1) {
        i = (size_t)paren + 1;
        continue;
      }
    } else if (c == '<') {
      long close = find_on_line(b, n, i + 1, '>');
      if (close != -1) {
        if ((AT(i + 1) | 0x20) == 'i' && (AT(i + 2) | 0x20) == 'm' && (AT(i + 3) | 0x20) == 'g' && (AT(i + 4) == ' ' || AT(i + 4) == '/' || AT(i + 4) == '>')) images++;
        i = (size_t)close + 1;
        continue;
      }
    } else if (c == '{' && AT(i + 1) == '%') {
      long close = find_on_line(b, n, i + 2, '}');
      if (close != -1 && b[close - 1] == '%') {
        i = (size_t)close + 1;
        continue;
      }
    }
    i++;
    if (c <= 0x20 || c >= 0x80 || is_markup(c)) continue;
    chars++;
  }
  *chars_out = chars;
  *images_out = images;
}

/* body.ts's readingMinutesInBytes over [start, n): the first (评论|浏览|收藏)\s*(\d{1,4})\s*分钟, -1 when none. */
static int32_t reading_minutes(const uint8_t *b, size_t n, size_t start) {
  static const uint8_t minutes[] = "分钟";
  static const char *labels[] = {"评论", "浏览", "收藏"};
  const size_t minutes_length = sizeof minutes - 1;
  for (long at = find_bytes(b, n, start, minutes, minutes_length); at >= 0 && (size_t)at + minutes_length <= n; at = find_bytes(b, n, (size_t)at + minutes_length, minutes, minutes_length)) {
    size_t q = (size_t)at, w;
    while ((w = space_before(b, q, start)) > 0) q -= w;
    size_t digits = 0;
    while (q - digits > start && b[q - digits - 1] >= '0' && b[q - digits - 1] <= '9') digits++;
    if (digits == 0 || digits > 4) continue;
    size_t p = q - digits;
    while ((w = space_before(b, p, start)) > 0) p -= w;
    if (p - start < 6) continue;
    for (int l = 0; l < 3; l++) {
      if (memcmp(b + p - 6, labels[l], 6) == 0) {
        int32_t value = 0;
        for (size_t k = q - digits; k < q; k++) value = value * 10 + (b[k] - '0');
        return value;
      }
    }
  }
  return -1;
}

/* The file's tags (markdown-fast.ts's backtickedTags): pairs of backticks in [from, to), trimmed,
 * without empties, `None` and repeats. 0 when the line is left to the JavaScript parsers (no
 * backtick, a full-width comma in a tag, or no room for another tag). */
static int backticked_tags(const uint8_t *b, size_t n, size_t from, size_t to, int32_t base, int32_t *tags, size_t first, size_t room, size_t *count) {
  *count = 0;
  long open = find_byte(b, n, from, '`');
  if (open < 0 || (size_t)open >= to) return 0;
  while (open >= 0 && (size_t)open < to) {
    long close = find_byte(b, n, (size_t)open + 1, '`');
    if (close < 0 || (size_t)close >= to) break;
    for (long i = open + 1; i < close; i++) if (b[i] == 0xef && AT(i + 1) == 0xbc && AT(i + 2) == 0x8c) return 0; /* ，splits a tag */
    size_t start = (size_t)open + 1, end = (size_t)close;
    trim(b, n, &start, &end);
    int keep = end > start && !(end - start == 4 && memcmp(b + start, "None", 4) == 0);
    for (size_t t = 0; keep && t < *count; t++) {
      const int32_t *seen = tags + (first + t) * SCAN_TAG_VALUES;
      size_t seen_start = (size_t)(seen[0] - base), seen_length = (size_t)(seen[1] - seen[0]);
      if (seen_length == end - start && memcmp(b + seen_start, b + start, seen_length) == 0) keep = 0;
    }
    if (keep) {
      if (first + *count >= room) return 0;
      int32_t *tag = tags + (first + *count) * SCAN_TAG_VALUES;
      tag[0] = base + (int32_t)start;
      tag[1] = base + (int32_t)end;
      tag[2] = scan_hash(b, start, end);
      (*count)++;
    }
    open = find_byte(b, n, (size_t)close + 1, '`');
  }
  return 1;
}

int scan_markdown(const uint8_t *b, size_t n, int32_t base, int32_t *f, int32_t *tags, size_t tag_room, size_t *tag_used) {
  f[SCAN_TAKEN] = 0;
  if (n == 0 || n > INT32_MAX || !valid_text(b, n)) return 0;
  size_t start = n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf ? 3 : 0;

  /* # Title */
  if (AT(start) != '#' || AT(start + 1) != ' ' || AT(start + 2) == '#') return 0;
  long title_end = find_byte(b, n, start, NEWLINE);
  if (title_end < 0) return 0;
  size_t at = (size_t)title_end + 1;
  if (!has(b, n, at, LIT("{% hint style=\"info\" %}\n"))) return 0;
  at += sizeof("{% hint style=\"info\" %}\n") - 1;
  long close_at = find_bytes(b, n, at, LIT("{% endhint %}\n"));
  if (close_at < 0 || has_line_break(b, start, (size_t)close_at)) return 0;
  size_t title_start = start + 2, title_stop = (size_t)title_end;
  trim(b, n, &title_start, &title_stop);
  if (title_start == title_stop) return 0;

  /* **Category:** name (optional) */
  long category_start = -1, category_end = -1;
  if (has(b, n, at, LIT("**Category:** "))) {
    long end = find_byte(b, n, at, NEWLINE);
    if (end < 0) return 0;
    size_t s = at + sizeof("**Category:** ") - 1, e = (size_t)end;
    if (s < e) trim(b, n, &s, &e);
    if (s < e) {
      category_start = (long)s;
      category_end = (long)e;
    }
    at = (size_t)end + 1;
  }

  /* **Author:** [name](link) or a plain name */
  if (!has(b, n, at, LIT("**Author:** "))) return 0;
  long author_end = find_byte(b, n, at, NEWLINE);
  if (author_end < 0) return 0;
  size_t value_start = at + sizeof("**Author:** ") - 1;
  size_t name_start, name_end;
  int32_t author_number = -1;
  if (AT(value_start) == '[') {
    long bracket = find_byte(b, n, value_start, ']');
    if (bracket < 0 || bracket > author_end || AT(bracket + 1) != '(') return 0;
    long link_end = ascii_link_end(b, (size_t)bracket + 2, author_end);
    if (link_end < 0) return 0;
    name_start = value_start + 1;
    name_end = (size_t)bracket;
    if (!author_id(b, n, (size_t)bracket + 2, (size_t)link_end, &author_number)) return 0;
  } else {
    name_start = value_start;
    name_end = (size_t)author_end;
    size_t s = name_start, e = name_end;
    if (s < e) trim(b, n, &s, &e);
    if (s < e && b[s] == '[') return 0; /* a link after white space */
  }
  at = (size_t)author_end + 1;

  /* **Published:** YYYY-MM-DD */
  if (!has(b, n, at, LIT("**Published:** "))) return 0;
  size_t date_at = at + sizeof("**Published:** ") - 1;
  long date_end = find_byte(b, n, date_at, NEWLINE);
  int32_t year, month, day;
  size_t year_end, month_end, day_end;
  if (date_end < 0 || !digits_at(b, n, date_at, &year, &year_end) || year_end != date_at + 4 || AT(year_end) != '-' ||
      !digits_at(b, n, year_end + 1, &month, &month_end) || month_end != date_at + 7 || AT(month_end) != '-' ||
      !digits_at(b, n, month_end + 1, &day, &day_end) || day_end != date_at + 10 || !blank(b, day_end, (size_t)date_end) || !real_day(year, month, day))
    return 0;
  at = (size_t)date_end + 1;

  /* **Stats:** 👁️ N views | 💬 N comments | ⭐ N collects */
  static const char stats[] = "**Stats:** 👁️ ", comments_label[] = " views | 💬 ", collects_label[] = " comments | ⭐ ";
  if (!has(b, n, at, LIT(stats))) return 0;
  int32_t views, comments, collects;
  size_t views_end, comments_end, collects_end;
  long stats_end = find_byte(b, n, at, NEWLINE);
  if (stats_end < 0 || !digits_at(b, n, at + sizeof stats - 1, &views, &views_end) || !has(b, n, views_end, LIT(comments_label)) ||
      !digits_at(b, n, views_end + sizeof comments_label - 1, &comments, &comments_end) || !has(b, n, comments_end, LIT(collects_label)) ||
      !digits_at(b, n, comments_end + sizeof collects_label - 1, &collects, &collects_end) || !has(b, n, collects_end, LIT(" collects")) ||
      !blank(b, collects_end + sizeof(" collects") - 1, (size_t)stats_end))
    return 0;
  at = (size_t)stats_end + 1;

  /* **Tags:** `A` `B` */
  if (!has(b, n, at, LIT("**Tags:** "))) return 0;
  long tags_end = find_byte(b, n, at, NEWLINE);
  size_t tag_count;
  if (tags_end < 0 || !backticked_tags(b, n, at + sizeof("**Tags:** ") - 1, (size_t)tags_end, base, tags, *tag_used, tag_room, &tag_count)) return 0;
  at = (size_t)tags_end + 1;

  /* **Original:** [View on woshipm.com](url) */
  static const char original[] = "**Original:** [View on woshipm.com](";
  if (!has(b, n, at, LIT(original))) return 0;
  size_t url_start = at + sizeof original - 1;
  long original_end = find_byte(b, n, at, NEWLINE);
  if (original_end < 0) return 0;
  long url_end = ascii_link_end(b, url_start, original_end);
  int32_t id;
  size_t url_category_start, url_category_end;
  if (url_end < 0 || !blank(b, (size_t)url_end + 1, (size_t)original_end) || !article_url(b, n, url_start, (size_t)url_end, &id, &url_category_start, &url_category_end)) return 0;
  if (category_start >= 0 && slug_matches(b, (size_t)category_start, (size_t)category_end, url_category_start, url_category_end) != 1) return 0; /* a warning to give, or not ASCII */
  at = (size_t)original_end + 1;
  if ((long)at != close_at) return 0;
  at += sizeof("{% endhint %}\n") - 1;

  /* > brief, on the next line; a blank line there is left to the general parser. */
  long brief_start = -1, brief_end = -1;
  size_t body_start = at;
  if (AT(at) == '>') {
    long end = find_byte(b, n, at, NEWLINE);
    size_t stop = end < 0 ? n : (size_t)end;
    size_t s = at + 1, e = stop;
    if (s < e) trim(b, n, &s, &e);
    if (s < e) {
      brief_start = (long)s;
      brief_end = (long)e;
    }
    body_start = stop + 1 < n ? stop + 1 : n;
  } else if (at >= n || b[at] <= 0x20 || b[at] >= 0x80) {
    return 0;
  }

  int32_t body_chars, images;
  scan_body(b, n, body_start, &body_chars, &images);
  int32_t minutes = reading_minutes(b, n, body_start);

#define OFFSET(x) ((x) < 0 ? -1 : base + (int32_t)(x))
  f[SCAN_TITLE_START] = base + (int32_t)title_start;
  f[SCAN_TITLE_END] = base + (int32_t)title_stop;
  f[SCAN_CATEGORY_NAME_START] = OFFSET(category_start);
  f[SCAN_CATEGORY_NAME_END] = OFFSET(category_end);
  f[SCAN_AUTHOR_START] = base + (int32_t)name_start;
  f[SCAN_AUTHOR_END] = base + (int32_t)name_end;
  f[SCAN_AUTHOR_ID] = author_number;
  f[SCAN_PUBLISHED] = year * 10000 + month * 100 + day;
  f[SCAN_VIEWS] = views;
  f[SCAN_COMMENTS] = comments;
  f[SCAN_COLLECTS] = collects;
  f[SCAN_URL_START] = base + (int32_t)url_start;
  f[SCAN_URL_END] = base + (int32_t)url_end;
  f[SCAN_ID] = id;
  f[SCAN_URL_CATEGORY_START] = base + (int32_t)url_category_start;
  f[SCAN_URL_CATEGORY_END] = base + (int32_t)url_category_end;
  f[SCAN_BRIEF_START] = OFFSET(brief_start);
  f[SCAN_BRIEF_END] = OFFSET(brief_end);
  f[SCAN_TAG_FIRST] = (int32_t)*tag_used;
  f[SCAN_TAG_COUNT] = (int32_t)tag_count;
  f[SCAN_BODY_CHARS] = body_chars;
  f[SCAN_IMAGES] = images;
  f[SCAN_READING_MINUTES] = minutes;
  f[SCAN_AUTHOR_HASH] = scan_hash(b, name_start, name_end);
  f[SCAN_CATEGORY_NAME_HASH] = category_start < 0 ? 0 : scan_hash(b, (size_t)category_start, (size_t)category_end);
  f[SCAN_URL_CATEGORY_HASH] = scan_hash(b, url_category_start, url_category_end);
#undef OFFSET
  *tag_used += tag_count;
  f[SCAN_TAKEN] = 1;
  return 1;
}
