"""Fetch one http(s) URL with a timeout, a streamed size limit, redirects and a clear User-Agent (layer 2).

Every failure (HTTP error status, timeout, refused connection, too large, too many redirects)
comes back as a Rejected with the status and a reason; nothing here raises for a bad URL.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from storyline.model import Rejected
from storyline.settings import Settings

MAX_REDIRECTS = 5
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
          "application/json;q=0.8,text/plain;q=0.7,*/*;q=0.5")


@dataclass(frozen=True)
class Fetched:
    """A successful response: body bytes, the URL after redirects, content type and declared charset."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    data: bytes


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched | Rejected:
    """GET ``url`` following redirects; bodies over ``settings.http_max_bytes`` are cut off and rejected."""
    limit = settings.http_max_bytes
    own = client is None
    if client is None:
        client = httpx.Client(
            timeout=httpx.Timeout(settings.http_timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
        )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                hint = "check the URL" if response.status_code in (404, 410) else "try again later"
                return Rejected(url, f"HTTP {response.status_code} {phrase}; {hint}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return Rejected(url, f"HTTP response too large ({declared} bytes > limit {limit}); "
                                     "raise STORYLINE_HTTP_MAX_BYTES")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return Rejected(url, f"HTTP response too large (more than the limit of {limit} bytes); "
                                         "raise STORYLINE_HTTP_MAX_BYTES")
                chunks.append(chunk)
            content_type = response.headers.get("content-type")
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                content_type=content_type,
                charset=response.charset_encoding,
                data=b"".join(chunks),
            )
    except httpx.TimeoutException:
        return Rejected(url, f"timed out after {settings.http_timeout:g} s; raise STORYLINE_HTTP_TIMEOUT or try later")
    except httpx.TooManyRedirects:
        return Rejected(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except httpx.ConnectError as exc:
        return Rejected(url, f"could not connect ({exc}); check the address and the network")
    except httpx.InvalidURL as exc:
        return Rejected(url, f"not a valid URL ({exc})")
    except httpx.HTTPError as exc:
        return Rejected(url, f"HTTP request failed ({type(exc).__name__}: {exc})")
    finally:
        if own:
            client.close()
