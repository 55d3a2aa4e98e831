"""The page that lists every problem ``make check`` and the build can report, with how to fix it.

The messages are not copied by hand: ``templates()`` reads them out of the checking modules'
source (every ``check.add(...)``, ``Problem(...)`` and ``BadToday(...)`` message, and the
reasons that complete them), and each must be explained by an entry in ``ENTRIES``. A test fails
when a message has no entry, when an entry explains no message, or when docs/guide/errors.md is
not what ``render()`` writes (``make error-guide`` rewrites it). So the list cannot drift.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PAGE = Path("docs/guide/errors.md")
# The modules whose messages reach authors, as paths in the package without ".py"; cli.py's own
# messages are about the command itself.
MODULES = ("reading/load", "reading/fields", "reading/schema", "reading/validate", "outputs/testimonials",
           "reading/retired", "reading/project", "model/when", "outputs/statement", "reading/clashes",
           "reading/images", "reading/sanitise", "reading/yaml_slips")
GAP = "…"  # what stands for a value the message fills in


@dataclass(frozen=True)
class Entry:
    """One kind of problem: ``matches`` is text that occurs in its message template(s)."""

    matches: str
    section: str
    title: str
    fix: str


@dataclass(frozen=True)
class Template:
    module: str
    line: int
    text: str  # the message, with GAP where a value goes


def _render(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else GAP for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _render(node.left) + _render(node.right)
    if isinstance(node, ast.IfExp):
        return _render(node.body)
    return GAP


def _message_argument(call: ast.Call) -> ast.AST | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "add" and len(call.args) >= 3:  # check.add(node_or_line, path, message)
        return call.args[2]
    if name == "Problem" and len(call.args) >= 4:  # Problem(file, line, field, message)
        return call.args[3]
    if name == "problem_at" and len(call.args) >= 2:  # project.check_settings: problem_at(key, message)
        return call.args[1]
    if name == "BadToday" and call.args:
        return call.args[0]
    return None


def _reasons(tree: ast.Module) -> list[ast.AST]:
    """Text that completes a message: what ``_parse_*`` return, advice tables' values, and what a
    ``message`` (or ``*_message``) function returns (sanitise words what it removed so)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (node.name.startswith("_parse") or node.name == "message"
                                                  or node.name.endswith("_message")):
            found += [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None
                      and isinstance(r.value, (ast.Constant, ast.JoinedStr))]
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_ADVICE")
                                                for t in node.targets) and isinstance(node.value, ast.Dict):
            found += list(node.value.values)
    return found


def _meaningful(text: str) -> bool:
    """False for a template that is all gaps and punctuation (a message passed through)."""
    return any(len(word) >= 3 for word in "".join(c if c.isalpha() else " " for c in text).split())


def templates() -> list[Template]:
    """Every message template in the checking modules, in source order, without repeats."""
    seen, result = set(), []
    for module in MODULES:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        nodes = [n for n in (_message_argument(c) for c in ast.walk(tree) if isinstance(c, ast.Call)) if n]
        for node in sorted(nodes + _reasons(tree), key=lambda n: n.lineno):
            text = _render(node)
            if _meaningful(text) and text not in seen:
                seen.add(text)
                result.append(Template(module, node.lineno, text))
    return result


def entry_for(template: Template) -> Entry | None:
    """The entry that explains a template: of those whose text it contains, the most specific."""
    return max((e for e in ENTRIES if e.matches in template.text), key=lambda e: len(e.matches), default=None)


SECTIONS = {
    "file": "Reading the file",
    "value": "Values",
    "event": "Events and sessions",
    "shared": "Venues, organisers and testimonials",
    "programme": "Programme files",
    "settings": "Settings in mkdocs.yml",
}

