import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSyntheticProject } from "../bench/synthetic-stack";
import { strata } from "./cli-support";
import { PROJECT_DIR } from "./harness";

/**
 * `npm run bench`'s synthetic stacks are valid stacks: a config check added later (a pool's limits against
 * the layers' peak) must not leave the benchmark failing unnoticed. The largest size the bench renders by
 * default, rendered in-process.
 */
describe("the bench's synthetic stacks", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bench-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const layers of [1, 195]) {
    it(`${layers} layer${layers === 1 ? "" : "s"}: a valid stack that renders`, async () => {
      const project = path.join(dir, String(layers));
      writeSyntheticProject(PROJECT_DIR, project, "scale", layers);
      const r = await strata(["-C", project, "render", "--stack", "scale", "--out", path.join(project, "rendered")]);
      assert.equal(r.code, 0, r.stderr);
      // Every application layer rendered, beside the platform's layers.
      const rendered = Number(/^stack scale: rendered (\d+) layers, /m.exec(r.stdout)?.[1]);
      assert.ok(rendered > layers, r.stdout.split("\n")[0]);
      assert.match(r.stdout, new RegExp(`^  layer-${String(layers - 1).padStart(3, "0")} +\\d+$`, "m"));
    });
  }
});
