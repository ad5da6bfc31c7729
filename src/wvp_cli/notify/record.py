"""What `wvp notify` sent: one entry per peildatum per address, so that nothing goes twice.

A JSON file (`[notify] record`, default `.wvp_notify/sent.json` beside the configuration),
written atomically after every message that was delivered, so that a run that stops halfway
still knows what went. It holds addresses, dates and Message-IDs, never anything of a case.
Entries older than `KEEP_DAYS` before the peildatum are dropped.

Where it lives is a choice of the place that runs wvp: on a server with cron it is simply a
file; in CI it is the state the CI keeps between runs (GitHub Actions: `actions/cache`, see
docs/notify.md). When it is lost the worst that happens is that a run on the same peildatum
sends again what went before (with the same Message-ID): a lost record never loses a message.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wvp_cli.repo.files import WriteRefused, write_atomic

SCHEMA_VERSION = 1
KEEP_DAYS = 62
_GITIGNORE = "# Wat wvp notify verstuurde: de stand van deze machine, niet voor git.\n*\n"


class RecordProblem(Exception):
    """The record cannot be read or written (exit code 2: sending blind could send twice)."""


@dataclass
class Record:
    path: Path
    #: peildatum (ISO) -> address -> what was sent
    sent: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Record:
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise RecordProblem(
                f"{path} (wat wvp notify verstuurde) is onleesbaar: {exc}; herstel of verwijder "
                "het (dan kan wat vandaag al verstuurd is nog eens gaan)"
            ) from None
        sent = data.get("sent") if isinstance(data, dict) else None
        if not isinstance(sent, dict) or not all(
            isinstance(v, dict) and all(isinstance(i, dict) for i in v.values())
            for v in sent.values()
        ):
            raise RecordProblem(
                f"{path} is geen verzendlog van wvp notify; herstel of verwijder het"
            )
        return cls(path, sent)

    def has(self, as_of: dt.date, address: str) -> bool:
        return address in self.sent.get(as_of.isoformat(), {})

    def add(self, as_of: dt.date, address: str, info: dict[str, str]) -> None:
        self.sent.setdefault(as_of.isoformat(), {})[address] = info

    def document(self, as_of: dt.date) -> dict[str, Any]:
        oldest = (as_of - dt.timedelta(days=KEEP_DAYS)).isoformat()
        kept = {day: self.sent[day] for day in sorted(self.sent) if day >= oldest}
        return {"schema_version": SCHEMA_VERSION, "sent": kept}

    def save(self, as_of: dt.date) -> None:
        try:
            folder = self.path.parent
            if not folder.exists():
                # A folder of its own (the default .wvp_notify/) stays out of git by itself.
                folder.mkdir(parents=True)
                write_atomic(folder / ".gitignore", _GITIGNORE, force=True)
            text = json.dumps(self.document(as_of), indent=2, ensure_ascii=False) + "\n"
            write_atomic(self.path, text, force=True)
        except (OSError, WriteRefused) as exc:
            raise RecordProblem(f"kan de verzendlog {self.path} niet schrijven: {exc}") from None
