/*
 * pulse_fs: the file-system calls a load makes once per file, without Node's per-call cost.
 *
 * statPaths(paths, size, mtimeMs, threads) fills size and mtimeMs (Float64Array) with each path's
 * stat (following links), -1 for a path that cannot be stat'ed, splitting the paths between
 * `threads` threads. A stat costs ~3 µs here in C and ~5 µs through fs.statSync; on 100,000 files
 * that difference, and threads without a worker's start-up, were most of a warm load.
 *
 * mtimeMs is computed exactly as Node computes Stats.mtimeMs (seconds * 1e3 + nanoseconds / 1e6,
 * in doubles), so stamps from either path compare equal and a cache written by one is reused by
 * the other.
 *
 * walk(folders, stamp) lists the files under the folders as discover.ts's walk does (entries
 * starting with "." not looked at, links followed, each folder once by device and inode, a
 * folder's entries in name order with a folder's name sorting as "name/") and returns how many
 * files it found and the listing, whose paths walkPaths(listing) gives as { files, brokenLinks }
 * (brokenLinks: every odd entry, for discover.ts to tell apart: broken links, FIFOs, sockets,
 * devices, folders it could not open):
 * readdir through Node makes a Dirent object per entry (the walk of 100,000 files took 0.17 s
 * there, 0.03 s here), and making 100,000 strings takes longer than the walk, so a caller can
 * start workers first. With stamp, two threads stat the files meanwhile; walkStamps(listing)
 * waits for them and gives { size, mtimeMs } in the listing's order. walkPool(listing) gives the
 * paths as one UTF-8 pool with offsets instead (a cache's rerun matches them against its index
 * without a string per file). walkAhead(folders) starts the walk and its stamps on threads of
 * their own and returns at once; walkPool and walkStamps wait for them.
 *
 * readFiles(paths, from, into, starts, lengths) reads whole files, from paths[from] on, one after
 * another into the caller's buffer (reused from call to call: no fresh memory per batch), noting
 * each one's start and length (-1 for a file that could not be read, which the caller reads again
 * through Node for its error); it stops at the first file that may not fit and returns its index.
 * A parse batch's markdown is read in one call instead of three calls into Node per file, and
 * through io_uring in rounds where the system offers it (batch-read.c).
 *
 * checksumFiles(paths) gives each file's CRC-32 and length as checksum.ts writes them, read
 * through one reused buffer (a cache's text is checked on every rerun).
 *
 * Optional: without it (not built, another platform) the JavaScript path does the same.
 */
#define _GNU_SOURCE
#include <dirent.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <fcntl.h>
#include <node_api.h>
#include <pthread.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "batch-read.h"

#define MAX_THREADS 16
#ifndef O_PATH
#define O_PATH O_RDONLY /* where there is none (not Linux): a folder opened for reading serves fstatat as well */
#endif

/* Threads that stat a walk's files while the caller goes on (it keeps a core busy meanwhile). */
#define STAMP_THREADS 2

typedef struct {
  char **paths;
  double *size;
  double *mtime_ms;
  size_t from, to;
} StatJob;

static double mtime_ms_of(const struct stat *info) {
#ifdef __APPLE__
  return (double)info->st_mtimespec.tv_sec * 1000.0 + (double)info->st_mtimespec.tv_nsec / 1e6;
#else
  return (double)info->st_mtim.tv_sec * 1000.0 + (double)info->st_mtim.tv_nsec / 1e6;
#endif
}

/* The folder of the paths being handled, kept open while the paths that follow are in it too (a
 * walk's are): a call by name in it resolves one path component, not the whole path (~20% of a
 * stat here, ~10% of an open). */
typedef struct {
  int fd;
  char *path;
  size_t length;
} FolderCursor;

#define FOLDER_CURSOR {-1, NULL, 0}

/* The name of `path` within its folder, which the cursor then holds open; NULL when the whole path
 * must be used (no folder part, or the folder cannot be opened: the call on the path says why). */
static const char *name_in_folder(FolderCursor *cursor, const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL || slash == path || slash[1] == 0) return NULL;
  size_t length = (size_t)(slash - path);
  if (cursor->path == NULL || length != cursor->length || memcmp(path, cursor->path, length) != 0) {
    if (cursor->fd >= 0) close(cursor->fd);
    free(cursor->path);
    cursor->path = strndup(path, length);
    cursor->length = length;
    cursor->fd = cursor->path != NULL ? open(cursor->path, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
  }
  return cursor->fd >= 0 ? slash + 1 : NULL;
}

static void close_folder_cursor(FolderCursor *cursor) {
  if (cursor->fd >= 0) close(cursor->fd);
  free(cursor->path);
}

/* Stats paths[from, to), each by its name in its folder (FolderCursor). */
static void *stat_range(void *arg) {
  StatJob *job = arg;
  struct stat info;
  FolderCursor folder = FOLDER_CURSOR;
  for (size_t i = job->from; i < job->to; i++) {
    const char *path = job->paths[i];
    const char *name = path != NULL ? name_in_folder(&folder, path) : NULL;
    int found = name != NULL ? fstatat(folder.fd, name, &info, 0) == 0 : path != NULL && stat(path, &info) == 0;
    if (found) {
      job->size[i] = (double)info.st_size;
      job->mtime_ms[i] = mtime_ms_of(&info);
    } else {
      job->size[i] = -1;
      job->mtime_ms[i] = -1;
    }
  }
  close_folder_cursor(&folder);
  return NULL;
}

