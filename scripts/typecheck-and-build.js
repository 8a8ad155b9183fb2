#!/usr/bin/env node
// `npm test`'s first step: the type check of everything (tests included) and the build of dist/ (which
// the CLI tests run), side by side on two cores; fails when either does.
//
// Both are incremental: what tsc learnt of the last run is kept in node_modules/.cache/strata/tsc/ (beside
// Strata's other caches: deleting it only makes the next run slower), so a run re-checks only what changed
// since; a fresh clone has no cache and checks and builds everything, as before. An incremental build emits
// only what its record says is out of date and never looks at dist/ itself, so the build's record is trusted
// only while dist/ holds exactly what that build left (a fingerprint of every file's path and content,
// written after a build that succeeded): anything else (dist/ deleted, a file of it removed or edited, a
// build of other sources since) drops the record and builds everything. When nothing tsc reads has changed
// since a run in which both passed (the same sources, configs, lock file and TypeScript, and dist/ as that
// run left it), neither runs again: their verdict would be the same.
"use strict";
const { spawn } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const CACHE = path.join(ROOT, "node_modules", ".cache", "strata", "tsc");
const BUILD_RECORD = path.join(CACHE, "build.tsbuildinfo");
const DIST_FINGERPRINT = path.join(CACHE, "build.dist-fingerprint");
const INPUTS_FINGERPRINT = path.join(CACHE, "inputs.fingerprint");

/** A hash of every file under dir (relative path and content), or "" when dir is missing. */
function fingerprint(dir) {
  if (!fs.existsSync(dir)) return "";
  const hash = crypto.createHash("sha256");
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(`${path.relative(dir, file)}\0`).update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/**
 * A hash of everything the two tsc runs read that can change: the files tsconfig.json's include patterns
 * name (`dir/**\/*.ts`, `*.ts`; JSON beside them, which resolveJsonModule types), both configs, the
 * package and lock files (the installed declarations), and TypeScript's version.
 */
function inputsFingerprint() {
  const hash = crypto.createHash("sha256");
  const add = (file) => hash.update(`${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file)).update("\0");
  const { include } = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"));
  for (const pattern of include) {
    const dir = pattern.includes("/") ? path.join(ROOT, pattern.slice(0, pattern.indexOf("/"))) : ROOT;
    const entries = pattern.includes("/") ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }) : fs.readdirSync(dir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile() && /\.(ts|json)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
    for (const file of files.sort()) add(file);
  }
  for (const file of ["tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "node_modules/.package-lock.json"]) {
    if (fs.existsSync(path.join(ROOT, file))) add(path.join(ROOT, file));
  }
  hash.update(require("typescript/package.json").version);
  return hash.digest("hex");
}

fs.mkdirSync(CACHE, { recursive: true });
const recorded = fs.existsSync(DIST_FINGERPRINT) ? fs.readFileSync(DIST_FINGERPRINT, "utf8") : undefined;
const distAsLeft = recorded !== undefined && recorded === fingerprint(DIST);
const inputs = inputsFingerprint();
if (distAsLeft && fs.existsSync(INPUTS_FINGERPRINT) && fs.readFileSync(INPUTS_FINGERPRINT, "utf8") === inputs) {
  console.log("type check and build: nothing tsc reads has changed since they last passed (node_modules/.cache/strata/tsc/)");
  process.exit(0);
}
if (!distAsLeft) fs.rmSync(BUILD_RECORD, { force: true });
fs.rmSync(DIST_FINGERPRINT, { force: true });
fs.rmSync(INPUTS_FINGERPRINT, { force: true });

const tsc = require.resolve("typescript/bin/tsc");
const steps = [
  ["type check", ["-p", "tsconfig.json", "--noEmit", "--incremental", "--tsBuildInfoFile", path.join(CACHE, "typecheck.tsbuildinfo")]],
  ["build", ["-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", BUILD_RECORD], () => fs.writeFileSync(DIST_FINGERPRINT, fingerprint(DIST))],
].map(([name, args, succeeded]) => new Promise((resolve) => {
  const child = spawn(process.execPath, [tsc, ...args], { cwd: ROOT, stdio: "inherit" });
  child.on("exit", (code) => {
    if (code !== 0) {
      process.stderr.write(`${name} failed (tsc ${args.join(" ")})\n`);
      return resolve(1);
    }
    succeeded?.();
    resolve(0);
  });
}));
Promise.all(steps).then((codes) => {
  process.exitCode = Math.max(...codes);
  if (process.exitCode === 0) fs.writeFileSync(INPUTS_FINGERPRINT, inputs);
});
