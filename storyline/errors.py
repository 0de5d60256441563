"""Coded errors that say cause and fix (layer 1).

Every error a user can meet is raised as ``StorylineError(code, **details)``; the message comes
from the catalogue below, so wording lives in one place. The CLI prints ``error E###: message``
plus the hint and exits with ``exit_code``; the web API puts the same fields in its JSON envelope.
"""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes, documented in README: 0 ok, 1 nothing could be read / failed, 2 usage error,
# 3 not found, 4 store problem.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_STORE = 4


@dataclass(frozen=True)
class _Entry:
    message: str
    hint: str
    exit_code: int
    http_status: int


CATALOGUE: dict[str, _Entry] = {
    "E001": _Entry("no input could be read ({rejected} rejected)",
                   "check the paths; run with --json to see each rejection and its reason", EXIT_FAILED, 400),
    "E002": _Entry("path does not exist: {path}", "check the spelling, or quote globs so the shell does not expand them",
                   EXIT_USAGE, 400),
    "E010": _Entry("cannot open the database {path}: {reason}",
                   "check that the folder exists and is writable, or pass --db / set STORYLINE_DB", EXIT_STORE, 500),
    "E011": _Entry("the database {path} was written by a newer storyline (schema {found} > {known})",
                   "upgrade storyline, or use another --db", EXIT_STORE, 500),
    "E020": _Entry("no article with id {id}", "list ids with `storyline articles`", EXIT_NOT_FOUND, 404),
    "E021": _Entry("no story with id {id}", "list stories with `storyline digest` or /stories", EXIT_NOT_FOUND, 404),
    "E022": _Entry("{key} matches more than one article: {matches}",
                   "give the full id (or more characters of it) from `storyline articles`", EXIT_USAGE, 400),
    "E030": _Entry("search query is not valid: {reason}",
                   'put phrases in double quotes and balance parentheses, e.g. "Poetin" AND Sotsji', EXIT_USAGE, 400),
    "E040": _Entry("ingest over HTTP is disabled",
                   "start the server with STORYLINE_INGEST_TOKEN set to enable POST /api/articles", EXIT_USAGE, 403),
    "E041": _Entry("missing or wrong bearer token", "send 'Authorization: Bearer <token>'", EXIT_USAGE, 401),
    "E042": _Entry("request body too large ({size} bytes > {limit})",
                   "send fewer articles per request", EXIT_USAGE, 413),
    "E043": _Entry("the request body is not JSON or JSONL articles ({reason})",
                   "send a JSON array, a JSON object or JSON Lines in the article schema (id, title, text, "
                   "published, outlet, url, language)", EXIT_USAGE, 400),
    "E060": _Entry("no page at {path}", "start at / (stories) or /search; the API is described at /openapi.json",
                   EXIT_NOT_FOUND, 404),
    "E061": _Entry("method {method} is not allowed on {path}",
                   "use a method listed in the Allow header (see /openapi.json)", EXIT_USAGE, 405),
    "E062": _Entry("invalid request: {reason}", "check the parameters against /openapi.json", EXIT_USAGE, 422),
    "E063": _Entry("internal error while answering {path}",
                   "this is a bug; the server log has the details, please report it", EXIT_FAILED, 500),
    "E050": _Entry("the story has no articles", "pass at least one readable article", EXIT_FAILED, 400),
}


class StorylineError(Exception):
    """An error with a catalogue code; ``str()`` is the one-line message, ``hint`` the fix."""

    def __init__(self, code: str, **details: object) -> None:
        entry = CATALOGUE[code]
        self.code = code
        self.details = details
        self.message = entry.message.format(**details)
        self.hint = entry.hint
        self.exit_code = entry.exit_code
        self.http_status = entry.http_status
        super().__init__(self.message)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "hint": self.hint}
