/* ndjson-lines: NDJSON lines in our export's common shape, read from bytes (see ndjson-lines.c). */
#ifndef PULSE_NDJSON_LINES_H
#define PULSE_NDJSON_LINES_H

#include <stddef.h>
#include <stdint.h>

/* Kinds of short text, each numbered by its distinct values (an id per value, first seen first). */
enum { NDJSON_AUTHOR, NDJSON_CATEGORY_NAME, NDJSON_SOURCE, NDJSON_TAG, NDJSON_CATEGORY, NDJSON_KINDS };

/* Per line, NDJSON_LINE_FIELDS int32 values (offsets are into the caller's buffer; -1: none). */
enum {
  LINE_STATUS, /* LINE_BLANK, LINE_GENERAL (the JavaScript general path reads it), LINE_TAKEN */
  LINE_START, LINE_END, /* the line without surrounding white space */
  LINE_TITLE_START, LINE_TITLE_END, LINE_URL_START, LINE_URL_END, LINE_BRIEF_START, LINE_BRIEF_END,
  LINE_AUTHOR, LINE_CATEGORY_NAME, LINE_SOURCE, /* value ids; -1: null, absent or empty */
  LINE_TAG_FIRST, LINE_TAG_COUNT,                /* raw tag ids, in the tag array */
  LINE_PUBLISHED,                                /* yyyymmdd */
  LINE_CATEGORY,                                 /* the URL's category: a value id */
  NDJSON_LINE_FIELDS
};
enum { LINE_BLANK, LINE_GENERAL, LINE_TAKEN };

/* Per line, NDJSON_LINE_NUMBERS doubles: views, comments, collects, authorId, readingMinutes,
 * bodyChars, images (NaN: none), and the URL's id. */
#define NDJSON_LINE_NUMBERS 8

typedef struct NdjsonLines NdjsonLines;

NdjsonLines *ndjson_lines_new(void);
void ndjson_lines_free(NdjsonLines *lines);

/* Where a call's output goes, and how much room it has. */
typedef struct {
  int32_t *fields;   /* room for `lines` lines */
  double *numbers;   /* likewise */
  size_t lines;
  int32_t *tags;     /* raw tag ids */
  size_t tag_room;
  /* Values first seen in this call: (kind, id, start, end) into fresh_bytes, where they are copied. */
  int32_t *fresh;
  size_t fresh_room; /* quadruples */
  uint8_t *fresh_bytes;
  size_t fresh_bytes_room;
} NdjsonOutput;

typedef struct {
  size_t lines, tags, fresh, fresh_bytes; /* used */
  size_t next;                            /* where the next call starts: after the last line read */
} NdjsonResult;

/*
 * Reads the lines of buf that start in [from, stop) and end (with a newline) before `to`, or at
 * `to` when `last` (the end of the range or file), as far as the output has room.
 */
NdjsonResult ndjson_lines_read(NdjsonLines *lines, const uint8_t *buf, size_t from, size_t to, size_t stop, int last, const NdjsonOutput *out);

#endif
