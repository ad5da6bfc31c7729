"""Documents from Jinja templates: case + timeline + templates -> Markdown -> HTML -> PDF.

Pure: no printing, no system clock (the document date is `as_of`), no network. The templates
run in Jinja's immutable sandbox with StrictUndefined; values from the case file are data only,
never template source, and every one of them is escaped for Markdown (`md_escape`) so that a
case value cannot become a link, an image, a heading or raw HTML. markdown-it-py then renders
that Markdown with raw HTML switched off.

Template lookup: the folders the caller passes, in order, then the templates that ship with wvp
(the package `wvp_cli.templates`, the top-level `templates/` folder of the source tree).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import html
import importlib
import logging
import os
import re
import stat
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import STATE_WORDS, STATUS_WORDS, long_date
from wvp_cli.core.milestones import MILESTONE_INFO, VISIE_REQUIRED_FROM
from wvp_cli.core.model import EVENT_TYPES, Case
from wvp_cli.core.placeholder import is_placeholder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import jinja2
    import jinja2.sandbox

PLACEHOLDER = "— nog in te vullen —"
GAP_MARKDOWN = f"*{PLACEHOLDER}*"


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    title: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plan", "plan.md.j2", "Plan van aanpak"),
        Kind("eerstejaarsevaluatie", "eerstejaarsevaluatie.md.j2", "Eerstejaarsevaluatie"),
        Kind("re-integratieverslag", "re-integratieverslag.md.j2", "Re-integratieverslag"),
        Kind("tweede-spoor-plan", "tweede-spoor-plan.md.j2", "Re-integratieplan tweede spoor"),
    )
}

CONCLUSION_WORDS = {
    "eigen_werk": "terugkeer in het eigen werk",
    "spoor_1": "spoor 1 (ander passend werk bij de eigen werkgever)",
    "spoor_2": "spoor 2 (passend werk bij een andere werkgever)",
    "spoor_1_en_2": "spoor 1 en spoor 2 tegelijk (passend werk bij de eigen werkgever "
    "en bij een andere werkgever)",
}
TRACK_WORDS = {
    1: "spoor 1 (werk bij de eigen werkgever)",
    2: "spoor 2 (werk bij een andere werkgever)",
}


class TemplateProblem(Exception):
    """A template that cannot be used: not found, syntax, undefined value, sandbox (exit 2)."""


class PdfUnavailable(Exception):
    """WeasyPrint (the `pdf` extra) is not installed or cannot load its libraries."""


@dataclass(frozen=True)
class Letterhead:
    """What the HTML page shows around the Markdown body: sender, and the running footer."""

    employer: str
    employee: str
    case_id: str
    date: str


@dataclass(frozen=True)
class Rendered:
    markdown: str
    missing: list[str]
    title: str = ""
    letterhead: Letterhead | None = None


# --- escaping -------------------------------------------------------------------------------

# Control characters other than tab and newline have no place in a document (and some are not
# even allowed in HTML); they become spaces like every other run of whitespace.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters with a meaning anywhere in a CommonMark (+ tables) line: code, emphasis, links and
# images, autolinks and raw HTML, table cells, entities. Backslash-escaping ASCII punctuation is
# always allowed in CommonMark and renders as the character itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~#])")
# At the start of a line: list items, setext underlines, ordered list items ("1." "1)").
_LEADING = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def plain(value: object) -> str:
    """A case value as Dutch text: dates in words, 32.0 as 32, 24.5 as 24,5, lists joined."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)


def md_escape(value: object) -> str:
    """`value` as inert Markdown text, on one line: it renders as exactly its characters.

    Whitespace (line breaks included) collapses to single spaces, so a value is safe in a table
    cell, a list item or a paragraph alike and can never open a block of its own.
    """
    text = " ".join(_CONTROL.sub(" ", plain(value)).split())
    if is_placeholder(text):  # wvp new's "NOG INVULLEN" is a gap, never data
        return GAP_MARKDOWN
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text
    )


