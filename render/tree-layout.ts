/**
 * The names a rendered tree is laid out by, alone in a module: what reads a tree (`strata validate`) loads
 * them without the renderer and its YAML writer.
 */
export const KUSTOMIZATION_FILE = "kustomization.yaml";
export const PLACEHOLDERS_FILE = "placeholders.yaml";