/* A thread's run over one job it owns. */
static void *stat_job_then_free(void *arg) {
  stat_range(arg);
  free(arg);
  return NULL;
}

/* Starts up to `threads` threads, each stat'ing an equal part of paths[from, to) (ids filled);
 * returns how many started. What none could take, from *rest to `to`, is left to the caller. */
static int start_stat_threads(char **paths, double *size, double *mtime_ms, size_t from, size_t to, int threads, pthread_t *ids, size_t *rest) {
  int started = 0;
  *rest = from;
  for (int t = 0; t < threads; t++) {
    size_t end = from + (to - from) * (size_t)(t + 1) / (size_t)threads;
    StatJob *job = malloc(sizeof(StatJob));
    if (job == NULL) break;
    *job = (StatJob){paths, size, mtime_ms, *rest, end};
    if (pthread_create(&ids[t], NULL, stat_job_then_free, job) != 0) {
      free(job);
      break;
    }
    started++;
    *rest = end;
  }
  return started;
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

/* The call's arguments (at least `wanted`, the first an array) and the array's length. */
static bool array_call(napi_env env, napi_callback_info info, size_t wanted, napi_value *argv, uint32_t *count) {
  size_t argc = wanted;
  bool is_array;
  return napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= wanted && napi_is_array(env, argv[0], &is_array) == napi_ok && is_array &&
         napi_get_array_length(env, argv[0], count) == napi_ok;
}

/* A JavaScript string as UTF-8 (free it), or NULL: not a string, or a NUL inside (no file has
 * that name; Node refuses it too). */
static char *string_of(napi_env env, napi_value value) {
  size_t bytes;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &bytes) != napi_ok) return NULL;
  char *text = malloc(bytes + 1);
  if (text == NULL) return NULL;
  napi_get_value_string_utf8(env, value, text, bytes + 1, &bytes);
  if (strlen(text) != bytes) {
    free(text);
    return NULL;
  }
  return text;
}

/* Element i of a JavaScript array of strings, as string_of gives it. */
static char *string_at(napi_env env, napi_value array, uint32_t i) {
  napi_value element;
  return napi_get_element(env, array, i, &element) == napi_ok ? string_of(env, element) : NULL;
}

/* Whether value is a typed array of type `want`; its data (NULL when empty) and length. */
static bool typed_array(napi_env env, napi_value value, napi_typedarray_type want, void **data, size_t *length) {
  bool is_typed;
  napi_typedarray_type type;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return false;
  return napi_get_typedarray_info(env, value, &type, length, data, NULL, NULL) == napi_ok && type == want;
}

static void free_paths(char **paths, uint32_t count) {
  for (uint32_t i = 0; i < count; i++) free(paths[i]);
  free(paths);
}

static napi_value stat_paths(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  uint32_t count;
  if (!array_call(env, info, 4, argv, &count)) return fail(env, "statPaths(paths: string[], size, mtimeMs, threads)");
  size_t size_length, mtime_length;
  double *size, *mtime_ms;
  if (!typed_array(env, argv[1], napi_float64_array, (void **)&size, &size_length) || !typed_array(env, argv[2], napi_float64_array, (void **)&mtime_ms, &mtime_length) ||
      size_length < count || mtime_length < count) {
    return fail(env, "statPaths: size and mtimeMs must be Float64Arrays as long as paths");
  }
  if (count == 0) return NULL;
  int32_t threads = 1;
  napi_get_value_int32(env, argv[3], &threads);
  if (threads < 1) threads = 1;
  if (threads > MAX_THREADS) threads = MAX_THREADS;

  // Paths are copied out first: only this thread may touch JavaScript values. A path that is
  // not one (NULL) gets -1, as a missing file does.
  char **paths = calloc(count > 0 ? count : 1, sizeof(char *));
  if (paths == NULL) return fail(env, "statPaths: out of memory");
  for (uint32_t i = 0; i < count; i++) paths[i] = string_at(env, argv[0], i);

  // This thread takes the first part, the others the rest (and what a thread could not start for).
  pthread_t ids[MAX_THREADS];
  size_t own = count / (size_t)threads, rest;
  int started = start_stat_threads(paths, size, mtime_ms, own, count, threads - 1, ids, &rest);
  StatJob first = {paths, size, mtime_ms, 0, own}, left = {paths, size, mtime_ms, rest, count};
  stat_range(&first);
  stat_range(&left);
  for (int t = 0; t < started; t++) pthread_join(ids[t], NULL);
  free_paths(paths, count);
  return NULL;
}


/* ---- walk ---------------------------------------------------------------------------------- */

/* A growable byte string. */
typedef struct {
  char *data;
  size_t length, capacity;
  int failed;
} Text;

static void text_add(Text *text, const char *bytes, size_t length) {
  if (text->failed) return;
  if (text->length + length + 1 > text->capacity) {
    size_t capacity = text->capacity ? text->capacity : 1 << 16;
    while (text->length + length + 1 > capacity) capacity *= 2;
    char *grown = realloc(text->data, capacity);
    if (grown == NULL) {
      text->failed = 1;
      return;
    }
    text->data = grown;
    text->capacity = capacity;
  }
  memcpy(text->data + text->length, bytes, length);
  text->length += length;
}

