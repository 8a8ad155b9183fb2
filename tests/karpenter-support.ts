import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { asStackConfig, PROJECT_DIR } from "./harness";

/** A throwaway project with this project's Pulumi.yaml and the given stack files (config keys without `strata:`; `aws:` keys as they are). */
export function projectWithStacks(stacks: Record<string, Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-karpenter-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const [stack, config] of Object.entries(stacks)) {
    const keys = Object.fromEntries(Object.entries(asStackConfig(config)).map(([k, v]) => [k.includes(":") ? k : `strata:${k}`, v]));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config: keys }));
  }
  return dir;
}
