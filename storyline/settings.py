"""One settings object, read from the environment once and passed down explicitly (layer 1)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """Knobs a user may set; every field has an env variable STORYLINE_<NAME> (documented in README)."""

    db: str = "storyline.db"
    max_input_bytes: int = 20 * 1024 * 1024
    http_timeout: float = 15.0
    http_max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "storyline/0.1 (+https://example.invalid/storyline; news digest engine)"
    ingest_token: str | None = None
    max_request_bytes: int = 10 * 1024 * 1024
    summary_words: int = 100
    jobs: int | None = None  # processes that analyse articles; None = one per CPU
    languages: tuple[str, ...] = field(default=("nl", "en"))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        base = cls()
        return cls(
            db=env.get("STORYLINE_DB", base.db),
            max_input_bytes=int(env.get("STORYLINE_MAX_INPUT_BYTES", base.max_input_bytes)),
            http_timeout=float(env.get("STORYLINE_HTTP_TIMEOUT", base.http_timeout)),
            http_max_bytes=int(env.get("STORYLINE_HTTP_MAX_BYTES", base.http_max_bytes)),
            user_agent=env.get("STORYLINE_USER_AGENT", base.user_agent),
            ingest_token=env.get("STORYLINE_INGEST_TOKEN") or None,
            max_request_bytes=int(env.get("STORYLINE_MAX_REQUEST_BYTES", base.max_request_bytes)),
            summary_words=int(env.get("STORYLINE_SUMMARY_WORDS", base.summary_words)),
            jobs=_jobs(env.get("STORYLINE_JOBS")),
        )


def _jobs(value: str | None) -> int | None:
    """STORYLINE_JOBS: a positive number of analysis processes; unset, empty or 0 = one per CPU."""
    if not value or not value.strip():
        return None
    jobs = int(value)
    if jobs < 0:
        raise ValueError(f"STORYLINE_JOBS must be 0 (one per CPU) or a positive number, not {value!r}")
    return jobs or None