/* Reserves room for a large text in memory backed by huge pages where the system offers them:
 * writing a 100,000-file listing into fresh 4 KiB pages cost ~25 ms of page faults here. Only
 * what is written is ever touched. */
static void text_reserve_large(Text *text, size_t capacity) {
  void *data = NULL;
  if (text->data != NULL || posix_memalign(&data, (size_t)1 << 21, capacity) != 0) return;
#ifdef MADV_HUGEPAGE
  madvise(data, capacity, MADV_HUGEPAGE);
#endif
  text->data = data;
  text->capacity = capacity;
}

/* Folders walked, by device and inode (open addressing; a link back up the tree is not followed). */
typedef struct {
  uint64_t *keys; /* pairs (dev, ino); dev + 1 so that an empty slot (0) never matches */
  size_t capacity, count;
  int failed;
} FolderSet;

static size_t folder_slot(const FolderSet *set, uint64_t dev, uint64_t ino) {
  uint64_t hash = (dev * 0x9E3779B97F4A7C15ull) ^ (ino * 0xC2B2AE3D27D4EB4Full);
  size_t slot = (size_t)(hash ^ (hash >> 29)) & (set->capacity - 1);
  while (set->keys[2 * slot] != 0 && (set->keys[2 * slot] != dev || set->keys[2 * slot + 1] != ino)) slot = (slot + 1) & (set->capacity - 1);
  return slot;
}

/* Adds (dev, ino); 0 when it was there already. */
static int folder_add(FolderSet *set, uint64_t dev, uint64_t ino) {
  dev += 1;
  if (set->failed) return 1;
  if (2 * (set->count + 1) > set->capacity) {
    FolderSet grown = {calloc(2 * (set->capacity ? set->capacity * 2 : 256), sizeof(uint64_t)), set->capacity ? set->capacity * 2 : 256, 0, 0};
    if (grown.keys == NULL) {
      set->failed = 1; /* walk on without the check rather than stop */
      return 1;
    }
    for (size_t i = 0; i < set->capacity; i++) {
      if (set->keys[2 * i] == 0) continue;
      size_t slot = folder_slot(&grown, set->keys[2 * i], set->keys[2 * i + 1]);
      grown.keys[2 * slot] = set->keys[2 * i];
      grown.keys[2 * slot + 1] = set->keys[2 * i + 1];
    }
    free(set->keys);
    grown.count = set->count;
    *set = grown;
  }
  size_t slot = folder_slot(set, dev, ino);
  if (set->keys[2 * slot] != 0) return 0;
  set->keys[2 * slot] = dev;
  set->keys[2 * slot + 1] = ino;
  set->count++;
  return 1;
}

typedef struct {
  Text files, broken; /* broken: the odd entries (see walkPaths) */
  FolderSet walked;
  /* With stamps asked for: the files' paths (into files.data), stat'ed by threads of their own
   * while the caller goes on (walkStamps waits for it). */
  char **paths;
  double *size, *mtime_ms;
  size_t count;
  pthread_t stampers[STAMP_THREADS];
  int stamped;  /* threads started (0: none) */
  int stamping; /* they run and have not been joined */
  /* A walk started by walkAhead: the thread doing it, the folders it walks. */
  pthread_t walker;
  int walking; /* it runs and has not been joined */
  char **folders;
  uint32_t folder_count;
} Walk;

enum { ENTRY_FILE, ENTRY_FOLDER, ENTRY_LINK, ENTRY_OTHER };

typedef struct {
  char *name;
  size_t length;
  int type;
} Entry;

/* Byte k of an entry's sort key: its name, then "/" for a folder; -1 past the end. */
static int key_byte(const Entry *entry, size_t k) {
  if (k < entry->length) return (unsigned char)entry->name[k];
  return k == entry->length && entry->type == ENTRY_FOLDER ? '/' : -1;
}

/* Key order (bytes of UTF-8; the caller's final sort settles what UTF-16 order would move). */
static int entry_order(const void *a, const void *b) {
  const Entry *x = a, *y = b;
  size_t common = x->length < y->length ? x->length : y->length;
  int order = memcmp(x->name, y->name, common);
  if (order != 0) return order;
  for (size_t k = common;; k++) {
    int byte_x = key_byte(x, k), byte_y = key_byte(y, k);
    if (byte_x != byte_y) return byte_x - byte_y;
    if (byte_x < 0) return 0;
  }
}

