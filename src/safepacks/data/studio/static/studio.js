// safepacks studio: the lesson form, the live preview, the library's status and thumbnails.
// Plain JavaScript, no build step. Every change is sent to the studio, which saves it to the
// school's YAML file and answers with what the checks found.
"use strict";

const token = document.querySelector('meta[name="safepacks-token"]').content;

// How much is still on its way (typed but not yet sent, sent but not answered, a preview
// loading): tests, and the page title, wait for it to reach nothing.
let busy = 0;
const working = (by) => { busy += by; window.studioIdle = busy === 0; };
window.studioIdle = true;

async function post(url, body) {
  working(1);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Safepacks-Token": token },
      body: JSON.stringify(body || {}),
    });
    return await response.json();
  } finally {
    working(-1);
  }
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function debounce(action, wait) {
  let timer = null;
  return (...args) => {
    if (timer === null) working(1);
    clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = null;
      try { await action(...args); } finally { working(-1); }
    }, wait);
  };
}

// --- the library: statuses and thumbnails that are still being made ------------------

function watchLibrary() {
  const cards = document.querySelectorAll(".card[data-lesson]");
  if (!cards.length) return;
  const refresh = async () => {
    const entries = await (await fetch("/api/entries")).json();
    let pending = false;
    for (const entry of entries) {
      const card = document.querySelector(`.card[data-lesson="${entry.id}"]`);
      if (!card) continue;
      if (!entry.checked) { pending = true; continue; }
      const status = card.querySelector("[data-status]");
      const checks = entry.errors ? `<span class="badge bad">${entry.errors} to fix</span>` : '<span class="badge good">checks pass</span>';
      const review = { reviewed: '<span class="badge good">reviewed</span>', stale: '<span class="badge warn">review out of date</span>' }[entry.review] || '<span class="badge warn">not reviewed</span>';
      status.innerHTML = checks + " " + review;
    }
    for (const image of document.querySelectorAll("img[data-thumb]")) {
      if (!image.naturalWidth) { pending = true; image.src = image.src.split("?")[0] + "?t=" + Date.now(); }
    }
    if (pending) setTimeout(refresh, 1500);
  };
  setTimeout(refresh, 800);
}

// --- the lesson page ----------------------------------------------------------------

const workbench = document.querySelector(".workbench");
let audience = "teacher";

function reloadPreview() {
  const frame = document.getElementById("preview");
  if (!frame) return;
  const lesson = workbench ? workbench.dataset.lesson : frame.dataset.lesson;
  working(1);
  frame.addEventListener("load", () => working(-1), { once: true });
  frame.src = `/preview/${lesson}/${audience}?t=${Date.now()}`;
}

function showFindings(findings, refused) {
  const box = document.getElementById("findings");
  box.replaceChildren();
  document.querySelectorAll(".field-finding").forEach((n) => n.remove());
  const shown = findings.filter((f) => f.severity !== "info");
  if (refused) box.append(el("p", { class: "alert error", role: "alert" }, "Not saved: the change would make the lesson unreadable. Your last saved version is kept."));
  if (!shown.length) {
    if (!refused) box.append(el("p", { class: "alert good" }, "No problems found."));
    return;
  }
  const list = el("ul", { class: "finding-list" });
  for (const finding of shown) {
    const text = `${finding.message}${finding.hint ? ". " + finding.hint : ""}`;
    list.append(el("li", { class: finding.severity }, text));
    const target = fieldFor(finding.location || []);
    if (target) target.after(el("p", { class: `field-finding ${finding.severity}`, role: "alert" }, text));
  }
  box.append(el("p", {}, `${shown.length} thing${shown.length > 1 ? "s" : ""} to look at:`), list);
}

function fieldFor(location) {
  if (!location.length) return null;
  if (location[0] === "activities" && typeof location[1] === "number") {
    const item = document.querySelectorAll("#activities > li")[location[1]];
    if (!item) return null;
    const field = item.querySelector(`[data-key="${location[2]}"]`);
    return field || item.querySelector("h3");
  }
  for (let n = location.length; n > 0; n--) {
    const field = document.querySelector(`[data-field="${location.slice(0, n).join(".")}"]`);
    if (field) return field;
  }
  return null;
}

async function loadState() {
  working(1);
  try {
    const state = await (await fetch(`/api/lessons/${workbench.dataset.lesson}/state`)).json();
    if (workbench.dataset.editable === "yes") render(state);
    showFindings(state.findings, false);
    return state;
  } finally {
    working(-1);
  }
}

async function change(body) {
  const answer = await post(`/api/lessons/${workbench.dataset.lesson}/edit`, body);
  if (!answer.ok) {
    showFindings(answer.findings, true);
    return;
  }
  const state = await loadState();
  reloadPreview();
  return state;
}

function origin(ours, overlay) {
  if (!overlay) return "";
  return ours ? el("span", { class: "origin ours" }, "changed by your school") : el("span", { class: "origin base" }, "from the base lesson");
}

