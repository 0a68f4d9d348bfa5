// Opens the HTML reference in a real headless browser (Debian's Chromium, driven by the pinned
// puppeteer-core) and checks what a reader sees once its scripts have run. The reference is built
// from the published 3.1 JSON (build/publish-spec.sh), and this check reads that same JSON, so what
// the page shows is compared with what the JSON says. Redoc renders a page of the sidebar when it
// is navigated to, so the check does what a reader does:
//   - every operation of the spec: click its entry in the sidebar (a link that names its
//     operationId; its group is opened first when needed), then find its summary;
//   - signing: the sidebar entry of the info.description section that holds the rendered scheme
//     (build/spec-tools/signing-doc.mjs) navigates to it, and a code block there, in view, holds
//     the values of x-sinch-signature as the JSON has them: the header format and scheme words,
//     the HMAC algorithm and key, every field of the string to sign in order with its source,
//     transform, prefix and joiner, one `+` line per joined field, the timestamp header and
//     pattern, the clock skew and its precision;
//   - callbacks: every callback operation is shown under the operation that declares it, after
//     its "Callbacks" heading; it is a webhook of the JSON; its sidebar entry navigates to
//     it, its summary is shown, and every branch of its body's union (each event and the fallback
//     branch, named by their $ref) can be picked in the body's switch; an event whose `event` is
//     a single value in the JSON shows that value.
//
//   node build/spec-tools/check-html.mjs <published 3.1 spec JSON> <HTML> [chromium path]
//
// The page is opened from disk with every request outside it refused, so the check also proves
// that the reference renders offline (a refused script or style is an error; a refused image,
// such as Redoc's "API docs by" logo, is not). Exit 0 and one line when all is there; otherwise
// one line per missing item and exit 1.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { deref } from "./open-sets.mjs";
import { callbackEvents, METHODS, operations } from "./spec-facts.mjs";

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
const signing = signingFacts(doc);
const webhookOps = new Map();
for (const item of Object.values(doc.webhooks ?? {})) {
  for (const m of METHODS) if (item[m]) webhookOps.set(item[m].operationId, item[m]);
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
// The sidebar's entries.
const MENU = '.menu-content [data-component-name="Menu/MenuItem"] a[href]';
const missing = [];
const refused = [];
const slug = (id) => String(id).toLowerCase();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const shown = [];
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
  await page.waitForFunction((menu) => document.querySelectorAll(menu).length > 0, { timeout: 15000 }, MENU);

  // Waits until `text` is on the page; false after `ms`.
  const shows = (text, ms = 5000) =>
    page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: ms }, text).then(() => true, () => false);
  // Clicks the sidebar link whose href ends with /<operationId> (Redoc 3 writes it lower case).
  // Redoc lists a group's operations once the group is open: when no link names it, open each
  // group of the sidebar in turn until one does.
  const clickOperation = (id, ms) =>
    page
      .waitForFunction(
        (id, menu) => {
          const link = [...document.querySelectorAll(menu)].find((a) => a.getAttribute("href").toLowerCase().endsWith(`/${id}`));
          link?.click();
          return !!link;
        },
        { timeout: ms },
        id,
        MENU,
      )
      .then(() => true, () => false);
  const openOperation = async (operationId) => {
    if (await clickOperation(slug(operationId), 100)) return true;
    const groups = await page.$$eval(MENU, (links) => links.map((a) => a.getAttribute("href")).filter((h) => h.startsWith("/")));
    for (const group of groups) {
      await page.evaluate((h, menu) => [...document.querySelectorAll(menu)].find((a) => a.getAttribute("href") === h)?.click(), group, MENU);
      if (await clickOperation(slug(operationId), 2000)) return true;
    }
    return false;
  };

  for (const op of ops.filter((o) => !o.callback)) {
    if (!(await openOperation(op.operationId))) {
      missing.push(`operation ${op.operationId}: no sidebar entry names it`);
      continue;
    }
    if (op.summary && !(await shows(op.summary))) missing.push(`operation ${op.operationId}: its summary "${op.summary}" is not on the page`);
  }

  // ---- signing: the sidebar entry of its section, and a code block there with the values ----
  if (!signing.section) {
    missing.push("signing: no section of info.description in the JSON holds the scheme's header format in a code block");
  } else {
    const entry = await page.evaluate((label, menu) => {
      const link = [...document.querySelectorAll(menu)].find((a) => a.innerText.trim() === label);
      link?.click();
      return link?.getAttribute("href") ?? null;
    }, signing.section, MENU);
    if (!entry) missing.push(`signing: no sidebar entry "${signing.section}"`);
    else {
      await page.waitForFunction((h) => decodeURIComponent(location.hash).toLowerCase().endsWith(h.toLowerCase()), { timeout: 5000 }, entry).catch(() => {});
      await sleep(300);
      // The code block that holds the header format, on screen after the click.
      const block = await page.evaluate((format) => {
        const pre = [...document.querySelectorAll("pre")].find((p) => p.innerText.includes(format));
        if (!pre) return null;
        const box = pre.getBoundingClientRect();
        return { text: pre.innerText, inView: box.top < window.innerHeight && box.bottom > 0, hash: decodeURIComponent(location.hash) };
      }, signing.headerLine);
      if (!block) missing.push(`signing: no code block shows "${signing.headerLine}"`);
      else {
        if (!block.inView) missing.push(`signing: the sidebar entry "${signing.section}" (${entry}) did not bring the code block into view (at ${block.hash})`);
        const absent = signing.values.filter((v) => !block.text.includes(v));
        if (absent.length) missing.push(`signing: the code block lacks ${absent.map((v) => JSON.stringify(v)).join(", ")}`);
        const plusLines = block.text.split("\n").filter((line) => /^\s+\+ /.test(line)).length;
        if (plusLines !== signing.fields.length - 1) missing.push(`signing: the code block has ${plusLines} lines that start with "+"; the ${signing.fields.length} fields need ${signing.fields.length - 1}`);
        const formula = block.text.slice(block.text.indexOf("stringToSign ="));
        const positions = signing.fields.map((f) => formula.indexOf(f.name));
        if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]))) missing.push(`signing: the string to sign does not list ${signing.fields.map((f) => f.name).join(", ")} in this order`);
        shown.push(`the signing code block (${signing.values.length} values of x-sinch-signature) from the sidebar entry "${signing.section}"`);
      }
    }
  }

  // ---- callbacks: each a webhook with a sidebar entry; every branch of its body's union ----
  for (const op of ops.filter((o) => o.callback)) {
    const what = `callback ${op.callback} (${op.operationId}) of ${op.parent}`;
    // Under the operation that declares it: its summary follows the operation's "Callbacks"
    // heading (the last one on the page; the sidebar's comes first).
    if (!(await openOperation(op.parent))) missing.push(`${what}: no sidebar entry opens ${op.parent}`);
    else if (op.summary) {
      const under = await page
        .waitForFunction((s) => { const t = document.body.innerText; const i = t.lastIndexOf("Callbacks"); return i >= 0 && t.slice(i).includes(s); }, { timeout: 5000 }, op.summary)
        .then(() => true, () => false);
      if (!under) missing.push(`${what}: ${op.parent}'s page does not show it under "Callbacks" (its summary "${op.summary}")`);
      else shown.push(`the callback ${op.operationId} under ${op.parent}`);
    }
    const webhook = webhookOps.get(op.operationId);
    if (!webhook) {
      missing.push(`${what}: not among the webhooks of the JSON`);
      continue;
    }
    if (!(await openOperation(op.operationId)) || (op.summary && !(await shows(op.summary)))) {
      missing.push(`${what}: no sidebar entry opens its webhook`);
      continue;
    }
    await page.waitForFunction((id) => location.hash.toLowerCase().endsWith(`/${id}`), { timeout: 5000 }, slug(op.operationId)).catch(() => {});
    if (!(await page.waitForSelector(SWITCHER, { timeout: 5000 }).catch(() => null))) {
      missing.push(`${what}: its webhook page shows no event switch`);
      continue;
    }
    const branches = unionBranches(doc, webhook);
    for (const branch of branches) {
      if (!(await selectEvent(page, branch.name))) {
        missing.push(`${what}: ${branch.fallback ? "the fallback branch " : "event "}${branch.name} cannot be picked in the webhook's body`);
        continue;
      }
      // A single `event` value in the JSON is what the page shows for the branch.
      // Redoc writes a single-value enum as `Value:` and the value, quoted, on the next line.
      if (branch.value !== undefined && !(await shows(`Value:\n"${branch.value}"`, 2000))) missing.push(`${what}: ${branch.name} does not show its event value "${branch.value}"`);
    }
    shown.push(`the webhook ${op.operationId} from the sidebar with ${branches.length} branches (${branches.map((b) => b.name + (b.fallback ? " (fallback)" : "")).join(", ")})`);
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
  `check-html: ${htmlFile} in Chromium shows ${ops.length} operations (${ops.map((o) => o.operationId).join(", ")}), ${shown.join(", ")}`,
);

