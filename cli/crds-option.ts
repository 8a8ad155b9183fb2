import * as path from "node:path";
import type { Command } from "commander";

/**
 * `--crds <dir>` (repeatable): the CRD directories custom resources are validated against. `strata check`
 * and `strata validate` take the same option; paths are relative to the working directory.
 */
export function addCrdsOption(command: Command): Command {
  return command.option(
    "--crds <dir>",
    "a directory of CustomResourceDefinitions (searched recursively) to validate custom resources against; repeatable. Without it, custom resources are listed as not validated",
    (dir: string, dirs: string[] = []) => [...dirs, path.resolve(dir)],
  );
}
