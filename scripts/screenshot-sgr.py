#!/usr/bin/env python3
"""Rewrites `tmux capture-pane -e` output so aha draws it as the terminal did.

aha mishandles reverse video combined with later colour changes (the wizard's step bar and selected rows come
out black on black) and ignores dim. So this filter tracks the SGR state itself and emits, at every change, one
explicit sequence with reverse already resolved into foreground/background and dim turned into grey.

usage: tmux capture-pane -e -p | screenshot-sgr.py | aha --black --no-header
"""
import re
import sys

DEFAULT_FG_AS_BG = "48;5;252"  # the terminal's light grey text colour, as a background (reverse video)
DEFAULT_BG_AS_FG = "38;5;16"  # black, as a foreground; 38;5 so aha does not brighten it when bold
DIM_FG = "38;5;244"


class State:
    def __init__(self):
        self.reset()

    def reset(self):
        self.bold = self.dim = self.underline = self.reverse = False
        self.fg = None  # an SGR foreground like "34", "94" or "38;5;208"; None = default
        self.bg = None

    def apply(self, params):
        i = 0
        while i < len(params):
            p = params[i]
            if p in (0, None):
                self.reset()
            elif p == 1:
                self.bold = True
            elif p == 2:
                self.dim = True
            elif p == 22:
                self.bold = self.dim = False
            elif p == 4:
                self.underline = True
            elif p == 24:
                self.underline = False
            elif p == 7:
                self.reverse = True
            elif p == 27:
                self.reverse = False
            elif 30 <= p <= 37 or 90 <= p <= 97:
                self.fg = str(p)
            elif p == 39:
                self.fg = None
            elif 40 <= p <= 47 or 100 <= p <= 107:
                self.bg = str(p)
            elif p == 49:
                self.bg = None
            elif p in (38, 48) and i + 1 < len(params):
                if params[i + 1] == 5 and i + 2 < len(params):
                    value = f"{p};5;{params[i + 2]}"
                    i += 2
                elif params[i + 1] == 2 and i + 4 < len(params):
                    value = f"{p};2;{params[i + 2]};{params[i + 3]};{params[i + 4]}"
                    i += 4
                else:
                    value = None
                if p == 38:
                    self.fg = value
                else:
                    self.bg = value
            i += 1

    def sequence(self):
        fg, bg = self.fg, self.bg
        if self.dim and fg is None:
            fg = DIM_FG
        if self.reverse:
            fg, bg = as_fg(bg) or DEFAULT_BG_AS_FG, as_bg(fg) or DEFAULT_FG_AS_BG
        codes = ["0"]
        if self.bold:
            codes.append("1")
        if self.underline:
            codes.append("4")
        if fg:
            codes.append(fg)
        if bg:
            codes.append(bg)
        return "\x1b[" + ";".join(codes) + "m"


def as_fg(bg):
    if bg is None:
        return None
    if bg.startswith("48;"):
        return "38;" + bg[3:]
    return str(int(bg) - 10)


def as_bg(fg):
    if fg is None:
        return None
    if fg.startswith("38;"):
        return "48;" + fg[3:]
    return str(int(fg) + 10)


state = State()


def rewrite(match):
    raw = match.group(1)
    params = [int(x) if x else None for x in raw.split(";")] if raw else [0]
    state.apply(params)
    return state.sequence()


for line in sys.stdin:
    sys.stdout.write(re.sub(r"\x1b\[([0-9;]*)m", rewrite, line))
