export { renderStack, type StackRender } from "./render-stack";
export { renderTree, RenderError, KUSTOMIZATION_FILE, PLACEHOLDERS_FILE, type RenderedTree, type RenderedLayer, type RenderOptions } from "./render-tree";
export { writeTree } from "./write-tree";
export { RenderTargetError } from "./output-dir";
export { RenderLockedError } from "./render-lock";
export { MANIFEST_FILE } from "./render-manifest";
export { RenderCloudValues, type Placeholder } from "./cloud-values";
export { EXTERNAL_SECRET_API_VERSION } from "./secret-references";
export { withoutHelmCharts } from "./without-helm-charts";