// What the signing section must show, from x-sinch-signature in the JSON: the label of the
// info.description section whose code block holds the header line, and the values.
function signingFacts(doc) {
  const data = doc.components?.securitySchemes?.ApplicationSigned?.["x-sinch-signature"];
  if (!data) return { values: [], fields: [] };
  const { stringToSign: recipe, hmac, header, timestamp, receiver } = data;
  const headerLine = `${header.name}: ${header.format.replace("{scheme}", header.scheme)}`;
  // The heading above the fenced block that holds the header line (a sidebar entry in Redoc).
  const description = doc.info?.description ?? "";
  const at = description.indexOf("```", description.indexOf(headerLine) - 200);
  const headings = [...description.slice(0, at < 0 ? 0 : at).matchAll(/^#{1,2} (.+)$/gm)];
  const values = [
    headerLine, JSON.stringify(header.callbackScheme), header.schemeComparison,
    hmac.algorithm, hmac.key, recipe.encoding, timestamp.header, timestamp.pattern,
    `${receiver.maxClockSkewSeconds} s`, `${receiver.skewPrecisionNanoseconds} ns`, JSON.stringify(recipe.joiner),
    ...recipe.fields.flatMap((f) => [f.name, f.source, f.transform ?? "none", ...(f.prefix ? [JSON.stringify(f.prefix)] : []),
      ...(f.whenAbsent ? [f.whenAbsent] : []), ...(f.excludes ? [f.excludes] : [])]),
  ].filter((v, i, all) => all.indexOf(v) === i);
  return { section: at < 0 || !description.includes(headerLine) ? undefined : headings.at(-1)?.[1], headerLine, values, fields: recipe.fields };
}

// The branches of a webhook's request body union, named by their $ref: each event (with its
// single `event` value when the JSON gives one) and the fallback branch (x-sinch-fallback).
function unionBranches(doc, operation) {
  const out = [];
  for (const media of Object.values(deref(doc, operation.requestBody)?.content ?? {})) {
    const schema = deref(doc, media.schema);
    for (const branch of [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])]) {
      const target = deref(doc, branch);
      const event = deref(doc, target?.properties?.event);
      out.push({
        name: String(branch.$ref ?? "").split("/").pop(),
        fallback: target?.["x-sinch-fallback"] === true,
        value: event?.const ?? (event?.enum?.length === 1 ? event.enum[0] : undefined),
      });
    }
  }
  return out;
}

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
