"""A griffe extension (mkdocs.yml, mkdocstrings' ``extensions``): regkg's docstrings are written for
``help()`` and doctest, in reStructuredText habits; this turns those habits into the Markdown the
API pages render.

- doctest examples (``>>>`` and their output, up to a blank line) become ``pycon`` code blocks;
- a literal block (a paragraph ending in ``::``, then indented lines) becomes a code block;
- ````code```` becomes ```code```, and ``:func:`x``` (and ``:class:``, ``:mod:``, ``:meth:``,
  ``:attr:``, ``:data:``, ``:exc:``) becomes ```x```.
"""

from __future__ import annotations

import re

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|exc|obj|const):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def convert(text: str) -> str:
    r"""Docstring text in RST habits as Markdown.

    >>> print(convert("See :func:`decide` and ``x``::\n\n    a = 1"))
    See `decide` and `x`:
    <BLANKLINE>
    ```text
    a = 1
    ```
    <BLANKLINE>
    >>> convert(">>> 1 + 1\n2").splitlines()
    ['```pycon', '>>> 1 + 1', '2', '```']
    """
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
                i += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        if stripped.endswith("::") and not stripped.startswith(".."):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            body_indent = len(lines[j]) - len(lines[j].lstrip()) if j < len(lines) else 0
            if j < len(lines) and body_indent > len(indent):
                head = _inline(line[:-2].rstrip() if stripped != "::" else "")
                if head.strip():
                    out.append(head + ":")
                out.append("")
                block = []
                while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) >= body_indent):
                    block.append(lines[j][body_indent:])
                    j += 1
                while block and not block[-1].strip():
                    block.pop()
                out += [f"{indent}```text", *(indent + b if b else "" for b in block), f"{indent}```", ""]
                i = j
                continue
        out.append(_inline(line))
        i += 1
    return "\n".join(out)


def _inline(line: str) -> str:
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", line))


class RstToMarkdown(griffe.Extension):
    """Rewrites every docstring griffe loads (see :func:`convert`)."""

    def on_instance(self, *, obj, **kwargs) -> None:  # griffe >= 1
        if obj.docstring is not None:
            obj.docstring.value = convert(obj.docstring.value)
