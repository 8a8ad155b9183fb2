import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { strata } from "./cli-support";
import { PROJECT_DIR, testLayer } from "./harness";
import { tempDir } from "./render-support";

/**
 * An encrypted (`secure:`) egress host: a host is not a secret (every egress object names it in plain text),
 * so check and render refuse it at its key, once, with that reason — not as a malformed host name, which
 * is what its offline placeholder `[secret]` would otherwise read as.
 */

const KEY = "layers[0].egress[1].host";

describe("egress config: a secure: host is refused at its key", () => {
  let project: string;

  before(() => {
    project = tempDir("strata-egress-secret-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    const config = {
      "strata:profile": "dev",
      "strata:replaceDefaults": ["layers"],
      "strata:layers": [testLayer("a", { egress: [{ host: "api.openai.com" }, { host: { secure: "AAABAKx8pOBqLNs2E1mWgSeoa5jQ==" } }] })],
    };
    fs.writeFileSync(path.join(project, "Pulumi.secret-host.yaml"), stringify({ config }));
  });

  for (const command of [["check"], ["render", "--out", "rendered"]]) {
    it(`${command[0]}: exit 2, one error at ${KEY} saying a host is not a secret`, async () => {
      const args = command[0] === "render" ? ["render", "--out", path.join(project, "rendered")] : command;
      const r = await strata(["-C", project, ...args, "--stack", "secret-host"]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      const lines = r.stderr.split("\n").filter((l) => l.includes(KEY));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /a host is not a secret: .*write it without `secure:`/);
      assert.doesNotMatch(r.stderr, /fully qualified host name/);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
    });
  }
});