class CaseText(str):
    """A string from the case file; `finalize` escapes it should a template print it bare.

    What a template makes of one stays case text: its characters, a slice, what a string
    method, an operator (`~`, `+`, `%`) or a filter returns (see `_Sandbox`)."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        return (CaseText(c) for c in str.__iter__(self))


def _tainted(value: object, depth: int = 0) -> bool:
    """Whether `value` is case text or a list, tuple or mapping that holds some."""
    if isinstance(value, CaseText):
        return True
    if depth > 8 or isinstance(value, str):
        return False
    if isinstance(value, list | tuple | set | frozenset):
        return any(_tainted(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return any(_tainted(k, depth + 1) or _tainted(v, depth + 1) for k, v in value.items())
    return False


def _taint(result: Any, *sources: object) -> Any:
    """`result` as case text (a list or tuple of strings: each of them) when one of `sources`
    is case text: what a template derives from a case value is escaped like the value."""
    if not any(_tainted(s) for s in sources):
        return result
    return _as_case_text(result)


def _as_case_text(result: Any, depth: int = 0) -> Any:
    if isinstance(result, CaseText) or depth > 8:
        return result
    if isinstance(result, str):
        return CaseText(result)
    if isinstance(result, list | tuple):
        return type(result)(_as_case_text(r, depth + 1) for r in result)
    return result


def _finalize(value: object) -> object:
    # Defence in depth: `{{ plan.goal }}` without md_escape still prints escaped text, and a
    # bare date prints in Dutch. Filters return plain `str`, which passes unchanged; so do
    # numbers. Anything else (a list, a mapping, bytes) prints escaped: its text may quote
    # case values.
    if isinstance(value, CaseText | dt.date):
        return md_escape(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return md_escape(value if isinstance(value, list | tuple) else str(value))


def _as_data(value: Any) -> Any:
    """Model dump -> plain data for the templates; every string marked as case text."""
    if isinstance(value, str):
        return CaseText(value)
    if isinstance(value, dict):
        return {str(k): _as_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_data(v) for v in value]
    return value


# --- the template context -------------------------------------------------------------------


def _context(case: Case, timeline: Timeline, as_of: dt.date) -> dict[str, Any]:
    """Everything a template may use; documented in README.md ("Eigen sjablonen")."""
    # The dossier at as_of: the events of the current case (on or after the first sick day) that
    # have happened, oldest first - the same events the clock counts.
    events: list[dict[str, Any]] = []
    for index, event in sorted(enumerate(case.events), key=lambda pair: (pair[1].date, pair[0])):
        if not timeline.first_sick_day <= event.date <= as_of:
            continue
        item = _as_data(event.model_dump(by_alias=True))
        item["index"] = index
        item["path"] = f"events[{index}]"
        item["week"] = timeline.clock.week_of(event.date)
        if event.type in ("plan_van_aanpak", "bijstelling", "eerstejaarsevaluatie"):
            item["needs_visies"] = event.date >= VISIE_REQUIRED_FROM
        events.append(item)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in EVENT_TYPES}
    for item in events:
        by_type[item["type"]].append(item)
    last = {t: (items[-1] if items else None) for t, items in by_type.items()}

    plans = [e for e in events if e["type"] in ("plan_van_aanpak", "bijstelling")]
    for number, item in enumerate(plans, start=1):
        item["version"] = number
    eje = last["eerstejaarsevaluatie"]
    plan_after_eje = (
        next((p for p in plans if p["date"] >= eje["date"] and p["type"] == "bijstelling"), None)
        if eje is not None
        else None
    )
    week_now = (
        timeline.clock.week_of(as_of)
        if timeline.state == "sick" and as_of >= timeline.first_sick_day
        else None
    )
    milestones = {
        m.code: {
            "code": m.code,
            "title": MILESTONE_INFO[m.code].title,
            "who": MILESTONE_INFO[m.code].who,
            "source": MILESTONE_INFO[m.code].source,
            "due": m.due,
            "window_start": m.window_start,
            "week": m.week,
            "done": m.done,
            "status": m.status,
            "status_words": STATUS_WORDS[m.status],
            "deviation": (
                _as_data(case.deviations[m.deviation].model_dump(by_alias=True))
                if m.deviation is not None
                else None
            ),
        }
        for m in timeline.milestones
    }
    return {
        "case": _as_data(case.model_dump(by_alias=True)),
        "as_of": as_of,
        "events": events,
        "by_type": by_type,
        "last": last,
        "plans": plans,
        "plan": plans[-1] if plans else None,
        "history": plans[:-1],
        "eje": eje,
        "plan_after_eje": plan_after_eje,
        "timeline": {
            "first_sick_day": timeline.first_sick_day,
            "last_sick_day": timeline.last_sick_day,
            "state": timeline.state,
            "state_words": STATE_WORDS[timeline.state],
            "week": week_now,
            "last_wage_day": timeline.last_wage_day,
            "base_last_wage_day": timeline.base_last_wage_day,
            "milestones": milestones,
        },
    }


# --- Jinja ----------------------------------------------------------------------------------


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


def _tidy(markdown: str) -> str:
    """Trailing spaces off, at most one blank line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def shown_name(name: str) -> str:
    """A name for the letterhead: the gap's words instead of wvp new's placeholder."""
    return PLACEHOLDER if is_placeholder(name) else name


