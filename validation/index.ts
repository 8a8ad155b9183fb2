export { validateObjects, SchemaValidator, type SchemaValidation, type SchemaValidationOptions, type UnvalidatedObject } from "./validate-objects";
export { formatSchemaError, type SchemaError } from "./schema-error";
export { CrdCatalog, CrdCatalogError } from "./crd-catalog";
