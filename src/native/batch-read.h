/* batch-read: whole files read in rounds through io_uring, three system calls a round instead of
 * three a file. */
#ifndef PULSE_BATCH_READ_H
#define PULSE_BATCH_READ_H

#include <stddef.h>
#include <stdint.h>

/* Files a round takes at most. */
#define BATCH_READ_ROUND 64

/*
 * Reads the files of paths[0, count) (count <= BATCH_READ_ROUND; a NULL or empty path is not
 * read: BATCH_READ_FAILED) into into[*used, room), each in a place of its own (one longer than its
 * round's room after the others of the round): each one's start and length in starts[k] and
 * lengths[k] (-1 when it could not be read), *used advanced past them. Stops at the first file
 * that may not fit, or that a failing ring could not read.
 * Returns the number of files it went through: when fewer than count, the caller reads the next
 * one its own way (which tells whether it fits). -1: io_uring is not to be had on this thread
 * (another system, or a kernel or sandbox that refuses it): nothing was read.
 */
long batch_read(const char *const *paths, size_t count, uint8_t *into, size_t room, size_t *used, int32_t *starts, int32_t *lengths);

#endif