def render_document(
    kind: str,
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path] = (),
) -> Rendered:
    """The Markdown of document `kind` for `case` at `as_of`, and what it still lacks."""
    if kind not in KINDS:
        raise TemplateProblem(f"onbekend document '{kind}'; kies uit {', '.join(KINDS)}")
    spec = KINDS[kind]
    session = _Session(template_dirs)
    env = session.environment()
    try:
        template = env.get_template(spec.template)
        markdown = template.render(_context(case, timeline, as_of))
    except TemplateProblem:  # from the loader: a bad template name, an unreadable file
        raise
    except RecursionError:
        raise TemplateProblem(f"sjabloon {spec.template}: te diep genest (recursie)") from None
    except Exception as exc:  # Jinja's errors, and operations inside a template: 1 + 'a'
        raise _problem(exc, spec.template, session.shown_names) from None
    letterhead = Letterhead(
        employer=shown_name(case.employer.name),
        employee=shown_name(case.employee.name),
        case_id=case.id,
        date=long_date(as_of),
    )
    return Rendered(_tidy(markdown), session.missing(), spec.title, letterhead)


# --- HTML -----------------------------------------------------------------------------------

# A stylesheet must not reach outside the document (self-contained, no remote resources) and
# must not end the <style> element it is placed in. It is read with a CSS tokenizer (tinycss2,
# CSS Syntax Level 3), as a browser reads it: an escape such as `\75 rl(` or `@\69mport` is
# the name it spells. Names with a vendor prefix count as the name (`-webkit-image-set`).
# `element(footer)` is no resource: it places a running element (CSS GCPM) or paints one of
# the page's own (CSS Images 4).
_CSS_FORBIDDEN_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "cross-fade"})
_CSS_FORBIDDEN_AT_RULES = frozenset({"import"})


def _css_name(name: str) -> str:
    return re.sub(r"^-[a-z0-9]+-", "", name)


def _css_problem(nodes: Iterable[Any], depth: int = 0) -> tuple[int, str] | None:
    """(line, what) of the first thing in `nodes` that can load a resource, or None."""
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url":
            return node.source_line, "url("
        if kind == "error" and node.kind in ("bad-url", "eof-in-url"):
            return node.source_line, "url("
        if kind == "function" and _css_name(node.lower_name) in _CSS_FORBIDDEN_FUNCTIONS:
            return node.source_line, f"{node.lower_name}("
        if kind == "at-rule" and _css_name(node.lower_at_keyword) in _CSS_FORBIDDEN_AT_RULES:
            return node.source_line, f"@{node.lower_at_keyword}"
        if depth > 100:
            return node.source_line, "te diep genest"
        for part in ("prelude", "content", "arguments"):
            inner = getattr(node, part, None)
            if isinstance(inner, list):
                found = _css_problem(inner, depth + 1)
                if found is not None:
                    return found
    return None


def load_css(template_dirs: Sequence[Path] = ()) -> str:
    """print.css from the caller's folders or the built-in one, checked to be self-contained."""
    css, shown = _read_template("print.css", template_dirs)
    return load_css_text(css, shown)


def load_css_text(css: str, shown: str) -> str:
    """`css` when it is self-contained, else TemplateProblem naming `shown` and the line."""
    # Untyped (no py.typed): imported by name, like WeasyPrint.
    tinycss2 = importlib.import_module("tinycss2")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    found = _css_problem(rules)
    end_tag = re.search("</", css)
    if end_tag is not None and (found is None or css.count("\n", 0, end_tag.start()) < found[0]):
        found = (css.count("\n", 0, end_tag.start()) + 1, "</")
    if found is not None:
        line, what = found
        raise TemplateProblem(
            f"sjabloon {shown}, regel {line}: '{what}' is niet toegestaan; het document "
            "moet op zichzelf staan (geen externe lettertypen, afbeeldingen of stylesheets)"
        )
    return css


