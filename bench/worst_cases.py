"""Adversarial inputs for the strict YAML reader, each just under its size limit (`MAX_BYTES`)."""

from __future__ import annotations

from collections.abc import Callable

from sleepdata.strict_yaml import MAX_BYTES


def deep_flow() -> str:
    """`a: [[[[...]]]]`, nested as deep as the size limit allows (about 260,000 levels)."""
    depth = (MAX_BYTES - 16) // 2
    return "a: " + "[" * depth + "]" * depth + "\n"


def deep_block() -> str:
    """Block mappings indented one more space per level, as deep as the size limit allows (about 1,000)."""
    lines, size = [], 0
    while True:
        line = " " * len(lines) + f"k{len(lines)}:"
        if size + len(line) + 1 > MAX_BYTES - 64:
            return "\n".join(lines) + " 1\n"
        lines.append(line)
        size += len(line) + 1


def many_keys() -> str:
    """40,000 distinct keys in one mapping."""
    return "".join(f"k{i}: 1\n" for i in range(40_000))


def many_aliases() -> str:
    """One anchor and 40,000 aliases to it (a billion-laughs shape)."""
    return "a: &a [x, y]\nb: [" + ", ".join(["*a"] * 40_000) + "]\n"


def long_line() -> str:
    """One 500 KB plain scalar on a single line."""
    return "a: " + "x" * (500 * 1024) + "\n"


def duplicate_keys() -> str:
    """40,000 repetitions of the same key."""
    return "a: 1\n" * 40_000


def duplicate_keys_slow_path() -> str:
    """The same, with a `!` in a comment, which sends the file to the pure-Python composer."""
    return "# note!\n" + "a: 1\n" * 40_000


CASES: dict[str, Callable[[], str]] = {
    "deep flow nesting": deep_flow,
    "deep block nesting": deep_block,
    "40k keys": many_keys,
    "40k aliases": many_aliases,
    "500 KB line": long_line,
    "40k duplicate keys": duplicate_keys,
    "40k duplicate keys, `!` in a comment": duplicate_keys_slow_path,
}
