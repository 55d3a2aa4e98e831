"""MkDocs adapter: connects MkDocs events to the ``eventsite`` package beside this file.

Listed under ``hooks:`` in mkdocs.yml. All the work is in ``eventsite`` (plain Python); this
module only turns MkDocs objects into plain arguments and results back into MkDocs files.
The hooks folder is on sys.path only while this module loads, so imports stay at the top.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# MkDocs loads this module once per process (`mkdocs serve` keeps it across rebuilds); a test
# or tool that loads it again gets the package afresh.
for _name in [n for n in sys.modules if n == "eventsite" or n.startswith("eventsite.")]:
    del sys.modules[_name]

import jinja2  # noqa: E402
import markdown as markdown_lib  # noqa: E402
import yaml  # noqa: E402
from markupsafe import Markup, escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.toc import TableOfContents  # noqa: E402
from mkdocs.utils import clean_directory  # noqa: E402

from eventsite.reading import clashes, drafts, history, images, project, retired, sanitise, withdrawn  # noqa: E402
from eventsite.model import series, when, wording  # noqa: E402
from eventsite.outputs import atom, brochure, calendar, csp, explainers, feeds, fragments, lookups  # noqa: E402
from eventsite.outputs import navigation, pages, palette, programme_calendar, rebuilds, statement  # noqa: E402
from eventsite.outputs import structured, testimonials  # noqa: E402
from eventsite.editor import config as editor_config, files as editor_files  # noqa: E402

try:  # the brochure PDF needs typst (in requirements.lock); the rest of the site does not
    from eventsite.outputs import brochure_pdf  # noqa: E402
except ImportError:  # pragma: no cover - reported when a PDF is asked for
    brochure_pdf = None
PDF_VARIABLE = "EVENTS_PDF"  # "no" builds without brochure PDFs; `mkdocs serve` sets it
from eventsite.reading.problems import InvalidSources  # noqa: E402
from eventsite.reading.validate import load_catalogue  # noqa: E402

log = get_plugin_logger(__name__)
STATE = "eventsite_build"  # key under which one build's state is kept on the config


class Build:
    """What one build knows: settings, the checked catalogue, and the files made from it."""

    def __init__(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        # Settings are read from mkdocs.yml as written (project.read_settings), not from MkDocs'
        # config.extra: so a build and make check report the same problems, with their lines.
        config_name = Path(config.config_file_path or "mkdocs.yml").name
        settings, problems = project.read_settings(self.root, config_name)
        problems += project.check_settings(settings)
        self.statement, found = statement.read_statement(settings.accessibility,
                                                         settings.file_of("extra.events.accessibility"))
        problems += found
        if problems:
            raise PluginError(InvalidSources(sorted(set(problems))).report())
        self.config_files = [self.root / name for name in settings.chain]  # mkdocs.yml, and what it INHERITs
        self.folder = settings.events_path
        self.zone = settings.timezone
        self.today = when.today(settings.today)
        site = config.site_url or ""
        self.site_url = site if site.endswith("/") or not site else site + "/"
        self.uid_domain = settings.uid_domain or urlsplit(self.site_url).hostname or "localhost"
        self.site_name = config.site_name
        self.keep_past_days = settings.feed_keep_past_days
        self.refresh = dt.timedelta(hours=settings.feed_refresh_hours)
        self.feeds: list = []
        self.page_url_by_slug: dict = {}
        self.catalogue = None
        self.event_by_page: dict = {}
        self.meta_by_page: dict = {}  # page src_uri -> its settings, set in on_page_markdown
        self.programme_by_page: dict = {}
        pdf = os.environ.get(PDF_VARIABLE)
        self.make_pdf = settings.pdf if pdf is None else pdf.lower() not in ("no", "false", "0")
        self.ics_by_slug: dict = {}
        self.script_templates: list | None = None  # the theme's partials/javascripts/, listed once
        self.env = None
        self.files = None
        self.explainer_views: dict = {}  # explainer id -> its intro, rendered once per build
        self.site_key: str | None = None  # for dirty rebuilds (eventsite.outputs.rebuilds)
        self.page_keys: dict = {}
        self.rendered: set = set()  # URLs of the pages rendered in this build
        self.listing: dict = {}
        self.filters: dict = {}
        self.show_drafts = drafts.show_drafts()
        self.statement_url = None
        self.history = history.History("none")  # what earlier versions told calendars (on_files)
        self.withdrawn_by_page: dict = {}  # page src_uri -> withdrawn.WithdrawnPage
        self.programme_url_by_slug: dict = {}  # absolute URLs of brochure pages, for feeds
        self.body_html: dict = {}  # event page src_uri -> its body as HTML, sanitised (on_page_content)
        # The organisation's name, logo, colours and footer (checked above: colours under 4.5:1
        # stop the build).
        self.brand = project.brand(settings)
        # Author Markdown (event and programme bodies, option descriptions) is rendered with the
        # site's extensions and sanitised; validation refuses what sanitising would remove.
        self.markdown = sanitise.AuthorMarkdown(config.markdown_extensions, config.mdx_configs)
        self.policy_by_base: dict = {}  # the Content-Security-Policy by the page's base_url
        self.editor = settings.editor or {}  # extra.events.editor: publishing from the web editor
        self.folder_name = settings.folder
        self.docs_name = settings.docs_dir
        self.authors_guide = settings.authors_guide  # docs/guide/ published (eventsite.outputs.navigation)


def _build(config) -> Build:
    return config[STATE]


# `make serve` runs `mkdocs serve --dirty`: after a save, MkDocs asks each file whether it changed.
# Its own answer (output older than source) is always "yes" for a generated file, so these two
# kinds answer from what the last build in this process made (eventsite.outputs.rebuilds).
_DIRTY = False
_SERVING = False  # `mkdocs serve`: its live-reload script is inline (eventsite.outputs.csp.policy)
_MEMORY = rebuilds.Memory()
_WRITING = False  # whether this build has started writing its output (from on_env on)
_VALIDATED: dict = {}  # each event file's result, kept while it is not saved again (validate.load_catalogue)
_WITHDRAWN: dict = {}  # withdrawn sessions as read, and the events they joined (withdrawn.apply)


class _KeyedPageFile(File):
    """An event or filter page: rebuilt when its own inputs changed (``changed``, set in on_files)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class _OutputFile(File):
    """A generated file that is not a page (.ics, feed, PDF): written when its bytes change."""

    previous: bytes | None = None

    def is_modified(self) -> bool:
        return self.previous != self.content_bytes or not os.path.isfile(self.abs_dest_path)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process: each rebuild under `mkdocs serve` makes a new Jinja
    environment, and compiling the theme's templates again cost about half a second. Jinja
    checks each template's source against its checksum, so an edited template is compiled anew."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def on_startup(command, dirty):
    global _DIRTY, _SERVING
    _DIRTY = dirty
    _SERVING = command == "serve"
    # `mkdocs serve` rebuilds on every save: leave out the brochure PDFs there, as
    # DECISIONS allows; `mkdocs build` (and so `make build`) makes them.
    if command == "serve":
        os.environ.setdefault(PDF_VARIABLE, "no")


