import type { ChartPin } from "../../platform/pins";

/**
 * The External Secrets Operator's chart 2.9.0 (app v2.9.0; its images default to the chart's appVersion,
 * ghcr.io/external-secrets/external-secrets:v2.9.0). Published at https://charts.external-secrets.io (also
 * oci://ghcr.io/external-secrets/charts). Values and schema: ../shared/chart-reference/external-secrets.
 */
export const externalSecretsPin = { repo: "https://charts.external-secrets.io", name: "external-secrets", version: "2.9.0" } as const satisfies ChartPin;

/**
 * kubectl for the password-rotation job (Kubernetes' own image, published from v1.28 on; the minor version
 * Strata targets, platform/versions.ts). Its `wait --for=jsonpath` (field present) and `--for=create` need 1.31+.
 */
export const KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.34.1";