static void walk_folder(Walk *walk, const char *folder) {
  int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    /* Vanished while walking: nothing to read there. Unreadable: listed with the odd entries. */
    if (errno == EACCES || errno == EPERM) text_add(&walk->broken, folder, strlen(folder) + 1);
    return;
  }
  struct stat info;
  if (fstat(fd, &info) != 0 || !folder_add(&walk->walked, (uint64_t)info.st_dev, (uint64_t)info.st_ino)) {
    close(fd);
    return;
  }
  DIR *dir = fdopendir(fd);
  if (dir == NULL) {
    close(fd);
    return;
  }
  Entry *entries = NULL;
  size_t count = 0, capacity = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    int type = ENTRY_OTHER;
    unsigned char d_type = entry->d_type;
    if (d_type == DT_UNKNOWN) {
      struct stat own;
      if (fstatat(fd, entry->d_name, &own, AT_SYMLINK_NOFOLLOW) == 0) d_type = S_ISDIR(own.st_mode) ? DT_DIR : S_ISREG(own.st_mode) ? DT_REG : S_ISLNK(own.st_mode) ? DT_LNK : DT_UNKNOWN;
    }
    if (d_type == DT_REG) type = ENTRY_FILE;
    else if (d_type == DT_DIR) type = ENTRY_FOLDER;
    else if (d_type == DT_LNK) type = ENTRY_LINK;
    /* else a FIFO, socket or device: ENTRY_OTHER, listed with the odd entries, never read */
    if (count == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      Entry *grown = realloc(entries, capacity * sizeof(Entry));
      if (grown == NULL) break;
      entries = grown;
    }
    size_t length = strlen(entry->d_name);
    char *name = malloc(length + 1);
    if (name == NULL) break;
    memcpy(name, entry->d_name, length + 1);
    entries[count++] = (Entry){name, length, type};
  }
  closedir(dir);
  if (count > 1) qsort(entries, count, sizeof(Entry), entry_order);
  size_t folder_length = strlen(folder);
  int plain = strcmp(folder, ".") == 0;
  int slash = folder_length > 0 && folder[folder_length - 1] == '/';
  for (size_t i = 0; i < count; i++) {
    size_t length = (plain ? 0 : folder_length + !slash) + entries[i].length;
    char *path = malloc(length + 1);
    if (path != NULL) {
      if (plain) memcpy(path, entries[i].name, entries[i].length + 1);
      else {
        memcpy(path, folder, folder_length);
        if (!slash) path[folder_length] = '/';
        memcpy(path + folder_length + !slash, entries[i].name, entries[i].length + 1);
      }
      int type = entries[i].type;
      if (type == ENTRY_LINK) {
        struct stat target;
        if (stat(path, &target) != 0) type = -1;
        else type = S_ISDIR(target.st_mode) ? ENTRY_FOLDER : S_ISREG(target.st_mode) ? ENTRY_FILE : ENTRY_OTHER;
      }
      if (type == ENTRY_FOLDER) walk_folder(walk, path);
      else if (type == ENTRY_FILE) text_add(&walk->files, path, length + 1);
      else text_add(&walk->broken, path, length + 1); /* broken link, FIFO, socket, device */
      free(path);
    }
    free(entries[i].name);
  }
  free(entries);
}

/* The NUL-terminated paths in text as an array of strings. */
static napi_value strings_of(napi_env env, const Text *text) {
  size_t count = 0;
  for (size_t at = 0; at < text->length; at++) count += text->data[at] == 0;
  napi_value array;
  napi_create_array_with_length(env, count, &array);
  size_t start = 0;
  for (uint32_t i = 0; i < count; i++) {
    size_t length = strlen(text->data + start);
    napi_value path;
    napi_create_string_utf8(env, text->data + start, length, &path);
    napi_set_element(env, array, i, path);
    start += length + 1;
  }
  return array;
}

/* Waits for a walk started by walkAhead to have listed its files (its stamps may still be taken). */
static void join_walker(Walk *walk) {
  if (!walk->walking) return;
  pthread_join(walk->walker, NULL);
  walk->walking = 0;
}

static void join_stamper(Walk *walk) {
  join_walker(walk);
  if (!walk->stamping) return;
  for (int t = 0; t < walk->stamped; t++) pthread_join(walk->stampers[t], NULL);
  walk->stamping = 0;
}

static void free_walk(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Walk *walk = data;
  join_stamper(walk);
  for (uint32_t i = 0; i < walk->folder_count; i++) free(walk->folders[i]);
  free(walk->folders);
  free(walk->files.data);
  free(walk->broken.data);
  free(walk->walked.keys);
  free(walk->paths);
  free(walk->size);
  free(walk->mtime_ms);
  free(walk);
}

/* Starts the threads that stat the walk's files; 0 when none could start (the caller stats them). */
static int start_stamper(Walk *walk) {
  size_t slots = walk->count ? walk->count : 1;
  walk->paths = malloc(slots * sizeof(char *));
  walk->size = malloc(slots * sizeof(double));
  walk->mtime_ms = malloc(slots * sizeof(double));
  if (walk->paths == NULL || walk->size == NULL || walk->mtime_ms == NULL) return 0;
  size_t at = 0;
  for (size_t i = 0; i < walk->count; i++) {
    walk->paths[i] = walk->files.data + at;
    at += strlen(walk->files.data + at) + 1;
  }
  size_t rest;
  walk->stamped = start_stat_threads(walk->paths, walk->size, walk->mtime_ms, 0, walk->count, STAMP_THREADS, walk->stampers, &rest);
  if (walk->stamped == 0) return 0;
  walk->stamping = 1;
  StatJob left = {walk->paths, walk->size, walk->mtime_ms, rest, walk->count}; /* what no thread could take */
  stat_range(&left);
  return 1;
}

/* Walks the folders into walk (files counted); with stamp, starts the threads that stat them. */
static void walk_all(Walk *walk, char **folders, uint32_t count, int stamp) {
  text_reserve_large(&walk->files, (size_t)1 << 24);
  for (uint32_t i = 0; i < count; i++) {
    if (folders[i] != NULL) walk_folder(walk, folders[i]);
  }
  for (size_t at = 0; at < walk->files.length; at++) walk->count += walk->files.data[at] == 0;
  if (stamp && !walk->files.failed && !walk->broken.failed) start_stamper(walk);
}