# A build makes millions of short-lived objects (YAML nodes, models, template contexts, Markdown
# trees) and almost no cycles, and Python's cycle collector looks at the young ones every 700
# allocations: about 600 collections, 0.4 s of a 1,000-event build. Fewer, larger collections
# while a build runs (bench/RESULTS.md); the usual setting again after it, as `mkdocs serve` waits.
_THRESHOLDS = gc.get_threshold()


def _collect_less() -> None:
    gc.set_threshold(20_000, *_THRESHOLDS[1:])


def _collect_as_usual() -> None:
    gc.set_threshold(*_THRESHOLDS)


def on_config(config):
    global _WRITING
    _WRITING = False
    _collect_less()
    config[STATE] = build = Build(config)
    if not build.authors_guide:  # the authors' guide is left out of the site, navigation included
        config.nav = navigation.without_guide(config.nav)
    # Material's sitemap and its gzip header carry the build date unless this is set: pin it
    # to "today" so the same sources and the same today give the same bytes.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        midnight = dt.datetime.combine(build.today, dt.time(), tzinfo=dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return config


# libyaml's emitter when PyYAML has it: a tenth of the time, and MkDocs reads the values back the same.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(**values) -> str:
    return "---\n" + yaml.dump(values, Dumper=_DUMPER, allow_unicode=True, sort_keys=True) + "---\n\n"


