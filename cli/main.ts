#!/usr/bin/env node
// First: the compile cache covers only the modules loaded after it is on.
import "./compile-cache";
import "./deferred-modules";
import { runCli } from "./program";

// Pulumi's SDK supports Node 22+, and kubernetes-models 5 is loaded through module.registerHooks (22.15+):
// package.json's engines. Older versions are not what `pulumi up` will run; say what to do.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 15)) {
  process.stderr.write(
    `strata: warning: Node ${process.versions.node} is older than 22.15, which Strata needs (package.json engines). Run \`bash scripts/setup.sh\` once (it installs Node 22 into .tools/, which \`npx strata\` and bin/strata then use), or \`nvm use\` (.nvmrc), or \`source scripts/node-env.sh\`\n`,
  );
}

// A closed pipe (`strata check --json | head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  terminal: true,
}).then((code) => {
  process.exitCode = code;
});
