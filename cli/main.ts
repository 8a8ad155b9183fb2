#!/usr/bin/env node
// First: the compile cache covers only the modules loaded after it is on.
import "./compile-cache";
import { runCli } from "./program";

// Pulumi's SDK supports Node 22+; older versions may work offline but are not what `pulumi up` will run.
if (Number(process.versions.node.split(".")[0]) < 22) {
  process.stderr.write(`strata: warning: Node ${process.versions.node} is older than 22, which Strata and Pulumi require; \`source scripts/node-env.sh\` puts Node 22 on PATH\n`);
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
