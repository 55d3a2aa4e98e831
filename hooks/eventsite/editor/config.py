"""The web editor's configuration (Decap CMS's ``admin/config.yml``), made from the formats in
``schema``: never written by hand, so a field added to a format appears in the form, with its
help text, whether it is required, and its choices.

Each kind of value becomes the widget that can say what the kind accepts: text with the pattern
the validator's JSON Schema gives (dates, times, short names, addresses), a pick list for
choices, for yes/no and for what the shared files and docs/explainers/ define (venues,
organisers, testimonials, explainers), a number field with its range, a date picker for a date,
a list of items for a list. What the form cannot say (a rule between fields, a venue that must
exist by the day of the session) is left to ``make check`` and the publish workflow's build.

The files are read and written by the site's own format (``editor/admin/format.js``), which
keeps every value as the text written and changes only what the form changed. The shared files,
mappings keyed by short name, are shown as lists of items with an ``id``.

Plain Python, no MkDocs import: ``hooks/site.py`` hands in what the site knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..reading import schema
from ..reading.fields import (Amount, Boolean, Bullet, Choice, Date, DateOrText, DateTime, Email, Fields, FieldsOrYes,
                              Identifier, Integer, Kind, ListOf, Markdown, Phone, SiteFile, Text, Time, Url, YesOrText)

FORMAT = "eventsite-yaml"  # a mapping of fields (events, programmes)
KEYED_FORMAT = "eventsite-keyed"  # a mapping of short names to records, shown as a list of items
LOCAL_PORT = 8081  # decap-server's own default; EVENTS_EDITOR_PORT changes it (make edit, tests)
KIND_FIELD = "eventsite:kind"  # set by format.js on each file read: event, programme or shared

# The shared files: collection file name -> (file in the events folder, label, label of one, schema).
SHARED = {
    "venues": ("_venues.yml", "Venues", "venue", "VENUES", "venues"),
    "organisers": ("_organisers.yml", "Organisers", "organiser", "ORGANISERS", "organisers"),
    "testimonials": ("_testimonials.yml", "Testimonials", "testimonial", "TESTIMONIALS", "testimonials"),
}
# Fields that name an item of a shared file, by their key wherever they stand.
REFERENCES = {"organiser": "organisers", "venue": "venues", "testimonials": "testimonials"}

LABELS = {
    "id": "Short name (id)", "url": "Web address", "vat": "VAT", "per": "Price per",
    "bsl_on_request": "British Sign Language interpreter on request", "step_free": "Step-free access",
    "public_link": "Public joining link", "places_left": "Places left", "dates_text": "Dates in words",
    "choose_from": "Dates to choose from", "of": "Compared with option", "src": "Image file",
    "alt": "Alternative text (what the image shows)", "by": "Who said it", "ask": "What you ask readers",
    "call_to_action": "Call to action", "leaves_with": "Attendees leave with",
    "testimonial_tags": "Also show testimonials tagged", "time_to_be_confirmed": "Time to be confirmed",
    "dates_to_be_confirmed": "Dates to be confirmed", "previous_start": "Previous start",
    "reply_by": "Reply by", "schedule_note": "Note on the dates",
}
MARKDOWN_HELP = ("Leave a blank line between paragraphs; start a line with ## for a heading or - for a list "
                 "item; write [words](https://...) for a link.")
# A short name: what Identifier accepts, said in words for the form's message.
_SHORT_NAME = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Use lower-case letters, digits and hyphens only, such as dec-2014"]


@dataclass
class Site:
    """What the configuration needs to know about one site."""

    folder: str = "events"  # the events folder, from the repository's root
    docs_dir: str = "docs"
    explainers: tuple = ()  # the explainer ids (docs/explainers/*.md)
    repo: str | None = None  # GitHub owner/name for publishing from the editor
    branch: str = "main"
    auth_url: str | None = None  # an OAuth relay's address (Decap's base_url), if the site has one
    auth_endpoint: str = "auth"
    local_port: int = LOCAL_PORT
    schema_folder: str = "schema"


def label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


# What a pick list of a shared file's items says instead of the schema's "a short name from ...".
_PICK = {"organisers": "Pick the organiser. A new one is added under Venues, organisers and testimonials first",
         "venues": "Pick the venue. A new one is added under Venues, organisers and testimonials first",
         "testimonials": "Pick testimonials to show. New ones are added under Venues, organisers and testimonials"}


def _hint(spec, key: str) -> str:
    """The help under a field: the schema's description and example, and when it is needed."""
    parts = []
    if key in REFERENCES:
        parts.append(_PICK[REFERENCES[key]])
    elif spec.description:
        parts.append(spec.description)
    example = spec.example
    if example.startswith("[") and example.endswith("]"):
        example = example[1:-1]
    if example and not example.startswith("(") and key not in REFERENCES:
        parts.append(f"For example: {example}")
    if spec.required and spec.required_unless:
        parts.append("Needed unless " + " or ".join(label(k).lower() for k in spec.required_unless) + " is given")
    return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)


