import { defineCapability } from "../capability";
import { secretsIssues } from "./checks";
import { secretsSchema } from "./schema";

/** The `secrets` key, defaults applied. */
export interface SecretsSpec {
  /** Application layers create ExternalSecrets for their `secretEnv` Secrets. */
  externalSecrets: boolean;
}

/**
 * Where the Secrets the layers read (`layers[].secretEnv`) come from: the team's own, or (`externalSecrets`)
 * ExternalSecrets each layer creates from the store `gitops` names.
 */
export const secrets = defineCapability({
  name: "secrets",
  summary: "where the layers' Secrets come from: the team's, or ExternalSecrets each layer creates (secrets.externalSecrets)",
  config: { key: "secrets", schema: secretsSchema },
  needs: [],
  namespaces: [],
  charts: [],
  images: [],
  crdGroups: [],
  checks: secretsIssues,
  resolve: ({ input }): SecretsSpec => ({ externalSecrets: input?.externalSecrets ?? false }),
});
