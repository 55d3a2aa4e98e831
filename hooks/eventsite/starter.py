"""A new event file: the required fields filled in, every optional one present as a comment.

``make new-event`` writes it. What it writes must pass ``make check`` as it stands, so an author
can build at once and then uncomment and fill in what the event needs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from .reading.validate import suggested_slug

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUMMARY_PLACEHOLDER = "Write one or two sentences about this event here."


@dataclass(frozen=True)
class NewEvent:
    slug: str
    title: str
    summary: str
    organiser: str
    session_id: str
    start: str  # as the author wrote it: YYYY-MM-DD HH:MM
    end: str  # HH:MM, or YYYY-MM-DD HH:MM
    venue: str
    today: dt.date


def slug_for(title: str) -> str:
    """The file name a title suggests (accents folded, spaces to hyphens), at most 60 characters."""
    return suggested_slug(title)[:60].rstrip("-")


def session_id_for(start: dt.datetime) -> str:
    """'jan-2015': short, readable, and kept even if the date later moves."""
    return f"{start:%b-%Y}".lower()


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text."""
    if re.fullmatch(r"[A-Za-z0-9(£][^:#\"'{}\[\]`|>&*!%@\n]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render(new: NewEvent) -> str:
    """The file's text."""
    return TEMPLATE.format(
        slug=new.slug, title=yaml_text(new.title), summary=yaml_text(new.summary),
        summary_note="   # required: replace this placeholder" if new.summary == SUMMARY_PLACEHOLDER else "",
        organiser=new.organiser, session_id=new.session_id, start=new.start, end=new.end,
        venue=new.venue, today=new.today.isoformat())


# Every optional field is here as a comment ("# field: example"); a test checks none is missing.
TEMPLATE = """\
# yaml-language-server: $schema=../schema/event.schema.json
# A new event. Its file name ({slug}) becomes the page address /events/{slug}/.
# Lines starting with # are hints: delete the # (and the space after it) to use a field.
# The guide "Adding and changing events" explains each one. Check with: make check

title: {title}
summary: {summary}{summary_note}
organiser: {organiser}       # a short name from events/_organisers.yml
# audience: Councillors in the East Midlands
# tags: [action-learning]
# updated: {today}     # the date you last changed something readers should know
# timezone: Europe/London  # only if the times are not in the site's time zone
# language: cy           # only if the event's text is not in the site's language (cy: Welsh)
# example: no
# draft: yes             # checked by make check, but not published until you remove this line
# eligibility:           # who can come and on what terms: shown before the booking button
#   - Each council nominates one officer and one councillor, who both attend every session
# image:                 # a picture for the page, listings and shared links; save it in docs/images/
#   src: images/{slug}.jpg
#   alt: Six councillors around a table, one of them presenting an issue   # what it shows
# dates_to_be_confirmed: no  # yes, or words such as "spring 2015", while no date is set (leave out sessions:)
# series:                # sessions booked and attended together; each says series: series-1
#   - id: series-1
#     title: Series 1
#     facilitator: Jo Smith   # who leads this group, when groups run side by side
#     places: 8            # this group's places, if not the event's

sessions:
  - id: {session_id}         # never change this, even if the date moves
    start: {start}
    end: {end}             # a time on the same day, or YYYY-MM-DD HH:MM (leave out while the time is not known)
    venue: {venue}         # a short name from events/_venues.yml (leave out if online only, or not chosen yet)
    # area: Melton Mowbray # instead of venue: while the venue is not chosen, the town that is known
    # each_day: no         # yes: start and end span days, with these times each day
    # title: Launch        # the session's own name, when sessions differ
    # summary: Meet the other councils and set your goals.
    # agenda:              # the session's timetable
    #   - time: "10:00"
    #     title: Welcome and introductions
    # language: cy         # only if the session is held in another language than the site's
    # online:              # held online too (or only, without venue:)
    #   platform: Microsoft Teams
    #   joining: The joining instructions are sent to you when you book.
    #   public_link: https://example.org/join   # only for a meeting anyone may join: it is published
    # time_to_be_confirmed: no   # yes, or words such as morning, if only the date is known: then start: is the date alone, without end:
    # series: series-1     # part of this series (see series: above): booked and attended together
    # status: scheduled    # scheduled, rescheduled, postponed or cancelled
    # previous_start: 2015-01-13 10:00   # with status: rescheduled, the start it moved from
    # places_left: 3       # places still free; 0 shows "Fully booked"
    # revision: 0          # not needed: calendars follow each change by themselves
    # timezone: Europe/London

# places: 8              # how many places in all

# price:
#   amount: free         # free, or an amount without the £ sign: 950 or 884.50
#   currency: GBP        # GBP, EUR or USD
#   vat: plus            # plus, included or exempt
#   per: person          # person, candidate, delegate or organisation
#   note: free to councillors in the East Midlands

# booking:               # give at least one of email, phone or url (leave booking: out while it is not known)
#   contact: Kirsty Lowe
#   email: bookings@example.org
#   phone: 01632 960 637
#   url: https://example.org/book
#   closes: 2015-01-13   # the last day bookings are taken
#   opens: 2015-01-05    # booking is not open yet: the day it opens, or words such as "in January"
#   note: Please book by email.

# outcomes:              # "By the end of the session participants will:"
#   - Understand the principles of action learning

# benefits:
#   - Provides a supportive, yet challenging environment
#   - "Development of skills such as":
#       - Problem solving

# explainers: [what-is-action-learning]    # pages in docs/explainers/, by file name
# testimonials: [emc-well-managed]         # testimonials by short name
# testimonial_tags: [action-learning]      # every testimonial with one of these tags

# body: |
#   The description, in Markdown. Keep the | above and indent every line by two spaces.
#
#   A blank line starts a new paragraph.
"""
