/*
 * SQLite loadable extension defining the `unicase` collation that Anki's schema 18 declares.
 *
 * Anki registers a comparator built on Rust's `unicase` crate: strings that are both ASCII are
 * compared after ASCII lower-casing; otherwise each character is mapped through Unicode full
 * case folding and the resulting sequences are compared code point by code point. Folding an
 * ASCII character gives its ASCII lower case, so one loop serves both rules. An index sorted by
 * any other comparator fails Anki's `pragma integrity_check`, which is why this is done in C
 * with the exact folding table rather than with JavaScript's toLowerCase().
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdint.h>
#include "casefold_table.h"

#define REPLACEMENT_CHAR 0xFFFDu

/* Decodes one UTF-8 code point at *pos; malformed input yields U+FFFD and advances one byte. */
static uint32_t next_code_point(const unsigned char *s, int len, int *pos) {
  unsigned char b0 = s[*pos];
  if (b0 < 0x80) {
    *pos += 1;
    return b0;
  }
  int need;
  uint32_t cp, min;
  if ((b0 & 0xE0) == 0xC0) { need = 1; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { need = 2; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { need = 3; cp = b0 & 0x07; min = 0x10000; }
  else { *pos += 1; return REPLACEMENT_CHAR; }
  if (*pos + need >= len) { *pos += 1; return REPLACEMENT_CHAR; }
  for (int i = 1; i <= need; i++) {
    unsigned char b = s[*pos + i];
    if ((b & 0xC0) != 0x80) { *pos += 1; return REPLACEMENT_CHAR; }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *pos += 1; return REPLACEMENT_CHAR; }
  *pos += need + 1;
  return cp;
}

/* Writes the full case folding of cp into out (1 to 3 code points) and returns the count. */
static int fold(uint32_t cp, uint32_t out[3]) {
  if (cp < 0x80) {
    out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return 1;
  }
  int lo = 0, hi = CASEFOLD_COUNT - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    uint32_t key = CASEFOLD_FROM[mid];
    if (key == cp) {
      int n = 0;
      while (n < 3 && CASEFOLD_TO[mid][n] != 0) { out[n] = CASEFOLD_TO[mid][n]; n++; }
      return n;
    }
    if (key < cp) lo = mid + 1; else hi = mid - 1;
  }
  out[0] = cp;
  return 1;
}

/* A cursor over the folded code points of one string. */
typedef struct {
  const unsigned char *s;
  int len, pos;
  uint32_t buf[3];
  int buf_len, buf_pos;
} folded_cursor;

/* Returns the next folded code point, or -1 at the end of the string. */
static int64_t cursor_next(folded_cursor *c) {
  if (c->buf_pos < c->buf_len) return c->buf[c->buf_pos++];
  if (c->pos >= c->len) return -1;
  c->buf_len = fold(next_code_point(c->s, c->len, &c->pos), c->buf);
  c->buf_pos = 1;
  return c->buf[0];
}

static int unicase_compare(void *unused, int len1, const void *p1, int len2, const void *p2) {
  (void)unused;
  const unsigned char *s1 = p1, *s2 = p2;
  /* Fast path for the common case: equal ASCII prefixes compare without folding tables. */
  int i = 0;
  while (i < len1 && i < len2 && s1[i] < 0x80 && s2[i] < 0x80) {
    unsigned char a = s1[i], b = s2[i];
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) {
      /* Both characters are complete ASCII code points, so their order decides. */
      return a < b ? -1 : 1;
    }
    i++;
  }
  folded_cursor c1 = {s1, len1, i, {0, 0, 0}, 0, 0};
  folded_cursor c2 = {s2, len2, i, {0, 0, 0}, 0, 0};
  for (;;) {
    int64_t a = cursor_next(&c1), b = cursor_next(&c2);
    if (a != b) return a < b ? -1 : 1;
    if (a < 0) return 0;
  }
}

#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_unicase_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  return sqlite3_create_collation_v2(db, "unicase", SQLITE_UTF8, 0, unicase_compare, 0);
}
