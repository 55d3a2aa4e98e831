// How the web editor reads and writes the site's YAML files (registered with Decap CMS as the
// formats "eventsite-yaml" and "eventsite-keyed"; see editor.js).
//
// Decap's own YAML format rewrites the whole file from the form's values: every comment goes,
// and YAML 1.2 typing turns `884.50` into 884.5 and `01632960637` into a number. Here:
//
// - Every value is read as the text written (YAML's failsafe schema), as the build reads it.
// - Saving changes only what the form changed. A top-level field whose value is unchanged is
//   copied from the file byte for byte, with its comments; a changed one is written again, keeping
//   the comments and the item order inside it (list items are matched by their `id:`). The lines
//   before the first field (the schema line, the file's own notes) are always kept.
// - A point with sub-points (`- "Skills such as": [a, b]`) is one text in the form: its first
//   line, then a line for each sub-point starting "- ".
// - A shared file keyed by short name (`emc-melton: {name: ...}`) is shown as a list of items,
//   each with its short name as `id`, and written back keyed (format "eventsite-keyed").
//
// Pure functions of their arguments: tests/editor/format.test.mjs runs them under Node.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from "./vendor/yaml/index.js";

// Hidden in an entry's data between load and save (Decap keeps fields the form does not show,
// and hands them back to toFile): the file as it was read, and what kind of file it is, for the
// collections' filters. Never written.
export const SOURCE = "eventsite:source";
export const KIND = "eventsite:kind";
// In a group that may be written as yes alone (online: yes), the yes it was, while the group is empty.
export const YES = "eventsite:yes";
const HIDDEN = [SOURCE, KIND, YES];

const READ = { schema: "failsafe", keepSourceTokens: false };
const SUB_POINTS = /^[^\n]+(\n- [^\n]*)+$/;

function parse(text) {
  const doc = parseDocument(text || "", READ);
  if (doc.errors.length) {
    const first = doc.errors[0];
    const line = first.linePos ? ` (line ${first.linePos[0].line})` : "";
    throw new Error(`This file is not valid YAML${line}: ${first.message}. Fix it in a text editor; make check says more.`);
  }
  return doc;
}

// --- reading -------------------------------------------------------------------------------------

/** A node as the form sees it: text, lists and records; a point with sub-points as one text. */
export function plain(node) {
  if (node == null) return null;
  if (isScalar(node)) return node.value == null ? null : String(node.value);
  if (isSeq(node)) return node.items.map((item) => subPointsText(item) ?? plain(item));
  if (isMap(node)) {
    const record = {};
    for (const pair of node.items) record[keyOf(pair)] = plain(pair.value);
    return record;
  }
  return null; // an alias: the build refuses those, and says where
}

