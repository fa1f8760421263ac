"""Safe YAML loading with line numbers for error messages, and a bound on alias expansion."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import yaml

# Billion-laughs style alias bombs expand exponentially; rule files need few aliases, if any. With at most
# 20 aliases the largest possible expansion stays small.
MAX_ALIASES = 20
# Rule files, vocabularies, profiles and configurations are a few KB; a 50 MB list is a mistake (or an
# attack) that would cost every cold start tens of seconds.
MAX_YAML_FILE = 2 * 1024 * 1024
# CMS exports write "no date" as all zeros; such a value is no date (undated), not an impossible one.
_ZERO_DATE = re.compile(r"0{4}-0{1,2}-0{1,2}(?:[Tt ]0{1,2}:0{2}:0{2}(?:\.0+)?(?:[Zz]|[-+]0{1,2}(?::?0{2})?)?)?")


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date or time; an impossible one (``2024-02-30``, hour 25) is an error at its line."""
    text = loader.construct_scalar(node)
    if _ZERO_DATE.fullmatch(str(text)):
        return None
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"impossible date or time {text!r} ({exc})", node.start_mark
        ) from None


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML integer; one too long for Python to convert (thousands of digits) is an error at its line."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except (ValueError, OverflowError):
        digits = len(str(loader.construct_scalar(node)))
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {digits} digits is not a value this tool reads", node.start_mark
        ) from None


class YamlError(Exception):
    """A YAML file that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_at(text: str, index: int) -> int:
    """1-based line of a character index, counting LF, CRLF and CR as the linter does. (YAML's own marks
    also count NEL, U+2028 and U+2029 as line breaks, so their ``line`` can run ahead of the file's.)"""
    return len(_LINE_BREAK.findall(text, 0, index)) + 1


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping key and counts aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.text = stream

    def line_of(self, mark: Any) -> int:
        return line_at(self.text, mark.index)

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                event = self.peek_event()
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_ALIASES} aliases (refused: alias expansion is bounded)",
                    problem_mark=event.start_mark,
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        for key_node, _ in node.value:
            with contextlib.suppress(TypeError):  # an unhashable key; validation reports it
                mapping.lines[key_node.value] = self.line_of(key_node.start_mark)
        mapping.line = self.line_of(node.start_mark)
        return mapping


class LineDict(dict):  # type: ignore[type-arg]
    """A dict that knows the line of each key (``lines``) and of itself (``line``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 0


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),  # type: ignore[arg-type]  # mapping tag: a MappingNode
)


def load_text(text: str, path: str) -> Any:
    """Parse YAML text safely; raise YamlError naming the file and line."""
    try:
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: the reader refuses it on construction
        line = line_at(text, exc.position) if isinstance(exc.position, int) else None
        raise YamlError(path, f"invalid YAML: character {exc.character!r} is not allowed", line) from None
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = loader.line_of(mark) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(path, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, f"invalid YAML: {exc}") from None
    except (ValueError, OverflowError) as exc:  # a value no constructor could build
        raise YamlError(path, f"invalid YAML value: {exc}") from None
    except RecursionError:
        raise YamlError(path, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


for _loader in (_LineLoader,):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _integer)

_C_LOADER = getattr(yaml, "CSafeLoader", None)
_FAST_LOADER: Any = None
if _C_LOADER is not None:

    class _FastLoader(_C_LOADER):  # type: ignore[misc,valid-type]
        """libyaml's safe loader with the same date and integer handling as the counting loader."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _FastLoader.add_constructor("tag:yaml.org,2002:int", _integer)
    _FAST_LOADER = _FastLoader


def load_data(text: str, path: str) -> Any:
    """Parse YAML whose key lines are not needed (front matter): libyaml's safe loader when the text has
    no anchors or aliases (so nothing can expand), else the counting loader above."""
    if _FAST_LOADER is None or "&" in text or "*" in text:
        return load_text(text, path)
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # CSafeLoader: the safe loader, in C
    except (yaml.YAMLError, ValueError, OverflowError):
        return load_text(text, path)  # the same error, with the line as the pure-Python loader reports it


def load_file(path: Path) -> Any:
    from lint.pack.safe_read import ReadRefused, read_regular

    try:
        text = read_regular(path, MAX_YAML_FILE, "the size limit of YAML files").decode("utf-8-sig")
    except ReadRefused as exc:
        raise YamlError(str(path), exc.message) from None
    except UnicodeDecodeError as exc:
        raise YamlError(str(path), f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise YamlError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return load_text(text, str(path))
