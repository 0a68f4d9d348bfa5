// Opens the HTML reference in a real headless browser (Debian's Chromium, driven by the pinned
// puppeteer-core) and checks what a reader sees once its scripts have run. Redoc renders an
// operation when it is navigated to, so the check does what a reader does:
//   - for every operation of the spec: click its entry in the navigation (a link that names its
//     operationId), then find its summary on the rendered page;
//   - for every callback operation: open the operation that declares it, expand the callback (its
//     panel is named after the callback and method), find its summary; then, for every event of
//     the callback, pick the event in the body's discriminator switch and see it selected.
// Operations, summaries, callbacks and events are read from the bundled spec JSON
// (build/spec-tools/spec-facts.mjs), not from a hand-made list.
//
//   node build/spec-tools/check-html.mjs <spec JSON> <HTML> [chromium path]
//
// The page is opened from disk with every request outside it refused, so the check also proves
// that the reference renders offline (a refused script or style is an error; a refused image,
// such as Redoc's "API docs by" logo, is not). Exit 0 and one line when all is there; otherwise
// one line per missing item and exit 1.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { callbackEvents, operations } from "./spec-facts.mjs";

const [specFile, htmlFile, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);
if (!specFile || !htmlFile) {
  console.error("usage: node build/spec-tools/check-html.mjs <spec JSON> <HTML> [chromium path]");
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(specFile, "utf8"));
const ops = operations(doc);
const events = callbackEvents(doc);
if (!ops.length || !events.length) {
  console.error(`check-html: found ${ops.length} operations and ${events.length} callback events in ${specFile}; expected some of each`);
  process.exit(1);
}

const pageUrl = pathToFileURL(path.resolve(htmlFile)).href;
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"],
});
// The discriminator switch of a schema: a dropdown button that shows the selected variant.
const SWITCHER = '[data-section-id="switcher"] button[aria-haspopup]';
const missing = [];
const refused = [];
const slug = (id) => String(id).toLowerCase();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith(pageUrl.split("#")[0]) || url.startsWith("data:") || url.startsWith("blob:")) return request.continue();
    refused.push({ url, type: request.resourceType() });
    return request.abort();
  });
  page.on("pageerror", (error) => missing.push(`the page threw: ${error}`));
  await page.goto(pageUrl, { waitUntil: "load", timeout: 20000 });
  await page.waitForFunction(() => document.querySelectorAll("a[href]").length > 0, { timeout: 15000 });

  // Waits until `text` is on the page; false after `ms`.
  const shows = (text, ms = 5000) =>
    page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: ms }, text).then(() => true, () => false);
  // Clicks the navigation link whose href ends with /<operationId> (Redoc 3 writes it lower case).
  const openOperation = (operationId) =>
    page.evaluate((id) => {
      const link = [...document.querySelectorAll("a[href]")].find((a) => a.getAttribute("href").toLowerCase().endsWith(`/${id}`));
      if (!link) return false;
      link.click();
      return true;
    }, slug(operationId));

  for (const op of ops.filter((o) => !o.callback)) {
    if (!(await openOperation(op.operationId))) {
      missing.push(`operation ${op.operationId}: no link names it`);
      continue;
    }
    if (op.summary && !(await shows(op.summary))) missing.push(`operation ${op.operationId}: its summary "${op.summary}" is not on the page`);
  }

  for (const op of ops.filter((o) => o.callback)) {
    const what = `callback ${op.callback} (${op.operationId}) of ${op.parent}`;
    if (!(await openOperation(op.parent)) || !(await shows(ops.find((o) => o.operationId === op.parent)?.summary ?? ""))) {
      missing.push(`${what}: its operation ${op.parent} cannot be opened`);
      continue;
    }
    const panel = `[id$="/callbacks/${slug(op.callback)}/${op.method}"]`;
    if (!(await page.waitForSelector(panel, { timeout: 5000 }).catch(() => null))) {
      missing.push(`${what}: no callback panel on the page`);
      continue;
    }
    // Expand it: click its header (found afresh: Redoc may re-render it meanwhile) until the
    // body's event switch shows, at most three times.
    let expanded = false;
    for (let attempt = 0; attempt < 3 && !expanded; attempt++) {
      await page.evaluate((selector) => {
        const header = document.querySelector(selector);
        header?.scrollIntoView();
        header?.click();
      }, panel);
      expanded = await page
        .waitForSelector(SWITCHER, { timeout: 3000 })
        .then(() => true, () => false);
    }
    if (!expanded) missing.push(`${what}: expanding the callback shows no event switch`);
    if (op.summary && !(await shows(op.summary))) missing.push(`${what}: its summary "${op.summary}" is not on the page`);
    for (const event of events.filter((e) => e.callbackOperationId === op.operationId)) {
      if (!(await selectEvent(page, event.name))) missing.push(`${what}: event ${event.name} cannot be picked in the callback body`);
    }
  }
} catch (error) {
  missing.push(`the browser check stopped: ${error?.message ?? error}`);
} finally {
  await browser.close();
}
for (const { url, type } of refused) {
  if (["script", "stylesheet", "xhr", "fetch", "document"].includes(type)) {
    missing.push(`the page asked for the ${type} ${url} (refused: the reference must work offline)`);
  }
}

if (missing.length) {
  for (const line of missing) console.error(`check-html: ${line}`);
  process.exit(1);
}
console.log(
  `check-html: ${htmlFile} in Chromium shows ${ops.length} operations (${ops.map((o) => o.operationId).join(", ")}) and ${events.length} callback events (${events.map((e) => e.name).join(", ")})`,
);

// Picks `name` in the discriminator switch of the expanded callback body (a dropdown button that
// shows the selected event); true once the button shows it.
async function selectEvent(page, name) {
  const current = () => page.$$eval(SWITCHER, (buttons) => buttons.map((b) => b.innerText.trim()));
  if ((await current()).includes(name)) return true;
  const count = (await page.$$(SWITCHER)).length;
  for (let i = 0; i < count; i++) {
    await page.evaluate(
      (selector, index) => {
        const button = document.querySelectorAll(selector)[index];
        button?.scrollIntoView();
        button?.click();
      },
      SWITCHER,
      i,
    );
    const picked = await page
      .waitForFunction(
        (n) => {
          const item = [...document.querySelectorAll('[role="menuitem"], [role="option"], li')].find((e) => e.innerText.trim() === n);
          if (!item) return false;
          item.click();
          return true;
        },
        { timeout: 2000 },
        name,
      )
      .then(() => true, () => false);
    if (picked) {
      await sleep(100);
      if ((await current()).includes(name)) return true;
    } else {
      await page.keyboard.press("Escape");
    }
  }
  return false;
}