static void *walk_thread(void *arg) {
  Walk *walk = arg;
  walk_all(walk, walk->folders, walk->folder_count, 1);
  return NULL;
}

/* A walk to do of the `count` folders in the array (their paths copied); NULL when out of memory. */
static Walk *new_walk(napi_env env, napi_value array, uint32_t count) {
  Walk *walk = calloc(1, sizeof(Walk));
  char **folders = calloc(count ? count : 1, sizeof(char *));
  if (walk == NULL || folders == NULL) {
    free(walk);
    free(folders);
    return NULL;
  }
  walk->folders = folders;
  walk->folder_count = count;
  for (uint32_t i = 0; i < count; i++) folders[i] = string_at(env, array, i);
  return walk;
}

/* walkAhead(folders) → listing: the walk, then its stamps, on threads of their own while the
 * caller goes on (a cache's rerun reads its index meanwhile); walkPool and walkStamps wait for
 * them. */
static napi_value walk_ahead(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  uint32_t count;
  if (!array_call(env, info, 1, argv, &count)) return fail(env, "walkAhead(folders: string[])");
  Walk *walk = new_walk(env, argv[0], count);
  if (walk == NULL) return fail(env, "walkAhead: out of memory");
  if (pthread_create(&walk->walker, NULL, walk_thread, walk) == 0) walk->walking = 1;
  else walk_thread(walk); /* no thread to be had: walk here */
  napi_value listing;
  napi_create_external(env, walk, free_walk, NULL, &listing);
  return listing;
}

/* walk(folders, stamp) → { count, listing, stamping }: the walk done, its paths kept in C until
 * walkPaths; with stamp, its files are being stat'ed by threads of their own (walkStamps). */
static napi_value walk_folders(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  uint32_t count;
  bool stamp = false;
  if (!array_call(env, info, 2, argv, &count)) return fail(env, "walk(folders: string[], stamp: boolean)");
  napi_get_value_bool(env, argv[1], &stamp);
  Walk *walk = new_walk(env, argv[0], count);
  if (walk == NULL) return fail(env, "walk: out of memory");
  walk_all(walk, walk->folders, count, stamp);
  if (walk->files.failed || walk->broken.failed) {
    free_walk(env, walk, NULL);
    return fail(env, "walk: out of memory");
  }
  int stamping = walk->stamping;
  napi_value result, listing, found, started;
  napi_create_object(env, &result);
  napi_create_double(env, (double)walk->count, &found);
  napi_get_boolean(env, stamping, &started);
  napi_create_external(env, walk, free_walk, NULL, &listing);
  napi_set_named_property(env, result, "count", found);
  napi_set_named_property(env, result, "listing", listing);
  napi_set_named_property(env, result, "stamping", started);
  return result;
}

static Walk *walk_argument(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  Walk *walk = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || napi_get_value_external(env, argv[0], (void **)&walk) != napi_ok) return NULL;
  return walk;
}

/* walkPaths(listing) → { files, brokenLinks }: the paths as strings. */
static napi_value walk_paths(napi_env env, napi_callback_info info) {
  Walk *walk = walk_argument(env, info);
  if (walk == NULL) return fail(env, "walkPaths(listing)");
  join_walker(walk);
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "files", strings_of(env, &walk->files));
  napi_set_named_property(env, result, "brokenLinks", strings_of(env, &walk->broken));
  return result;
}