ENTRIES = [
    # --- reading the file --------------------------------------------------------------------
    Entry("an event file must be under", "file", "The file is too big",
          "An event file is a few kilobytes. Something large was pasted in (a document, an image "
          "as text): take it out and link to it instead."),
    Entry("cannot be read (", "file", "The file cannot be opened",
          "The file is locked or its permissions stop it being read. Close it in other programs "
          "and check you can open it."),
    Entry("this file is not UTF-8 text", "file", "The file is not saved as UTF-8",
          "Save the file again choosing the encoding UTF-8 (in Notepad: Save As, Encoding: UTF-8; "
          "in VS Code: click the encoding in the status bar, Save with Encoding, UTF-8). The line "
          "named holds the first character that is not UTF-8, often a £, an accent or a curly quote."),
    Entry("invisible control character (U+…); delete it and retype", "file",
          "An invisible character was pasted in",
          "Delete the line named and type it again. Control characters come from pasting text out "
          "of other programs."),
    Entry("YAML aliases (*name) are not allowed", "file", "A YAML alias (*name or <<:)",
          "Write the value out in full instead of pointing to another with & and *. (Aliases can "
          "make a tiny file expand to gigabytes, so they are refused.)"),
    Entry("YAML syntax error: ……", "file", "The file's layout is not valid YAML",
          "Look at the line named and the one before it. Usual causes: a line indented by a "
          "different number of spaces than its neighbours; a tab instead of spaces (the message "
          "says so); a value that holds `: ` or ` #` without quotes around it (write "
          "`title: \"Action learning: a taster\"`); a list item without `- `."),
    Entry("YAML syntax error: this line is indented with a tab", "file", "A tab in the indentation",
          "YAML indents with spaces only. Delete the tab at the start of the line named and type spaces "
          "instead (most editors can be set to insert spaces when you press Tab)."),
    Entry("YAML syntax error: this line has a tab inside its text", "file", "A tab inside a value",
          "A tab between words (often pasted from a table or a document) cannot be read in a value "
          "without quotes. Replace it with a space, or put the whole value in quotes."),
    Entry("holds ': ', which YAML reads as the start of another field", "file", "A value with ': ' in it",
          "YAML reads `name: value`, so a second `: ` in the value looks like another field. Put the whole "
          "value in quotes, as the message shows: `title: \"Action learning: a taster\"`."),
    Entry("there is no space after the colon in", "file", "No space after a field's colon",
          "Write a space after the colon of each field: `title: Action learning`, not "
          "`title:Action learning`. The line named is the one that lacks it."),
    Entry("so YAML reads it as more of that field's text", "file", "A line indented more than the field above",
          "A field that starts further right than the field above it is read as more of that field's text "
          "(a long text may go on to the next line that way). Line it up with the field above, or, if it "
          "is text, put the text in quotes."),
    Entry("YAML found a field ('name: value') where it cannot be", "file", "A field where YAML cannot place it",
          "Check that the line named starts in the same column as the fields it belongs with, and that "
          "no value on it holds `: ` without quotes around it."),
    Entry("the list's items above it start", "file", "A list item out of line",
          "Every `- ` of one list starts in the same column. Move the item named to the column of the "
          "items above it."),
    Entry("which matches none of the lines above it", "file", "A line out of line with the rest",
          "Fields that belong together (a session's `start:`, `end:` and `venue:`, say) start in the "
          "same column, one or more spaces in from the field they belong to. The message says which "
          "columns the lines above start in: move the line named to the one it belongs with."),
    Entry("starts with a quote (…) and goes on after the quote that closes it", "file",
          "Text after a closing quote",
          "A value that starts with a quote ends with the same quote: `title: 'It's a taster'` ends at "
          "`It`. Put the value in the other kind of quotes (`title: \"It's a taster\"`), write `''` "
          "for a `'` inside single quotes, or leave the quotes out."),
    Entry("has no colon: each field is written 'name: value'", "file", "A line with no colon",
          "Each field is written `name: value`. If the line named goes on with the text of the field "
          "above it, indent it further than that field, or put that field's text in quotes."),
    Entry("a list that opens with [ (or { ) on this line is not closed", "file", "A [ without its ]",
          "A list written on one line, `tags: [action-learning, councillors]`, ends with `]` on the "
          "same line. Close it, or write it one item per line, each starting `- `."),
    Entry("YAML takes '…' for a comment, as it starts with '#' after a space", "value",
          "A value cut short at a #",
          "In YAML, a `#` after a space starts a comment, which is left out: `note: Room #4 is upstairs` "
          "reads as `Room`. Put the whole value in quotes (`note: \"Room #4 is upstairs\"`). If the "
          "`#` does start a comment, write a space after it (`# like this`)."),
    Entry("YAML error: …", "file", "Another YAML error",
          "The message comes from the YAML reader. Check the line named as for a layout error; if "
          "it makes no sense, copy a working example and change it step by step."),
    Entry("only regular files are read or published. Move it out", "file",
          "A folder, pipe or other thing that is not a file",
          "Something named like an event file (or a file in `docs/`) is a folder, a named pipe, a "
          "socket or a device. Only ordinary files are read and published: a pipe would make the "
          "check and the build wait for ever. Move it out of `events/` and `docs/`, or replace it "
          "with the file it stands for."),
    Entry("outside the repository; only files inside it are read or published. Put", "file",
          "A link to a file outside the repository",
          "The file is a symbolic link to a file outside the site's folder (the folder of "
          "`mkdocs.yml`), which would be read, or published on the site, though it is in no "
          "commit. Copy the file itself into the repository in place of the link. A link to a "
          "folder outside is named once, for everything under it."),
    Entry("which does not exist; remove the link", "file", "A link to a file that does not exist",
          "The file is a symbolic link whose target is missing. Remove the link, or put the file "
          "itself in its place."),
    Entry("is outside the repository (the folder of mkdocs.yml); only files", "file",
          "A file outside the repository",
          "Only files inside the site's folder (the folder of `mkdocs.yml`) are read or published. "
          "Move the file into it."),
    Entry("lists or mappings are nested more than", "file", "Lists inside lists, far too deep",
          "An event file needs a few levels of indentation or brackets. Hundreds of levels come "
          "from a pasted run of `[`, `{` or `- `: find the line named and delete the run. (Files "
          "nested thousands deep would crash the YAML reader, so they are refused before it reads "
          "them.)"),
    Entry("a quote opened on this line is not closed", "file", "A quote that is never closed",
          "The value on the line named starts with a quote (`\"` or `'`) that has no partner at "
          "its end, so YAML read the lines after it as part of the text until the next quote (or "
          "the end of the file). Add the closing quote, or remove the opening one."),
    Entry("so its page would be published at", "file", "An event file named like one of the site's own pages",
          "The file name becomes the page's address, and this one is an address the site already "
          "uses for its own pages: `index` is the events listing (or the programmes listing), "
          "`organiser` and `audience` hold the pages that list events by organiser and by audience. "
          "Rename the file, for example after the event's title."),
    Entry("the file is empty", "file", "The event file is empty",
          "Fill it in (`make new-event` writes a starting point) or delete it."),
    Entry("event files end in .yml", "file", "The file ends in .yaml",
          "Rename it to end in `.yml`."),
    Entry("the file name becomes the page address", "file", "The file name cannot be a page address",
          "Rename the file as suggested: lower-case letters, digits and hyphens only, no spaces "
          "or accents (ŵ becomes w). The name is the page's address, so choose it once and keep it."),
    Entry("has the same page address as", "file", "Two files would make the same page",
          "Rename one of them."),
    Entry("a draft leaves the site and its calendar feeds", "file",
          "A published event with sessions to come was made a draft",
          "A draft is not published, so its sessions would vanish from the site and from the "
          "calendars of everyone who added them, without a word. Remove `draft: yes`, set "
          "`status: cancelled` on each session still to come, and publish. "
          "Make it a draft again once its dates have passed."),

    # --- values ----------------------------------------------------------------------------------
    Entry("is …; expected …", "value", "A list or a set of fields where one value belongs (or the other way round)",
          "The message says what was found (a list, a set of fields, or a value) and what is "
          "expected. Check the indentation: fields that belong under a heading are indented below "
          "it; a list has one item per line starting `- `; a single value goes on the same line as "
          "its field name."),
    Entry("invisible control character (U+…); remove it", "value", "An invisible character in a value",
          "A quoted value holds an escape such as `\\e` or `\\a`: remove it."),
    Entry("expected visible text only: delete it", "value",
          "An invisible character, or one that turns text round",
          "The value holds a character no one can see (a zero-width space, a word joiner, a "
          "byte-order mark, a zero-width joiner where nothing is joined) or one that changes the "
          "direction of the text around it (left-to-right and right-to-left marks, overrides and "
          "isolates). They come with text pasted from web pages, PDFs and chat programs, and make "
          "two titles that look the same differ, in search and in calendars; a direction override "
          "can show a name reversed. The message names the character and its column (or its place "
          "in the text): delete the text around it and type it again."),
    Entry("is empty (only spaces)", "value", "Text of spaces only",
          "The value is in quotes but holds only spaces, so the page would show an empty heading "
          "or line. Write the text, or remove the field if it is optional."),
    Entry("outside docs/ (the files the site publishes)", "value", "A link out of the site's files",
          "A link or image in the text leads, with `../`, out of `docs/`: the site does not "
          "publish what is there, so the link would be broken (and the build would stop on it). "
          "Link to a page or file of the site (an event's page is one folder down, so "
          "`../guide/authoring.md` is the authors' guide), or give a full `https://` address."),
    Entry("save the image again as plain SVG, or as PNG", "event", "An SVG image that could run a script",
          "An SVG image is a document that can hold scripts and load things from other websites, "
          "and opened on its own it runs with this site's rights. The line named in the image holds "
          "a `<script>`, an event handler (`onload=`, `onclick=`), a `<foreignObject>`, a "
          "`javascript:` address, a reference to another file or website (`href`, `xlink:href`, "
          "`url(...)` in a style), or an entity declaration. Export the image again from the drawing "
          "program as plain SVG (in Inkscape: Save As, Plain SVG; in Illustrator: SVG with "
          "\"Minimize\" settings), remove what the message names, or save it as PNG."),
    Entry("is not a well-formed SVG image", "event", "An SVG image that is not well-formed",
          "The file is not well-formed XML, so browsers would show nothing: it may be damaged, or "
          "not an SVG at all (a photo renamed `.svg`, say). Export it again from the drawing program, "
          "or give the file its real ending."),
    Entry("too big to check as an SVG image", "event", "A very large SVG image",
          "An SVG over 5 MB is refused unread. Simplify the drawing, or save it as PNG or JPEG."),
    Entry("characters long; keep it under", "value", "Text that is too long",
          "Shorten it. Titles, summaries and notes are shown in listings and calendars; put longer "
          "text in `body:`."),
    Entry("has HTML that pages leave out (<…>)", "value", "HTML in the description",
          "Event text is Markdown. Every page keeps only what ordinary prose needs, so HTML that "
          "could change how the site behaves (`<script>`, `<iframe>`, `<svg>`, `<style>`, forms, "
          "...) is left out, and refused here so that the page is what you wrote. Use Markdown "
          "instead: `**bold**`, `*italic*`, `[link text](https://example.org/)`, a blank line for a "
          "new paragraph, `- ` for a list. To show a tag as text, put it in backticks."),
    Entry("which is not a web address; write a link as", "value", "Something in `<angle brackets>` that is not a link",
          "Markdown makes `<https://...>` a link; anything else in angle brackets, such as "
          "`<javascript:...>`, is read as an HTML tag and left out. Write `[link text](https://...)`."),
    Entry("a link must start https://, http://, mailto: or tel:", "value",
          "A link that is not a web, email or phone address",
          "Links may start `https://`, `http://`, `mailto:` or `tel:`, or point to a page on this "
          "site. `javascript:`, `vbscript:` and `data:` links are refused because they run code, "
          "however they are spelt (capitals, `&#...;` codes, a line break inside)."),
    Entry("another site's address without https:", "value", "A link starting //",
          "An address starting `//` (or `\\\\`) goes to another site by whatever means the page was "
          "opened. Write a link to another site in full, starting `https://`; a page on this site "
          "starts with a single `/`."),
    Entry("shows an image from outside this site", "value", "An image from another site",
          "Pages show only images the site serves itself: an image from another address would "
          "make every visitor's browser contact that site, which then learns who reads the page. "
          "Put the picture in `docs/` (for example `docs/images/map.png`) and write "
          "`![what it shows](/images/map.png)`."),
    Entry("may only give a heading an #id, or an image a width and height", "value",
          "An attribute list or HTML attribute",
          "`{: ... }` after a paragraph, heading, link or image sets HTML attributes, and so could "
          "make the page run code when it is clicked (`onclick`) or change how the site looks. "
          "Only a heading's id (`## Venue {: #venue }`) and an image's size "
          "(`![A map](/images/map.png){: width=\"300\" height=\"200\" }`) are kept; remove the rest."),
    Entry("more HTML elements, attributes, links or images that pages leave out", "value",
          "Many things that pages leave out",
          "The text holds more HTML, attributes, script links or images from other sites than the "
          "check lists one by one. Fix those listed and run `make check` again to see the rest."),
    Entry("is not a short name", "value", "Not a short name",
          "Short names (ids, venues, organisers, tags) use lower-case letters, digits and hyphens "
          "only, such as `emc-melton` or `dec-2014`: no spaces, capitals, accents or slashes."),
    Entry("is not a whole number", "value", "Not a whole number",
          "Write digits only: `places: 8`, not `eight` or `8 places`."),
    Entry("is out of range", "value", "A number out of range",
          "Use a number within the range the message gives."),
    Entry("is not an amount", "value", "Not an amount of money",
          "Write `free`, or the amount without a currency sign: `950` or `884.50` (two decimal "
          "places, or none). Set the currency with `currency: GBP` (the default for events)."),
    Entry("is not allowed here; …", "value", "A status that is really an availability",
          "`status:` says whether a session is going ahead (scheduled, rescheduled, postponed, "
          "cancelled). Fully booked is `places_left: 0`; booking closing is `booking: closes:`; a "
          "past session is known from its date. Keep `status: scheduled` and set those instead."),
    Entry("a fully booked session keeps status: scheduled", "value", "(why) fully booked is not a status",
          "Set `places_left: 0` on the session; the page then says Fully booked and offers the "
          "waiting list if the booking has an email or phone."),
    Entry("booking closes on the date in booking: closes:", "value", "(why) booking closed is not a status",
          "Set `closes:` under `booking:` to the last day bookings are taken."),
    Entry("past sessions are found from their dates", "value", "(why) past is not a status",
          "Leave the status as it is: sessions show as past once their date has gone."),
    Entry("is not allowed…; expected …", "value", "A value that is not one of the choices",
          "Use one of the words the message lists (it suggests the nearest one). Case does not "
          "matter."),
    Entry("… …; expected …", "value", "A date or time that is not right",
          "The message says what is wrong with it, in one of the ways listed below, and the form "
          "expected: dates as `YYYY-MM-DD` (`2014-12-11`), times as `HH:MM` on the 24-hour clock "
          "(`13:00`), a start as `2014-12-11 10:00`."),
    Entry("is not a date", "value", "(reason) not a date",
          "Write the date as year-month-day with hyphens: `2014-12-11`, not `11/12/2014` or "
          "`11 December 2014`."),
    Entry("is not a real date", "value", "(reason) a date that does not exist",
          "The day is past the end of the month (30 February, 31 April): check the calendar."),
    Entry("has the year …, outside … to …", "value", "(reason) a year far from now",
          "Check the year: it is probably a typing slip (0214 for 2014)."),
    Entry("is not a time", "value", "(reason) not a time",
          "Write hours and minutes on the 24-hour clock: `13:00`, not `1pm`."),
    Entry("is not a real time", "value", "(reason) a time that does not exist",
          "Hours run 0 to 23 and minutes 0 to 59."),
    Entry("has no time", "value", "A start without a time",
          "Add the time after the date: `start: 2014-12-11 10:00`. If only the date is known so far, "
          "keep the date alone and add `time_to_be_confirmed: yes` (or words such as "
          "`time_to_be_confirmed: morning`) to the session, without `end:`."),
    Entry("is a web address; put the file in docs/images/", "value", "An image from another website",
          "Images are served by the site itself, so that no visitor's browser contacts another "
          "website. Save the image into `docs/images/` and write its path from `docs/`, such as "
          "`src: images/taster.jpg`."),
    Entry("is not a path inside docs/", "value", "An image path outside docs/",
          "Write the path from inside the `docs/` folder, without `docs/` at the start and without "
          "`..`: `src: images/taster.jpg` for the file `docs/images/taster.jpg`."),
    Entry("is not an image file; expected a file ending", "value", "Not an image file",
          "Give a picture saved as .jpg, .png, .webp, .gif or .svg (for a photo, a .jpg about 1200 "
          "pixels wide is plenty)."),
    Entry("is not an email address", "value", "Not an email address",
          "Write just the address, such as `events@example.org`: no name, no `<>`, no spaces and no "
          "`?cc=` or other extras."),
    Entry("is not a web address", "value", "Not a web address",
          "Write the full address starting `https://`, as the browser's address bar shows it. "
          "Spaces, quotes and `<>` are not allowed, nor `javascript:` addresses."),
    Entry("is not a phone number", "value", "Not a phone number",
          "Write the number as people read it, with spaces if you like: `01632 960 637` or "
          "`+44 1632 960637`. Leave out words such as `Tel:` and extension notes."),
    Entry("is not yes or no", "value", "Not yes or no", "Write `yes` or `no`."),
    Entry("one per line starting '- '", "value", "Not a list",
          "Write one item per line, each starting `- `, indented under the field; or `[a, b]` on one "
          "line."),
    Entry("items; expected at least", "value", "A list with too few items",
          "Add items: the message says how many are needed (an event needs at least one session)."),
    Entry("items; at most … are allowed", "value", "A list with too many items",
          "Split the event into several files (at most 500 sessions each)."),
    Entry("appears twice (first at line", "value", "A field given twice",
          "Keep one of the two lines: the message gives the line of the first."),
    Entry("unknown field", "value", "A field name that is not known",
          "Check the spelling: the message suggests the nearest known name (`titel` → `title`). "
          "Field names are lower case with underscores (`places_left`). A field typed wrongly would "
          "otherwise be dropped silently, so it is refused."),
    Entry("is missing; add it (", "value", "A required field is missing",
          "Add the field: the message says what it holds and gives an example."),
    Entry("is empty; expected", "value", "A required field is empty",
          "Write its value after the colon, as the example in the message shows."),

    # --- events and sessions ---------------------------------------------------------------------
    Entry("is not a venue in events/", "event", "A venue that is not in _venues.yml",
          "Use a short name listed in the message, or add the venue to `events/_venues.yml` "
          "(name, address, postcode)."),
    Entry("a rescheduled session keeps its previous start", "event",
          "A rescheduled session without its previous start",
          "Add `previous_start:` with the date and time the session was going to start, so the page "
          "can say it has moved from one date to the other."),
    Entry("is only for a rescheduled session", "event", "previous_start on a session that was not moved",
          "Set `status: rescheduled` if the session moved, or remove `previous_start:`."),
    Entry("is not an organiser in events/", "event", "An organiser that is not in _organisers.yml",
          "Use a short name listed in the message, or add the organiser to "
          "`events/_organisers.yml` (name and email)."),
    Entry("says nobody how to book", "event", "Booking details without a way to book",
          "Give at least one of `email:`, `phone:` or `url:` under `booking:`."),
    Entry("is not a known time zone", "event", "A time zone that does not exist",
          "Use a name from the time zone database, such as `Europe/London` or `Europe/Dublin`; the "
          "message suggests one when it can."),
    Entry("not after its start …; expected an end later", "event", "A session that ends before it starts",
          "Check `start:` and `end:`. An end given as a time alone (`13:00`) is on the start's day; "
          "for a session that runs past midnight give the end's date too."),
    Entry("does not exist in", "event", "A time in the hour the clocks skip",
          "On the night the clocks go forward, the hour they skip (01:00 to 02:00 in the UK, on the last "
          "Sunday of March) is shown by no clock. Give a time outside it; the message suggests the time "
          "the clocks show instead."),
    Entry("happens twice in", "event", "A time in the hour the clocks repeat",
          "On the night the clocks go back, the hour they repeat (01:00 to 02:00 in the UK, on the last "
          "Sunday of October) happens twice. Add which one you mean after the time, as the message "
          "shows: `2015-10-25 01:30 BST` (the first) or `2015-10-25 01:30 GMT` (the second), or the "
          "offset (`+01:00`, `+00:00`). The page then says which."),
    Entry("is … (…); leave out", "event", "An offset or abbreviation that does not hold then",
          "A time may end with the offset or abbreviation in force (`BST`, `+01:00`) only where it is "
          "true. Leave it out (it is needed only in the hour the clocks repeat), or correct the time."),
    Entry("after a date without a time", "value", "An offset after a date alone",
          "An offset or abbreviation belongs after a time: `2015-10-25 01:30 GMT`."),
    Entry("is more than 31 days after the start", "event", "A session longer than a month",
          "Give each part its own session (with its own `id:`): a session is one sitting."),
    Entry("is not a testimonial in events/", "event", "A testimonial that is not in _testimonials.yml",
          "Use a short name listed in the message, or add the testimonial to "
          "`events/_testimonials.yml`."),
    Entry("no testimonial has the tag", "event", "A testimonial tag no testimonial has",
          "Use a tag listed in the message, or add the tag to a testimonial's `tags:`."),
    Entry("says the time is not known, but start: gives", "event", "A time to be confirmed, and a time",
          "Either the time is known (give `start:` with its time and `end:`, and remove "
          "`time_to_be_confirmed:`), or it is not (give `start:` as the date alone). When the time is "
          "set, calendars that hold the session move it by themselves."),
    Entry("is for a session whose time is known; leave it out while time_to_be_confirmed", "event",
          "An end on a session whose time is to be confirmed",
          "Remove `end:` while `time_to_be_confirmed:` is set; add it back with the start time once "
          "the time is known."),
    Entry("is not a language tag", "value", "A language that is not a language tag",
          "Give the language as its short tag: `cy` for Welsh, `ga` for Irish, `gd` for Scottish "
          "Gaelic, `en` for English (`en-GB` also works)."),
    Entry("is no; leave the field out instead", "value", "`online: no`",
          "A session that is not online leaves `online:` out. `online: yes` says it is online with the "
          "platform not chosen yet; give `platform:` under `online:` once it is."),
    Entry("says it is not known yet; …", "event", "TBC, TBA or n/a written as a value",
          "Leave the field out instead: leaving something out is how a file says it is still to be "
          "confirmed, and the page then says so in plain words, once, instead of showing a placeholder "
          "that would reach calendars and search engines too. For a venue not chosen yet, leave "
          "`venue:` out of the session and give `area:` with the town, if it is known."),
    Entry("is for a session whose venue is not chosen yet", "event", "`area:` beside `venue:`",
          "`area:` says where a session is while its venue is not chosen. Once `venue:` is given, "
          "the venue says where it is: remove `area:`."),
    Entry("is before the start …; expected the last day of the block", "event",
          "Whole days that end before they start",
          "For whole days give the first day as `start:` and the last day as `end:`, both as dates: "
          "`start: 2015-06-15`, `end: 2015-06-17`."),
    Entry("gives a time, but start: gives only the day", "event", "A start day with an end time",
          "Give both with times (`start: 2015-06-15 09:30`, `end: 16:30`), or both as days for whole "
          "days (`start: 2015-06-15`, `end: 2015-06-17`), or leave `end:` out while the time is not "
          "known (the page then says the time is to be confirmed)."),
    Entry("gives only a day, but start: gives a time", "event", "A start time with an end day",
          "Give `end:` a time too: `end: 16:30` (the same day) or `end: 2015-06-17 16:30`."),
    Entry("is missing; the start gives a time", "event", "A start time without an end",
          "Give the end time (`end: 13:00`). If the times are not known yet, give `start:` as the day "
          "alone and leave `end:` out: the page says the time is to be confirmed."),
    Entry("is for a session with times over several days", "event", "`each_day:` without times",
          "`each_day: yes` means the start and end times hold on each day from the start's day to the "
          "end's day. Give both with times: `start: 2015-07-06 09:30`, `end: 2015-07-08 16:30`."),
    Entry("says the times hold each day, but the session", "event", "`each_day:` over one day",
          "With `each_day: yes`, `end:` is on a later day than `start:`, and its time of day is later "
          "than the start's: `start: 2015-07-06 09:30`, `end: 2015-07-08 16:30`."),
    Entry("a venue that is not chosen yet is not a venue", "file", "A venue called TBC",
          "Remove the placeholder venue from `_venues.yml`; leave `venue:` out of the sessions (with "
          "`area:` for the town, if it is known) and add the real venue when it is chosen."),
    Entry("leave venue: out of the session until the venue is chosen", "file", "A venue address of TBC",
          "Remove the placeholder venue from `_venues.yml`; leave `venue:` out of the sessions until "
          "the venue is chosen, and add it then with its real address."),
    Entry("is already used by series[", "event", "Two series with the same id",
          "Give each series its own `id:` and never change it once published: calendar files are "
          "named after it."),
    Entry("is not a series of this event", "event", "A session in a series that does not exist",
          "Add the series under `series:` at the top level of the file (with `id:` and `title:`), "
          "or correct the session's `series:` to one of the ids the message lists."),
    Entry("no session is in the series", "event", "A series with no sessions",
          "Add `series: ID` to each session that belongs to it, or remove the series."),
    Entry("is not a file in docs/", "event", "An image that is not in docs/",
          "Save the image at the path given (inside `docs/`), or correct `src:`. The path is "
          "case-sensitive on the web server: `Taster.JPG` and `taster.jpg` are different files."),
    Entry("does not say what the image shows", "event", "Alt text that describes nothing",
          "Alt text is read out to people who cannot see the image: describe what it shows in a "
          "sentence (\"Six councillors around a table, one presenting an issue\"), not its file name."),
    Entry("is already used by sessions[", "event", "Two sessions with the same id",
          "Give each session its own `id:`. When you add a date, add a new session with a new id; "
          "never reuse or change an existing session's id."),
    Entry("is not a page in docs/explainers/", "event", "An explainer page that does not exist",
          "Use a page listed in the message (its file name without `.md`), or add the page to "
          "`docs/explainers/`."),

    # --- shared files ----------------------------------------------------------------------------
    Entry("is defined twice (first at line", "shared", "A short name defined twice",
          "Two entries in the file have the same short name: rename or remove one."),
    Entry("matches no testimonial in events/_testimonials.yml", "shared",
          "A page's testimonials line names nothing",
          "In the page's `<!-- testimonials: ... -->` line, use short names or `tag:NAME` from "
          "`events/_testimonials.yml`, as listed in the message."),

    # --- programmes ------------------------------------------------------------------------------
    Entry("cannot be given with …:; a part has fixed dates:", "programme", "A part with two kinds of dates",
          "Give a part's days one way only: `dates:`, `choose_from:` or `dates_text:`."),
    Entry("not after its start …; expected a later time (the same times", "programme",
          "A part that ends before it starts",
          "Check the part's `start:` and `end:` times; they apply to each of its days."),
    Entry("cannot be given with amount:", "programme", "A cost that is both an amount and relative",
          "Give `amount:` with `currency:`, or `relative:` with `of:`, not both."),
    Entry("an amount needs its currency", "programme", "An amount without a currency",
          "Add `currency: GBP` (or EUR, USD) beside the amount."),
    Entry("is after the meeting on", "programme", "A reply date after the meeting",
          "Replies must be due by the meeting: set `reply_by:` on or before the meeting's date."),
    Entry("appears twice; list each date once", "programme", "A date listed twice",
          "Remove the repeated date."),
    Entry("-day part; give one date for each day", "programme", "Dates that do not match the part's days",
          "List one date per day of the part, or change `days:` to the number of dates."),
    Entry("is not possible; list at least", "programme", "Too few dates to choose from",
          "List more dates in `choose_from:`, or set `days:` to fewer."),
    Entry("is missing; a part with a", "programme", "A start time without an end time (or the reverse)",
          "Give both `start:` and `end:`, or neither."),
    Entry("gives no cost", "programme", "A cost with nothing in it",
          "Add `amount:` with `currency:`, or `relative:` with `of:`."),
    Entry("say which option a relative cost compares with", "programme", "A relative cost that compares with nothing",
          "Add `of:` with the id of the option it compares with."),
    Entry("is only for a relative cost", "programme", "of: without relative:",
          "Add `relative:` (such as `roughly half`) or remove `of:`."),
    Entry("is this option itself", "programme", "A cost compared with its own option",
          "Name another option in `of:`."),
    Entry(".parts[…]; each part needs its own id", "programme", "Two parts with the same id",
          "Give each part of an option its own `id:`."),
    Entry("the first part comes after nothing", "programme", "after: on the first part",
          "Move `after:` to the part that follows the gap."),
    Entry("list the parts in the order they happen", "programme", "Parts out of order",
          "List an option's parts in the order they take place."),
    Entry("is already used by options[", "programme", "Two options with the same id",
          "Give each option its own `id:`, and never change it once published."),
    Entry("in the list; list the dates earliest first", "programme", "Dates out of order",
          "List the dates earliest first."),
    Entry("so there is nothing to choose; write dates: instead", "programme", "A choice with nothing to choose",
          "The list holds exactly as many dates as the part has days: write them as `dates:`."),
    Entry("applies only to an amount", "programme", "VAT or per on a relative cost",
          "Remove it, or give `amount:` instead of `relative:`."),
    Entry("is not an option in this file", "programme", "of: names an option that does not exist",
          "Use the id of one of the options listed in the message."),

    Entry("is published; rename or move this file (one of the two would be lost)", "file",
          "A page in docs/ stands where an event's page is made",
          "The page for `events/NAME.yml` is made at `events/NAME/`; a file written by hand at "
          "`docs/events/NAME.md` (or `docs/events/NAME/index.md`) would take the same address. "
          "Rename or move the hand-written file, or put its text in the event file's `body:`. "
          "Programme brochures are made at `programmes/NAME/` in the same way."),

    # --- settings --------------------------------------------------------------------------------
    Entry("cannot be loaded (…); install the extension, or correct its name", "settings",
          "A Markdown extension cannot be loaded",
          "`make check` renders event text with the extensions under `markdown_extensions:` in "
          "`mkdocs.yml`, as the build does, to see what pages would leave out of it. One of them is "
          "not installed or is misspelt: install it (add it to `requirements.lock`) or correct its name."),
    Entry("a partially compliant site lists what does not meet the standard", "settings",
          "The accessibility statement says partial but lists no problems",
          "Under `extra: events: accessibility:` in `mkdocs.yml`, list under `problems:` each part of "
          "the site that does not meet the standard and why, or set `compliance: full`."),
    Entry("but problems: lists content that does not meet the standard", "settings",
          "The accessibility statement says full but lists problems",
          "Set `compliance: partial` while any problem remains, and remove each problem once fixed."),
    Entry("is not a folder next to", "settings", "The events folder setting names no folder",
          "Set `extra: events: folder:` in `mkdocs.yml` to the folder that holds the event files."),
    Entry("expected a folder inside it, e.g. events", "settings", "The events folder is outside the repository",
          "`extra: events: folder:` leads out of the site's folder (with `..`, an absolute path or a "
          "link). Event files must be in the repository, where their history is kept: move them "
          "into a folder beside `mkdocs.yml` and name that."),
    Entry("as a comment, as it starts with #", "settings", "A colour without quotes",
          "In YAML, ` #` starts a comment, so `primary: #1d4f91` sets nothing and the colour would be "
          "silently left out. Put the colour in quotes, as the message shows: `primary: \"#1d4f91\"`."),
    Entry("expected its path inside it, such as images/logo.svg", "settings", "The logo is not a file in docs/",
          "Save the logo in `docs/` (for example `docs/images/logo.svg`) and give its path from "
          "`docs/` in `extra: events: brand: logo:`."),
    Entry("is not a known time zone; expected a name such as Europe/London", "settings",
          "The site's time zone setting does not exist",
          "Set `extra: events: timezone:` in `mkdocs.yml` to a name such as `Europe/London`."),
    Entry("is not a domain name; expected a name such as events.example.gov.uk", "settings",
          "The calendar UID domain is not a domain",
          "Set `extra: events: uid_domain:` in `mkdocs.yml` to the site's domain alone, such as "
          "`events.example.gov.uk` (no `https://`, no path), or remove it to use the host of "
          "`site_url`. Once calendars hold your events, never change it: every event would appear "
          "twice."),
    Entry("(it comes from", "settings", "today comes from the environment variable",
          "The date in the message comes from the environment variable EVENTS_TODAY, not from "
          "`mkdocs.yml`: correct or unset it."),
    Entry("of the configuration it builds on", "settings", "INHERIT names no file it can build on",
          "`INHERIT:` at the top of `mkdocs.yml` names another configuration file that this one "
          "builds on, by its path from `mkdocs.yml`. Correct the path, or remove the line; a file "
          "cannot inherit from itself or from a file that inherits from it."),
    Entry("YAML syntax error: …", "settings", "mkdocs.yml is not valid YAML",
          "Check the line named in `mkdocs.yml`, as for a layout error in an event file."),
    Entry("is not a date; expected YYYY-MM-DD", "settings", "The today setting is not a date",
          "Write `today:` (or EVENTS_TODAY) as `YYYY-MM-DD`, or remove it to use the real date."),
    Entry("has the year …, outside … to …; expected YYYY-MM-DD", "settings", "The today setting is far off",
          "Use a date between 1900 and 2100, or remove `today:` to use the real date."),
    Entry("is not a real date; expected YYYY-MM-DD", "settings", "The today setting does not exist",
          "Check the day and month of `today:`."),
]


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def render() -> str:
    """docs/guide/errors.md."""
    by_entry: dict[Entry, list[str]] = {}
    for template in templates():
        entry = entry_for(template)
        if entry is not None:
            by_entry.setdefault(entry, []).append(template.text)
    out = [
        "# When make check finds a problem",
        "",
        "<!-- Generated by `make error-guide` from hooks/eventsite/error_guide.py: edit that file. -->",
        "",
        "`make check` and the build list every problem in every file at once, one per line:",
        "",
        "```text",
        "events/action-planning-for-councillors.yml:12: sessions[1].start: '2014-02-30 10:00' is not a real "
        "date; expected a date and time as YYYY-MM-DD HH:MM, e.g. 2014-12-11 10:00",
        "```",
        "",
        "That is the file, the line in it, the field (`sessions[1].start` is the `start:` of the first "
        "session) and what is wrong. Fix each line it names and run `make check` again; nothing is "
        "published until no problem is left.",
        "",
        f"Below is every message it can give, with how to fix it. `{GAP}` stands for the part of the "
        "message that names your value, line or file.",
    ]
    for key, heading in SECTIONS.items():
        entries = [e for e in ENTRIES if e.section == key and e in by_entry]
        if not entries:
            continue
        out += ["", f"## {heading}"]
        for entry in entries:
            out += ["", f"### {entry.title}", ""]
            out += [f"> {_code(text)}" + ("  " if i < len(by_entry[entry]) - 1 else "")
                    for i, text in enumerate(by_entry[entry])]
            out += ["", entry.fix]
    return "\n".join(out) + "\n"


def write(root: Path) -> bool:
    """Write the page under ``root``; whether it changed."""
    path = root / PAGE
    text = render()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
