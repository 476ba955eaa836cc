// The dashboard's script: plain DOM, no framework, nothing fetched but this server's own
// /__control calls. It loads each panel once, then follows GET /__control/events (server-sent
// events): a request or an SMS is prepended as it happens, the rest is re-read when it changes.
"use strict";

/** @typedef {{ id: number, at: string, method: string, path: string, operation: string | null, http_status: number,
 *   status: number | null, outcome: string, reason?: string, explanation?: string, duration_ms: number,
 *   request: unknown, answer: unknown }} Entry */
/** @typedef {{ at: string, phone: string, card_id: number, text: string, otp: string | null }} Sms */
/** @typedef {{ operation: string, status: number, probability: number, times: number | null }} Fault */
/** @typedef {{ kind: string, mode: string, operations: { operationId: string, statuses: { status: number, name: string }[] }[] }} About */

const SHOWN = 200;

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 */
function el(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** @param {string} path @param {RequestInit} [init] */
async function api(path, init) {
  const res = await fetch(`/__control${path}`, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

/** @param {Element} list @param {Element} item */
function prepend(list, item) {
  list.querySelector(".empty")?.remove();
  list.prepend(item);
  while (list.children.length > SHOWN) list.lastElementChild?.remove();
}

/** @param {string} iso */
const time = (iso) => new Date(iso).toLocaleTimeString();

/** @param {Entry} entry */
function journalItem(entry) {
  const status = entry.status === null ? "" : ` status ${entry.status}`;
  const summary = el("summary", {}, [
    el("span", { class: `badge ${entry.outcome}` }, [entry.outcome]),
    el("span", { class: "path" }, [`${entry.method} ${entry.path}`]),
    el("span", {}, [`HTTP ${entry.http_status}${status}`]),
    el("span", { class: "meta" }, [
      `${entry.operation ?? "no operation"} · ${time(entry.at)} · ${entry.duration_ms} ms`,
    ]),
  ]);
  const details = el("details", { class: "entry", "data-outcome": entry.outcome }, [summary]);
  if (entry.reason)
    details.append(
      el("div", { class: "explanation" }, [entry.explanation ? `${entry.reason}: ${entry.explanation}` : entry.reason]),
    );
  details.append(
    el("pre", {}, [
      `request ${JSON.stringify(entry.request, null, 1)}\nanswer ${JSON.stringify(entry.answer, null, 1)}`,
    ]),
  );
  // A refusal is unfolded: its explanation is what the developer came for.
  if (entry.outcome === "refused") details.setAttribute("open", "");
  return el("li", { "data-id": String(entry.id) }, [details]);
}

/** @param {Sms} sms */
function smsItem(sms) {
  const item = el("li", { class: "sms" }, [
    el("span", { class: "meta" }, [`to ${sms.phone} · card ${sms.card_id} · ${time(sms.at)}`]),
  ]);
  if (sms.otp !== null) {
    const otp = sms.otp;
    const copy = el("button", { type: "button", class: "copy", title: "copy the code" }, ["Copy"]);
    copy.addEventListener("click", () => copyText(otp, copy));
    item.append(el("span", { class: "otp", "data-otp": otp }, [otp]), copy);
  }
  item.append(el("span", { class: "text" }, [sms.text]));
  return item;
}

/** @param {string} text @param {HTMLElement} button */
async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Outside a secure context: the old way, through a selection.
    const area = el("textarea", {}, [text]);
    document.body.append(area);
    /** @type {HTMLTextAreaElement} */ (area).select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = "Copy"), 1500);
}

/** @param {Fault[]} faults */
function renderFaults(faults) {
  const list = byId("faults");
  list.replaceChildren(
    ...faults.map((f) =>
      el("li", {}, [
        `${f.operation} → ${f.status}`,
        el("span", { class: "meta" }, [
          ` · p ${f.probability} · ${f.times === null ? "until cleared" : `${f.times} more`}`,
        ]),
      ]),
    ),
  );
  if (faults.length === 0) list.append(el("li", { class: "empty" }, ["No faults set."]));
}

async function refreshSimulator() {
  const [{ cards }, { merchants }, health] = await Promise.all([api("/cards"), api("/merchants"), api("/health")]);
  byId("clock").textContent = `clock ${health.now}`;
  const rows = cards.map((/** @type {any} */ c) =>
    el("tr", {}, [
      el("td", {}, [String(c.card_id)]),
      el("td", {}, [`${c.status_name ?? c.status}${c.awaiting_otp ? " (awaiting OTP)" : ""}`]),
      el("td", {}, [`${c.balance} ${c.currency}`]),
      el("td", {}, [c.mask]),
      el("td", {}, [c.auth_id]),
    ]),
  );
  byId("cards").replaceChildren(
    ...(rows.length ? rows : [el("tr", {}, [el("td", { colspan: "5", class: "empty" }, ["No cards."])])]),
  );
  byId("merchants").replaceChildren(
    ...merchants.map((/** @type {any} */ m) =>
      el("tr", {}, [
        el("td", {}, [m.auth_id]),
        el("td", {}, [String(m.partner_balance)]),
        el("td", {}, [String(m.cards)]),
      ]),
    ),
  );
}

