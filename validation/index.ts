export { validateObjects, SchemaValidator, NO_CRDS_GIVEN, type SchemaValidation, type SchemaValidationOptions, type UnvalidatedObject } from "./validate-objects";
export { formatSchemaError, type SchemaError } from "./schema-error";
export { CrdCatalog, CrdCatalogError } from "./crd-catalog";
