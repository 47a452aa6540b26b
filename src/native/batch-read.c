/*
 * Whole files read in rounds through io_uring: a round opens its files, reads them and closes
 * them with one system call each (io_uring_enter), where reading file by file takes three a file.
 * System calls are dear in this VM: 100,000 small files took 0.53 s of two threads file by file
 * and 0.23 s in rounds (1.1 s and 0.5 s of CPU).
 *
 * Each thread sets up its ring on first use and keeps it until it ends. A system without io_uring,
 * or a kernel or sandbox that refuses it (a container's seccomp profile often does), gets -1 and
 * the caller reads file by file, as before.
 */
#define _GNU_SOURCE
#include "batch-read.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/io_uring.h>)
#define HAVE_IO_URING 1
#endif
#endif

#ifdef HAVE_IO_URING
#include <linux/io_uring.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* Most room a round gives each file in the caller's buffer: a file longer than its room is read
 * again, whole, after the others of its round. */
#define SLOT ((size_t)64 << 10)
/* Least room a round gives each file (a page). */
#define MIN_SLOT ((size_t)4 << 10)

/* Bytes and files this thread has read in rounds lately: their mean sizes the next rounds' rooms. */
static __thread size_t bytes_seen, files_seen;

/* Counts a file read; halving both counts now and then keeps the mean to the last few thousand
 * files, so a thread that goes on to another archive soon sizes its rooms for that one. */
static void count_read(size_t length) {
  bytes_seen += length;
  if (++files_seen == 4096) {
    files_seen /= 2;
    bytes_seen /= 2;
  }
}

/* Room for each file of the next round: twice the mean length of the files this thread has read,
 * in whole pages between MIN_SLOT and SLOT (SLOT before the first). A round of small files then
 * takes 64 of them, where SLOT each would let a 1 MiB buffer take 16 and fewer as it fills:
 * 50,000 files of ~1.5 KB take ~41,000 io_uring_enter calls and 200 ms of one thread that way,
 * ~5,000 and 130 ms this way (2-core VM). */
static size_t slot_size(void) {
  if (files_seen == 0) return SLOT;
  size_t slot = (2 * bytes_seen / files_seen + MIN_SLOT - 1) & ~(MIN_SLOT - 1);
  return slot < MIN_SLOT ? MIN_SLOT : slot > SLOT ? SLOT : slot;
}

typedef struct {
  int fd;
  unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
  struct io_uring_sqe *sqes;
  struct io_uring_cqe *cqes;
  void *sq_ring, *cq_ring;
  size_t sq_ring_size, cq_ring_size, sqes_size;
} Ring;

static pthread_key_t ring_key;
static pthread_once_t ring_key_once = PTHREAD_ONCE_INIT;
/* A thread whose setup failed: it is not tried again. */
static Ring no_ring;

static void free_ring(void *data) {
  Ring *ring = data;
  if (ring == NULL || ring == &no_ring) return;
  munmap(ring->sqes, ring->sqes_size);
  munmap(ring->cq_ring, ring->cq_ring_size);
  munmap(ring->sq_ring, ring->sq_ring_size);
  close(ring->fd);
  free(ring);
}

static void make_ring_key(void) { pthread_key_create(&ring_key, free_ring); }