static void free_large(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

/* An ArrayBuffer of `size` bytes for JavaScript to keep: from memory of our own, backed by huge
 * pages where the system offers them (filling 6 MB of fresh 4 KiB pages cost ~25 ms of page
 * faults here), else a plain one. */
static bool large_buffer(napi_env env, size_t size, void **data, napi_value *buffer) {
  void *memory = NULL;
  if (size >= ((size_t)1 << 21) && posix_memalign(&memory, (size_t)1 << 21, size) == 0) {
#ifdef MADV_HUGEPAGE
    madvise(memory, size, MADV_HUGEPAGE);
#endif
    if (napi_create_external_arraybuffer(env, memory, size, free_large, NULL, buffer) == napi_ok) {
      *data = memory;
      return true;
    }
    free(memory); /* a Node that takes no outside memory: a plain buffer */
  }
  return napi_create_arraybuffer(env, size, data, buffer) == napi_ok;
}

/* walkPool(listing) → { bytes, offsets, ordered, brokenLinks }: the files' paths as one UTF-8 pool
 * (row i is bytes[offsets[i], offsets[i + 1])), no string per path. ordered: the paths are in
 * strictly increasing order both as bytes and as JavaScript compares strings (the walk's order is,
 * unless a link to a folder sorts by its bare name, or a path holds a character above U+FFFF,
 * where UTF-8 order and UTF-16 order differ). */
static napi_value walk_pool(napi_env env, napi_callback_info info) {
  Walk *walk = walk_argument(env, info);
  if (walk == NULL) return fail(env, "walkPool(listing)");
  join_walker(walk);
  if (walk->files.failed || walk->broken.failed) return fail(env, "walk: out of memory");
  size_t bytes_length = walk->files.length - walk->count; /* without the NULs */
  napi_value result, bytes_buffer, bytes, offsets_buffer, offsets, in_order;
  uint8_t *into = NULL;
  int32_t *ends = NULL;
  if (!large_buffer(env, bytes_length ? bytes_length : 1, (void **)&into, &bytes_buffer) ||
      !large_buffer(env, (walk->count + 1) * sizeof(int32_t), (void **)&ends, &offsets_buffer))
    return fail(env, "walkPool: out of memory");
  size_t at = 0, used = 0, row = 0;
  int ordered = 1;
  ends[0] = 0;
  while (at < walk->files.length) {
    unsigned char byte = (unsigned char)walk->files.data[at++];
    if (byte == 0) {
      ends[++row] = (int32_t)used;
      if (row >= 2 && ordered) {
        /* Strictly after the path before it (a prefix sorts first). */
        size_t start = (size_t)ends[row - 2], middle = (size_t)ends[row - 1], before = middle - start, length = used - middle;
        int order = memcmp(into + start, into + middle, before < length ? before : length);
        ordered = order < 0 || (order == 0 && before < length);
      }
      continue;
    }
    if (byte >= 0xF0) ordered = 0;
    into[used++] = byte;
  }
  napi_create_typedarray(env, napi_uint8_array, bytes_length, bytes_buffer, 0, &bytes);
  napi_create_typedarray(env, napi_int32_array, walk->count + 1, offsets_buffer, 0, &offsets);
  napi_get_boolean(env, ordered, &in_order);
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "bytes", bytes);
  napi_set_named_property(env, result, "offsets", offsets);
  napi_set_named_property(env, result, "ordered", in_order);
  napi_set_named_property(env, result, "brokenLinks", strings_of(env, &walk->broken));
  return result;
}

/* A Float64Array holding a copy of count doubles. */
static napi_value float64s_of(napi_env env, const double *values, size_t count) {
  napi_value buffer, array;
  void *data;
  napi_create_arraybuffer(env, count * sizeof(double), &data, &buffer);
  if (count) memcpy(data, values, count * sizeof(double));
  napi_create_typedarray(env, napi_float64_array, count, buffer, 0, &array);
  return array;
}

/* walkStamps(listing) → { size, mtimeMs } of the walk's files, in listing order (waits for the
 * thread); undefined when the walk was not asked to stamp or could not. */
static napi_value walk_stamps(napi_env env, napi_callback_info info) {
  Walk *walk = walk_argument(env, info);
  if (walk == NULL) return fail(env, "walkStamps(listing)");
  join_stamper(walk);
  if (!walk->stamped) return NULL;
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "size", float64s_of(env, walk->size, walk->count));
  napi_set_named_property(env, result, "mtimeMs", float64s_of(env, walk->mtime_ms, walk->count));
  return result;
}

/* ---- readFiles ----------------------------------------------------------------------------- */

/* What read_into found. */
enum { READ_DONE, READ_FAILED, READ_NO_ROOM };

/* Reads a whole file into into[0, room): its length in *length, or READ_NO_ROOM when it may not
 * have fit (the caller retries with more room), or READ_FAILED. */
static int read_into(FolderCursor *folder, const char *path, uint8_t *into, size_t room, size_t *length) {
  const char *name = name_in_folder(folder, path);
  int fd = name != NULL ? openat(folder->fd, name, O_RDONLY | O_CLOEXEC) : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return READ_FAILED;
  size_t filled = 0;
  for (;;) {
    if (filled == room) {
      close(fd);
      return READ_NO_ROOM;
    }
    ssize_t got = read(fd, into + filled, room - filled);
    if (got < 0) {
      close(fd);
      return READ_FAILED;
    }
    filled += (size_t)got;
    /* A read that returns less than asked has reached the end of a regular file. */
    if (got == 0 || filled < room) break;
  }
  close(fd);
  *length = filled;
  return READ_DONE;
}

/* readFiles(paths, from, into, starts, lengths) → the index of the first path not read. */
static napi_value read_files(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  uint32_t count;
  int32_t from;
  size_t room, starts_length, lengths_length;
  if (!array_call(env, info, 5, argv, &count) || napi_get_value_int32(env, argv[1], &from) != napi_ok || from < 0) return fail(env, "readFiles(paths, from, into, starts, lengths)");
  uint8_t *into;
  int32_t *starts, *lengths;
  if (!typed_array(env, argv[2], napi_uint8_array, (void **)&into, &room) || !typed_array(env, argv[3], napi_int32_array, (void **)&starts, &starts_length) ||
      !typed_array(env, argv[4], napi_int32_array, (void **)&lengths, &lengths_length) || starts_length < count || lengths_length < count) {
    return fail(env, "readFiles: into must be a Uint8Array, starts and lengths Int32Arrays as long as paths");
  }
  if (room > INT32_MAX) room = INT32_MAX; /* offsets stay within an Int32Array */
  size_t used = 0;
  uint32_t i = (uint32_t)from;
  FolderCursor folder = FOLDER_CURSOR;
  int in_rounds = 1;
  while (i < count) {
    /* A round of files through io_uring where there is one; then, where the round stopped short
     * (no ring, or a file that may not fit), the next file by itself. */
    char *round[BATCH_READ_ROUND];
    size_t files = !in_rounds ? 1 : count - i < BATCH_READ_ROUND ? count - i : BATCH_READ_ROUND;
    for (size_t k = 0; k < files; k++) round[k] = string_at(env, argv[0], i + (uint32_t)k);
    long handled = in_rounds ? batch_read((const char *const *)round, files, into, room, &used, starts + i, lengths + i) : -1;
    if (handled < 0) {
      in_rounds = 0;
      handled = 0;
    }
    i += (uint32_t)handled;
    int stop = 0;
    if ((size_t)handled < files) {
      char *path = round[handled];
      starts[i] = (int32_t)used;
      lengths[i] = -1; /* unreadable, or not a path: Node reads it again and says why */
      size_t length = 0;
      int outcome = path == NULL || path[0] == 0 ? READ_FAILED : read_into(&folder, path, into + used, room - used, &length);
      if (outcome == READ_NO_ROOM) stop = 1; /* read it again once the caller has made room */
      else i++;
      if (outcome == READ_DONE) {
        lengths[i - 1] = (int32_t)length;
        used += length;
      }
    }
    for (size_t k = 0; k < files; k++) free(round[k]);
    if (stop) break;
  }
  close_folder_cursor(&folder);
  napi_value next;
  napi_create_uint32(env, i, &next);
  return next;
}

