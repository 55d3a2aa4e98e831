"""What calendars were told before, read from the repository's history of the events folder.

Calendar programs apply a changed entry only if its SEQUENCE is higher than the one they hold,
and forget nothing on their own: an entry that vanishes from a feed stays in every calendar that
imported it. So the build needs to know what earlier builds published. It reads that from git,
which every copy of the site with its history holds, offline, and which gives the same answer
for the same commit on any machine:

- every version of each event file on the main line (``git log --first-parent``: a branch's
  intermediate commits were never published), plus the working tree as one more version when
  it differs (``make serve``, or a build before committing);
- per session (file and ``id``, the UID), a SEQUENCE that starts at the session's ``revision``
  (plus one if its status is not scheduled, as without history) and rises by one in each version
  that changes its start, end, time zone, place (the venue key and the venue's own entry in
  ``_venues.yml``), online details, title or status, or brings it back; ``revision:`` is a floor
  that can only raise it;
- a session that leaves the sources (removed from its file, the file deleted, renamed or made a
  draft) while still to come is *withdrawn*: one more SEQUENCE, published as cancelled;
- the stamp (DTSTAMP, LAST-MODIFIED) of each session: the time of the commit that last changed
  its file, not the build date, so unchanged sources give the same bytes.

Without git, or outside a repository, ``History.state`` says so and calendars follow the sources
alone (``revision:``). A shallow clone holds a cut history that would give lower SEQUENCEs than
those already published: ``state`` is "shallow" and the adapter refuses to publish.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import gc
import hashlib
import os
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from yaml import MappingNode

from . import schema
from .fields import Checker, Field, Fields, Kind
from .load import compose

GIT_TIMEOUT = 120
SHARED = ("_organisers.yml", "_venues.yml", "_testimonials.yml")
VENUES = "_venues.yml"


@dataclass(frozen=True)
class Told:
    """What the feeds say of one session: its SEQUENCE and when its file last changed (UTC)."""

    sequence: int
    stamp: dt.datetime


@dataclass(frozen=True)
class Withdrawal:
    """Sessions that left the sources while still to come, and the last text that held them."""

    name: str  # events/x.yml, as the folder is named in the project
    slug: str
    text: str  # the last published version of the file that held these sessions
    shared: dict  # _organisers.yml etc. -> their text at that version (to read it as it was)
    sessions: tuple[str, ...]  # ids
    on: dt.date  # the day they were withdrawn
    file_gone: bool  # the whole file left (deleted, renamed or made a draft), not just sessions
    renamed_to: str | None = None  # the slug of the file it was renamed to, if git saw a rename


@dataclass
class History:
    """What earlier versions of the events folder told calendars."""

    state: str  # "full", "shallow", "none" (no repository, no commits, or no git)
    told: dict = field(default_factory=dict)  # (slug, session id) -> Told
    withdrawals: tuple = ()  # Withdrawal, oldest first
    versions: int = 0  # file versions read
    stamps: dict = field(default_factory=dict)  # slug -> UTC time of the last change to its file

    def told_of(self, slug: str, session_id: str) -> Told | None:
        return self.told.get((slug, session_id))


# --- reading git ---------------------------------------------------------------------------------

class _Git:
    def __init__(self, root: Path):
        self.root = root
        self.env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}

    def run(self, *args: str, data: bytes | None = None) -> bytes | None:
        try:
            result = subprocess.run(["git", "-C", str(self.root), *args], input=data, capture_output=True,
                                    timeout=GIT_TIMEOUT, env=self.env)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    def start(self, *args: str) -> subprocess.Popen | None:
        """``run``, started and left running: ``finish`` gives what ``run`` would have."""
        try:
            return subprocess.Popen(["git", "-C", str(self.root), *args], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self.env)
        except OSError:
            return None

    @staticmethod
    def finish(process: subprocess.Popen | None) -> bytes | None:
        if process is None:
            return None
        try:
            out, _ = process.communicate(timeout=GIT_TIMEOUT)
        except subprocess.SubprocessError:
            process.kill()
            process.communicate()
            return None
        return out if process.returncode == 0 else None

    def blobs(self, ids: list[str], each=None) -> dict[str, bytes]:
        """Each blob's bytes, read in one ``git cat-file --batch``. ``each(id, bytes)`` is called
        as each blob arrives, so that the caller reads one while git, on another core, unpacks
        the next. Nothing if git fails (as ``run``)."""
        if not ids:
            return {}
        try:
            process = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, env=self.env)
        except OSError:
            return {}
        request = "".join(f"{i}\n" for i in ids).encode()

        def feed():  # in a thread: git answers while it reads, and a full pipe would stop both
            try:
                process.stdin.write(request)
                process.stdin.close()
            except OSError:  # git stopped (killed, or failed)
                pass

        writer = threading.Thread(target=feed, daemon=True)
        timer = threading.Timer(GIT_TIMEOUT, process.kill)
        writer.start()
        timer.start()
        found, out, finished = {}, process.stdout, False
        try:
            while header := out.readline():
                parts = header.split()
                if len(parts) < 3:  # "<id> missing"
                    continue
                blob, size = parts[0].decode(), int(parts[2])
                data = out.read(size)
                out.read(1)  # the newline after each blob
                found[blob] = data
                if each is not None:
                    each(blob, data)
            finished = True
        finally:
            if not finished:
                process.kill()
            out.close()
            writer.join()
            process.wait()
            timer.cancel()
        return found if process.returncode == 0 else {}


@dataclass
class _Commit:
    time: int
    changes: list  # (status, old path, new path or None, new blob or None)


def _commits(git: _Git, folder: str, revisions: tuple[str, ...] = ()) -> list[_Commit] | None:
    """Each main-line commit that touched ``folder``, oldest first, with its changes there (of
    HEAD's history, or of ``revisions``, such as ``old..new``)."""
    out = git.run("log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw", "--no-abbrev",
                  "-M", "--format=%x01%ct", *revisions, "--", f"{folder}/")
    if out is None:
        return None
    commits = []
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith("\x01"):
            commits.append(_Commit(int(line[1:]), []))
        elif line.startswith(":") and commits:
            meta, _, paths = line.partition("\t")
            fields = meta.split()
            status, new_blob = fields[4], fields[3]
            names = paths.split("\t")
            if status.startswith("R"):
                commits[-1].changes.append(("R", names[0], names[1], new_blob))
            elif status == "D":
                commits[-1].changes.append(("D", names[0], None, None))
            else:
                commits[-1].changes.append(("M", names[0], names[0], new_blob))
    return commits


# --- reading one version -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Version:
    """What one version of an event file tells calendars: per session id, what it says and the
    last day it takes place, and the floor of its SEQUENCE."""

    published: bool  # not a draft, not a programme, readable
    title: str | None
    sessions: dict  # id -> (what calendars hold, venue key, last day, floor)


_UNREADABLE = _Version(False, None, {})


def _canonical(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    return value


class _Ignored(Kind):
    def read(self, node, path, check):
        return None


class _OnlyThese(dict):
    """Fields of the event schema that calendars hold; any other key of the file reads as
    nothing, silently (``Fields.read`` looks each key up with ``get``)."""

    def get(self, key, default=None):
        return dict.get(self, key, _IGNORED)


_IGNORED = Field(_Ignored())
# What read_version uses of a version: read as schema.EVENT reads them (the same readers), but
# not the summary, body, booking, outcomes and the rest, which are most of a file's fields.
_CALENDAR_FIELDS = ("title", "timezone", "sessions", "draft")
_CALENDAR_EVENT = Fields(_OnlyThese({key: schema.EVENT.fields[key] for key in _CALENDAR_FIELDS}))


def read_version(text: str, name: str) -> _Version:
    """What one version of an event file says of its sessions, as far as calendars hold it."""
    return version_of(compose(text, name)[0], name)


def version_of(node, name: str) -> _Version:
    """``read_version`` of a text already composed (validation gives the working tree's nodes
    through ``Seen``, so that the last commit's versions of unchanged files are not composed twice)."""
    if node is None or not isinstance(node, MappingNode):  # a list or a bare value was never published
        return _UNREADABLE
    check = Checker(name)
    kind = next((v for k, v in getattr(node, "value", ()) if getattr(k, "value", None) == "kind"), None)
    if kind is not None:
        return _programme_version(node, name) if getattr(kind, "value", None) == "programme" else _UNREADABLE
    record = _CALENDAR_EVENT.read(node, "", check)
    if record is not None and not record:  # none of them: whether the file is published depends
        record = schema.EVENT.read(node, "", check)  # on whether any other field can be read
    if not record or record.get("draft"):
        return _Version(False, None, {})
    zone = record.get("timezone")
    title = record.get("title")
    sessions = {}
    for session in record.get("sessions") or ():
        if not session or "id" not in session or "start" not in session:
            continue
        start, end = session["start"], session.get("end")
        first = start.date() if isinstance(start, dt.datetime) else start
        if isinstance(end, dt.datetime):
            last = end.date()
        elif isinstance(end, dt.date):  # whole days: the block's last day
            last = end
        else:  # a time on the start's day, or no end yet
            last = first
        status = session.get("status", "scheduled")
        said = (start, end, session.get("timezone", zone), _canonical(session.get("online")), status, title,
                session.get("time_to_be_confirmed", False), session.get("area"), session.get("each_day", False),
                session.get("title"))
        floor = session.get("revision", 0) + (0 if status == "scheduled" else 1)
        sessions[session["id"]] = (said, session.get("venue"), last, floor, status)
    return _Version(True, title, sessions)


def _programme_version(node, name: str) -> _Version:
    """What a version of a programme file tells calendars: per part with fixed dates (keyed
    "option.part", as its UIDs are), its dates, times, venue and title."""
    import yaml  # the node without its kind: line, as validate reads it

    rest = yaml.MappingNode(node.tag, [(k, v) for k, v in node.value if getattr(k, "value", None) != "kind"],
                            node.start_mark, node.end_mark)
    record = schema.PROGRAMME.read(rest, "", Checker(name))
    if not record or record.get("draft"):
        return _Version(False, None, {})
    title = record.get("title")
    parts = {}
    for option in record.get("options") or ():
        for part in (option or {}).get("parts") or ():
            dates = tuple((part or {}).get("dates") or ())
            if not dates or "id" not in part or "id" not in option:
                continue
            said = (dates, part.get("start"), part.get("end"), record.get("timezone"), None, "scheduled", title,
                    option.get("title"), part.get("title"))
            parts[f"{option['id']}.{part['id']}"] = (said, part.get("venue"), max(dates), part.get("revision", 0),
                                                     "scheduled")
    return _Version(True, title, parts)


def _venues(text: str | None) -> dict:
    """Each venue's entry in a version of ``_venues.yml``, to compare: key -> canonical value."""
    if not text:
        return {}
    node, _ = compose(text, VENUES)
    if node is None:
        return {}
    record = schema.VENUES.read(node, "", Checker(VENUES)) or {}
    return {key: _canonical(value) for key, value in record.items()}


# --- the walk ------------------------------------------------------------------------------------

@dataclass
class _Session:
    sequence: int
    said: tuple
    present: bool
    last: dt.date
    text: str | None = None  # the last version holding it
    shared: dict | None = None
    name: str = ""


@dataclass
class _Pending:
    """A session withdrawn and not come back: where it was last published."""

    name: str
    text: str
    shared: dict
    on: dt.date
    file_gone: bool
    renamed_to: str | None


class _Walk:
    def __init__(self, folder: str, today: dt.date):
        self.folder = folder
        self.today = today
        self.sessions: dict = {}  # (slug, id) -> _Session
        self.stamps: dict = {}  # slug -> UTC time of the last change to its file
        self.withdrawn: dict = {}  # (slug, id) -> _Pending
        self.venues: dict = {}
        self.shared_text: dict = {}  # shared file name -> its text now
        self.texts: dict = {}  # slug -> (name, text, version) now
        self.present: dict = {}  # slug -> ids of its sessions published now
        self.versions = 0

    def step(self, slug: str, name: str, text: str | None, version: _Version | None, moment: dt.datetime,
             renamed_to: str | None = None, file_changed: bool = True) -> None:
        """One more version of one file (``text`` None: it is gone)."""
        day = min(moment.date(), self.today)
        if file_changed:
            self.stamps[slug] = moment
            self.versions += 1
        now = version.sessions if version is not None and version.published else {}
        before = self.present.get(slug, ())
        self.present[slug] = set(now)
        shared = dict(self.shared_text)
        for sid, (said, venue, last, floor, status) in now.items():
            said = (*said, venue, self.venues.get(venue))
            kept = self.sessions.get((slug, sid))
            if kept is None:
                self.sessions[(slug, sid)] = _Session(floor, said, True, last, text, shared, name)
            else:
                changed = not kept.present or kept.said != said
                kept.sequence = max(kept.sequence + changed, floor)
                kept.said, kept.present, kept.last, kept.text, kept.shared, kept.name = (said, True, last, text,
                                                                                        shared, name)
            self.withdrawn.pop((slug, sid), None)
        for sid in before:
            if sid in now:
                continue
            kept = self.sessions[(slug, sid)]
            kept.present = False
            if kept.last >= day and kept.said[4] != "cancelled":  # still to come: tell calendars it is off
                kept.sequence += 1
                self.withdrawn[(slug, sid)] = _Pending(kept.name, kept.text, kept.shared, day, text is None or
                                                       version is None or not version.published, renamed_to)
            elif kept.last >= day:  # already published as cancelled: it stays so, at the same SEQUENCE
                self.withdrawn[(slug, sid)] = _Pending(kept.name, kept.text, kept.shared, day, text is None or
                                                       version is None or not version.published, renamed_to)


def _slug_of(path: str, folder: str) -> str | None:
    """The slug of an event file directly in ``folder`` (``events/x.yml`` -> ``x``), else None."""
    head, _, base = path.rpartition("/")
    if head != folder or not base.endswith(".yml") or base.startswith("_"):
        return None
    return base[:-4]


# Kept for the life of the process, so that under `mkdocs serve` a rebuild reads only what
# changed: the walk over the committed history, which is the same while HEAD is (for the same
# folder and today) and goes on from where it was when commits are added on top of it; and the
# working tree's changed files as last read, by the id of their bytes (which names the content).
# The walk is kept from the second read of the same history on: a process that reads it once (a
# build) keeps nothing, where the walk would hold about 9 MB per 1,000 events of 3 versions.
@dataclass
class _Committed:
    head: str  # the commit the walk went up to
    walk: _Walk  # the walk after it, before any working-tree change (never changed in place)
    last: int  # the time of the last commit that touched the folder (0: none)


_COMMITTED: dict = {}  # (root, folder, prefix, today) -> _Committed; one entry
_WORKTREE: dict = {}  # blob id of a working-tree file's bytes -> its _Version; those of the last read
_READ: set = set()  # the keys of _COMMITTED read in this process


def clear_caches() -> None:
    """Forget the walk over the committed history and the working tree's versions (for measuring)."""
    _COMMITTED.clear()
    _WORKTREE.clear()
    _READ.clear()


def _blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _copy(walk: _Walk) -> _Walk:
    """A walk that can go on without changing ``walk``."""
    other = copy.copy(walk)
    other.sessions = {key: dataclasses.replace(kept) for key, kept in walk.sessions.items()}
    other.present = {slug: set(ids) for slug, ids in walk.present.items()}
    for name in ("stamps", "withdrawn", "venues", "shared_text", "texts"):
        setattr(other, name, dict(getattr(walk, name)))
    return other


def _on_top(git: _Git, old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with commits added on top of it on the main line: whether ``old``
    is on ``new``'s first-parent line (so that the log of ``old..new`` is what follows it)."""
    out = git.run("rev-list", "--first-parent", "--parents", f"{old}..{new}")
    lines = out.split(b"\n") if out else []
    while lines and not lines[-1]:
        lines.pop()
    return bool(lines) and lines[-1].split()[1:2] == [old.encode()]


class Seen:
    """The versions of event files as validation read them from the working tree, by file name
    with their text: handed to ``read_history``, they spare composing again the versions the
    last commit holds of files not changed since (a third of the versions a history reads when
    every file has three). Give ``add`` to ``validate.load_catalogue`` as its ``seen``."""

    def __init__(self):
        self.versions: dict[str, tuple[str, _Version]] = {}

    def add(self, name: str, text: str, node) -> None:
        self.versions[name.rpartition("/")[2]] = (text, version_of(node, name))

    def version(self, name: str, text: str) -> _Version | None:
        """The version read from ``text`` if validation read that very text as ``name``."""
        found = self.versions.get(name.rpartition("/")[2])
        return found[1] if found is not None and found[0] == text else None


def read_history(root: Path, folder: Path, today: dt.date, seen: Seen | None = None) -> History:
    """What the history of ``folder`` (inside the project at ``root``) told calendars, up to the
    working tree. ``today`` is the build's: what counts as still to come. ``seen``: the working
    tree's files as validation read them, if it did."""
    collecting = gc.isenabled()
    gc.disable()  # versions' node trees hold no cycles: collections they set off would find nothing
    try:
        return _read_history(root, folder, today, seen or Seen())
    finally:
        if collecting:
            gc.enable()


def _read_history(root: Path, folder: Path, today: dt.date, seen: Seen) -> History:
    git = _Git(root)
    top = git.run("rev-parse", "--show-prefix", "--is-shallow-repository")
    if top is None:
        return History("none")
    prefix, shallow = (top.decode().split("\n") + ["", ""])[:2]
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return History("none")
    if shallow.strip() == "true":
        return History("shallow")
    # The working tree's state, asked for now and read at the end: git works on it meanwhile.
    status_run = git.start("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--",
                           f"{relative}/")
    found = git.run("rev-parse", "-q", "--verify", "HEAD^{commit}")
    head = found.decode().strip() if found else None
    key = (str(root.resolve()), relative, prefix, today)
    kept = _COMMITTED.get(key)
    contents: dict[str, bytes] = {}
    versions: dict[str, _Version] = {}

    def text_of(blob: str | None) -> str | None:
        data = contents.get(blob) if blob else None
        return data.decode("utf-8-sig", "replace") if data is not None else None

    def as_version(blob: str | None, text: str | None, name: str) -> _Version | None:
        if text is None:
            return None
        if blob not in versions:
            versions[blob] = seen.version(name, text) or read_version(text, name)
        return versions[blob]

    def local(path: str) -> str | None:
        return path[len(prefix):] if path.startswith(prefix) else None

    if head is not None and kept is not None and kept.head == head:
        walk, last, shared = kept.walk, kept.last, True
    else:
        commits = None
        if head is not None and kept is not None and _on_top(git, kept.head, head):
            commits = _commits(git, relative, (f"{kept.head}..{head}",))
            if commits is not None:
                walk, last = _copy(kept.walk), kept.last
        if commits is None:
            commits = _commits(git, relative, (head,) if head else ())
            if commits is None:  # no commit yet
                commits = []
            walk, last = _Walk(relative, today), 0
        needed = sorted({c[3] for commit in commits for c in commit.changes if c[3]})
        # Event files' versions are read as git hands them over, while it unpacks the next.
        events = {blob: path for commit in commits for _, _, new, blob in commit.changes
                  if blob and new and (path := local(new)) and _slug_of(path, relative)}

        def arrived(blob: str, data: bytes) -> None:
            name = events.get(blob)
            if name is not None and blob not in versions:
                text = data.decode("utf-8-sig", "replace")
                versions[blob] = seen.version(name, text) or read_version(text, name)

        contents.update(git.blobs(needed, arrived))
        for commit in commits:
            moment = dt.datetime.fromtimestamp(commit.time, dt.timezone.utc)
            apply_versions(walk, [(local(old), local(new) if new else None, blob)
                                  for _, old, new, blob in commit.changes],
                           text_of, as_version, moment, [c[0] for c in commit.changes])
        if commits:
            last = commits[-1].time
        shared = head is not None and key in _READ  # read before: a rebuild, as under mkdocs serve
        if shared:
            _COMMITTED.clear()
            _COMMITTED[key] = _Committed(head, walk, last)
        _READ.add(key)
        contents.clear()
        versions.clear()
    # The working tree, as one more version where it differs from the last commit.
    status = git.finish(status_run)
    worktree = {}
    if status:
        entries = [e for e in status.decode("utf-8", "replace").split("\0") if len(e) > 3]
        changes = []
        for entry in entries:
            path = local(entry[3:])
            if path is None:
                continue
            target = root / path
            try:
                if not target.is_file() or target.is_symlink():
                    raise OSError
                data = target.read_bytes()
            except OSError:
                changes.append((path, None, None))
                continue
            blob = _blob_id(data)
            contents[blob] = data
            if blob in _WORKTREE:
                versions[blob] = _WORKTREE[blob]
            changes.append((path, path, blob))
        if changes:
            if shared:  # the kept walk stays as the last commit left it
                walk = _copy(walk)
            midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc)
            moment = max(midnight, dt.datetime.fromtimestamp(last, dt.timezone.utc))
            apply_versions(walk, changes, text_of, as_version, moment, ["M" if n else "D" for _, n, _ in changes])
            worktree = {blob: versions[blob] for _, _, blob in changes if blob in versions}
    _WORKTREE.clear()
    _WORKTREE.update(worktree)
    told = {key: Told(kept.sequence, walk.stamps.get(key[0]))
            for key, kept in walk.sessions.items()}
    withdrawals = _withdrawals(walk)
    return History("full", told, tuple(withdrawals), walk.versions, dict(walk.stamps))


def apply_versions(walk: _Walk, changes, text_of, as_version, moment: dt.datetime, kinds) -> None:
    """One commit's (or the working tree's) changes: ``changes`` are (old path, new path or None,
    new blob) relative to the project. Shared files first, so that an event file and the venue
    it names, added in one commit, make one version."""
    folder = walk.folder
    venues_text = walk.shared_text.get(VENUES)
    renamed, stepped = {}, set()
    for (old, new, blob), kind in zip(changes, kinds):
        if old is None:
            continue
        head, _, base = old.rpartition("/")
        if head == folder and base in SHARED:
            if new is None:
                walk.shared_text.pop(base, None)
            else:
                walk.shared_text[base] = text_of(blob)
        elif kind == "R" and new is not None:
            old_slug, new_slug = _slug_of(old, folder), _slug_of(new, folder)
            if old_slug and new_slug:
                renamed[old_slug] = new_slug
    changed_venues = set()
    if walk.shared_text.get(VENUES) != venues_text:
        new = _venues(walk.shared_text.get(VENUES))
        changed_venues = {k for k in set(new) | set(walk.venues) if new.get(k) != walk.venues.get(k)}
        walk.venues = new
    for (old, new, blob), kind in zip(changes, kinds):
        if old is None or old.rpartition("/")[2] in SHARED:
            continue
        if kind == "R" or new is None:  # the old path is gone
            slug = _slug_of(old, folder)
            if slug:
                walk.texts.pop(slug, None)
                walk.step(slug, old, None, None, moment, renamed_to=renamed.get(slug))
                stepped.add(slug)
        if new is not None:
            slug = _slug_of(new, folder)
            if slug:
                text = text_of(blob)
                version = as_version(blob, text, new)
                walk.texts[slug] = (new, text, version)
                walk.step(slug, new, text, version, moment)
                stepped.add(slug)
    if changed_venues:  # sessions at a venue whose entry changed have changed
        for slug, (name, text, version) in list(walk.texts.items()):
            if slug not in stepped and version is not None and any(
                    v[1] in changed_venues for v in version.sessions.values()):
                walk.step(slug, name, text, version, moment, file_changed=False)


def _withdrawals(walk: _Walk) -> list[Withdrawal]:
    grouped: dict = {}
    for (slug, sid), pending in sorted(walk.withdrawn.items()):
        key = (slug, pending.name, pending.text, pending.on, pending.file_gone, pending.renamed_to)
        grouped.setdefault(key, (pending.shared, []))[1].append(sid)
    return [Withdrawal(name=name, slug=slug, text=text, shared=shared, sessions=tuple(ids), on=on,
                       file_gone=gone, renamed_to=renamed)
            for (slug, name, text, on, gone, renamed), (shared, ids) in grouped.items()]
