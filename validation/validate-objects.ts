import type { ManifestObject } from "../manifests/kubernetes-object";
import { containsUnknown } from "../policies/engine/unknown";
import { isCoreGroup } from "./core-models";
import { prepareCoreModels, validateCoreObject } from "./core-validator";
import { CrdCatalog } from "./crd-catalog";
import { saveCodeCaches } from "./cached-script";
import { CrdValidator } from "./crd-validator";
import { schemaError, type SchemaError } from "./schema-error";

export interface SchemaValidationOptions {
  /**
   * Directories of CustomResourceDefinition YAML (searched recursively) that custom resources are
   * validated against. None given: custom resources are not validated, and are listed as such.
   */
  crds?: string[];
}

/**
 * Every custom resource Strata writes comes from an operator Strata deploys (its capability declares the CRD
 * group and installs the chart), so there is no group whose objects pass unvalidated when CRDs are given: a
 * kind the given CRDs do not define is an error. (The External Secrets Operator's `external-secrets.io` was
 * once such an exception, before the credentials capability installed the operator.)
 */

/** A custom resource left unvalidated: no CRD directory was given. */
export interface UnvalidatedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Why it was not validated. */
  reason: string;
}

/** The reason custom resources are not validated when no CRD directory is given. */
export const NO_CRDS_GIVEN = "no --crds given";

/** The reason an object of a preview is not validated: some of its values are not known yet. */
export const VALUES_UNKNOWN = "values unknown until apply (a preview): validated where they are known, by strata check without --preview";

export interface SchemaValidation {
  /** Every problem of every object; empty when all are valid. */
  schemaErrors: SchemaError[];
  /** Custom resources not validated: no `crds` were given. */
  unvalidated: UnvalidatedObject[];
  /** How many objects were validated. */
  validated: number;
}

/** A validator that loads its CRDs once and then validates any number of objects. */
export class SchemaValidator {
  private readonly crds?: CrdValidator;

  constructor(readonly options: SchemaValidationOptions = {}) {
    if (options.crds?.length) this.crds = new CrdValidator(new CrdCatalog(options.crds));
  }

  validate(objects: ManifestObject[]): SchemaValidation {
    const result: SchemaValidation = { schemaErrors: [], unvalidated: [], validated: 0 };
    const typed = objects.filter((o) => typeof o?.apiVersion === "string" && typeof o.kind === "string");
    prepareCoreModels(typed);
    this.crds?.prepare(typed.filter((o) => !isCoreGroup(o.apiVersion)));
    for (const object of objects) {
      const errors = this.validateOne(object);
      if (typeof errors === "string") {
        const namespace = object.metadata?.namespace;
        result.unvalidated.push({ apiVersion: object.apiVersion, kind: object.kind, ...(namespace ? { namespace } : {}), name: object.metadata?.name ?? "", reason: errors });
        continue;
      }
      result.validated++;
      result.schemaErrors.push(...errors);
    }
    saveCodeCaches();
    return result;
  }

  /** The object's errors; or why it is not validated (a custom resource without CRDs to validate it against). */
  private validateOne(object: ManifestObject): SchemaError[] | string {
    if (containsUnknown(object)) return VALUES_UNKNOWN;
    if (typeof object?.apiVersion !== "string" || typeof object.kind !== "string") {
      return [schemaError({ kind: String(object?.kind ?? "?"), metadata: object?.metadata ?? { name: "?" } }, "", "apiVersion and kind must be strings")];
    }
    if (isCoreGroup(object.apiVersion)) {
      return validateCoreObject(object) ?? [schemaError(object, "/kind", `Kubernetes ${object.apiVersion} has no kind ${object.kind}`)];
    }
    if (!this.crds) return NO_CRDS_GIVEN;
    return this.crds.validate(object) ?? [schemaError(object, "/apiVersion", `no CRD defines ${object.apiVersion} ${object.kind} (CRDs from ${this.options.crds!.join(", ")})`)];
  }
}

/**
 * Validates Kubernetes objects: Kubernetes' own kinds against the official OpenAPI schemas, custom
 * resources against their CRDs (schema and CEL rules). The one call `strata check` and `strata validate`
 * make.
 */
export function validateObjects(objects: ManifestObject[], options: SchemaValidationOptions = {}): SchemaValidation {
  return new SchemaValidator(options).validate(objects);
}
