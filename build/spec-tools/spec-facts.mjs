// What the checks read from a bundled spec (JSON): its operations, including callback operations,
// and the callback events. Shared by check-html.mjs (the HTML reference shows them all) and
// publish-spec.sh (every published event schema has its single `event` value).
//
//   node build/spec-tools/spec-facts.mjs <spec JSON> events-are-literal
//     exit 0 when every callback event schema declares `event` as a single-value enum (its own
//     name), 1 otherwise, printing which do not.
import fs from "node:fs";
import { deref } from "./open-sets.mjs";

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * [{ operationId, summary, method, path }] of every path operation, then
 * [{ ..., callback, parent }] of every callback operation (`callback`: its name under `callbacks`,
 * `parent`: the operationId of the operation that declares it).
 */
export function operations(doc) {
  const out = [];
  const callbackOps = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      out.push({ operationId: op.operationId, summary: op.summary, method, path });
      for (const [callback, expressions] of Object.entries(op.callbacks ?? {})) {
        for (const [expression, cbItem] of Object.entries(expressions)) {
          const resolved = deref(doc, cbItem);
          for (const m of METHODS) {
            const cbOp = resolved?.[m];
            if (cbOp) callbackOps.push({ operationId: cbOp.operationId, summary: cbOp.summary, method: m, path: expression, callback, parent: op.operationId });
          }
        }
      }
    }
  }
  return [...out, ...callbackOps];
}

/**
 * The events of every callback: [{ name, schema, callbackOperationId }], named by the
 * discriminator mapping of the request body when it has one, else by the $ref of each
 * anyOf/oneOf branch.
 */
export function callbackEvents(doc) {
  const events = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      for (const expressions of Object.values(item[method]?.callbacks ?? {})) {
        for (const cbItem of Object.values(expressions)) {
          const resolved = deref(doc, cbItem);
          for (const m of METHODS) {
            const cbOp = resolved?.[m];
            if (!cbOp) continue;
            for (const media of Object.values(deref(doc, cbOp.requestBody)?.content ?? {})) {
              const schema = deref(doc, media.schema);
              const mapping = schema?.discriminator?.mapping;
              if (mapping) {
                for (const [name, ref] of Object.entries(mapping)) {
                  events.push({ name, property: schema.discriminator.propertyName, schema: deref(doc, { $ref: ref }), callbackOperationId: cbOp.operationId });
                }
                continue;
              }
              for (const branch of [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])]) {
                // A fallback branch (discriminator-values.mjs) is "any other event", not an event.
                if (typeof branch.$ref === "string" && deref(doc, branch)?.["x-sinch-fallback"] !== true) {
                  events.push({ name: branch.$ref.split("/").pop(), property: "event", schema: deref(doc, branch), callbackOperationId: cbOp.operationId });
                }
              }
            }
          }
        }
      }
    }
  }
  return events.filter((e, i) => events.findIndex((x) => x.name === e.name) === i);
}

/** Whether the event schema's discriminating property is a single-value enum (or const) of its name. */
export function eventIsLiteral(doc, event) {
  const prop = deref(doc, event.schema?.properties?.[event.property]);
  if (!prop) return false;
  if (prop.const !== undefined) return prop.const === event.name;
  return Array.isArray(prop.enum) && prop.enum.length === 1 && prop.enum[0] === event.name;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, command] = process.argv.slice(2);
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  if (command === "events-are-literal") {
    const events = callbackEvents(doc);
    const open = events.filter((e) => !eventIsLiteral(doc, e));
    for (const e of open) console.log(`${e.name}: \`${e.property}\` is not a single-value enum of "${e.name}"`);
    process.exit(events.length && !open.length ? 0 : 1);
  }
  console.error("usage: node build/spec-tools/spec-facts.mjs <spec JSON> events-are-literal");
  process.exit(2);
}