/* This thread's ring, or NULL when io_uring is not to be had. */
static Ring *thread_ring(void) {
  pthread_once(&ring_key_once, make_ring_key);
  Ring *ring = pthread_getspecific(ring_key);
  if (ring != NULL) return ring == &no_ring ? NULL : ring;
  ring = calloc(1, sizeof *ring);
  struct io_uring_params params;
  memset(&params, 0, sizeof params);
  int fd = ring != NULL ? (int)syscall(__NR_io_uring_setup, 4 * BATCH_READ_ROUND, &params) : -1;
  if (fd < 0) {
    free(ring);
    pthread_setspecific(ring_key, &no_ring);
    return NULL;
  }
  ring->fd = fd;
  ring->sq_ring_size = params.sq_off.array + params.sq_entries * sizeof(unsigned);
  ring->cq_ring_size = params.cq_off.cqes + params.cq_entries * sizeof(struct io_uring_cqe);
  ring->sqes_size = params.sq_entries * sizeof(struct io_uring_sqe);
  ring->sq_ring = mmap(NULL, ring->sq_ring_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
  ring->cq_ring = mmap(NULL, ring->cq_ring_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
  ring->sqes = mmap(NULL, ring->sqes_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
  if (ring->sq_ring == MAP_FAILED || ring->cq_ring == MAP_FAILED || ring->sqes == MAP_FAILED) {
    if (ring->sq_ring != MAP_FAILED) munmap(ring->sq_ring, ring->sq_ring_size);
    if (ring->cq_ring != MAP_FAILED) munmap(ring->cq_ring, ring->cq_ring_size);
    if (ring->sqes != MAP_FAILED) munmap(ring->sqes, ring->sqes_size);
    close(fd);
    free(ring);
    pthread_setspecific(ring_key, &no_ring);
    return NULL;
  }
  char *sq = ring->sq_ring, *cq = ring->cq_ring;
  ring->sq_tail = (unsigned *)(sq + params.sq_off.tail);
  ring->sq_mask = (unsigned *)(sq + params.sq_off.ring_mask);
  ring->sq_array = (unsigned *)(sq + params.sq_off.array);
  ring->cq_head = (unsigned *)(cq + params.cq_off.head);
  ring->cq_tail = (unsigned *)(cq + params.cq_off.tail);
  ring->cq_mask = (unsigned *)(cq + params.cq_off.ring_mask);
  ring->cqes = (struct io_uring_cqe *)(cq + params.cq_off.cqes);
  pthread_setspecific(ring_key, ring);
  return ring;
}

/* The next submission entry, cleared, for operation k of the round. */
static struct io_uring_sqe *next_entry(Ring *ring, uint8_t opcode, size_t k) {
  unsigned tail = *ring->sq_tail;
  unsigned index = tail & *ring->sq_mask;
  ring->sq_array[index] = index;
  struct io_uring_sqe *entry = &ring->sqes[index];
  memset(entry, 0, sizeof *entry);
  entry->opcode = opcode;
  entry->user_data = k;
  atomic_store_explicit((_Atomic unsigned *)ring->sq_tail, tail + 1, memory_order_release);
  return entry;
}

/* Submits `count` entries and waits for their completions: results[k] for operation k. */
static int submit_and_wait(Ring *ring, unsigned count, int *results) {
  if (count == 0) return 0;
  unsigned submitted = 0, reaped = 0;
  while (reaped < count) {
    long entered = syscall(__NR_io_uring_enter, ring->fd, count - submitted, count - reaped, IORING_ENTER_GETEVENTS, NULL, 0);
    if (entered < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    submitted += (unsigned)entered;
    unsigned head = *ring->cq_head;
    unsigned tail = atomic_load_explicit((_Atomic unsigned *)ring->cq_tail, memory_order_acquire);
    for (; head != tail; head++, reaped++) {
      const struct io_uring_cqe *done = &ring->cqes[head & *ring->cq_mask];
      results[done->user_data] = done->res;
    }
    atomic_store_explicit((_Atomic unsigned *)ring->cq_head, head, memory_order_release);
  }
  return 0;
}

/* A file from its byte `have` on (the bytes before it already at into[at]; 0: the whole file),
 * read up to `room`: its whole length, or -1 when it did not fit or could not be read (*no_room
 * tells which). */
static long read_rest(int fd, uint8_t *into, size_t at, size_t have, size_t room, int *no_room) {
  size_t filled = have;
  *no_room = 0;
  for (;;) {
    if (at + filled >= room) {
      *no_room = 1;
      return -1;
    }
    ssize_t got = pread(fd, into + at + filled, room - at - filled, (off_t)filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) return (long)filled;
    filled += (size_t)got;
  }
}

long batch_read(const char *const *paths, size_t count, uint8_t *into, size_t room, size_t *used, int32_t *starts, int32_t *lengths) {
  const char *wanted = getenv("PULSE_IO_URING"); /* "0": file by file (tests compare the two) */
  Ring *ring = wanted != NULL && strcmp(wanted, "0") == 0 ? NULL : thread_ring();
  if (ring == NULL) return -1;
  int fds[BATCH_READ_ROUND], results[BATCH_READ_ROUND];
  size_t done = 0;
  while (done < count) {
    /* A round: as many files as there is room for a slot each (at least one: one larger than
     * the room left reports it). */
    size_t free_room = room > *used ? room - *used : 0;
    size_t slot = slot_size(), files = count - done;
    if (free_room / slot < files) files = free_room / slot;
    if (files == 0) {
      files = 1;
      slot = free_room;
    }
    size_t base = *used;
    unsigned opened = 0;
    for (size_t k = 0; k < files; k++) {
      const char *path = paths[done + k];
      fds[k] = -1;
      if (path == NULL || path[0] == 0) continue;
      struct io_uring_sqe *entry = next_entry(ring, IORING_OP_OPENAT, k);
      entry->fd = AT_FDCWD;
      entry->addr = (uint64_t)(uintptr_t)path;
      entry->open_flags = O_RDONLY | O_CLOEXEC;
      opened++;
    }
    for (size_t k = 0; k < files; k++) results[k] = -1;
    if (submit_and_wait(ring, opened, results) != 0) {
      for (size_t k = 0; k < files; k++) if (results[k] >= 0) close(results[k]);
      return (long)done; /* the caller reads on file by file */
    }
    unsigned reads = 0;
    for (size_t k = 0; k < files; k++) {
      if (paths[done + k] == NULL || paths[done + k][0] == 0 || results[k] < 0) continue;
      fds[k] = results[k];
      struct io_uring_sqe *entry = next_entry(ring, IORING_OP_READ, k);
      entry->fd = fds[k];
      entry->addr = (uint64_t)(uintptr_t)(into + base + k * slot);
      entry->len = (unsigned)slot;
      entry->off = 0;
      reads++;
    }
    for (size_t k = 0; k < files; k++) results[k] = -1;
    if (submit_and_wait(ring, reads, results) != 0) {
      for (size_t k = 0; k < files; k++) if (fds[k] >= 0) close(fds[k]);
      return (long)done;
    }
    /* Each file to its place, one after another (a file moves only towards the start). A file
     * that filled its room may be longer: it is read again whole after the others (its first
     * bytes may be overwritten by then), so the rest of the round is kept. */
    size_t taken = files;
    int no_room = 0;
    uint64_t longer = 0; /* bit k: file k filled its room (BATCH_READ_ROUND <= 64) */
    for (size_t k = 0; k < files; k++) {
      size_t i = done + k;
      starts[i] = (int32_t)*used;
      lengths[i] = -1;
      if (fds[k] < 0 || results[k] < 0) continue;
      size_t length = (size_t)results[k];
      if (length == slot) {
        longer |= (uint64_t)1 << k;
        continue;
      }
      if (length > 0) memmove(into + *used, into + base + k * slot, length);
      lengths[i] = (int32_t)length;
      *used += length;
      count_read(length);
    }
    for (size_t k = 0; k < files && longer != 0; k++) {
      if (!(longer & ((uint64_t)1 << k))) continue;
      size_t i = done + k;
      starts[i] = (int32_t)*used;
      long whole = read_rest(fds[k], into, *used, 0, room, &no_room);
      if (no_room) {
        taken = k; /* it and the files after it: the next call's, from an empty buffer */
        break;
      }
      if (whole >= 0) {
        lengths[i] = (int32_t)whole;
        *used += (size_t)whole;
        count_read((size_t)whole);
      }
    }
    unsigned closes = 0;
    for (size_t k = 0; k < files; k++) {
      if (fds[k] < 0) continue;
      struct io_uring_sqe *entry = next_entry(ring, IORING_OP_CLOSE, k);
      entry->fd = fds[k];
      closes++;
    }
    if (submit_and_wait(ring, closes, results) != 0) {
      for (size_t k = 0; k < files; k++) if (fds[k] >= 0) close(fds[k]);
    }
    done += taken;
    if (no_room) return (long)done;
  }
  return (long)done;
}

#else

long batch_read(const char *const *paths, size_t count, uint8_t *into, size_t room, size_t *used, int32_t *starts, int32_t *lengths) {
  (void)paths, (void)count, (void)into, (void)room, (void)used, (void)starts, (void)lengths;
  return -1;
}

#endif
