// The web editor's file format (editor/admin/format.js), run under Node: `node --test tests/editor/`
// (tests/test_editor_format.py runs it with the Python tests). Each case reads a file as the
// editor does, changes what a form would, and compares the text written with the text expected.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { KIND, SOURCE, asLists, fromFile, fromKeyedFile, kindOf, toFile, toKeyedFile } from "../../editor/admin/format.js";

const events = new URL("../../events/", import.meta.url);
const example = (name) => readFileSync(new URL(name, events), "utf8");
const copy = (data) => structuredClone(data);
const SESSION = ["id", "start", "end", "venue", "status", "previous_start", "places_left"];

/** The lines of ``after`` that are not in ``before``, and those of ``before`` gone from ``after``. */
function changes(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  return { added: b.filter((line) => !a.includes(line)), removed: a.filter((line) => !b.includes(line)) };
}

test("every example file is written back byte for byte when nothing is changed", () => {
  for (const name of ["action-planning-for-councillors.yml", "action-learning-ambassadors.yml"]) {
    assert.equal(toFile(fromFile(example(name))), example(name), name);
  }
  for (const name of ["_venues.yml", "_organisers.yml", "_testimonials.yml"]) {
    assert.equal(toKeyedFile(fromKeyedFile(example(name))), example(name), name);
  }
});

test("values are read as the text written, as the build reads them", () => {
  const data = fromFile("amount: 884.50\nphone: 01632960637\nexample: yes\nend: 13:00\nplaces: 8\n");
  assert.deepEqual([data.amount, data.phone, data.example, data.end, data.places], ["884.50", "01632960637", "yes", "13:00", "8"]);
  assert.equal(data[KIND], "event");
});

test("changing a session's time rewrites that line alone, keeping every comment", () => {
  const source = example("action-planning-for-councillors.yml");
  const data = fromFile(source);
  data.sessions[0].end = "13:30";
  const written = toFile(data, Object.keys(data), {}, SESSION);
  assert.deepEqual(changes(source, written), { added: ["    end: 13:30"], removed: ["    end: 13:00"] });
});

