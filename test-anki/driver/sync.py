"""Real Anki as a sync client, for the sync tests: the calls Anki desktop makes on its Collection
(qt/aqt/sync.py drives the same methods), pointed at a sync server the test runs (Anki's own
`python -m anki.syncserver`, see test-anki/support/sync-server.ts, or ours).

Nothing here decides anything a sync decides: which way a full sync goes is the caller's
choice, as it is the user's in Anki, and what a sync requires is reported as Anki's
ChangesRequired integer (NO_CHANGES 0, NORMAL_SYNC 1, FULL_SYNC 2, FULL_DOWNLOAD 3,
FULL_UPLOAD 4). Errors travel back with Anki's own text and type (SyncError, NetworkError, …).
"""

from __future__ import annotations

import time
from typing import Any

from anki.collection import Collection
from anki.sync import SyncAuth

# Long enough for any media sync a test makes on one machine; a hang becomes an error instead.
MEDIA_SYNC_DEADLINE_SECS = 60.0


def _auth(p: dict[str, Any]) -> SyncAuth:
    """The hkey and endpoint a login gave (Anki keeps them in the profile between syncs)."""
    return SyncAuth(hkey=p["hkey"], endpoint=p["endpoint"])


def _wait_for_media_sync(col: Collection) -> None:
    """Media syncs run in the background, as in Anki. Waits until none is running;
    media_sync_status() raises the error of a media sync that failed."""
    deadline = time.monotonic() + MEDIA_SYNC_DEADLINE_SECS
    while col.media_sync_status().active:
        if time.monotonic() > deadline:
            col.abort_media_sync()
            raise TimeoutError(f"the media sync was still running after {MEDIA_SYNC_DEADLINE_SECS:.0f} s")
        time.sleep(0.02)


def login(col: Collection, p: dict[str, Any]) -> Any:
    """Anki's sync login: the server checks the password and answers the host key."""
    auth = col.sync_login(p["username"], p["password"], p["endpoint"])
    return {"hkey": auth.hkey, "endpoint": auth.endpoint}


def sync_collection(col: Collection, p: dict[str, Any]) -> Any:
    """One press of Anki's Sync button: a normal sync when one can be made, else only the
    report that a full sync is required. With `media`, the media sync Anki starts after a
    normal sync is waited for too (none starts when a full sync is required)."""
    media = bool(p.get("media", False))
    out = col.sync_collection(_auth(p), media)
    # pylib keeps note type dicts in a Python-side cache that a sync changes underneath; the
    # desktop app drops it after a sync, so the reads that follow see what the backend holds.
    col.models._clear_cache()
    if media:
        _wait_for_media_sync(col)
    return {
        "required": int(out.required),
        "serverMessage": out.server_message,
        "newEndpoint": out.new_endpoint if out.HasField("new_endpoint") else None,
        "serverMediaUsn": out.server_media_usn,
    }


def full_sync(col: Collection, p: dict[str, Any]) -> Any:
    """A full upload (`upload` true) or download, bracketed as Anki desktop brackets it: the
    backend closes the collection for the transfer and opens it again, whatever the outcome.
    With `media`, the media sync that follows a full sync in Anki runs too, given the
    `serverMediaUsn` of the syncCollection that asked for the full sync (without it, a
    separate media sync runs afterwards)."""
    media = bool(p.get("media", False))
    server_usn = p.get("serverMediaUsn") if media else None
    col.close_for_full_sync()
    try:
        col.full_upload_or_download(auth=_auth(p), server_usn=server_usn, upload=bool(p["upload"]))
    finally:
        col.reopen(after_full_sync=True)
    if media:
        if server_usn is None:
            col.sync_media(_auth(p))
        _wait_for_media_sync(col)
    return None


def sync_media(col: Collection, p: dict[str, Any]) -> Any:
    """A media sync on its own (Anki runs one after each sync, or when the media folder changes)."""
    col.sync_media(_auth(p))
    _wait_for_media_sync(col)
    return None


def sync_status(col: Collection, p: dict[str, Any]) -> Any:
    """What Anki's sync button shows: NO_CHANGES 0, NORMAL_SYNC 1 or FULL_SYNC 2 (Anki asks the
    server and keeps an online answer for a few minutes)."""
    return int(col.sync_status(_auth(p)).required)
