// Makes artifacts/spec/ an npm package for other language teams and packs it.
//
//   node build/spec-tools/package.mjs <artifacts/spec> <artifacts/packages>
//
// Adds to the folder (which build/publish-spec.sh has filled with the spec, its 3.1 rendition, the
// types and the HTML reference):
//   - spec/signing-vectors.json, when the repository has it;
//   - the emulator's OpenAPI description of its own endpoints (emulator-openapi.yaml);
//   - everything under build/spec-package/ (README.md, the package's README for other teams,
//     typescript/sinch-signing.ts, the TypeScript signer, and conformance/, the conformance kit run
//     as `npx sinch-conformance`), keeping its folders;
//   - package.json: name @sinch-verification-generated/spec, version = info.version of the spec,
//     license MIT, `types` pointing at the .d.ts, `files` listing exactly what ships.
// Then checks `npm pack --dry-run` lists every one of those files and nothing else, prints the
// listing, and packs the tarball into <artifacts/packages>.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [dir, packages] = process.argv.slice(2);
if (!dir || !packages) {
  console.error("usage: node build/spec-tools/package.mjs <artifacts/spec> <artifacts/packages>");
  process.exit(2);
}
const name = "sinch-verification";
const spec = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8"));

// Optional parts, from the repository.
const copied = [];
if (fs.existsSync("spec/signing-vectors.json")) {
  fs.copyFileSync("spec/signing-vectors.json", path.join(dir, "signing-vectors.json"));
  copied.push("signing-vectors.json");
}
// The emulator's own endpoints (outbox, stats, seamless target), for teams that drive it from
// their tests: the same document the emulator serves at /emulator/openapi.yaml.
const emulatorDescription = "src/Sinch.Verification.Emulator/emulator-openapi.yaml";
if (fs.existsSync(emulatorDescription)) {
  fs.copyFileSync(emulatorDescription, path.join(dir, "emulator-openapi.yaml"));
  copied.push("emulator-openapi.yaml");
}
// The compatibility gate, for teams that hold two published documents (old and new): the
// repository's own checker and the module it reads open sets with, run as `npx sinch-spec-compat`.
fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
for (const file of ["spec-compat.mjs", "open-sets.mjs"]) {
  fs.copyFileSync(path.join("build/spec-tools", file), path.join(dir, "bin", file));
  copied.push(`bin/${file}`);
}
(function copyTree(from, to) {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyTree(source, target);
    } else if (entry.isFile()) {
      fs.copyFileSync(source, target);
      copied.push(path.relative(dir, target).split(path.sep).join("/"));
    }
  }
})("build/spec-package", dir);
if (!fs.existsSync(path.join(dir, "README.md"))) {
  console.error("package: build/spec-package/README.md is missing: the package needs its README");
  process.exit(1);
}

const shipped = [
  `${name}.yaml`,
  `${name}.json`,
  `${name}.3.1.yaml`,
  `${name}.3.1.json`,
  `${name}.d.ts`,
  `${name}.html`,
  ...copied.filter((f) => f !== "README.md" && f !== "package.json"),
].filter((f, i, all) => all.indexOf(f) === i);
for (const file of shipped) {
  if (!fs.existsSync(path.join(dir, file))) {
    console.error(`package: ${path.join(dir, file)} is missing`);
    process.exit(1);
  }
}

const pkg = {
  name: "@sinch-verification-generated/spec",
  version: spec.info.version,
  description: `${spec.info.title}: OpenAPI 3.0 and 3.1 documents, TypeScript types, an HTML reference${copied.includes("signing-vectors.json") ? ", request-signing test vectors" : ""}`,
  license: "MIT",
  keywords: ["sinch", "verification", "openapi", "openapi-3.1", "typescript", "webhooks"],
  homepage: spec.info.contact?.url,
  repository: spec.info.contact?.url ? { type: "git", url: `git+${spec.info.contact.url}.git` } : undefined,
  types: `./${name}.d.ts`,
  exports: {
    ".": { types: `./${name}.d.ts` },
    "./package.json": "./package.json",
    "./*": "./*",
  },
  sideEffects: false,
  bin: {
    "sinch-spec-compat": "./bin/spec-compat.mjs",
    ...(copied.includes("conformance/sinch-conformance.mjs") ? { "sinch-conformance": "./conformance/sinch-conformance.mjs" } : {}),
  },
  files: shipped,
};
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

// What npm would publish: exactly `files`, plus package.json and README.md.
const npm = (...args) => execFileSync("npm", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const [dry] = JSON.parse(npm("pack", "--dry-run", "--json", "--ignore-scripts"));
const listed = dry.files.map((f) => f.path).sort();
const expected = [...shipped, "package.json", "README.md"].sort();
const missing = expected.filter((f) => !listed.includes(f));
const extra = listed.filter((f) => !expected.includes(f));
console.log(`package: npm pack --dry-run of ${pkg.name}@${pkg.version} lists ${listed.length} files:`);
for (const f of dry.files) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
if (missing.length || extra.length) {
  console.error(`package: npm pack would ship a different set: missing ${missing.join(", ") || "none"}; unexpected ${extra.join(", ") || "none"}`);
  process.exit(1);
}

fs.mkdirSync(packages, { recursive: true });
const tarball = `sinch-verification-generated-spec-${pkg.version}.tgz`;
for (const old of fs.readdirSync(packages)) {
  if (/^sinch-verification-generated-spec-.*\.tgz$/.test(old)) fs.rmSync(path.join(packages, old));
}
npm("pack", "--ignore-scripts", "--pack-destination", path.resolve(packages));
if (!fs.existsSync(path.join(packages, tarball))) {
  console.error(`package: npm pack did not write ${path.join(packages, tarball)}`);
  process.exit(1);
}
console.log(`package: ${path.join(packages, tarball)} (${fs.statSync(path.join(packages, tarball)).size} bytes)`);
