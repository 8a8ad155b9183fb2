#!/usr/bin/env node
// `npm test`'s first step: the type check of everything (tests included) and the build of dist/ (which
// the CLI tests run), side by side on two cores; fails when either does.
"use strict";
const { spawn } = require("node:child_process");

const tsc = require.resolve("typescript/bin/tsc");
const steps = [
  ["type check", ["-p", "tsconfig.json", "--noEmit"]],
  ["build", ["-p", "tsconfig.build.json"]],
].map(([name, args]) => new Promise((resolve) => {
  const child = spawn(process.execPath, [tsc, ...args], { stdio: "inherit" });
  child.on("exit", (code) => resolve(code === 0 ? 0 : (process.stderr.write(`${name} failed (tsc ${args.join(" ")})\n`), 1)));
}));
Promise.all(steps).then((codes) => {
  process.exitCode = Math.max(...codes);
});
