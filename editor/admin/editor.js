// The web editor's start: registers the site's file formats (format.js) and a GitHub sign-in
// with a token, then starts Decap CMS (vendor/decap-cms/, loaded before this module with
// CMS_MANUAL_INIT set by manual-init.js). config.yml is made by the build from the schema.

import { asLists, fromFile, fromKeyedFile, toFile, toKeyedFile } from "./format.js";
import { parse } from "./vendor/yaml/index.js";

const CMS = window.CMS;
const h = window.h; // React.createElement, which Decap's bundle puts on window for extensions
const LOCAL_HOSTS = ["localhost", "127.0.0.1"];

/** The fields of lists' items and groups, in the form's order: where format.js puts a new one. */
function nestedOrder(config) {
  const names = [];
  const walk = (fields, top) => {
    for (const field of fields ?? []) {
      if (!top && !names.includes(field.name)) names.push(field.name);
      walk(field.fields, false);
      if (field.field) walk([field.field], false);
    }
  };
  for (const collection of config.collections ?? []) {
    walk(collection.fields, true);
    for (const file of collection.files ?? []) walk(file.fields, true);
  }
  return names;
}

/** Whether Decap will use the local backend: opened from this machine, with decap-server answering. */
async function localServerAnswers(config) {
  if (!LOCAL_HOSTS.includes(location.hostname) || !config.local_backend) return false;
  try {
    const response = await fetch(config.local_backend.url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "info" }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function say(title, ...paragraphs) {
  const main = document.createElement("main");
  main.className = "editor-message";
  const heading = document.createElement("h1");
  heading.textContent = title;
  main.append(heading);
  for (const text of paragraphs) {
    const p = document.createElement("p");
    p.innerHTML = text; // fixed text of this file, never from a file or the network
    main.append(p);
  }
  document.body.append(main);
}

// --- sign-in with a GitHub token ---------------------------------------------------------------
// Decap's GitHub sign-in needs an OAuth server (Netlify's, or one the site runs) to turn GitHub's
// answer into a token. A site on GitHub Pages alone has none, so each editor pastes a
// fine-grained personal access token instead (docs/guide/editor.md says how to make one). The
// token is checked by Decap's GitHub backend itself (the account must be able to push) and kept
// in this browser's local storage until the editor logs out.

const TokenSignIn = window.createClass({
  getInitialState() {
    return { token: "" };
  },
  submit(event) {
    event.preventDefault();
    const token = this.state.token.trim();
    if (token) this.props.onLogin({ token });
  },
  render() {
    const { error, inProgress, config } = this.props;
    const repo = config.backend.repo;
    return h("main", { className: "token-sign-in" },
      h("h1", null, "Sign in to edit the events"),
      h("p", null, "Saving here publishes to ", h("strong", null, repo), " on GitHub: each change is a commit, and the site is rebuilt from it."),
      h("form", { onSubmit: this.submit },
        h("label", { htmlFor: "github-token" }, "Your GitHub token"),
        h("p", { id: "github-token-help", className: "hint" },
          "A fine-grained personal access token for this repository, with read and write access to its contents. ",
          h("a", { href: "https://github.com/settings/personal-access-tokens/new", target: "_blank", rel: "noopener noreferrer" },
            "Make one on GitHub (opens a new tab)"),
          "; the authors' guide, Editing in the browser, shows each step."),
        h("input", {
          id: "github-token", name: "token", type: "password", autoComplete: "off", spellCheck: false,
          required: true, "aria-describedby": "github-token-help" + (error ? " github-token-error" : ""),
          "aria-invalid": error ? "true" : undefined,
          value: this.state.token, onChange: (event) => this.setState({ token: event.target.value }),
        }),
        error ? h("p", { id: "github-token-error", className: "error", role: "alert" }, String(error)) : null,
        h("button", { type: "submit", disabled: inProgress }, inProgress ? "Signing in…" : "Sign in")));
  },
});

function registerTokenBackend() {
  const github = CMS.getBackend("github");
  // A GitHub backend whose sign-in page asks for a token, and which does not poll
  // www.githubstatus.com (a request to a third party from every open editor).
  function GitHubWithToken(config, options) {
    const backend = github.init(config, options);
    backend.authComponent = () => TokenSignIn;
    backend.status = async () => ({ auth: { status: true }, api: { status: true, statusPage: "" } });
    return backend;
  }
  CMS.registerBackend("github-token", GitHubWithToken);
}

/** The names of fields that are, everywhere they stand, what ``test`` says (a list: not series:,
 * a list of an event's series but one short name in a session). */
function fieldsThat(config, test) {
  const found = new Set();
  const others = new Set();
  const walk = (fields) => {
    for (const field of fields ?? []) {
      (test(field) ? found : others).add(field.name);
      walk(field.fields);
      if (field.field) walk([field.field]);
    }
  };
  for (const collection of config.collections ?? []) {
    walk(collection.fields);
    for (const file of collection.files ?? []) walk(file.fields);
  }
  return new Set([...found].filter((name) => !others.has(name)));
}

// --- names for Decap's unnamed list controls -----------------------------------------------------
// Each item of a list (a session, a venue, a point) has a bar of three icon controls with no
// accessible name: fold, move (a drag handle) and remove. A screen reader announces them as
// "button". Name each after what it does and the item it does it to, as the form changes.

function itemName(bar) {
  const label = bar.nextElementSibling;
  const text = label && !label.querySelector("input, textarea, select") ? label.textContent.trim() : "";
  return text ? `“${text.length > 60 ? text.slice(0, 57) + "…" : text}”` : "this item";
}

function nameListControls() {
  for (const handle of document.querySelectorAll('[aria-roledescription="sortable"]')) {
    const bar = handle.parentElement;
    if (!bar) continue;
    const item = itemName(bar);
    const buttons = [...bar.children].filter((child) => child.tagName === "BUTTON");
    const names = [[handle, `Move ${item} (drag, or press Space then the arrow keys)`]];
    if (buttons.length) names.push([buttons[0], `Show or hide the fields of ${item}`]);
    if (buttons.length > 1) names.push([buttons[buttons.length - 1], `Remove ${item}`]);
    for (const [control, name] of names) {
      if (control.getAttribute("aria-label") !== name) control.setAttribute("aria-label", name);
    }
  }
}

let naming = false;
new MutationObserver(() => {
  if (naming) return;
  naming = true;
  requestAnimationFrame(() => {
    nameListControls();
    naming = false;
  });
}).observe(document.body, { childList: true, subtree: true, characterData: true });

// --- start ---------------------------------------------------------------------------------------

async function start() {
  const config = parse(await (await fetch("config.yml", { cache: "no-cache" })).text());
  const nested = nestedOrder(config);
  const lists = fieldsThat(config, (field) => field.widget === "list" || field.multiple === true);
  const orYes = fieldsThat(config, (field) => field.eventsite_or_yes === true);
  CMS.registerCustomFormat("eventsite-yaml", "yml", {
    fromFile: (text) => asLists(fromFile(text), lists, orYes),
    toFile: (data, sortedKeys, comments) => toFile(data, sortedKeys, comments, nested),
  });
  CMS.registerCustomFormat("eventsite-keyed", "yml", {
    fromFile: (text) => asLists(fromKeyedFile(text), lists, orYes),
    toFile: (data, sortedKeys, comments) => toKeyedFile(data, sortedKeys, comments, nested),
  });
  registerTokenBackend();
  if (await localServerAnswers(config)) {
    CMS.init();
    return;
  }
  if (LOCAL_HOSTS.includes(location.hostname) && !config.backend.repo) {
    say("The editor's local server is not running",
      "Start the site with <code>make edit</code> (not <code>make serve</code>): it runs the server that lets this page save into your copy of the files, then opens here.");
    return;
  }
  if (!config.backend.repo) {
    say("Editing in the browser is not set up for this site",
      "An administrator sets it up once by naming the site's GitHub repository under <code>extra: events: editor: repo:</code> in <code>mkdocs.yml</code>; the authors' guide, Editing in the browser, says how.");
    return;
  }
  CMS.init();
}

start().catch((error) => {
  console.error(error);
  say("The editor could not start", "Reload the page. If it happens again, tell the site's administrator what this says: " +
    String(error.message || error).replace(/[<&>]/g, (c) => ({ "<": "&lt;", "&": "&amp;", ">": "&gt;" })[c]));
});
