/* markdown-scan: a markdown article in the archive tool's current form, read from its bytes. */
#ifndef PULSE_MARKDOWN_SCAN_H
#define PULSE_MARKDOWN_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Per file, SCAN_FIELDS int32 values, at these places. Ranges are [start, end) byte offsets in the
 * file; -1 marks a null. */
enum {
  SCAN_TAKEN,          /* 1: read here; 0: left to the JavaScript parsers (nothing else is set) */
  SCAN_TITLE_START, SCAN_TITLE_END,             /* trimmed */
  SCAN_CATEGORY_NAME_START, SCAN_CATEGORY_NAME_END, /* trimmed; -1 when absent or empty */
  SCAN_AUTHOR_START, SCAN_AUTHOR_END,           /* as written: cleanAuthor's business */
  SCAN_AUTHOR_ID,                                /* -1: none */
  SCAN_PUBLISHED,                                /* yyyymmdd */
  SCAN_VIEWS, SCAN_COMMENTS, SCAN_COLLECTS,
  SCAN_URL_START, SCAN_URL_END,
  SCAN_ID,
  SCAN_URL_CATEGORY_START, SCAN_URL_CATEGORY_END, /* as written: lower-cased by the caller */
  SCAN_BRIEF_START, SCAN_BRIEF_END,              /* trimmed; -1 when there is none */
  SCAN_TAG_FIRST, SCAN_TAG_COUNT,                /* the file's tags: triples in the tag array */
  SCAN_BODY_CHARS, SCAN_IMAGES,
  SCAN_READING_MINUTES,                          /* -1: none */
  SCAN_AUTHOR_HASH, SCAN_CATEGORY_NAME_HASH, SCAN_URL_CATEGORY_HASH,
  SCAN_FIELDS
};

/* Each tag is three int32 values: start, end (trimmed), hash. */
#define SCAN_TAG_VALUES 3

/* The hash the caller interns byte strings by: FNV-1a, kept below 2^30. */
int32_t scan_hash(const uint8_t *bytes, size_t start, size_t end);

/* Reads one file (bytes[0, length)) into fields; tags are appended at tags[*tag_used * 3...] while
 * *tag_used < tag_room. Returns 1 when the file is in exactly the current form and valid UTF-8
 * without NUL bytes, else 0 (fields[SCAN_TAKEN] = 0, *tag_used unchanged): the JavaScript parsers
 * then read it, and say what is wrong with it. Offsets are added to `base`. */
int scan_markdown(const uint8_t *bytes, size_t length, int32_t base, int32_t *fields, int32_t *tags, size_t tag_room, size_t *tag_used);

#endif
