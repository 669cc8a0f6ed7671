"""Text from data or file names made safe for a terminal, a log line or a CI annotation.

Control characters, line and paragraph separators and invisible formatting characters (bidirectional
overrides, zero-width characters) never reach the output as themselves: each is written as a visible escape
(`\\n`, `\\x1b`, `\\u202e`), so that one problem stays one line and no escape sequence reaches the terminal.
"""

from __future__ import annotations

import re

#: Control, line-separating and invisible formatting characters other than tab, LF and CR (a regex class body):
#: what a record file may not contain, and what text output never prints as itself.
INVISIBLE = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
             "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001-\U000e007f")
#: Characters that act on a terminal or a reader's view of the text rather than being shown.
UNSAFE = re.compile(f"[\t\n\r{INVISIBLE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def line(text: str) -> str:
    """`text` as one printable line: every unsafe character written as a visible escape."""
    return UNSAFE.sub(_visible, text)


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (`::error ...::MESSAGE`), on one line."""
    return line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a GitHub workflow command (`file=`, `title=`): `:` and `,` escaped too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
