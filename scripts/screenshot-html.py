#!/usr/bin/env python3
"""Wraps aha's HTML fragment (stdin) into a page that looks like the terminal (stdout).

Browsers do not lay text out on a terminal's grid: a CJK glyph is not exactly two Latin cells wide and box-drawing
or symbol glyphs come from fallback fonts of other widths. So every non-ASCII character is put in an inline-block
exactly 1 or 2 cells wide (East Asian Wide/Fullwidth = 2, as the terminal counted it).

usage: aha --black --no-header < capture | screenshot-html.py COLS ROWS > page.html
"""
import html
import re
import sys
import unicodedata

cols, rows = int(sys.argv[1]), int(sys.argv[2])
fragment = sys.stdin.read()

# aha's fragment (--no-header) is text with <span style=...> for colours; touch only text outside tags.
def grid(text: str) -> str:
    out = []
    for ch in html.unescape(text):
        if ord(ch) < 0x80:
            out.append(html.escape(ch, quote=False))
        else:
            cells = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            out.append(f'<span class="c{cells}">{html.escape(ch)}</span>')
    return "".join(out)

body = re.sub(r"(^|>)([^<]+)", lambda m: m.group(1) + grid(m.group(2)), fragment)
page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; background: #000; }}
  body {{ padding: 12px; }}
  pre {{
    margin: 0; color: #d0d0d0; white-space: pre;
    font-family: "DejaVu Sans Mono", "Noto Sans CJK JP", monospace;
    font-size: 16px; line-height: 20px; width: {cols}ch; height: {rows * 20}px; overflow: hidden;
  }}
  /* One terminal cell is 1ch: the advance of DejaVu Sans Mono, the font of every ASCII character. */
  .c1, .c2 {{ display: inline-block; text-align: center; overflow: visible; line-height: 20px; }}
  .c1 {{ width: 1ch; }}
  .c2 {{ width: 2ch; }}
</style></head><body><pre>{body}</pre></body></html>
"""
sys.stdout.write(page)
