// The only place regdoctor touches ncurses' C macros. SwiftPM drops pkg-config's -D flags, so the wide-character
// API must be switched on here, before the header is included.
#ifndef REGDOCTOR_CNCURSESW_SHIM_H
#define REGDOCTOR_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals and macros Swift cannot import (stdscr is a mutable global: a Swift 6 concurrency error).
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline FILE *shim_stdin(void) { return stdin; }
static inline FILE *shim_stdout(void) { return stdout; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int shim_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }

static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_key_f(int n) { return KEY_F(n); }

/// Draws one cell: a grapheme (up to CCHARW_MAX wide characters, NUL-terminated) with attributes and a colour pair.
static inline int shim_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
  cchar_t cell;
  wchar_t chars[CCHARW_MAX + 1];
  int n = 0;
  while (n < CCHARW_MAX && text[n] != 0) { chars[n] = text[n]; n++; }
  chars[n] = 0;
  if (setcchar(&cell, chars, attrs, pair, NULL) == ERR) return ERR;
  return mvadd_wch(y, x, &cell);
}

/// Reads back the text of row y, columns [x, x+n) of stdscr (for tests of the backend).
static inline int shim_read_row(int y, int x, wchar_t *out, int n) {
  return mvinnwstr(y, x, out, n);
}

/// Reads back the attributes of one cell of stdscr (for tests of the backend).
static inline attr_t shim_cell_attrs(int y, int x) {
  cchar_t cell;
  if (mvin_wch(y, x, &cell) == ERR) return 0;
  wchar_t chars[CCHARW_MAX + 1];
  attr_t attrs = 0;
  short pair = 0;
  getcchar(&cell, chars, &attrs, &pair, NULL);
  return attrs;
}

#endif