/* ---- checksumFiles ------------------------------------------------------------------------- */

/* CRC-32 as zlib computes it (reflected, polynomial 0xEDB88320), eight bytes at a step. */
static uint32_t crc_table[8][256];
static pthread_once_t crc_table_once = PTHREAD_ONCE_INIT;

static void make_crc_table(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[0][n] = c;
  }
  for (uint32_t n = 0; n < 256; n++) {
    for (int t = 1; t < 8; t++) crc_table[t][n] = crc_table[0][crc_table[t - 1][n] & 0xff] ^ (crc_table[t - 1][n] >> 8);
  }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *bytes, size_t length) {
  crc = ~crc;
  while (length >= 8) {
    uint32_t low = crc ^ ((uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24);
    crc = crc_table[7][low & 0xff] ^ crc_table[6][(low >> 8) & 0xff] ^ crc_table[5][(low >> 16) & 0xff] ^ crc_table[4][low >> 24] ^
          crc_table[3][bytes[4]] ^ crc_table[2][bytes[5]] ^ crc_table[1][bytes[6]] ^ crc_table[0][bytes[7]];
    bytes += 8;
    length -= 8;
  }
  while (length--) crc = crc_table[0][(crc ^ *bytes++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/* checksumFiles(paths) → each file's checksum as checksum.ts writes it ("crc32:<hex>:<bytes>"), or
 * "unreadable: <reason>". The files go through one reused buffer: checking 25 MB of cache text
 * cost a worker's start and ~7 ms per MB of fresh memory in JavaScript, here ~1 ms per MB. */
static napi_value checksum_files(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  uint32_t count;
  if (!array_call(env, info, 1, argv, &count)) return fail(env, "checksumFiles(paths: string[])");
  pthread_once(&crc_table_once, make_crc_table);
  enum { CHUNK = 1 << 20 };
  uint8_t *buffer = malloc(CHUNK);
  if (buffer == NULL) return fail(env, "checksumFiles: out of memory");
  napi_value results;
  napi_create_array_with_length(env, count, &results);
  for (uint32_t i = 0; i < count; i++) {
    char text[128];
    char *path = string_at(env, argv[0], i);
    int fd = path != NULL ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    if (fd < 0) {
      snprintf(text, sizeof text, "unreadable: %s", strerror(errno));
    } else {
      uint32_t crc = 0;
      size_t total = 0;
      ssize_t got;
      while ((got = read(fd, buffer, CHUNK)) > 0) {
        crc = crc32_update(crc, buffer, (size_t)got);
        total += (size_t)got;
      }
      if (got < 0) snprintf(text, sizeof text, "unreadable: %s", strerror(errno));
      else snprintf(text, sizeof text, "crc32:%x:%zu", crc, total);
      close(fd);
    }
    napi_value value;
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value);
    napi_set_element(env, results, i, value);
  }
  free(buffer);
  return results;
}

/* readLarge(path) → Uint8Array: the whole file, read into a large_buffer (a cache file of several
 * MB: into fresh 4 KiB pages, the page faults cost more than the read). Throws with the system's
 * message when the file cannot be read. */
static napi_value read_large(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char *path = napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= 1 ? string_of(env, argv[0]) : NULL;
  if (path == NULL) return fail(env, "readLarge(path: string)");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  free(path);
  struct stat stats;
  if (fd < 0 || fstat(fd, &stats) != 0) {
    int error = errno;
    if (fd >= 0) close(fd);
    napi_throw_error(env, NULL, strerror(error));
    return NULL;
  }
  size_t size = (size_t)stats.st_size, at = 0;
  uint8_t *data;
  napi_value buffer, bytes;
  if (!large_buffer(env, size ? size : 1, (void **)&data, &buffer)) {
    close(fd);
    return fail(env, "readLarge: out of memory");
  }
  while (at < size) {
    ssize_t got = read(fd, data + at, size - at);
    if (got < 0) {
      int error = errno;
      close(fd);
      napi_throw_error(env, NULL, strerror(error));
      return NULL;
    }
    if (got == 0) break; /* shorter than it was: its checksum says so */
    at += (size_t)got;
  }
  close(fd);
  napi_create_typedarray(env, napi_uint8_array, at, buffer, 0, &bytes);
  return bytes;
}

/* The whole `page`-sized pages (aligned in memory) of an ArrayBuffer from byte `from` on: false
 * when it holds none, or `buffer` is not an ArrayBuffer. */
static bool whole_pages(napi_env env, napi_value buffer, double from, uintptr_t page, void **start, size_t *length) {
  void *data = NULL;
  size_t size = 0;
  if (napi_get_arraybuffer_info(env, buffer, &data, &size) != napi_ok || data == NULL || !(from >= 0) || from >= (double)size) return false;
  uintptr_t first = ((uintptr_t)data + (uintptr_t)from + page - 1) & ~(page - 1), end = ((uintptr_t)data + size) & ~(page - 1);
  if (end <= first) return false;
  *start = (void *)first;
  *length = end - first;
  return true;
}

/* adviseHugePages(buffer) → boolean: asks the kernel to back the 2 MiB-aligned part of an
 * ArrayBuffer with huge pages when it is first written (madvise MADV_HUGEPAGE; a system whose
 * transparent huge pages are "madvise" gives them only when asked). For the large columns a load
 * fills row by row: written into fresh 4 KiB pages, their page faults cost more than the writes.
 * False when nothing was advised (too small, not an ArrayBuffer, or the system declines). */
static napi_value advise_huge_pages(napi_env env, napi_callback_info info) {
  size_t argc = 1, length = 0;
  napi_value argv[1], value;
  void *start = NULL;
  bool advised = false;
#ifdef MADV_HUGEPAGE
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= 1 && whole_pages(env, argv[0], 0, (uintptr_t)1 << 21, &start, &length))
    advised = madvise(start, length, MADV_HUGEPAGE) == 0;
#endif
  napi_get_boolean(env, advised, &value);
  return value;
}

/* releasePages(buffer, from) → boolean: gives the whole pages of an ArrayBuffer from byte
 * `from` on back to the system (madvise MADV_DONTNEED; they read as zeros afterwards, and are
 * taken again when written). For the capacity behind a filled column, whose last huge page would
 * otherwise stay whole: the caller holds nothing there. False when nothing was released. */
static napi_value release_pages(napi_env env, napi_callback_info info) {
  size_t argc = 2, length = 0;
  napi_value argv[2], value;
  void *start = NULL;
  double from = -1;
  bool released = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= 2 && napi_get_value_double(env, argv[1], &from) == napi_ok &&
      whole_pages(env, argv[0], from, (uintptr_t)sysconf(_SC_PAGESIZE), &start, &length))
    released = madvise(start, length, MADV_DONTNEED) == 0;
  napi_get_boolean(env, released, &value);
  return value;
}

/* An export as napi_set_named_property makes it: writable, enumerable, configurable. */
/* exchangePaths(a, b): swaps two paths in one step (renameat2 with RENAME_EXCHANGE), so a report
 * folder is always either the old or the new one. Returns 0, or the errno: ENOSYS, EINVAL or
 * ENOTSUP where the kernel or file system cannot, and the caller then renames in two steps. */
static napi_value exchange_paths(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return fail(env, "exchangePaths(a: string, b: string)");
  char *a = string_of(env, argv[0]);
  char *b = a ? string_of(env, argv[1]) : NULL;
  if (a == NULL || b == NULL) {
    free(a);
    return fail(env, "exchangePaths(a: string, b: string)");
  }
  int result = 0;
#if defined(__linux__) && defined(SYS_renameat2)
  if (syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) != 0) result = errno;
#else
  result = ENOSYS;
#endif
  free(a);
  free(b);
  napi_value value;
  napi_create_int32(env, result, &value);
  return value;
}

