"""Jinja for the documents: template lookup (the caller's folders, then the built-in ones), the
immutable sandbox in which case text stays case text, the filters, and Jinja's errors as one
Dutch line. Part of `render`.

Pure: no printing, no system clock, no network; reads template files only.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import stat
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.core.dutch import long_date
from wvp_cli.core.placeholder import is_placeholder
from wvp_cli.core.signatures import METHOD_WORDS
from wvp_cli.documents.context import CONCLUSION_WORDS, TRACK_WORDS
from wvp_cli.documents.text import GAP_MARKDOWN, _finalize, _taint, md_escape, plain

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import jinja2
    import jinja2.sandbox


class TemplateProblem(Exception):
    """A template that cannot be used: not found, syntax, undefined value, sandbox (exit 2)."""


def _builtin_templates() -> Traversable:
    return resources.files("wvp_cli.templates")


def _read_regular(path: Path) -> str | None:
    """The text of template file `path`, or None when there is none. A template is a regular
    file in the folder itself: a symbolic link (`plan.md.j2 -> /etc/passwd`, a CI secret) or
    a device or pipe is refused, not followed; the check is made on the open file itself."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if os.path.islink(path):  # O_NOFOLLOW refuses it too; this is for the message
            raise OSError(errno.ELOOP, "symbolic link")
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise TemplateProblem(
                f"sjabloon {path} is een symbolische koppeling; een sjabloon moet een gewoon "
                "bestand in de sjablonenmap zijn"
            ) from None
        if os.path.isdir(path):
            return None
        raise TemplateProblem(f"kan sjabloon {path} niet lezen: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            return None
        if not stat.S_ISREG(mode):
            raise TemplateProblem(
                f"sjabloon {path} is geen gewoon bestand; een sjabloon moet een gewoon bestand "
                "in de sjablonenmap zijn"
            )
        try:
            return handle.read().decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateProblem(f"sjabloon {path} is geen UTF-8-tekst") from None
        except OSError as exc:
            raise TemplateProblem(f"kan sjabloon {path} niet lezen: {exc.strerror}") from None


def _read_template(name: str, template_dirs: Sequence[Path]) -> tuple[str, str]:
    """(source, shown name) of `name`: the first of the caller's folders that has it, else
    the built-in one. Template names are plain file names, never paths."""
    if "/" in name or "\\" in name or name.startswith(".") or not name:
        raise TemplateProblem(f"sjabloonnaam '{name}' is geen bestandsnaam")
    for folder in template_dirs:
        candidate = folder / name
        source = _read_regular(candidate)
        if source is not None:
            return source, str(candidate)
    builtin = _builtin_templates().joinpath(name)
    if builtin.is_file():
        return builtin.read_text(encoding="utf-8"), f"{name} (ingebouwd)"
    folders = ", ".join(str(d) for d in template_dirs)
    where = f" in {folders} of" if folders else ""
    raise TemplateProblem(f"sjabloon {name} niet gevonden{where} bij de ingebouwde sjablonen")


@dataclass
class _Session:
    """One rendering: the environment and what the templates reported missing so far."""

    template_dirs: Sequence[Path]
    gaps: list[tuple[str, str | None]] = field(default_factory=list)
    shown_names: set[str] = field(default_factory=set)

    def gap(self, label: str, key: str | None = None) -> str:
        """`{{ gap("eindevaluatie", "events: type eindevaluatie") }}`: a marked placeholder,
        and an entry in the list of what is missing (`key` says where it belongs in the file)."""
        if (label, key) not in self.gaps:
            self.gaps.append((label, key))
        return GAP_MARKDOWN

    def fill(self, value: object, label: str, key: str | None = None) -> str:
        """`{{ plan.goal | fill("doel", plan.path ~ ".goal") }}`: the escaped value, or a gap."""
        empty = (
            value is None
            or is_placeholder(value)
            or (isinstance(value, str | list | tuple) and not plain(value).strip())
        )
        return self.gap(label, key) if empty else md_escape(value)

    def missing(self) -> list[str]:
        return [f"{label} ({key})" if key else label for label, key in self.gaps]

    def environment(self) -> jinja2.Environment:
        import jinja2

        def load(name: str) -> tuple[str, str, Callable[[], bool]]:
            source, shown = _read_template(name, self.template_dirs)
            self.shown_names.add(shown)
            return source, shown, lambda: True

        env = _sandbox()(
            loader=jinja2.FunctionLoader(load),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown, not HTML: values are escaped with md_escape instead
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        # Every filter that can turn case text into a plain string keeps it case text; the
        # ones below that escape (md_escape, fill) or only read dates are exempt.
        for name, function in list(env.filters.items()):
            env.filters[name] = _tainting(function)
        env.filters["join"] = _join_filter()
        env.filters.update(
            md_escape=md_escape,
            e=md_escape,
            escape=md_escape,
            fill=self.fill,
            date=lambda d: long_date(d) if isinstance(d, dt.date) else d,
            weekday_date=lambda d: long_date(d, weekday=True) if isinstance(d, dt.date) else d,
            conclusion=lambda c: CONCLUSION_WORDS.get(str(c), str(c)) if c else c,
            signature_method=lambda m: METHOD_WORDS.get(str(m), str(m)),
            track=_track_words,
        )
        env.globals.update(
            gap=self.gap,
            # The gaps so far, for a checklist at the end of a document: [{label, key}, ...]
            missing=lambda: [{"label": label, "key": key} for label, key in self.gaps],
            placeholder=GAP_MARKDOWN,
        )
        return env


def _tainting(function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose string result is case text when an argument is (`wraps` keeps
    Jinja's `pass_context`-style marks)."""

    @functools.wraps(function)
    def tainting(*args: Any, **kwargs: Any) -> Any:
        return _taint(function(*args, **kwargs), *args, *kwargs.values())

    return tainting


def _tainting_method(owner: Any, value: Any) -> Any:
    """A method of a string (`v.upper`, `'{}'.format`) whose string result is case text when
    the string or an argument is; `''.join` reads a generator once, before looking at it."""
    if not isinstance(owner, str):
        return value
    # A bound method of the string, or the sandbox's own wrapper of `str.format`; anything
    # else (an Undefined that raises the sandbox's SecurityError, a type) passes as it is.
    method_of_owner = getattr(value, "__self__", None) is owner
    if not (method_of_owner or getattr(value, "__name__", None) in ("format", "format_map")):
        return _taint(value, owner) if isinstance(value, str) else value

    def method(*args: Any, **kwargs: Any) -> Any:
        if getattr(value, "__name__", "") == "join" and args:
            args = (list(args[0]), *args[1:])
        return _taint(value(*args, **kwargs), owner, *args, *kwargs.values())

    return method


def _join_filter() -> Callable[..., Any]:
    import jinja2
    from jinja2.filters import do_join

    @jinja2.pass_eval_context
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        # The items are read first: a generator (`v|map("upper")`) cannot be looked at twice.
        items = list(value)
        return _taint(do_join(eval_ctx, items, d, attribute), items, d)

    return join


@functools.cache
def _sandbox() -> type[jinja2.sandbox.ImmutableSandboxedEnvironment]:
    """Jinja's immutable sandbox, in which what a template derives from case text stays case
    text: `v ~ ''`, `v + ''`, `'%s' % v`, `v[1:]`, `v[0]`, `v.upper()`, `''.join(v)`. Jinja
    joins `~` with a plain `str.join` in the code it generates, and slices in place; the code
    generator here calls `join_parts` and `sliced` instead."""
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat, Getitem, Slice
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Generator(CodeGenerator):
        def visit_Getitem(self, node: Getitem, frame: Frame) -> None:
            if not isinstance(node.arg, Slice):
                super().visit_Getitem(node, frame)
                return
            # Jinja slices in place, bypassing `getitem`: `v[1:]` is case text as `v` is.
            self.write("(lambda whole: environment.sliced(whole[")
            self.visit(node.arg, frame)
            self.write("], whole))(")
            self.visit(node.node, frame)
            self.write(")")

        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            self.write("environment.join_parts((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class Sandbox(ImmutableSandboxedEnvironment):
        code_generator_class = Generator
        intercepted_binops = frozenset({"+", "%", "*"})

        def join_parts(self, parts: tuple[Any, ...]) -> str:
            return _taint("".join(str(p) for p in parts), parts)  # type: ignore[no-any-return]

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _taint(super().call_binop(context, operator, left, right), left, right)

        def getattr(self, obj: Any, attribute: str) -> Any:
            return _tainting_method(obj, super().getattr(obj, attribute))

        def getitem(self, obj: Any, argument: Any) -> Any:
            return _tainting_method(obj, super().getitem(obj, argument))

        def sliced(self, part: Any, whole: Any) -> Any:
            return _taint(part, whole)

    return Sandbox


def _track_words(track: object) -> object:
    if isinstance(track, list | tuple):
        return " en ".join(TRACK_WORDS.get(t, str(t)) for t in track) if track else None
    if isinstance(track, int):
        return TRACK_WORDS.get(track, str(track))
    return track


def _template_line(exc: BaseException, names: set[str]) -> tuple[str | None, int | None]:
    """The innermost template frame of a runtime error (Jinja rewrites tracebacks so that
    template frames carry the template's file name and line)."""
    found: tuple[str | None, int | None] = (None, None)
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in names:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _problem(exc: Exception, fallback: str, names: set[str]) -> TemplateProblem:
    """A Jinja error as one Dutch line that names the template and the line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"sjabloon {exc.filename or exc.name or fallback}, regel {exc.lineno}"
        return TemplateProblem(f"{where}: syntaxfout: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(f"sjabloon {exc.name} niet gevonden (gevraagd vanuit {fallback})")
    name, line = _template_line(exc, names)
    where = f"sjabloon {name or fallback}" + (f", regel {line}" if line else "")
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            f"{where}: geweigerd door de sandbox: een sjabloon mag niet bij de interne "
            f"onderdelen van Python ({exc})"
        )
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateProblem(f"{where}: onbekende naam of waarde ({exc.message})")
    return TemplateProblem(f"{where}: fout bij het invullen ({type(exc).__name__}: {exc})")