def on_files(files: Files, config):
    build = _build(config)
    if not build.authors_guide:
        for file in [f for f in files if f.src_dir == config.docs_dir and navigation.is_guide(f.src_uri)]:
            files.remove(file)
    build.files = files
    explainer_ids = {eid for f in files if (eid := explainers.explainer_id(f.src_uri))}
    # Only regular files inside the repository are published: not a link out of it, not a pipe.
    refused = project.refused_files(build.root, Path(config.docs_dir), [
        f.src_uri for f in files if f.src_dir == config.docs_dir and not f.inclusion.is_excluded()])
    try:
        seen = history.Seen()  # what validation composes, the history need not compose again
        everything = load_catalogue(build.folder, explainer_ids, build.zone, frozenset(f.src_uri for f in files),
                                    reuse=_VALIDATED, markdown=build.markdown, root=build.root, seen=seen.add)
    except InvalidSources as exc:
        raise PluginError(InvalidSources(exc.problems + refused).report()) from None
    folder = build.folder.relative_to(build.root).as_posix()
    refused += retired.refused_unpublishing(build.root, folder, drafts.draft_sources(everything), build.today)
    own = frozenset(f.src_uri for f in files if f.generated_by is None)  # the author's, in docs/
    refused += clashes.clashes(everything, own, Path(config.docs_dir).name)
    refused += images.refused_images(everything, Path(config.docs_dir), build.root)
    if refused:
        raise PluginError(InvalidSources(refused).report())
    build.history = _read_history(build, seen)
    build.catalogue, withdrawn_pages = withdrawn.apply(drafts.published(everything, build.show_drafts),
                                                       build.history, build.zone, memory=_WITHDRAWN)
    told = build.history.told
    build.listing = pages.listing(build.catalogue, build.today, build.zone)  # index pages' cards
    build.filters = pages.filters(build.listing)  # the same cards by organiser and audience
    if build.show_drafts and drafts.draft_sources(everything):
        # A warning, so that `mkdocs build --strict` (make build) refuses to make a site to publish.
        log.warning(f"Showing drafts ({drafts.VARIABLE}=yes): {', '.join(drafts.draft_sources(everything))}. "
                    "This is a preview; do not publish it.")
    for event in build.catalogue.events:
        coming = pages.next_session(event, build.today) or (event.sessions[-1] if event.sessions else None)
        # The description is what a shared link shows (Open Graph): the date first.
        summary = (f"{wording.session_when_in(coming, build.zone)}. {event.summary}" if coming else
                   f"{pages.dates_to_be_confirmed_text(event)}. {event.summary}" if event.dates_to_be_confirmed
                   else event.summary)
        # An event page is not documentation: no navigation sidebar or table of contents beside
        # it (the navigation stays in the menu on narrow screens), so its facts get the width.
        # The page's settings go to page.meta directly (on_page_markdown), not as front matter that
        # MkDocs would read back with PyYAML's pure-Python loader, a page at a time. The blank line
        # first keeps a body that starts like front matter ("---" or "Key: value") from being read
        # as settings.
        page_file = _KeyedPageFile.generated(config, pages.event_page_path(event), content="\n" + event.body)
        files.append(page_file)
        build.event_by_page[page_file.src_uri] = event
        build.meta_by_page[page_file.src_uri] = {"title": event.title, "description": summary,
                                                 "template": "event.html", "hide": ["navigation", "toc"]}
        page_url = urljoin(build.site_url, page_file.url) if build.site_url else None
        build.page_url_by_slug[event.slug] = page_url
        if event.sessions:  # no date yet: no calendar file (nothing would link it, nothing would be in it)
            ics = calendar.event_calendar(event, page_url=page_url, uid_domain=build.uid_domain,
                                          today=build.today, told=told)
            ics_file = _OutputFile.generated(config, pages.event_ics_path(event), content=ics)
            files.append(ics_file)
            build.ics_by_slug[event.slug] = ics_file
        if series.separate_downloads(event):  # a series in one file, an alternative alone
            for unit in series.units(event):
                if not series.is_open(unit, build.today):  # linked from nowhere once it has passed
                    continue
                files.append(_OutputFile.generated(config, series.ics_path(event, unit), content=calendar.unit_calendar(
                    event, unit, page_url=page_url, uid_domain=build.uid_domain, today=build.today, told=told)))
    _publish_withdrawn(build, config, files, withdrawn_pages)
    _publish_programmes(build, config, files)
    _publish_feeds(build, config, files)
    _publish_statement(build, config, files)
    _publish_filters(build, config, files)
    _publish_editor(build, config, files, explainer_ids)
    if files.get_file_from_path("events/index.md") is None:
        files.append(File.generated(config, "events/index.md",
                                    content=_front_matter(title="Events", template="events.html")))
    if _DIRTY:
        _plan_rebuild(build, config, files)
    return files


