import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { z } from "zod";
import type { ConfigIssue } from "./issues";
import type { ApplicationLayerSpec, PlacementSpec } from "./layers/spec";
import type { ApplicationLayerConfig } from "./layers/schema";
import type { TenantConfig } from "./layers/tenancy-schema";
import type { Profile } from "./profiles";
import type { Raw } from "./raw";
import type { OverlaidList } from "./overlays";

/**
 * The config half of a capability: what the composition of the stack config needs to know of it. The whole
 * capability (desired state, component, pins, outputs) extends this in capabilities/capability.ts; config/
 * sees only this half, so that it never imports a capability.
 */

/** A capability's key under `strata:` in a stack file, and the schema of its value. */
export interface ConfigSlice<Config = unknown> {
  /** The key (`backup` for `strata:backup`). */
  key: string;
  /** The value's schema (`Config`: what it parses to): unknown keys are errors; defaults are the capability's resolve's. */
  schema: z.ZodType<Config>;
  /**
   * Its lists that have defaults, which a stack's entries overlay by name (config/overlays.ts): `field` is the
   * list's key in the slice (`topics` for `kafka.topics`). The resolve reads the expanded list; absent, the same defaults.
   */
  lists?: readonly (Omit<OverlaidList, "key"> & { field: string })[];
}

/**
 * What in its namespace an exemption covers, as narrowly as its reason needs: the Namespace object itself
 * (a rule that judges the namespace, e.g. its Pod Security level), or objects of one kind in it by name or by
 * label selector. Never the whole namespace: anything else in it is judged normally.
 */
export type ExemptionTarget = { kind: "Namespace" } | { kind: string; name: string } | { kind: string; selector: ILabelSelector };

/** A pack rule an owned namespace's object may break, what exactly, and why (printed with every report). */
export type NamespaceExemption = ExemptionTarget & { rule: string; reason: string };

/** A namespace a capability creates and owns: no application layer may take its name. */
export interface OwnedNamespace {
  name: string;
  /** What in this namespace is exempt from which pack rule, each with the reason (policies/config/*.json come from these). */
  exemptions?: readonly NamespaceExemption[];
}

/**
 * The application layers as resolved: what every capability may read without declaring a need (they are
 * the platform's input, not a capability's: every capability serves them).
 */
export interface CoreSpec {
  profile: Profile;
  placement: PlacementSpec;
  /** The layers as deployed: a per-tenant layer once per tenant (`<tenant>-<layer>`). */
  layers: ApplicationLayerSpec[];
}

/** The core and what it was resolved from: what resolve functions may read besides their own slice. */
export interface CoreResolution {
  spec: CoreSpec;
  /** The layers as configured (a per-tenant layer once), schema defaults applied. */
  configuredLayers: ApplicationLayerConfig[];
  /**
   * Whether the layers start from the default set (`replaceDefaults` does not name `layers`): the defaults
   * come with seed 001's topics and pgvector.
   */
  defaultLayers: boolean;
  tenants?: TenantConfig[];
}

/** The resolved specs of the capabilities resolved so far, read by capability. */
export interface ResolvedSpecs {
  /** The spec of `capability` (which the reader must declare in its `needs`); undefined when it is not deployed or did not resolve. */
  of<S>(capability: CapabilityConfig<S>): S | undefined;
}

/** What a capability's checks read: the raw config (defensively: a malformed value is the schema's to report). */
export interface CheckContext {
  /** The whole stack config (keys without the `strata:` prefix), as written but with its overlaid lists expanded (config/overlays.ts). */
  raw: Raw;
  profile: Profile;
  /** The raw layers: the default set with the config's overlaid (config/overlays.ts), or the config's alone. */
  layers: unknown[];
  /** Whether the layers start from the default set (`replaceDefaults` does not name `layers`). */
  defaultLayers: boolean;
  /** The AWS provider's region (`aws:region`), when set. */
  awsRegion?: string;
  /** The core, when the layers resolved (no issue in `layers` or `tenants`). */
  core?: CoreResolution;
  /** The specs of the capabilities this one needs, those that resolved. */
  resolved: ResolvedSpecs;
}

/** What a capability's resolve reads: its own slice, parsed (undefined when the key is absent), and what it needs. */
export interface ResolveContext<Config = unknown> {
  input: Config | undefined;
  profile: Profile;
  core: CoreResolution;
  awsRegion?: string;
  resolved: ResolvedSpecs;
}

export interface CapabilityConfig<Spec = unknown, Config = any> {
  /** The capability's name: its folder, its layer in a render, its key among the resolved specs. */
  name: string;
  /** The capabilities whose resolved config (and, deployed, whose resources) this one uses: it comes after them. */
  needs: readonly string[];
  /** Its key in the stack config; absent when other keys configure it (the GPU device plugin: the cluster's gpu pool). */
  config?: ConfigSlice<Config>;
  /** What its resolve fills in per profile where the config is silent (shown by `strata capabilities`); absent: no profile-dependent default. */
  defaults?: Readonly<Record<Profile, unknown>>;
  /** The namespaces it creates. */
  namespaces: readonly OwnedNamespace[];
  /** Checks that relate keys (with their paths), run on the raw config so every problem is reported in one pass. */
  checks?(context: CheckContext): ConfigIssue[];
  /** Its resolved spec, every default applied (the profile's, then the capability's); undefined: not deployed in this stack. */
  resolve(context: ResolveContext<Config>): Spec | undefined;
}