def _markdown_it() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


_GAP_HTML = f"<em>{html.escape(PLACEHOLDER)}</em>"


def to_html(
    markdown: str,
    title: str,
    letterhead: Letterhead | None = None,
    css: str | None = None,
) -> str:
    """A self-contained A4 HTML document of `markdown`: inline CSS, no remote resources."""
    body = _markdown_it().render(markdown)
    # A gap is the one emphasis that only a template can produce: case values are escaped, so
    # their asterisks never become <em>.
    body = body.replace(_GAP_HTML, f'<em class="gap">{html.escape(PLACEHOLDER)}</em>')
    style = load_css() if css is None else css
    esc = html.escape
    if letterhead is not None:
        header = (
            '<header class="letterhead">\n'
            f'<p class="sender">{esc(letterhead.employer)}</p>\n'
            '<p class="mark">Vertrouwelijk · re-integratiedossier</p>\n'
            "</header>\n"
            '<div class="running-footer">'
            f"{esc(title)} · {esc(letterhead.employee)} · dossier {esc(letterhead.case_id)}"
            f" · {esc(letterhead.date)}"
            '<span class="pages"> · pagina <span class="page-number"></span> van '
            '<span class="page-count"></span></span></div>\n'
        )
    else:
        header = ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="wvp">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>\n{style.strip()}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{header}"
        f"<main>\n{body}</main>\n"
        "</body>\n"
        "</html>\n"
    )


# --- PDF ------------------------------------------------------------------------------------


def _weasyprint() -> Any:
    try:
        # The optional `pdf` extra, untyped: imported by name so mypy need not know it.
        weasyprint = importlib.import_module("weasyprint")
    except ImportError as exc:
        raise PdfUnavailable(
            'PDF maken vraagt WeasyPrint, de extra "pdf" van wvp: pip install "wvp[pdf]"'
        ) from exc
    except OSError as exc:  # WeasyPrint is there, but Pango (a system library) is not
        raise PdfUnavailable(
            f"WeasyPrint kan zijn systeembibliotheken niet laden ({exc}); installeer Pango, "
            "bijvoorbeeld: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from exc
    return weasyprint


def _refusing_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that fetches nothing: the document is self-contained by construction."""
    base = getattr(weasyprint, "URLFetcher", None)
    if base is None:  # WeasyPrint before the URLFetcher class: a plain function

        def refuse(url: str, *args: object, **kwargs: object) -> Any:
            raise ValueError(f"wvp haalt geen externe bronnen op ({url})")

        return refuse

    class Refuse(base):  # type: ignore[misc,valid-type]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: object = None) -> Any:
            raise ValueError(f"wvp haalt geen externe bronnen op ({url})")

    return Refuse()


@dataclass
class _Quiet:
    """WeasyPrint logs CSS it ignores as warnings; the document is ours, so keep stderr clean."""

    names: tuple[str, ...] = ("weasyprint", "fontTools")
    levels: dict[str, int] = field(default_factory=dict)

    def __enter__(self) -> None:
        for name in self.names:
            log = logging.getLogger(name)
            self.levels[name] = log.level
            log.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)


@contextlib.contextmanager
def _reproducible() -> Iterator[None]:
    """The subsetted fonts in a PDF carry a timestamp (fontTools writes the time into their
    `head` table unless SOURCE_DATE_EPOCH is set): a fixed one, so that the same document gives
    the same bytes. A SOURCE_DATE_EPOCH of the user's own is kept."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


#: PDF/A-2a: fonts embedded, an sRGB output intent, XMP metadata, tagged (docs/riv.md).
PDF_VARIANT = "pdf/a-2a"


def to_pdf(html_document: str) -> bytes:
    """The PDF/A-2a (archivable, tagged) of an HTML document from `to_html` (needs the `pdf`
    extra)."""
    weasyprint = _weasyprint()
    with _Quiet(), _reproducible():
        document = weasyprint.HTML(
            string=html_document, base_url=None, url_fetcher=_refusing_fetcher(weasyprint)
        )
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