def _read_history(build: Build, seen: history.Seen) -> history.History:
    """What earlier versions of the events folder told calendars; said once when it is not known."""
    found = history.read_history(build.root, build.folder, build.today, seen)
    if found.state == "shallow":
        message = ("This is a shallow clone: the history of events/ is cut short, so calendar entries would "
                   "get lower SEQUENCE numbers than were published before and calendars would ignore "
                   "changes. Fetch the whole history (git fetch --unshallow; in GitHub Actions, "
                   "actions/checkout with fetch-depth: 0).")
        if any(os.environ.get(name, "").lower() == "true" for name in ("CI", "GITHUB_ACTIONS")):
            raise PluginError(message)
        log.warning(message)
    elif found.state == "none":
        log.info("No git history of events/ here: calendars follow the sources alone (each session's "
                 "revision:), and files deleted since the last publication are not announced as cancelled.")
    return found


def _publish_withdrawn(build: Build, config, files: Files, pages_found: list) -> None:
    """A page and a calendar file at the address of each event file that left with sessions to come."""
    for page in pages_found:
        event = page.event
        content = _front_matter(title=f"Withdrawn: {event.title}", template="withdrawn.html",
                                description=f"{event.title} has been withdrawn.", hide=["navigation", "toc"])
        page_file = File.generated(config, pages.event_page_path(event), content=content)
        files.append(page_file)
        build.withdrawn_by_page[page_file.src_uri] = page
        page_url = urljoin(build.site_url, page_file.url) if build.site_url else None
        build.page_url_by_slug[event.slug] = page_url
        files.append(_OutputFile.generated(config, pages.event_ics_path(event), content=calendar.event_calendar(
            event, page_url=page_url, uid_domain=build.uid_domain, today=build.today, told=build.history.told)))


def _plan_rebuild(build: Build, config, files: Files) -> None:
    """For a dirty build: empty the output if anything every page shows changed, else mark each
    event page and generated file with what the last build made of it."""
    settings = ([path.read_bytes() for path in build.config_files], build.today, config.site_url,
                sorted((k, v) for k, v in os.environ.items() if k.startswith("EVENTS_")))
    key = rebuilds.site_key(
        settings=settings, source_files=[Path(f.abs_src_path) for f in files if f.src_dir is not None],
        template_folders=[Path(config.theme.custom_dir)] if config.theme.custom_dir else [],
        shared_files=sorted(build.folder.glob("_*")), outputs=[f.src_uri for f in files])
    if key != _MEMORY.site:
        _MEMORY.forget()
        clean_directory(config.site_dir)  # what a clean build starts from; MkDocs made this folder
    build.site_key = key
    organisers_with_feeds = {f["feed"].key for f in build.feeds if f["feed"].kind == "organiser"}
    # A filter page shows its own cards and every filter's name and count.
    views = {v["path"]: v for group in build.filters.values() for v in group}
    counts = [(path, v["name"], v["count"]) for path, v in views.items()]
    for file in files:
        if isinstance(file, _KeyedPageFile):
            event = build.event_by_page.get(file.src_uri)
            if event is not None:
                # The event itself by identity: validate's reuse keeps the same object for a
                # file not saved since, and comparing by value would cost more than rendering.
                page_key = (id(event), event, build.page_url_by_slug[event.slug],
                            event.organiser.id in organisers_with_feeds)
                before = _MEMORY.pages.get(file.src_uri)
                file.changed = before is None or before[1] is not event or before[2:] != page_key[2:]
            else:
                page_key = rebuilds.digest(counts, views[file.src_uri])
                file.changed = page_key != _MEMORY.pages.get(file.src_uri)
            build.page_keys[file.src_uri] = page_key
        elif isinstance(file, _OutputFile):
            file.previous = _MEMORY.files.get(file.src_uri)
        elif file.is_documentation_page():
            # Any other page may list events or hold testimonials; they are few: render them all.
            file.is_modified = _always
    # Material's search keeps the last index and merges as if one page changed; merge here instead.
    search = _search_plugin(config)
    if search is not None:
        search.search_index_prev = None


def _always() -> bool:
    return True


def _search_plugin(config):
    return next((p for name, p in config.plugins.items() if name in ("material/search", "search")
                 and hasattr(p, "search_index_prev")), None)


def on_post_build(config):
    _collect_as_usual()
    if not _DIRTY:
        return
    build = _build(config)
    index = Path(config.site_dir) / "search" / "search_index.json"
    if _search_plugin(config) is not None and index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = rebuilds.merged_search(
            _MEMORY.search, data["docs"], build.rendered,
            [f.page.url for f in build.files.documentation_pages() if f.page is not None])
        index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")  # as Material
        _MEMORY.search = data["docs"]
    _MEMORY.site = build.site_key
    _MEMORY.pages = build.page_keys
    _MEMORY.files = {f.src_uri: f.content_bytes for f in build.files
                     if isinstance(f, _OutputFile)}


