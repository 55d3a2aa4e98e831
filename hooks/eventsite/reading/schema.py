"""The file formats, declared once: read by ``validate`` and exported as JSON Schema for editors."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .fields import (Amount, Boolean, Bullet, Choice, DateOrText, DateTime, Date, Email, Field, Fields, FieldsOrYes,
                     Identifier, Integer, Kind, Language, ListOf, Markdown, Phone, Record, Section, SiteFile, Text, Time, Url,
                     YesOrText, _shown)

STATUSES = ("scheduled", "rescheduled", "postponed", "cancelled")
AVAILABILITY_ADVICE = {
    "fully-booked": "a fully booked session keeps status: scheduled; set places_left: 0 instead",
    "full": "a fully booked session keeps status: scheduled; set places_left: 0 instead",
    "booking-closed": "booking closes on the date in booking: closes:; keep status: scheduled",
    "past": "past sessions are found from their dates; keep status: scheduled",
}


@dataclass
class Keyed(Kind):
    """A mapping of short names to records: how venues, organisers and testimonials are defined."""

    item: Kind = field(default_factory=Fields)
    expected: str = "short names, each followed by a colon and its fields indented below"

    def read(self, node, path, check):
        if not isinstance(node, yaml.MappingNode):
            check.add(node, path or "file", f"is {_shown(node)}; expected {self.expected}")
            return None
        result = Record()
        result.line = node.start_mark.line + 1
        result.lines = {}
        for key_node, value_node in node.value:
            key = Identifier().read(key_node, path or "name", check)
            if key is None:
                continue
            if key in result.lines:
                check.add(key_node, key, f"is defined twice (first at line {result.lines[key]}); keep one")
                continue
            result.lines[key] = key_node.start_mark.line + 1
            value = self.item.read(value_node, key, check)
            if value is not None:
                result[key] = value
        return result

    def json_schema(self):
        return {"type": "object", "propertyNames": Identifier().json_schema(),
                "additionalProperties": self.item.json_schema()}


ONLINE = FieldsOrYes({
    "platform": Field(Text(max_length=100), example="Microsoft Teams",
                      description="What the session runs on: Microsoft Teams, Zoom, ... Leave it out "
                                  "(or write online: yes) while it is not chosen."),
    "joining": Field(Text(), example="The link is emailed to you the day before.",
                     description="How people get the joining instructions, if not 'sent to you when "
                                 "you book'."),
    "public_link": Field(Url(), example="https://example.org/join",
                         description="Only for a meeting anyone may join: this link is published on "
                                     "the page and in calendars. Leave it out to send it on booking."),
})

SESSION_AGENDA = Fields({
    "time": Field(Time(), example="10:00", description="When this item starts."),
    "title": Field(Text(max_length=150), required=True, example="Welcome and introductions"),
    "summary": Field(Text(max_length=500), example="Who is here and what they want from the day."),
})

SESSION = Fields({
    "id": Field(Identifier(), required=True, example="dec-2014",
                description="A short name for this session that never changes, even if its date "
                            "moves: calendars use it to recognise the session."),
    "start": Field(DateTime(date_only=True), required=True, example="2014-12-11 10:00",
                   description="Local date and time the session starts. A date alone: the time is "
                               "to be confirmed, or, with end: as a date too, whole days."),
    "end": Field(DateTime(time_only=True, date_only=True), example="13:00",
                 description="End time (same day), or date and time; a date alone after a start "
                             "date alone: whole days, to that day. Leave out while the time is not known."),
    "each_day": Field(Boolean(), example="yes",
                      description="yes: start and end span several days with these times each day "
                                  "(2015-06-15 09:30 to 2015-06-17 16:30: 9:30am to 4:30pm each day)."),
    "venue": Field(Identifier(), example="emc-melton",
                   description="A venue's short name from events/_venues.yml. Leave out for a "
                               "session that is online only, or while the venue is not chosen."),
    "area": Field(Text(max_length=100), example="Melton Mowbray",
                  description="While the venue is not chosen: the town or area that is known."),
    "title": Field(Text(max_length=100), example="Launch",
                   description="The session's own name, when sessions differ (a launch, a finale)."),
    "summary": Field(Text(max_length=500), example="Meet the other councils and set your goals.",
                     description="What happens in this session, in a sentence or two."),
    "agenda": Field(ListOf(SESSION_AGENDA, minimum=1, maximum=40),
                    example="(a list: - time: '10:00' and title: Welcome)",
                    description="The session's timetable: each item's time and what happens."),
    "language": Field(Language(), example="cy",
                      description="The language the session is held in, if not the site's (cy: Welsh)."),
    "status": Field(Choice(STATUSES, advice=AVAILABILITY_ADVICE), example="scheduled",
                    description="scheduled (the default), rescheduled, postponed or cancelled."),
    "previous_start": Field(DateTime(), example="2014-12-04 10:00",
                            description="For a rescheduled session: when it was to start before."),
    "places_left": Field(Integer(), example="3",
                         description="Places still free; 0 means fully booked."),
    "timezone": Field(Text(max_length=60), example="Europe/London",
                      description="Time zone of start and end, if not the event's."),
    "revision": Field(Integer(maximum=10_000), example="1",
                      description="Not needed: calendars follow each change by themselves (from the "
                                  "site's history). An old value can only raise the calendar's count."),
    "online": Field(ONLINE, example="(platform: Microsoft Teams)",
                    description="For a session held online (with venue: too, in person or online)."),
    "time_to_be_confirmed": Field(YesOrText(), example="morning",
                                  description="Words such as 'morning' or 'times to follow' when the "
                                              "date is known but the time is not (start is then a date "
                                              "alone; a date alone without end: says the same)."),
    "series": Field(Identifier(), example="series-1",
                    description="The id of the series (under the event's series:) this session is "
                                "part of: people who book a series attend all its sessions."),
})

PRICE = Fields({
    "amount": Field(Amount(), required=True, example="free",
                    description="free, or the amount without a currency sign."),
    "currency": Field(Choice(("gbp", "eur", "usd")), example="GBP"),
    "vat": Field(Choice(("plus", "included", "exempt")), example="plus",
                 description="Whether VAT is added to the amount, included in it, or not charged."),
    "per": Field(Choice(("person", "candidate", "delegate", "organisation")), example="person"),
    "note": Field(Text(), example="free to councillors in the East Midlands"),
})

BOOKING = Fields({
    "contact": Field(Text(max_length=100), example="Kirsty Lowe"),
    "email": Field(Email(), example="bookings@example.org"),
    "phone": Field(Phone(), example="01632 960 637"),
    "url": Field(Url(), example="https://example.org/book"),
    "closes": Field(Date(), example="2014-12-04",
                    description="Last day bookings are taken."),
    "opens": Field(DateOrText(), example="2015-01-05",
                   description="Booking is not open yet: the day it opens, or words ('in January', "
                               "'soon'). Until then the page offers to register interest."),
    "note": Field(Text(), example="Please book by email."),
})

SERIES = Fields({
    "id": Field(Identifier(), required=True, example="series-1",
                description="A short name for this series; its sessions say series: with it."),
    "title": Field(Text(max_length=100), required=True, example="Series 1"),
    "note": Field(Text(), example="Tuesday mornings in the spring"),
    "facilitator": Field(Text(max_length=150), example="Jo Smith, Action Learning Associates",
                         description="Who leads this group, when groups run side by side."),
    "places": Field(Integer(minimum=1), example="8", description="This group's places, if not the event's."),
})

IMAGE = Fields({
    "src": Field(SiteFile(), required=True, example="images/action-planning.jpg",
                 description="The image's path inside docs/ (the site serves it itself)."),
    "alt": Field(Text(max_length=250), required=True,
                 example="Six councillors around a table, one of them presenting an issue",
                 description="What the image shows, for people who cannot see it."),
})

EVENT = Fields({
    "title": Field(Text(max_length=150), required=True,
                   example="Action planning for councillors using action learning"),
    "summary": Field(Text(), required=True, example="A free half-day taster session."),
    "organiser": Field(Identifier(), required=True, example="east-midlands-councils",
                       description="An organiser's short name from events/_organisers.yml."),
    "audience": Field(Text(), example="Councillors in the East Midlands"),
    "tags": Field(ListOf(Identifier(), single_ok=True), example="[action-learning]"),
    "timezone": Field(Text(max_length=60), example="Europe/London"),
    "sessions": Field(ListOf(SESSION, minimum=1, maximum=500), required=True,
                      required_unless=("dates_to_be_confirmed",),
                      example="(a list of sessions, each starting '- id:')"),
    "places": Field(Integer(minimum=1), example="8", description="How many places in all."),
    "price": Field(PRICE, example="(amount: free)"),
    "booking": Field(BOOKING, example="(email: bookings@example.org)"),
    "outcomes": Field(ListOf(Bullet()), description="By the end of the session participants will..."),
    "benefits": Field(ListOf(Bullet())),
    "body": Field(Markdown(), description="The description, in Markdown."),
    "explainers": Field(ListOf(Identifier(), single_ok=True), example="[what-is-action-learning]",
                        description="Pages in docs/explainers/ to show, by file name without .md."),
    "testimonials": Field(ListOf(Identifier(), single_ok=True),
                          description="Testimonials from events/_testimonials.yml, by short name."),
    "testimonial_tags": Field(ListOf(Identifier(), single_ok=True),
                              description="Also show every testimonial with one of these tags."),
    "updated": Field(Date(), example="2014-11-03",
                     description="When this file last changed in a way readers should know."),
    "example": Field(Boolean(), description="yes marks example content (contact details are not real)."),
    "dates_to_be_confirmed": Field(YesOrText(), example="spring 2015",
                                   description="yes, or words such as 'spring 2015', while no date is "
                                               "set: the page offers to register interest instead "
                                               "of booking."),
    "series": Field(ListOf(SERIES, minimum=1, maximum=20), example="(a list of series, each starting '- id:')",
                    description="Sessions booked and attended together. Sessions in no series are "
                                "alternatives: people choose one."),
    "eligibility": Field(ListOf(Text(max_length=500), minimum=1, single_ok=True),
                         example="Each council nominates one officer and one councillor",
                         description="Who can come and on what conditions; shown before booking."),
    "image": Field(IMAGE, example="(src: images/taster.jpg, alt: ...)",
                   description="A picture for the page, listings and shared links, with its alt text."),
    "draft": Field(Boolean(), example="yes",
                   description="yes: checked, but not published (a preview can show it)."),
    "language": Field(Language(), example="cy",
                      description="The language of this event's text, if not the site's (cy: Welsh)."),
})

ORGANISERS = Keyed(Fields({
    "name": Field(Text(max_length=150), required=True, example="East Midlands Councils"),
    "email": Field(Email(), required=True, example="events@example.org"),
    "website": Field(Url(), example="https://www.example.org/"),
    "phone": Field(Phone(), example="01632 960 000"),
}))

ACCESS = Fields({
    "step_free": Field(Boolean(), example="yes",
                       description="Step-free access from the street to the room (yes or no)."),
    "accessible_toilets": Field(Boolean(), example="yes"),
    "hearing_loop": Field(Boolean(), example="yes"),
    "parking": Field(Text(), example="Free car park on site, with 4 Blue Badge spaces by the door"),
    "public_transport": Field(Text(), example="Melton Mowbray station, 15 minutes' walk",
                              description="The nearest station or bus stop, in words."),
    "bsl_on_request": Field(Boolean(), example="yes",
                            description="A British Sign Language interpreter can be booked on request."),
    "other_support": Field(Text(), example="a quiet room; large-print papers",
                           description="Other support available on request."),
    "note": Field(Text(), example="The meeting room is on the first floor, with a lift."),
})

VENUES = Keyed(Fields({
    "name": Field(Text(max_length=150), required=True, example="Pera Business Park"),
    "address": Field(ListOf(Text(), minimum=1, single_ok=True), required=True,
                     example="[Nottingham Road, Melton Mowbray, Leicestershire]"),
    "postcode": Field(Text(max_length=10), required=True, example="LE13 0PB"),
    "language": Field(Language(), example="cy",
                      description="The language of the venue's name and address, if not the site's."),
    "town": Field(Text(max_length=100), example="Melton Mowbray",
                  description="The town or city, if it is not the address line before the county (or "
                              "the last line): search engines show it."),
    "access": Field(ACCESS, example="(step_free: yes, ...)",
                    description="What people ask before they come: step-free access, toilets, hearing "
                                "loop, parking, public transport, support on request."),
}))

# Settings in mkdocs.yml, under extra: events: accessibility:. The statement page is made from them.
ACCESSIBILITY = Fields({
    "organisation": Field(Text(max_length=150), required=True, example="East Midlands Councils",
                          description="Who runs the site."),
    "email": Field(Email(), required=True, example="accessibility@example.org",
                   description="Where people report accessibility problems."),
    "phone": Field(Phone(), example="01632 960 000"),
    "standard": Field(Text(max_length=100), required=True, example="WCAG 2.2 AA",
                      description="The standard the site was tested against."),
    "compliance": Field(Choice(("full", "partial")), example="full",
                        description="full: meets the standard; partial: list what does not in problems:."),
    "problems": Field(ListOf(Text(max_length=500), minimum=1, single_ok=True),
                      description="Content that does not meet the standard, and why."),
    "tested": Field(Date(), required=True, example="2014-11-20",
                    description="When the site was last tested."),
    "tested_by": Field(Text(max_length=150), example="East Midlands Councils' web team"),
    "prepared": Field(Date(), example="2014-11-20",
                      description="When this statement was first prepared (default: tested)."),
    "reviewed": Field(Date(), example="2014-11-20",
                      description="When this statement was last reviewed (default: tested)."),
})

# Settings in mkdocs.yml, under extra: events: editor:: publishing from the web editor at /admin/
# (editor_config; docs/guide/editor.md). Without repo, the editor works only with make edit.
EDITOR = Fields({
    "repo": Field(Text(max_length=140), example="my-council/events",
                  description="The site's GitHub repository, OWNER/NAME: the editor on the published site "
                              "commits there."),
    "branch": Field(Text(max_length=250), example="main",
                    description="The branch the site is published from (default main)."),
    "auth_url": Field(Url(), example="https://cms-auth.example.org",
                      description="Only for a site that runs an OAuth server for Decap CMS: its address. "
                                  "Without it, editors sign in with a GitHub token."),
    "auth_endpoint": Field(Text(max_length=100), example="auth",
                           description="The OAuth server's path for signing in (default auth)."),
})

# Settings in mkdocs.yml, under extra: events:. Read from the composed file, so that a build and
# make check report the same problems with the same lines (project.read_settings).
SETTINGS = Fields({
    "folder": Field(Text(max_length=200), example="events",
                    description="The folder next to mkdocs.yml that holds the event files."),
    "timezone": Field(Text(max_length=64), example="Europe/London",
                      description="The zone for times that name none."),
    "today": Field(Text(max_length=40), example="2014-11-20",
                   description="Pin today's date (YYYY-MM-DD); the real date if absent."),
    "uid_domain": Field(Text(max_length=253), example="events.example.org",
                        description="The domain in calendar UIDs; never change it once published."),
    "notice": Field(Text(max_length=500), example="This is an example site.",
                    description="A line shown at the top of every page."),
    "pdf": Field(Boolean(), example="no", description="no leaves out programme brochures' PDFs."),
    "authors_guide": Field(Boolean(), example="yes",
                           description="yes publishes the authors' guide (docs/guide/) under For authors; "
                                       "no (the default) leaves it out of the site (navigation.py)."),
    "feed_keep_past_days": Field(Integer(minimum=0, maximum=3660), example="30",
                                 description="Days a past session stays in calendar feeds."),
    "feed_refresh_hours": Field(Integer(minimum=1, maximum=168), example="12",
                                description="How often calendar programs should check feeds."),
    "accessibility": Field(Section(), example="(organisation: ..., email: ..., standard: ..., tested: ...)",
                           description="The accessibility statement (ACCESSIBILITY)."),
    "brand": Field(Section(), example="(name: ..., colours: ...)",
                   description="The organisation's look (palette.read_brand)."),
    "editor": Field(EDITOR, example="(repo: my-council/events)",
                    description="Publishing from the web editor at /admin/ (EDITOR)."),
})

TESTIMONIALS = Keyed(Fields({
    "quote": Field(Text(max_length=1000), required=True, example='"It made me brave enough."'),
    "by": Field(Text(max_length=200), required=True, example="A councillor who took part"),
    "tags": Field(ListOf(Identifier(), single_ok=True), example="[action-learning]"),
}))


# --- Programmes: brochures for multi-part courses offered as one or more options ---------------

PROGRAMME_KIND = "programme"  # the value of ``kind:`` that marks a programme file

COST = Fields({
    "amount": Field(Amount(), example="950",
                    description="The amount without a currency sign (needs currency:), or free."),
    "currency": Field(Choice(("gbp", "eur", "usd")), example="GBP",
                      description="Required with an amount: GBP, EUR or USD."),
    "vat": Field(Choice(("plus", "included", "exempt")), example="plus",
                 description="Whether VAT is added to the amount, included in it, or not charged."),
    "per": Field(Choice(("person", "candidate", "delegate", "organisation")), example="candidate"),
    "basis": Field(Text(), example="8 delegates working in one set",
                   description="What the amount depends on; shown as 'based on ...'."),
    "relative": Field(Text(max_length=100), example="roughly half",
                      description="Instead of an amount: the cost compared with another option's."),
    "of": Field(Identifier(), example="proposal-1",
                description="For a relative cost: the option it is compared with."),
    "note": Field(Text(), example="in time and cash"),
})

AGENDA_ITEM = Fields({
    "title": Field(Text(max_length=100), required=True, example="First half"),
    "summary": Field(Text(), example="attendees are taught"),
    "points": Field(ListOf(Bullet())),
})

PART = Fields({
    "id": Field(Identifier(), required=True, example="initial",
                description="A short name for this part that never changes, even if its dates "
                            "move: calendars use it to recognise the part."),
    "title": Field(Text(max_length=150), required=True, example="Initial session"),
    "days": Field(Integer(minimum=1, maximum=31), required=True, example="3",
                  description="How many days each delegate attends."),
    "after": Field(Text(max_length=100), example="4 to 6 weeks",
                   description="The gap after the previous part, in words, as the brochure gives it."),
    "dates": Field(ListOf(Date(), minimum=1, maximum=31, single_ok=True),
                   example="[2010-03-04, 2010-03-05]",
                   description="Fixed dates: one for each day, in order."),
    "choose_from": Field(ListOf(Date(), minimum=2, maximum=62), example="[2010-02-08, 2010-02-09]",
                         description="A choice: each delegate picks `days` of these dates."),
    "dates_text": Field(Text(max_length=150), example="to be agreed with the group",
                        description="When the dates are not known as dates."),
    "start": Field(Time(), example="09:30", description="Start time each day; leave out for all-day."),
    "end": Field(Time(), example="16:30", description="End time each day."),
    "venue": Field(Identifier(), example="emc-melton",
                   description="A venue's short name from events/_venues.yml."),
    "points": Field(ListOf(Bullet()), description="What happens in this part."),
    "agenda": Field(ListOf(AGENDA_ITEM, minimum=1),
                    description="The part's structure: e.g. a first half and a second half."),
    "revision": Field(Integer(maximum=10_000), example="1",
                      description="Raise by one each time this part's dates or times change, so "
                                  "calendars that hold it update."),
})

AWARD = Fields({
    "name": Field(Text(max_length=200), required=True,
                  example="CMI level 5 Unit 5019 Managing Action Learning Award"),
    "note": Field(Text(max_length=1000), description="What the award brings, in a sentence or two."),
})

OPTION = Fields({
    "id": Field(Identifier(), required=True, example="proposal-1",
                description="A short name for this option; costs and calendars refer to it."),
    "title": Field(Text(max_length=100), required=True, example="Proposal 1"),
    "summary": Field(Text(), required=True, example="Train SSC staff as ambassadors for action learning."),
    "description": Field(Markdown(), description="The option in full, in Markdown."),
    "benefits": Field(ListOf(Bullet())),
    "leaves_with": Field(ListOf(Bullet()), description="What an attendee leaves with."),
    "award": Field(AWARD, example="(name: ...)"),
    "parts": Field(ListOf(PART, minimum=1, maximum=20), required=True,
                   example="(a list of parts, each starting '- id:')"),
    "schedule_note": Field(Text(), example="These are the only dates available in the next 6 months."),
    "costs": Field(ListOf(COST, minimum=1, maximum=10), example="(a list of costs)",
                   description="Alternative costs, e.g. for one set or for two."),
    "funding": Field(Text(max_length=1000), description="Who pays for what."),
    "notes": Field(ListOf(Bullet()), description="Anything else readers should know."),
})

CALL_TO_ACTION = Fields({
    "title": Field(Text(max_length=100), example="Call to action"),
    "ask": Field(Text(max_length=1000), required=True,
                 example="Please review the proposals and come to the meeting ready to answer"),
    "meeting": Field(DateOrText(), example="2010-01-27",
                     description="When readers meet to decide: a date, or words such as 'the 27th'."),
    "where": Field(Text(max_length=200), example="Room 2, Council House"),
    "reply_by": Field(DateOrText(), example="2010-01-20", description="When replies are due."),
    "questions": Field(ListOf(Text(), minimum=1), description="What readers should come ready to answer."),
    "email": Field(Email(), example="programmes@example.org"),
    "phone": Field(Phone(), example="01632 960 100"),
})

PROGRAMME = Fields({
    "kind": Field(Choice((PROGRAMME_KIND,)), required=True, example=PROGRAMME_KIND,
                  description="programme: this file is a programme brochure, not an event."),
    "title": Field(Text(max_length=150), required=True, example="Action Learning ambassadors"),
    "summary": Field(Text(), required=True, example="Two proposals for training SSC staff."),
    "organiser": Field(Identifier(), required=True, example="ssc-ml-programme",
                       description="An organiser's short name from events/_organisers.yml."),
    "audience": Field(Text(), example="Employer-facing staff in Sector Skills Councils"),
    "tags": Field(ListOf(Identifier(), single_ok=True), example="[action-learning]"),
    "timezone": Field(Text(max_length=60), example="Europe/London"),
    "options": Field(ListOf(OPTION, minimum=1, maximum=6), required=True,
                     example="(a list of options, each starting '- id:')"),
    "call_to_action": Field(CALL_TO_ACTION, example="(ask: ...)"),
    "body": Field(Markdown(), description="The introduction, in Markdown."),
    "explainers": Field(ListOf(Identifier(), single_ok=True), example="[action-learning-background]",
                        description="Pages in docs/explainers/ to show, by file name without .md."),
    "testimonials": Field(ListOf(Identifier(), single_ok=True),
                          description="Testimonials from events/_testimonials.yml, by short name."),
    "testimonial_tags": Field(ListOf(Identifier(), single_ok=True),
                              description="Also show every testimonial with one of these tags."),
    "updated": Field(Date(), example="2010-01-11",
                     description="When this file last changed in a way readers should know."),
    "example": Field(Boolean(), description="yes marks example content (contact details are not real)."),
    "draft": Field(Boolean(), example="yes",
                   description="yes: checked, but not published (a preview can show it)."),
})
