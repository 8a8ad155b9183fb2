import { readProjectFile, readStackFile, stackNameOf } from "../config/stack-file";

/** A stack's `strata:` config (keys without the prefix) and its AWS region, read as the program reads them. */
export interface StackValues {
  /** The stack's own name (`org/project/dev` is `dev`): what identities and remote keys are built from. */
  stack: string;
  /** The project's name: the config namespace. */
  namespace: string;
  values: Record<string, unknown>;
  /** `aws:region`, when set. */
  awsRegion?: string;
  /** The keys of `values` whose value is a default of Pulumi.yaml's `config:`, not the stack file's. */
  projectKeys: string[];
  /** Where in `values` the encrypted (`secure:`) values are (they hold the placeholder): key, then object keys and indexes. */
  securePaths: (string | number)[][];
}

export function readStackValues(projectDir: string, stack: string): StackValues {
  const project = readProjectFile(projectDir);
  const { config, projectKeys, securePaths } = readStackFile(projectDir, project, stack);
  const namespace = project.name;
  const prefix = `${namespace}:`;
  const values = Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const awsRegion = typeof config["aws:region"] === "string" ? config["aws:region"] : undefined;
  const ownKeys = projectKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const ours = securePaths.filter(([key]) => String(key).startsWith(prefix)).map(([key, ...rest]) => [String(key).slice(prefix.length), ...rest]);
  return { stack: stackNameOf(stack, namespace), namespace, values, ...(awsRegion ? { awsRegion } : {}), projectKeys: ownKeys, securePaths: ours };
}