def on_build_error(error):
    _collect_as_usual()
    # Once pages are being written the output may be half made: the next build starts clean.
    # A mistake found in the event files stops the build before that, and keeps what it knew.
    if _WRITING:
        _MEMORY.forget()


def _publish_programmes(build: Build, config, files: Files) -> None:
    """Brochure pages, their calendar files, and the programmes index."""
    for programme in build.catalogue.programmes:
        # No table of contents (it would list only the introduction's headings, not the page's)
        # and no navigation sidebar: a brochure reads as a document of its own.
        content = _front_matter(title=programme.title, description=programme.summary,
                                template="programme.html", hide=["navigation", "toc"])
        page_file = File.generated(config, brochure.programme_page_path(programme),
                                   content=content + programme.body)
        files.append(page_file)
        build.programme_by_page[page_file.src_uri] = programme
        build.programme_url_by_slug[programme.slug] = _absolute(build, page_file.url)
        calendars = programme_calendar.programme_calendars(
            programme, page_url=_absolute(build, page_file.url), uid_domain=build.uid_domain,
            today=build.today, told=build.history.told)
        for path, ics in calendars.items():
            files.append(_OutputFile.generated(config, path, content=ics))
        if build.make_pdf:
            files.append(_OutputFile.generated(config, brochure.programme_pdf_path(programme),
                                        content=_programme_pdf(build, config, programme, page_file)))
    if files.get_file_from_path("programmes/index.md") is None:
        files.append(File.generated(config, "programmes/index.md", content=_front_matter(
            title="Programmes", template="programmes.html")))


def _programme_explainer(build: Build, config, explainer: str) -> dict:
    """An explainer in full, testimonial markers placed: a brochure prints whole."""
    file = build.files.get_file_from_path(f"{explainers.FOLDER}{explainer}.md")
    title, text = explainers.whole(file.content_string)
    text, _ = testimonials.place_blocks(  # the explainer's own page reports bad markers
        text, file.src_uri, build.catalogue.testimonials,
        lambda chosen: _render_testimonials(build, config, chosen))
    html = markdown_lib.markdown(text, extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs)
    return {"id": explainer, "title": (file.page.title if file.page else None) or title, "html": html,
            "url": file.url}


def _programme_pdf(build: Build, config, programme, page_file: File) -> bytes:
    if brochure_pdf is None:
        raise PluginError("The brochure PDF needs typst, which requirements.lock installs: run "
                          f"make build (or pip install -r requirements.lock), or set {PDF_VARIABLE}=no "
                          "to build without PDFs.")
    view = _programme_view(build, config, programme)
    intro = build.markdown.html(programme.body)
    # The cover carries the site's brand: its name, colours and logo (a file in docs/).
    logo = build.files.get_file_from_path(build.brand.logo) if build.brand.logo else None
    try:
        return brochure_pdf.brochure_pdf(view, intro_html=intro, explainers=view["explainers"],
                                         page_url=_absolute(build, page_file.url), brand=build.brand,
                                         logo=Path(logo.abs_src_path) if logo and logo.abs_src_path else None,
                                         date=build.today)
    except brochure_pdf.BrochurePdfError as exc:
        raise PluginError(f"{programme.source}: {exc}") from None


def _programme_view(build: Build, config, programme) -> dict:
    view = brochure.programme_view(programme, build.today, markdown=build.markdown.html,
                                   url_for=lambda path: build.files.get_file_from_path(path).url)
    view["explainers"] = [_programme_explainer(build, config, e) for e in programme.explainers]
    page_file = build.files.get_file_from_path(brochure.programme_page_path(programme))
    view["json_ld"] = structured.programme_json_ld(programme, _absolute(build, page_file.url) if page_file else None)
    pdf = build.files.get_file_from_path(brochure.programme_pdf_path(programme))
    if pdf is not None:
        view.update(pdf_url=pdf.url, pdf_name=f"{programme.slug}.pdf",
                    pdf_size=f"{max(1, round(len(pdf.content_bytes) / 1024))} KB")
    return view


def _absolute(build: Build, url: str) -> str | None:
    return urljoin(build.site_url, url) if build.site_url else None