/* trimMemory(): gives the pages glibc's allocator holds free, in every arena, back to the system
 * (malloc_trim). Memory freed by JavaScript (ArrayBuffers of 1-32 MB, worker results) stays in
 * the allocator otherwise, counted in the process's resident size. false elsewhere. */
static napi_value trim_memory(napi_env env, napi_callback_info info) {
  (void)info;
  int released = 0;
#ifdef __GLIBC__
  released = malloc_trim(0);
#endif
  napi_value value;
  napi_get_boolean(env, released != 0, &value);
  return value;
}

#define EXPORT(name, function) {name, NULL, function, NULL, NULL, NULL, napi_writable | napi_enumerable | napi_configurable, NULL}

NAPI_MODULE_INIT() {
  napi_property_descriptor functions[] = {
      EXPORT("statPaths", stat_paths),           EXPORT("walk", walk_folders),
      EXPORT("walkPaths", walk_paths),           EXPORT("walkAhead", walk_ahead),
      EXPORT("walkPool", walk_pool),             EXPORT("walkStamps", walk_stamps),
      EXPORT("checksumFiles", checksum_files),   EXPORT("readLarge", read_large),
      EXPORT("readFiles", read_files),
      EXPORT("exchangePaths", exchange_paths),   EXPORT("adviseHugePages", advise_huge_pages),
      EXPORT("releasePages", release_pages),     EXPORT("trimMemory", trim_memory),
  };
  if (napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions) != napi_ok) return NULL;
  return exports;
}