test("a session added and one cancelled are written in the form's order of fields", () => {
  const source = example("action-planning-for-councillors.yml");
  const data = fromFile(source);
  data.sessions.push({ venue: "emc-melton", end: "13:00", start: "2015-01-20 10:00", id: "jan-2015" });
  data.sessions[0].status = "cancelled";
  data.sessions[0].places_left = 0; // a number widget gives a number
  const written = toFile(data, Object.keys(data), {}, SESSION);
  assert.match(written, /  - id: taster-2014-12 {8}# never change this, even if the date moves\n    start: 2014-12-11 10:00\n    end: 13:00\n    venue: emc-melton\n    status: cancelled\n    places_left: 0\n  - id: jan-2015\n    start: 2015-01-20 10:00\n    end: 13:00\n    venue: emc-melton\n\nplaces: 8\n/);
  assert.deepEqual(changes(source, written).removed, ["    status: scheduled"]);
});

test("a field cleared in the form leaves the file; one added goes where the form has it", () => {
  const source = "# note\ntitle: A\nsummary: B  # keep\nplaces: 8\n";
  const data = fromFile(source);
  delete data.places;
  data.audience = "Councillors";
  assert.equal(toFile(data, ["title", "summary", "audience", "places"]), "# note\ntitle: A\nsummary: B  # keep\naudience: Councillors\n");
  data.summary = ""; // an emptied text box
  assert.equal(toFile(data, ["title", "summary", "audience"]), "# note\ntitle: A\naudience: Councillors\n");
});

test("a field left empty in the file stays as it was", () => {
  const source = "title: A\nvenue:\nplaces: 8\n";
  const data = fromFile(source);
  data.places = "9";
  assert.equal(toFile(data), "title: A\nvenue:\nplaces: 9\n");
});

test("list items are matched by id wherever they move, and keep their comments", () => {
  const source = "parts:\n  - id: a   # first\n    days: 1\n  # the second\n  - id: b\n    days: 2\n";
  const data = fromFile(source);
  data.parts.reverse();
  assert.equal(toFile(data), "parts:\n  # the second\n  - id: b\n    days: 2\n  - id: a   # first\n    days: 1\n");
  data.parts[1].days = "3";
  assert.equal(toFile(data), "parts:\n  # the second\n  - id: b\n    days: 2\n  - id: a   # first\n    days: 3\n");
});

test("text unchanged inside a changed field is copied as written, moved to its new indentation", () => {
  const source = "options:\n- id: a\n  benefits:\n  - A long point written\n    over two lines\n  title: Old\n";
  const data = fromFile(source);
  data.options[0].title = "New";
  // The list keeps its place relative to its key (here: not indented under it, as written).
  assert.equal(toFile(data), "options:\n  - id: a\n    benefits:\n    - A long point written\n      over two lines\n    title: New\n");
});

test("a point with sub-points is one text in the form, and written back as it was", () => {
  const source = example("action-planning-for-councillors.yml");
  const data = fromFile(source);
  assert.equal(data.benefits[3], "Development of skills such as\n- Problem solving\n- Critical reflection\n- Questioning insight\n- Giving and receiving support");
  data.benefits[3] += "\n- Listening";
  const written = toFile(data);
  assert.deepEqual(changes(source, written).added, ["      - Listening"]);
  data.benefits.push("Skills such as:\n- one\n- two");
  assert.match(toFile(data), /  - "Skills such as:":\n      - one\n      - two\n/);
});

test("Markdown with list lines stays text", () => {
  const data = fromFile("title: A\n");
  data.body = "Intro\n- one\n- two\n";
  assert.equal(toFile(data, ["title", "body"]), "title: A\nbody: |\n  Intro\n  - one\n  - two\n");
});

test("a new file starts with the schema line the form gives, then the fields in the form's order", () => {
  const written = toFile({ sessions: [{ id: "a", start: "2015-01-20 10:00", end: "12:00" }], title: "New: a taster" },
    ["title", "sessions"], { title: "yaml-language-server: $schema=../schema/event.schema.json" }, SESSION);
  assert.equal(written, "# yaml-language-server: $schema=../schema/event.schema.json\n\ntitle: \"New: a taster\"\nsessions:\n  - id: a\n    start: 2015-01-20 10:00\n    end: 12:00\n");
});

test("hidden values never reach the file", () => {
  const data = fromFile("title: A\n");
  assert.ok(SOURCE in data && KIND in data);
  assert.equal(toFile(data), "title: A\n");
});

test("a shared file keyed by short name is a list of items with an id, written back keyed", () => {
  const source = example("_venues.yml");
  const data = fromKeyedFile(source);
  assert.equal(data.items[0].id, "emc-melton");
  assert.deepEqual(data.items[0].address, ["Pera Business Park", "Melton Mowbray", "Leicestershire"]);
  data.items.push({ id: "county-hall", name: "County Hall", address: ["Glenfield", "Leicester"], postcode: "LE3 8RA" });
  assert.equal(toKeyedFile(data), source + "county-hall:\n  name: County Hall\n  address:\n    - Glenfield\n    - Leicester\n  postcode: LE3 8RA\n");
  const testimonials = example("_testimonials.yml");
  const quotes = fromKeyedFile(testimonials);
  quotes.items[1].by = "A participant";
  const written = toKeyedFile(quotes);
  assert.deepEqual(changes(testimonials, written).added, ["  by: A participant"]);
  quotes.items.splice(0, 1);
  assert.ok(!toKeyedFile(quotes).includes("emc-well-managed"));
  assert.ok(toKeyedFile(quotes).startsWith("# yaml-language-server"));
});

test("files are told apart for the collections' filters", () => {
  assert.equal(kindOf(fromFile(example("action-learning-ambassadors.yml"))), "programme");
  assert.equal(fromFile(example("action-planning-for-councillors.yml"))[KIND], "event");
  assert.equal(fromFile(example("_venues.yml"))[KIND], "shared");
  assert.equal(fromFile("")[KIND], "event");
});

test("a file that is not YAML is refused with its line", () => {
  assert.throws(() => fromFile("title: A\n  b: [\n"), /not valid YAML \(line \d+\)/);
});

test("a lone value where a list may stand is a list of one in the form, and written back as it was", () => {
  const source = "tags: action-learning  # one tag\nsessions:\n  - id: a\n    series: s1\n";
  const data = asLists(fromFile(source), new Set(["tags"]));
  assert.deepEqual(data.tags, ["action-learning"]);
  assert.equal(data.sessions[0].series, "s1");
  assert.equal(toFile(data), source);
  data.tags.push("councillors");
  assert.equal(toFile(data), "tags:\n  - action-learning\n  - councillors\nsessions:\n  - id: a\n    series: s1\n");
});

test("online: yes is an empty group in the form, written back as yes while it stays empty", () => {
  const source = "sessions:\n  - id: a\n    online: yes   # platform to come\n";
  const data = asLists(fromFile(source), new Set(), new Set(["online"]));
  assert.equal(toFile(data), source);
  data.sessions[0].online.platform = "Zoom";
  assert.equal(toFile(data), "sessions:\n  - id: a\n    online:\n      platform: Zoom\n");
});