def _publish_feeds(build: Build, config, files: Files) -> None:
    """Subscribable .ics feeds, the page that offers them, and the Atom feed of events."""
    build.feeds = []
    withdrawn_pages = list(build.withdrawn_by_page.values())
    for feed in feeds.feeds_for(withdrawn.for_feeds(drafts.for_feeds(build.catalogue), withdrawn_pages),
                                build.site_name):
        rows = feeds.feed_sessions(feed, build.today, build.keep_past_days)
        fixed = [item for programme in feed.programmes for item in programme_calendar.feed_items(
            programme, page_url=build.programme_url_by_slug.get(programme.slug), uid_domain=build.uid_domain,
            today=build.today, keep_past_days=build.keep_past_days, told=build.history.told)]
        feed_file = _OutputFile.generated(config, feed.path, content=b"")  # its URL is needed first
        feed_url = _absolute(build, feed_file.url)
        feed_file.content_bytes = calendar.calendar_for(
            [(e, ss, build.page_url_by_slug[e.slug]) for e, ss in rows], name=feed.name,
            uid_domain=build.uid_domain, today=build.today, default_zone=build.zone,
            description_text=feed.description, refresh=build.refresh, source_url=feed_url,
            told=build.history.told, extra=fixed)
        files.append(feed_file)
        build.feeds.append({"feed": feed, "url": feed_file.url, "https": feed_url,
                            "webcal": "webcal://" + feed_url.split("://", 1)[1] if feed_url else None,
                            "count": sum(len(ss) for _, ss in rows) + len(fixed)})
    if files.get_file_from_path("calendars/index.md") is None:
        files.append(File.generated(config, "calendars/index.md", content=_front_matter(
            title="Subscribe to calendars", template="calendars.html",
            description="Add these events to Outlook, Google Calendar or Apple Calendar.")))
    atom_file = _OutputFile.generated(config, "feed.xml", content=b"")
    atom_file.content_bytes = atom.atom_feed(
        [(e, build.page_url_by_slug[e.slug] or e.slug) for e in drafts.for_feeds(build.catalogue).events],
        title=build.site_name, feed_url=_absolute(build, atom_file.url) or atom_file.url,
        site_url=build.site_url or "/", today=build.today, stamps=build.history.stamps)
    files.append(atom_file)


def _publish_filters(build: Build, config, files: Files) -> None:
    """A page per organiser and per audience: filters on the events index that need no script."""
    for group in build.filters.values():
        for view in group:
            if files.get_file_from_path(view["path"]) is None:
                files.append(_KeyedPageFile.generated(config, view["path"], content=_front_matter(
                    title=view["title"], template="events-filter.html", hide=["toc"],
                    description=f"{view['title']}: upcoming and past events.")))


_EDITOR_DIGESTS: dict = {}  # the editor bundle's file digests by size and time (editor_files.verify)


def _publish_editor(build: Build, config, files: Files, explainer_ids) -> None:
    """The web editor at /admin/: its committed files, each checked against its checksum, and its
    page and configuration made from the schema (eventsite.editor.files, eventsite.editor.config).
    A site copied without editor/ is built without it."""
    if not editor_files.present(build.root):
        log.info("No editor/ folder: the site is built without the web editor at /admin/.")
        return
    problems = editor_files.verify(build.root, _EDITOR_DIGESTS)
    if problems:
        raise PluginError(InvalidSources(problems).report())
    port = os.environ.get("EVENTS_EDITOR_PORT", "")
    site = editor_config.Site(
        folder=build.folder_name, docs_dir=build.docs_name, explainers=tuple(sorted(explainer_ids)),
        repo=build.editor.get("repo"), branch=build.editor.get("branch", "main"),
        auth_url=build.editor.get("auth_url"), auth_endpoint=build.editor.get("auth_endpoint", "auth"),
        local_port=int(port) if port.isdigit() else editor_config.LOCAL_PORT)
    for path, source in editor_files.files(build.root):
        files.append(File.generated(config, path, abs_src_path=str(source)))
    files.append(File.generated(config, f"{editor_files.URL}config.yml",
                                content=editor_config.render(editor_config.config(site))))
    page = config.theme.get_env().get_template("editor.html").render(
        editor={"policy": editor_config.policy(site), "site_name": config.site_name,
                "favicon": config.theme.get("favicon") or "assets/images/favicon.png"})
    files.append(File.generated(config, f"{editor_files.URL}index.html", content=page))


def _publish_statement(build: Build, config, files: Files) -> None:
    """The accessibility statement page, made from settings, unless docs/ has its own."""
    own = files.get_file_from_path(statement.PAGE)
    if own is None and build.statement is not None:
        own = File.generated(config, statement.PAGE, content=_front_matter(
            title="Accessibility statement", template="accessibility.html",
            description=f"How accessible {build.site_name} is, and how to report a problem."))
        files.append(own)
    build.statement_url = own.url if own is not None else None


def _place_image(image: dict, file: File) -> None:
    """An image view's URL, and its width and height when the file says them."""
    size = images.intrinsic_size(Path(file.abs_src_path)) if file.abs_src_path else None
    image.update(url=file.url, width=size[0] if size else None, height=size[1] if size else None)