/** Re-reads the simulator's panels at most every 250 ms, however many requests come. */
let refreshTimer = 0;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = 0;
    refreshSimulator().catch(() => undefined);
  }, 250);
}

/** @param {About} about */
function setUpFaultForm(about) {
  const operation = /** @type {HTMLSelectElement} */ (byId("fault-operation"));
  const status = /** @type {HTMLSelectElement} */ (byId("fault-status"));
  const error = byId("fault-error");
  const fill = () => {
    const op = about.operations.find((o) => o.operationId === operation.value);
    status.replaceChildren(
      ...(op?.statuses ?? []).map((s) => el("option", { value: String(s.status) }, [`${s.status} ${s.name}`])),
    );
  };
  operation.replaceChildren(
    ...about.operations
      .filter((o) => o.statuses.length > 0)
      .map((o) => el("option", { value: o.operationId }, [o.operationId])),
  );
  operation.addEventListener("change", fill);
  fill();
  byId("fault-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const probability = Number(/** @type {HTMLInputElement} */ (byId("fault-probability")).value || 1);
    const timesText = /** @type {HTMLInputElement} */ (byId("fault-times")).value;
    const body = {
      operation: operation.value,
      status: Number(status.value),
      probability,
      ...(timesText ? { times: Number(timesText) } : {}),
    };
    try {
      const answer = await api("/faults", { method: "POST", body: JSON.stringify(body) });
      error.hidden = true;
      renderFaults(answer.faults);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
    }
  });
  byId("faults-clear").addEventListener("click", async () =>
    renderFaults((await api("/faults", { method: "DELETE" })).faults),
  );
}

function setUpToolbar() {
  byId("clock-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const seconds = Number(/** @type {HTMLInputElement} */ (byId("advance")).value);
    await api("/clock", { method: "POST", body: JSON.stringify({ advance_seconds: seconds }) });
    await refreshSimulator();
  });
  byId("reset").addEventListener("click", async () => {
    await api("/reset", { method: "POST" });
    byId("sms").replaceChildren(el("li", { class: "empty" }, ["No SMS yet: issue a card."]));
    renderFaults([]);
    await refreshSimulator();
  });
}

/** @param {boolean} simulator */
function follow(simulator) {
  const live = byId("live");
  const events = new EventSource("/__control/events");
  events.addEventListener("open", () => {
    live.textContent = "live";
    live.classList.remove("off");
  });
  events.addEventListener("error", () => {
    live.textContent = "reconnecting…";
    live.classList.add("off");
  });
  events.addEventListener("request", (event) => {
    prepend(byId("journal"), journalItem(JSON.parse(/** @type {MessageEvent} */ (event).data)));
    if (simulator) scheduleRefresh();
  });
  if (!simulator) return;
  events.addEventListener("sms", (event) =>
    prepend(byId("sms"), smsItem(JSON.parse(/** @type {MessageEvent} */ (event).data))),
  );
  events.addEventListener("faults", (event) => renderFaults(JSON.parse(/** @type {MessageEvent} */ (event).data)));
  events.addEventListener("changed", () => {
    scheduleRefresh();
    api("/sms?limit=50").then(({ messages }) => {
      byId("sms").replaceChildren(...messages.map(smsItem));
      if (messages.length === 0) byId("sms").append(el("li", { class: "empty" }, ["No SMS yet: issue a card."]));
    });
  });
}

async function start() {
  /** @type {About} */
  const about = await fetch("/__dashboard/about.json").then((res) => res.json());
  const simulator = about.kind === "mock" && about.mode === "stateful";
  byId("title").textContent = about.kind === "proxy" ? "proxy" : `mock · ${about.mode}`;
  if (!simulator) document.body.classList.add("journal-only");
  const { requests } = await api(`/requests?limit=${SHOWN}`);
  const journal = byId("journal");
  for (const entry of [...requests].reverse()) prepend(journal, journalItem(entry));
  if (simulator) {
    setUpFaultForm(about);
    setUpToolbar();
    const [{ messages }, { faults }] = await Promise.all([api("/sms?limit=50"), api("/faults")]);
    for (const sms of [...messages].reverse()) prepend(byId("sms"), smsItem(sms));
    renderFaults(faults);
    await refreshSimulator();
  }
  follow(simulator);
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  document.body.prepend(
    el("p", { class: "error" }, [
      `The dashboard could not start: ${error instanceof Error ? error.message : String(error)}`,
    ]),
  );
});