function render(state) {
  const heading = document.querySelector(".lesson-head h1");
  if (heading) heading.textContent = state.title;
  const fields = document.getElementById("fields");
  fields.replaceChildren();
  for (const f of state.fields) {
    const input = el(f.rows > 1 ? "textarea" : "input", { rows: f.rows > 1 ? f.rows : null, "data-field": f.field, id: "f-" + f.field });
    input.value = f.value || "";
    input.addEventListener("input", debounce(() => change({ op: "set", field: f.field, value: input.value }), 700));
    const revert = state.overlay && f.ours ? el("button", { type: "button", class: "link", onclick: () => change({ op: "revert", field: f.field }) }, "revert to base") : "";
    fields.append(el("div", { class: "field" }, el("label", { for: "f-" + f.field }, f.label, " ", origin(f.ours, state.overlay), " ", revert), input));
  }
  const total = document.getElementById("total");
  total.textContent = `${state.total} of ${state.duration} minutes`;
  total.className = "total " + (state.total === state.duration ? "good" : "bad");
  const list = document.getElementById("activities");
  list.replaceChildren();
  state.activities.forEach((a, index) => {
    const minutes = el("input", { type: "number", min: 1, max: 180, value: a.minutes, "data-key": "minutes", "aria-label": `Minutes for ${a.title}` });
    minutes.addEventListener("change", () => change({ op: "activity", id: a.id, fields: { minutes: Number(minutes.value) } }));
    const title = el("input", { value: a.title, "data-key": "title", "aria-label": "Title" });
    title.addEventListener("input", debounce(() => change({ op: "activity", id: a.id, fields: { title: title.value } }), 700));
    const task = el("textarea", { rows: 3, "data-key": "pupil_task", "aria-label": `What pupils do in ${a.title}` });
    task.value = a.pupil_task || "";
    task.addEventListener("input", debounce(() => change({ op: "activity", id: a.id, fields: { pupil_task: task.value } }), 700));
    const notes = el("textarea", { rows: 4, "data-key": "teacher_notes", "aria-label": `Teacher notes for ${a.title}` });
    notes.value = a.teacher_notes || "";
    notes.addEventListener("input", debounce(() => change({ op: "activity", id: a.id, fields: { teacher_notes: notes.value } }), 700));
    const ids = state.activities.map((x) => x.id);
    const move = (by) => {
      const order = ids.slice();
      const [moved] = order.splice(index, 1);
      order.splice(index + by, 0, moved);
      change({ op: "order", ids: order });
    };
    list.append(el("li", { "data-activity": a.id },
      el("div", { class: "activity-head" },
        el("h3", {}, `${index + 1}. `, title),
        el("label", { class: "minutes" }, minutes, " min"),
        origin(a.ours, state.overlay),
        el("span", { class: "moves" },
          el("button", { type: "button", "aria-label": `Move ${a.title} up`, disabled: index === 0 ? "" : null, onclick: () => move(-1) }, "↑"),
          el("button", { type: "button", "aria-label": `Move ${a.title} down`, disabled: index === ids.length - 1 ? "" : null, onclick: () => move(1) }, "↓"),
          el("button", { type: "button", class: "danger", "aria-label": `Remove ${a.title}`, onclick: () => { if (confirm(`Remove “${a.title}”?`)) change({ op: "remove-activity", id: a.id }); } }, "Remove"))),
      el("label", {}, "What pupils do (on the handout)"), task,
      el("label", {}, "Teacher notes"), notes));
  });
}

function setUpTabs() {
  document.querySelectorAll("[role=tab]").forEach((tab) => tab.addEventListener("click", () => {
    document.querySelectorAll("[role=tab]").forEach((t) => t.setAttribute("aria-selected", "false"));
    tab.setAttribute("aria-selected", "true");
    audience = tab.dataset.audience;
    reloadPreview();
  }));
}

function setUpLesson() {
  setUpTabs();
  if (!workbench) return;
  loadState();
  const add = document.getElementById("add-activity");
  if (add) add.addEventListener("click", async () => {
    const state = await (await fetch(`/api/lessons/${workbench.dataset.lesson}/state`)).json();
    const last = state.activities[state.activities.length - 1];
    const title = prompt("Title of the new activity", "Our activity");
    if (title) change({ op: "add-activity", after: last.id, activity: { title, minutes: 5 } });
  });
}

document.querySelectorAll("[data-our-version]").forEach((button) => button.addEventListener("click", async () => {
  button.disabled = true;
  const made = await post(`/api/lessons/${button.dataset.ourVersion}/our-version`);
  if (made.url) window.location = made.url;
}));

document.querySelectorAll("[data-build]").forEach((button) => button.addEventListener("click", async () => {
  button.disabled = true;
  button.textContent = "Building…";
  const built = await post(`/api/lessons/${button.dataset.build}/build`);
  const box = document.getElementById("built");
  box.hidden = false;
  box.replaceChildren(el("strong", {}, "Built: "), ...built.files.flatMap((f) => [el("a", { href: f.url, target: f.name.endsWith(".pdf") ? "_blank" : null }, f.name), " "]));
  button.disabled = false;
  button.textContent = "Build the pack";
}));

// --- the school form: the accent colour's contrast as you pick ------------------------

function contrastWith(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

const accent = document.getElementById("accent");
if (accent) {
  const show = () => {
    const ratio = contrastWith(accent.value);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(accent.value.slice(i, i + 2), 16) / 255);
    const refused = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45; // the same rule the profile is saved with
    const good = ratio >= 4.5 && !refused;
    const out = document.getElementById("contrast");
    out.textContent = `${ratio.toFixed(1)}:1 against white paper — ${good ? "readable, and prints well in greyscale" : "too light: headings would be hard to read, so it cannot be saved"}`;
    out.className = "contrast " + (good ? "good" : "bad");
  };
  accent.addEventListener("input", show);
  show();
}

watchLibrary();
setUpLesson();