def on_env(env, config, files: Files):
    global _WRITING
    _WRITING = True  # MkDocs writes the output after this event
    build = _build(config)
    env.bytecode_cache = _TEMPLATES
    fragments.start(env)
    lookups.install(env)
    listing = build.listing
    for card in listing["upcoming"] + listing["past"]:
        card["url"] = files.get_file_from_path(card["page"]).url
        if card["image"]:
            _place_image(card["image"], files.get_file_from_path(card["image"]["src"]))
    env.globals["events_listing"] = listing
    event_filters = build.filters  # the same cards, so their URLs are set above
    for view in event_filters["organiser"] + event_filters["audience"]:
        view["url"] = files.get_file_from_path(view["path"]).url
    env.globals["events_filters"] = event_filters
    env.globals["events_filter_by_page"] = {v["path"]: v for g in event_filters.values() for v in g}
    env.globals["accessibility_statement_url"] = build.statement_url
    if build.statement is not None:
        env.globals["accessibility_statement"] = statement.statement_view(build.statement, build.site_name)
    env.globals["calendar_feeds"] = build.feeds
    brand = palette.brand_view(build.brand)
    if brand["logo"]:
        logo = files.get_file_from_path(brand["logo"])
        if logo is None:
            raise PluginError(f"mkdocs.yml: extra.events.brand.logo: '{brand['logo']}' is not a file in "
                              f"{Path(config.docs_dir).name}/ (give its path inside it, such as images/logo.svg)")
        brand["logo_url"] = logo.url
    env.globals["brand"] = brand
    env.globals["content_security_policy"] = _content_security_policy
    programmes = brochure.programme_listing(build.catalogue, build.today)
    for card in programmes["current"] + programmes["past"]:
        card["url"] = files.get_file_from_path(card["page"]).url
    env.globals["programmes_listing"] = programmes
    return env


@jinja2.pass_context
def _content_security_policy(context) -> str:
    """The page's policy (eventsite.outputs.csp), naming by hash each inline script Material may write into
    it: every template in partials/javascripts/, rendered here as base.html renders it (they
    depend on the page's base_url), so that no list of Material's conditions has to be kept."""
    config = context["config"]
    build = _build(config)
    base = context.get("base_url")
    if base not in build.policy_by_base:
        env = context.environment
        values = {**context.get_all(), "features": config.theme.get("features") or []}
        if build.script_templates is None:  # listing the theme's folders costs more than rendering
            build.script_templates = env.list_templates(filter_func=lambda n: n.startswith("partials/javascripts/"))
        scripts = [script for name in build.script_templates
                   for script in csp.inline_scripts(env.get_template(name).render(values))]
        # Markup: the policy's quotes stay quotes (it holds no " < > or &, only our own words and base64).
        build.policy_by_base[base] = Markup(csp.policy(map(csp.script_hash, scripts), serving=_SERVING))
    return build.policy_by_base[base]


def _partials_env(build: Build, config) -> jinja2.Environment:
    """The theme's environment for partials rendered into pages' content: pages are read and
    rendered before on_env runs, so it is taken from the theme directly, once a build."""
    if build.env is None:
        build.env = config.theme.get_env()
        build.env.bytecode_cache = _TEMPLATES
    return build.env


def _render_testimonials(build: Build, config, chosen) -> str:
    html = _partials_env(build, config).get_template("partials/testimonials.html").render(testimonials=chosen)
    # Raw HTML inside Markdown must not be indented (it would become a code block).
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def on_page_markdown(markdown: str, page, config, files):
    build = _build(config)
    page.meta.update(build.meta_by_page.get(page.file.src_uri, ()))
    # A page's title and description are text, but Material prints page.meta.title and
    # page.meta.description into <title>, <meta> and the header without escaping them: make
    # them escaped Markup, which autoescaping templates also leave as it is. Done here, before
    # the search plugin reads page.title.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
            page.meta[key] = escape(page.meta[key])
    # Visitors get an events site: no documentation sidebar beside a public page.
    page.meta["hide"] = navigation.hidden_sidebars(page.file.src_uri, page.meta.get("hide"))
    if page.file.src_uri in build.event_by_page:
        return markdown
    result, problems = testimonials.place_blocks(
        markdown, f"{config.docs_dir and Path(config.docs_dir).name}/{page.file.src_uri}",
        build.catalogue.testimonials, lambda chosen: _render_testimonials(build, config, chosen))
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    return result


