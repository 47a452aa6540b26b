/* Small byte helpers the C readers share (header-only: each is a line or two). */
#ifndef PULSE_BYTES_H
#define PULSE_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of bytes[0, length). */
static inline uint32_t fnv1a(const uint8_t *bytes, size_t length) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < length; i++) hash = (hash ^ bytes[i]) * 16777619u;
  return hash;
}

/* A real calendar day of 1990–2100 (fields.ts's isoDate). */
static inline int real_day(int32_t year, int32_t month, int32_t day) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return 0;
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap);
}

#endif