function keyOf(pair) {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** "Head\n- a\n- b" for a list item written `- Head: [a, b]`, else undefined. */
function subPointsText(item) {
  if (!isMap(item) || item.items.length !== 1) return undefined;
  const [pair] = item.items;
  if (!isSeq(pair.value) || !pair.value.items.length || !pair.value.items.every(isScalar)) return undefined;
  return [keyOf(pair), ...pair.value.items.map((sub) => `- ${sub.value ?? ""}`)].join("\n");
}

/** What kind of file a mapping is: a programme, an event, or a file of records keyed by name. */
export function kindOf(record) {
  if (!record || typeof record !== "object") return "event";
  if (String(record.kind ?? "").trim().toLowerCase() === "programme") return "programme";
  const values = Object.values(record);
  const keyed = values.length > 0 && values.every((v) => v && typeof v === "object" && !Array.isArray(v));
  return keyed ? "shared" : "event";
}

/** ``data`` as the form shows it: each lone value of a field in ``lists`` (fields the form shows
 * as lists) a list of one, as the build reads it, since a list widget cannot show a single value;
 * and a field of ``orYes`` written as yes alone (online: yes) an empty group that remembers it. */
export function asLists(data, lists, orYes = new Set()) {
  if (Array.isArray(data)) return data.map((item) => asLists(item, lists, orYes));
  if (!data || typeof data !== "object") return data;
  const result = {};
  for (const [key, value] of Object.entries(data)) {
    if (HIDDEN.includes(key)) result[key] = value;
    else if (lists.has(key) && typeof value === "string") result[key] = [value];
    else if (orYes.has(key) && typeof value === "string") result[key] = { [YES]: value };
    else result[key] = asLists(value, lists, orYes);
  }
  return result;
}

/** The form's values with each remembered yes back where its group stayed empty. */
function withYes(data) {
  if (Array.isArray(data)) return data.map(withYes);
  if (!data || typeof data !== "object") return data;
  if (YES in data) {
    const rest = { ...data };
    delete rest[YES];
    return normal(rest) === null ? data[YES] : withYes(rest);
  }
  const result = {};
  for (const [key, value] of Object.entries(data)) result[key] = withYes(value);
  return result;
}

export function fromFile(text) {
  const record = plain(parse(text).contents) ?? {};
  const data = typeof record === "object" && !Array.isArray(record) ? record : {};
  return { ...data, [KIND]: kindOf(data), [SOURCE]: text ?? "" };
}

export function fromKeyedFile(text) {
  const record = plain(parse(text).contents) ?? {};
  const items = Object.entries(typeof record === "object" && !Array.isArray(record) ? record : {})
    .map(([id, value]) => ({ id, ...(value && typeof value === "object" && !Array.isArray(value) ? value : {}) }));
  return { items, [SOURCE]: text ?? "" };
}

// --- comparing -----------------------------------------------------------------------------------

/** A form value as text, lists and records, with empty values (cleared fields) left out. */
export function normal(value) {
  if (value == null) return null;
  if (Array.isArray(value)) {
    const items = value.map(normal).filter((item) => item !== null);
    return items.length ? items : null;
  }
  if (typeof value === "object") {
    const record = {};
    for (const [key, item] of Object.entries(value)) {
      if (HIDDEN.includes(key)) continue;
      const kept = normal(item);
      if (kept !== null) record[key] = kept;
    }
    return Object.keys(record).length ? record : null;
  }
  const text = String(value);
  return text.trim() === "" ? null : text;
}

/** Whether two values say the same, whatever the order of their fields. */
function same(a, b) {
  return equal(normal(a), normal(b));
}

function equal(a, b) {
  if (a === b) return true;
  // A lone value stands for a list of one where the format allows it (tags: action-learning):
  // the form shows it as a list, and writes it back as it was unless the list changed.
  if (Array.isArray(a) !== Array.isArray(b)) {
    const [list, one] = Array.isArray(a) ? [a, b] : [b, a];
    return typeof one === "string" && list.length === 1 && list[0] === one;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

// --- writing -------------------------------------------------------------------------------------
// The new text is built from the file's own: what did not change is copied from it. A changed
// top-level field is written by the yaml library, but every value inside it that did not change
// is again copied from the file (with its comments and line breaks), moved left or right to its
// new indentation. A placeholder stands for each such value while the library writes the rest.

const WRITE = { lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false, indentSeq: true };

function scalar(text) {
  const node = new Scalar(text);
  if (text.includes("\n")) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function idOf(item) {
  if (isMap(item)) {
    const pair = item.items.find((p) => keyOf(p) === "id");
    return pair && isScalar(pair.value) ? String(pair.value.value) : undefined;
  }
  return undefined;
}

function lineStart(text, index) {
  return text.lastIndexOf("\n", index - 1) + 1;
}

function indentAt(text, index) {
  const start = lineStart(text, index);
  return text.slice(start).match(/^ */)[0].length;
}

class Writer {
  /** ``source``: the file as read; ``order``: {top, nested}, the form's fields in order;
   * ``copying``: whether unchanged values are copied from the source (else all are written anew). */
  constructor(source, order, copying = true) {
    this.source = source;
    this.order = order;
    this.copying = copying;
    this.copies = new Map(); // placeholder -> what it stands for
    this.nonce = Math.random().toString(36).slice(2, 10);
  }

  /** A placeholder for ``node``'s own text in the source, or null where it cannot stand in. */
  copy(node, inList) {
    if (!this.copying || !node || !node.range) return null;
    const [start, end, after] = node.range;
    let text = this.source.slice(start, end);
    if (isScalar(node)) text += this.source.slice(end, after); // its comment, as spaced
    text = text.replace(/\s+$/, "");
    const first = lineStart(this.source, start);
    const startsLine = /^ *$/.test(this.source.slice(first, start));
    if (startsLine && (inList || !(isMap(node) || isSeq(node)))) return null;
    const id = `eventsitecopy${this.nonce}n${this.copies.size}end`; // no id is the start of another
    this.copies.set(id, { text, startsLine, indent: indentAt(this.source, start), column: start - first });
    const stand = new Scalar(id);
    stand.commentBefore = node.commentBefore;
    stand.spaceBefore = node.spaceBefore;
    return stand;
  }

  /** The node for ``value``, from ``node`` (and its comments and style) where there is one.
   * ``inList``: the value is a list item, where a text of several lines "- " is a point with sub-points;
   * ``keyIndent``: for a value after a key, the source indentation of that key's line. */
  merge(node, value, inList = false, keyIndent = null) {
    if (value === null) return null;
    if (node && node.range && same(plainItem(node, inList), value)) {
      const stand = this.copy(node, inList);
      if (stand) {
        if (keyIndent !== null) this.copies.get(stand.value).keyIndent = keyIndent;
        return stand;
      }
    }
    if (Array.isArray(value)) return this.list(isSeq(node) ? node : null, value);
    if (typeof value === "object") return this.record(isMap(node) ? node : null, value, false);
    if (inList && SUB_POINTS.test(value)) return this.subPoints(node, value);
    if (isScalar(node)) {
      if (String(node.value ?? "") !== value) {
        node.value = value;
        if (value.includes("\n")) node.type = Scalar.BLOCK_LITERAL;
        else if (node.type === Scalar.BLOCK_LITERAL) node.type = undefined; // let the writer choose
      }
      return node;
    }
    return scalar(value);
  }

  subPoints(node, text) {
    const [head, ...lines] = text.split("\n");
    const subs = lines.map((line) => line.replace(/^- /, "").trim());
    if (isMap(node) && node.items.length === 1 && keyOf(node.items[0]) === head) {
      node.items[0].value = this.merge(node.items[0].value, subs);
      return node;
    }
    const list = new YAMLSeq();
    list.items = subs.map(scalar);
    const map = new YAMLMap();
    map.items = [new Pair(scalar(head), list)];
    return map;
  }

  list(node, values) {
    const list = node ?? new YAMLSeq();
    const old = node ? [...node.items] : [];
    // Records (sessions, parts, options) are matched by id wherever they moved, so that each keeps
    // its comments; anything else, or a record whose id is new or was changed, by its place.
    const newId = (value) => (value && typeof value === "object" && value.id != null ? String(value.id) : undefined);
    const ids = new Set(values.map(newId).filter((id) => id !== undefined));
    const byId = new Map();
    old.forEach((item, index) => { if (idOf(item) !== undefined && !byId.has(idOf(item))) byId.set(idOf(item), index); });
    const matches = values.map((value) => byId.get(newId(value)));
    const used = new Set(matches.filter((m) => m !== undefined));
    matches.forEach((match, index) => {
      if (match === undefined && index < old.length && !used.has(index) && !ids.has(idOf(old[index]))) {
        matches[index] = index;
        used.add(index);
      }
    });
    list.items = values
      .map((value, index) => this.merge(matches[index] === undefined ? null : old[matches[index]], value, true))
      .filter((item) => item !== null);
    return list;
  }

  /** ``top``: the file's own record, whose fields are ordered as the form's top level. */
  record(node, values, top) {
    const ranks = (top ? this.order.top : this.order.nested) ?? [];
    const map = node ?? new YAMLMap();
    const kept = [];
    for (const pair of map.items) {
      const key = keyOf(pair);
      if (!(key in values)) {
        if (plain(pair.value) === null || plain(pair.value) === "") kept.push(pair); // empty, and still empty
        continue; // cleared in the form
      }
      const keyIndent = pair.key && pair.key.range ? indentAt(this.source, pair.key.range[0]) : null;
      const value = this.merge(pair.value, values[key], false, keyIndent);
      if (value === null) continue;
      pair.value = value;
      kept.push(pair);
    }
    const present = new Set(kept.map(keyOf));
    for (const [key, value] of Object.entries(values)) {
      if (present.has(key)) continue;
      const node = this.merge(null, value);
      if (node === null) continue;
      // A new field goes after the last field that comes before it in the form, as an author
      // would place it.
      const rank = ranks.indexOf(key);
      let at = kept.length;
      if (rank !== -1) {
        at = 0;
        kept.forEach((pair, index) => {
          const other = ranks.indexOf(keyOf(pair));
          if (other !== -1 && other < rank) at = index + 1;
        });
      }
      kept.splice(at, 0, new Pair(scalar(key), node));
      present.add(key);
    }
    map.items = kept;
    return map;
  }

  /** The library's text for ``doc``, each placeholder replaced by the source text it stands for. */
  text(doc) {
    let text = doc.toString(WRITE);
    for (const [id, copy] of this.copies) {
      const at = text.indexOf(id);
      if (at === -1) continue;
      const outIndent = indentAt(text, at);
      const lines = copy.text.split("\n");
      if (copy.startsLine) {
        // A list or group after a key: on the lines below it, as indented as before relative to the key.
        const shift = outIndent - (copy.keyIndent ?? copy.indent);
        const body = [" ".repeat(Math.max(0, copy.column + shift)) + lines[0], ...lines.slice(1).map((l) => moved(l, shift))];
        const before = text[at - 1] === " " ? at - 1 : at;
        text = text.slice(0, before) + "\n" + body.join("\n") + text.slice(at + id.length);
      } else {
        const shift = outIndent - copy.indent;
        text = text.slice(0, at) + [lines[0], ...lines.slice(1).map((l) => moved(l, shift))].join("\n") + text.slice(at + id.length);
      }
    }
    return text;
  }
}

function moved(line, shift) {
  if (line.trim() === "") return "";
  if (shift >= 0) return " ".repeat(shift) + line;
  const spaces = line.match(/^ */)[0].length;
  return line.slice(Math.min(spaces, -shift));
}

/** A node's value as the form holds it, a list item's sub-points as text. */
function plainItem(node, inList) {
  return (inList ? subPointsText(node) : undefined) ?? plain(node);
}

/** The text of one top-level field, as a file of only that field would hold it; the comments
 * before it are the file's own (kept by ``write``), and not repeated. */
function pairText(writer, pair) {
  const doc = new Document(null, READ);
  const map = new YAMLMap();
  map.items = [new Pair(scalar(keyOf(pair)), pair.value)];
  doc.contents = map;
  return writer.text(doc);
}

/** Where each top-level field's text starts (its key) and ends (the end of its last line). */
function spans(source, map) {
  return map.items.map((pair) => {
    const start = pair.key.range[0];
    let end = (pair.value && pair.value.range ? pair.value.range[2] : pair.key.range[2]);
    const newline = source.indexOf("\n", Math.max(end - 1, start));
    end = newline === -1 ? source.length : newline + 1;
    return { start, end };
  });
}

function compose(source, record, order, comments, copying) {
  const writer = new Writer(source, order, copying);
  const doc = source ? parse(source) : null;
  const root = doc && isMap(doc.contents) ? doc.contents : null;
  if (!root || !root.items.length) {
    const fresh = new Document(null, READ);
    const map = writer.record(null, record, true);
    map.items.forEach((pair, index) => {
      const comment = comments[keyOf(pair)];
      if (comment) {
        if (index === 0) fresh.commentBefore = ` ${comment}`;
        else pair.key.commentBefore = ` ${comment}`;
      }
    });
    fresh.contents = map;
    return (root ? source : "") + (map.items.length ? writer.text(fresh) : "");
  }
  const was = spans(source, root);
  const before = new Map(root.items.map((pair, index) => [pair, { index, value: plain(pair.value) }]));
  const merged = writer.record(root, record, true); // reuses the source's pairs, in their order
  let text = source.slice(0, was[0].start); // the lines before the first field
  for (const pair of merged.items) {
    const old = before.get(pair);
    if (old !== undefined) {
      const { start, end } = was[old.index];
      // The comments and blank lines between the previous field and this one go with this one.
      const lead = old.index === 0 ? "" : source.slice(was[old.index - 1].end, start);
      text += lead + (same(old.value, record[keyOf(pair)]) ? source.slice(start, end) : pairText(writer, pair));
    } else {
      text += pairText(writer, pair);
    }
    if (!text.endsWith("\n")) text += "\n";
  }
  return text + source.slice(was[was.length - 1].end); // comments after the last field
}

/**
 * The file's new text: ``source`` (the file as it was read; "" for a new file) with the values
 * of ``values`` (a record). ``order`` ({top, nested}: the form's fields in order) says where new
 * fields go; ``comments`` are comments the form puts before a field in a new file (the schema line).
 *
 * The text is read back before it is returned: should copying the file's own text ever give
 * other values than the form's, the changed fields are written anew by the library instead.
 */
export function write(source, values, order = {}, comments = {}) {
  const record = normal(values) ?? {};
  const text = compose(source, record, order, comments, true);
  let back;
  try {
    back = normal(plain(parse(text).contents));
  } catch {
    back = undefined;
  }
  return same(back, record) ? text : compose(source, record, order, comments, false);
}

/** ``nested``: the fields of lists' items and groups, in the form's order (editor.js reads them
 * from the configuration); Decap passes the top-level ones as ``sortedKeys``. */
export function toFile(data, sortedKeys = [], comments = {}, nested = []) {
  const values = withYes({ ...data });
  const source = values[SOURCE] ?? "";
  for (const key of HIDDEN) delete values[key];
  return write(source, values, { top: sortedKeys, nested }, comments);
}

export function toKeyedFile(data, sortedKeys = [], comments = {}, nested = []) {
  const source = data[SOURCE] ?? "";
  const keyed = {};
  for (const item of withYes(data.items ?? [])) {
    if (!item || item.id == null || String(item.id).trim() === "") continue;
    const { id, ...fields } = item;
    keyed[String(id).trim()] = fields;
  }
  // An item whose short name the form changed is written as a new entry, at the end.
  const text = write(source, keyed, { top: [], nested }, {});
  if (source || !comments.items) return text;
  return `# ${comments.items}\n${text}`;
}