def on_page_content(html: str, page, config, files):
    build = _build(config)
    if page.file.src_uri in build.event_by_page or page.file.src_uri in build.programme_by_page:
        # The page's Markdown is the author's body: sanitised as validation read it, so that even
        # text that got past the check could run no script and load nothing from elsewhere.
        html = sanitise.clean(html)
    event = build.event_by_page.get(page.file.src_uri)
    if event is not None:
        # The search plugin indexes page.content: give it the event's title, dates, places and
        # organiser too, so that an event is found by them (and found at all without a body). The
        # page itself shows the body alone (event.body_html).
        build.body_html[page.file.src_uri] = html
        return _partials_env(build, config).get_template("partials/search-text.html").render(
            text=pages.search_text(event, build.zone)) + html
    return html


def _explainer(config, files: Files, explainer: str) -> dict:
    file = files.get_file_from_path(f"{explainers.FOLDER}{explainer}.md")
    title, intro, more = explainers.split_intro(file.content_string)
    html = markdown_lib.markdown(intro, extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs)
    return {"title": (file.page.title if file.page else None) or title, "html": html,
            "url": file.url, "more": more}


def _explainer_view(build: Build, config, explainer: str) -> dict:
    """``_explainer``, rendered once per build: every event page naming it shows the same."""
    if explainer not in build.explainer_views:
        build.explainer_views[explainer] = _explainer(config, build.files, explainer)
    return dict(build.explainer_views[explainer])


def on_page_context(context, page, config, nav):
    build = _build(config)
    build.rendered.add(page.url)
    event = build.event_by_page.get(page.file.src_uri)
    if event is not None:
        page_url = build.page_url_by_slug[event.slug]
        view = pages.event_view(event, build.today, build.zone, page_url=page_url)
        view["organiser_feed"] = next((f for f in build.feeds if f["feed"].kind == "organiser"
                                       and f["feed"].key == event.organiser.id), None)
        view["ics_url"] = build.ics_by_slug[event.slug].url if event.slug in build.ics_by_slug else None
        view["ics_name"] = f"{event.slug}.ics"
        view["explainers"] = [_explainer_view(build, config, e) for e in event.explainers]
        for unit in view["units"]:
            unit["ics_url"] = build.files.get_file_from_path(unit["ics_path"]).url
        if view["image"]:
            image_file = build.files.get_file_from_path(view["image"]["src"])
            _place_image(view["image"], image_file)
            view["image"]["absolute"] = _absolute(build, image_file.url)
        view["json_ld"] = structured.event_json_ld(event, page_url, build.today,
                                                   view["image"]["absolute"] if view["image"] else None)
        view["body_html"] = Markup(build.body_html.get(page.file.src_uri, ""))  # sanitised (on_page_content)
        context["event"] = view
        context["draft_banner"] = event.draft
        # The same menu and tabs on every event page at this depth (main.html, eventsite.outputs.fragments).
        context["fragment_key"] = f"event page at {context['base_url']}"
        # As on brochures: a heading in the body would give Material's label for a table of
        # contents that event pages do not have (a <label for="__toc"> with no control).
        page.toc = TableOfContents([])
    gone = build.withdrawn_by_page.get(page.file.src_uri)
    if gone is not None:
        moved = None
        if gone.renamed_to is not None:
            moved_file = build.files.get_file_from_path(pages.event_page_path(
                next(e for e in build.catalogue.events if e.slug == gone.renamed_to)))
            moved = {"url": moved_file.url if moved_file else None,
                     "title": next(e.title for e in build.catalogue.events if e.slug == gone.renamed_to)}
        context["withdrawn"] = pages.withdrawn_view(gone, moved)
    programme = build.programme_by_page.get(page.file.src_uri)
    if programme is not None:
        context["programme"] = _programme_view(build, config, programme)
        context["draft_banner"] = programme.draft
        # Its table of contents would list only the introduction's headings, and Material's
        # label for it points at a toggle that only pages in the navigation have (Nu checker).
        page.toc = TableOfContents([])
    return context


def _fix_material_markup(html: str) -> str:
    # Material puts autocomplete="off" on its hidden checkbox toggles, which the Nu HTML
    # Checker rejects; the attribute does nothing on a checkbox.
    # With navigation.tabs, it gives the label of the section a page is in tabindex="" (meaning
    # "not focusable"), which is not a number: the checker rejects it, and browsers ignore it.
    return html.replace('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"').replace(
        'type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"').replace(
        ' tabindex="">', '>')


def on_post_page(output: str, page, config):
    return _fix_material_markup(output)


def on_post_template(output: str, template_name: str, config):
    return _fix_material_markup(output)
