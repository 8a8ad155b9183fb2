import type { ChartPin } from "../../platform/pins";

/** Crunchy PGO v5.8.9 (published on the OCI registry only). */
export const pgoPin = { repo: "oci://registry.developers.crunchydata.com/crunchydata", name: "pgo", version: "5.8.9" } as const satisfies ChartPin;

/** The Postgres major versions PGO 5.8 runs; the newest is the default. */
export const postgresVersions = [15, 16, 17, 18] as const;
export type PostgresVersion = (typeof postgresVersions)[number];
export const DEFAULT_POSTGRES_VERSION: PostgresVersion = 18;
