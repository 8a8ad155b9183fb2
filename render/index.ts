export { renderStack, type StackRender } from "./render-stack";
export { renderTree, RenderError, KUSTOMIZATION_FILE, PLACEHOLDERS_FILE, type RenderedTree, type RenderedLayer, type RenderOptions } from "./render-tree";
export { writeTree } from "./write-tree";
export { RenderCloudValues, type Placeholder } from "./cloud-values";
export { EXTERNAL_SECRET_API_VERSION } from "./secret-references";
export { withoutHelmCharts } from "./helm-charts-aside";