def _pattern(kind: Kind, message: str) -> list | None:
    """The kind's JSON Schema pattern (the one editors check as authors type), with a message."""
    found = kind.json_schema()
    for option in [found, *found.get("anyOf", [])]:
        if "pattern" in option:
            return [option["pattern"], message]
    return None


def _length(kind: Text) -> list:
    return [f"^[\\s\\S]{{1,{kind.max_length}}}$", f"Keep it under {kind.max_length} characters"]


def widget(kind: Kind, key: str, site: Site, optional: bool = False) -> dict:
    """The Decap widget (and its options) for one value of ``kind``, named ``key``; ``optional``:
    the value may be left out."""
    if key in REFERENCES and isinstance(kind, (Identifier, ListOf)):
        shared = REFERENCES[key]
        display = ["items.*.by", "items.*.quote"] if shared == "testimonials" else ["items.*.name"]
        found = {"widget": "relation", "collection": "shared", "file": shared, "value_field": "items.*.id",
                 "search_fields": ["items.*.id", *display], "display_fields": display}
        if isinstance(kind, ListOf):
            found["multiple"] = True
        return found
    if key == "explainers" and site.explainers:
        return {"widget": "select", "multiple": True, "options": list(site.explainers)}
    if isinstance(kind, Fields):
        found = {"widget": "object", "collapsed": optional,
                 "fields": fields(kind, site, within=label(key) if optional else None)}
        if isinstance(kind, FieldsOrYes):
            # online: yes (the platform not chosen yet): shown as the group, empty, and written back
            # as yes while it stays empty (format.js).
            found["eventsite_or_yes"] = True
        return found
    if isinstance(kind, ListOf):
        return _list(kind, key, site)
    if isinstance(kind, Markdown):
        # A plain text box, not Decap's rich-text editor: that one writes the whole text again
        # in its own Markdown, and its editing area has no label for screen readers.
        return {"widget": "text"}
    if isinstance(kind, Choice):
        if key == "currency":
            return {"widget": "select", "options": [{"label": c.upper(), "value": c} for c in kind.choices]}
        return {"widget": "select", "options": list(kind.choices)}
    if isinstance(kind, Boolean):
        return {"widget": "select", "options": ["yes", "no"]}
    if isinstance(kind, Integer):
        return {"widget": "number", "value_type": "int", "min": kind.minimum, "max": kind.maximum}
    if isinstance(kind, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if isinstance(kind, SiteFile):
        return {"widget": "image", "choose_url": False}
    if isinstance(kind, Bullet):
        return {"widget": "text"}
    if isinstance(kind, Identifier):
        return {"widget": "string", "pattern": _SHORT_NAME}
    if isinstance(kind, DateTime):
        example = "2014-12-11 10:00" + (", or a time such as 13:00 for the same day" if kind.time_only else "")
        return {"widget": "string", "pattern": _pattern(kind, f"Write a date and time such as {example}")}
    if isinstance(kind, Time):
        return {"widget": "string", "pattern": _pattern(kind, "Write a time such as 09:30")}
    if isinstance(kind, Amount):
        return {"widget": "string",
                "pattern": ["^([Ff][Rr][Ee][Ee]|[0-9][0-9,]{0,8}(\\.[0-9]{2})?)$",
                            "Write free, or an amount without a currency sign, such as 950 or 884.50"]}
    if isinstance(kind, Email):
        return {"widget": "string", "pattern": ["^(mailto:)?[^@\\s<>\"'(),;:?&=%#/\\\\]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$",
                                                "Write an email address such as events@example.org"]}
    if isinstance(kind, Url):
        return {"widget": "string", "pattern": _pattern(kind, "Write a web address starting https://")}
    if isinstance(kind, Phone):
        return {"widget": "string", "pattern": _pattern(kind, "Write a phone number such as 01632 960 637")}
    if isinstance(kind, (YesOrText, DateOrText)):
        return {"widget": "string"}
    if isinstance(kind, Text):
        # One line of text is a one-line box; a summary or a longer text (a quote, a note on
        # funding) a box of several lines, though newlines in it are read as spaces.
        tall = kind.max_length > 300 or key == "summary"
        return {"widget": "text" if tall else "string", "pattern": _length(kind)}
    return _from_json_schema(kind)


def _from_json_schema(kind: Kind) -> dict:
    """A widget for a kind this module does not know yet, from what its JSON Schema says: a pick list
    for a list of values, a number, or text with its pattern. A kind added to fields.py thus has a
    working field in the form at once; a better widget can be added to ``widget`` above."""
    found = kind.json_schema()
    options = [found, *found.get("anyOf", [])]
    enum = next((o["enum"] for o in options if "enum" in o), None)
    if enum:
        return {"widget": "select", "options": [str(value) for value in enum]}
    if any(o.get("type") == "integer" for o in options):
        return {"widget": "number", "value_type": "int"}
    pattern = _pattern(kind, f"Expected {kind.expected}")
    return {"widget": "string", **({"pattern": pattern} if pattern else {})}


def _list(kind: ListOf, key: str, site: Site) -> dict:
    found = {"widget": "list"}
    if isinstance(kind.item, Fields):
        found["fields"] = fields(kind.item, site)
        # What a folded item shows: its short name and what tells it apart (title, start, status).
        shown = [next(iter(kind.item.fields))]
        shown += [key for key in ("title", "start", "status") if key in kind.item.fields and key not in shown]
        found["summary"] = " ".join("{{fields.%s}}" % key for key in shown)
        found["collapsed"] = True
    else:
        item = widget(kind.item, key, site)
        item.update(name=f"{key}_item", label=_singular(key).capitalize())
        found["field"] = item
        found["collapsed"] = False  # one value each: shown open, as a column of inputs
    if kind.minimum:
        found["min"] = kind.minimum
    found["max"] = kind.maximum
    found["label_singular"] = _singular(key)
    return found


def _singular(key: str) -> str:
    words = {"series": "series", "sessions": "session", "options": "option", "parts": "part", "costs": "cost",
             "questions": "question", "problems": "problem", "outcomes": "outcome", "benefits": "benefit",
             "notes": "note", "points": "point", "address": "address line", "tags": "tag", "agenda": "agenda item",
             "eligibility": "condition", "leaves_with": "item", "dates": "date", "choose_from": "date",
             "items": "item", "testimonial_tags": "tag", "testimonials": "testimonial"}
    return words.get(key, label(key).lower())


def fields(kind: Fields, site: Site, within: str | None = None) -> list[dict]:
    """Every field of a format, in its order, as Decap fields. ``within``: the label of the
    optional group these fields belong to (Online, Price): Decap checks a group's required
    fields even when the group is left empty, so there they are not marked required, and their
    help says when they are needed."""
    found = []
    for key, spec in kind.fields.items():
        required = bool(spec.required and not spec.required_unless)
        entry = {"name": key, "label": label(key), **widget(spec.kind, key, site, optional=not required),
                 "required": required and within is None}
        hint = _hint(spec, key)
        if isinstance(spec.kind, Markdown):
            hint = f"{hint} {MARKDOWN_HELP}".strip()
        if required and within is not None:
            hint = f"Needed when {within} is filled in. {hint}".strip()
        if hint:
            entry["hint"] = hint
        found.append(entry)
    return found


def _modeline(site: Site, schema_name: str, depth: int) -> str:
    up = "../" * (site.folder.count("/") + depth)
    return f"yaml-language-server: $schema={up}{site.schema_folder}/{schema_name}.schema.json"


def _collection_fields(kind: Fields, site: Site, schema_name: str) -> list[dict]:
    found = fields(kind, site)
    found[0]["comment"] = _modeline(site, schema_name, 1)  # written above the first field of a new file
    return found


def collections(site: Site) -> list[dict]:
    events = {"name": "events", "label": "Events", "label_singular": "Event", "folder": site.folder,
              "extension": "yml", "format": FORMAT, "create": True, "delete": True,
              "identifier_field": "title", "summary": "{{title}}",
              "filter": {"field": KIND_FIELD, "value": "event"},
              "description": "One file per event. Saving checks what the form can check; make check and the "
                             "site's build check the rest.",
              "fields": _collection_fields(schema.EVENT, site, "event")}
    programme_fields = _collection_fields(schema.PROGRAMME, site, "programme")
    kind_field = next(f for f in programme_fields if f["name"] == "kind")
    kind_field.clear()
    kind_field.update(name="kind", label="Kind", widget="hidden", default=schema.PROGRAMME_KIND,
                      comment=_modeline(site, "programme", 1))
    programmes = {"name": "programmes", "label": "Programmes", "label_singular": "Programme",
                  "folder": site.folder, "extension": "yml", "format": FORMAT, "create": True, "delete": True,
                  "identifier_field": "title", "summary": "{{title}}",
                  "filter": {"field": KIND_FIELD, "value": "programme"},
                  "description": "Brochures for courses in several parts, offered as options.",
                  "fields": programme_fields}
    files = []
    for name, (file_name, plural, one, schema_name, json_name) in SHARED.items():
        item = getattr(schema, schema_name).item
        item_fields = [{"name": "id", "label": label("id"), "widget": "string", "pattern": _SHORT_NAME,
                        "required": True,
                        "hint": f"How events name this {one}; never change it once events use it."},
                       *fields(item, site)]
        first = next(iter(item.fields))
        files.append({"name": name, "label": plural, "file": f"{site.folder}/{file_name}",
                      "description": f"Every {one}, defined once; events name them by short name.",
                      "fields": [{"name": "items", "label": plural, "label_singular": one, "widget": "list",
                                  "collapsed": True, "summary": "{{fields.%s}} ({{fields.id}})" % first,
                                  "comment": _modeline(site, json_name, 1), "fields": item_fields}]})
    shared = {"name": "shared", "label": "Venues, organisers and testimonials", "format": KEYED_FORMAT,
              "extension": "yml", "files": files, "editor": {"preview": False}}
    return [events, programmes, shared]


def config(site: Site) -> dict:
    """The whole configuration: the backend, where images go, and the collections."""
    backend = {"name": "github-token" if site.auth_url is None else "github", "branch": site.branch,
               "commit_messages": {"create": "Create {{collection}} “{{slug}}” in the web editor",
                                   "update": "Update {{collection}} “{{slug}}” in the web editor",
                                   "delete": "Delete {{collection}} “{{slug}}” in the web editor",
                                   "uploadMedia": "Upload “{{path}}” in the web editor",
                                   "deleteMedia": "Delete “{{path}}” in the web editor"}}
    if site.repo:
        backend["repo"] = site.repo
    if site.auth_url:
        backend.update(base_url=site.auth_url, auth_endpoint=site.auth_endpoint)
    return {
        "backend": backend,
        # `make edit`: decap-server on this machine writes to the working tree. Decap uses it only
        # when the editor is opened from localhost or 127.0.0.1 and the server answers.
        "local_backend": {"url": f"http://127.0.0.1:{site.local_port}/api/v1"},
        "publish_mode": "simple",
        "media_folder": f"{site.docs_dir}/images",
        "public_folder": "images",
        "editor": {"preview": False},
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(site),
    }


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, long text unwrapped, no anchors: a readable file."""

    def ignore_aliases(self, data):
        return True


_Dumper.add_representer(dict, lambda dumper, data: dumper.represent_dict(data.items()))


def render(found: dict) -> str:
    head = ("# The web editor's configuration, made by the build from hooks/eventsite/reading/schema.py\n"
            "# (hooks/eventsite/editor/config.py). Do not edit: change the schema or the settings.\n")
    return head + yaml.dump(found, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


def repo_problem(repo: str | None) -> str | None:
    """Why ``repo`` (extra.events.editor.repo) cannot be a GitHub repository's name, or None."""
    if repo is None or _REPO.fullmatch(repo):
        return None
    return f"{repo!r} is not a GitHub repository; expected OWNER/NAME, such as my-council/events"


def policy(site: Site) -> str:
    """The editor page's own Content-Security-Policy (public pages have eventsite.outputs.csp's): the
    site's own scripts, styles and images; connections to this machine's decap-server and to
    GitHub's API, nothing else.

    Decap CMS needs what public pages refuse: 'unsafe-eval' (it compiles its configuration's
    JSON Schema into functions, with ajv), inline styles (emotion writes them), and blob: images
    (files read through the backend are shown from memory)."""
    connect = ["'self'", f"http://127.0.0.1:{site.local_port}", f"http://localhost:{site.local_port}",
               "https://api.github.com"]
    images = ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"]
    directives = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(images),
        "font-src 'self' data:",
        "connect-src " + " ".join(connect),
        "worker-src 'self' blob:",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)
