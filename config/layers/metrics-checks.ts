import type { ConfigIssue } from "../issues";
import { asArray, isObject, isString, type Raw } from "../raw";

/**
 * Checks of the layers' Pods and External autoscaling metrics that span entries: a metric listed twice in one
 * autoscaler, and one metric name given different queries anywhere in the stack (the adapter serves one
 * series per name, and a recording rule writes it once).
 */

interface Declared {
  path: string;
  type: string;
  name: string;
  selector: string;
  query: string | undefined;
}

function metricDeclarations(layers: unknown[]): Declared[] {
  return layers.flatMap((layer, i) => {
    const autoscaling = isObject(layer) && isObject(layer.autoscaling) ? layer.autoscaling : undefined;
    return asArray(autoscaling?.metrics).flatMap((m, j): Declared[] => {
      if (!isObject(m) || !isString(m.type) || !isString(m.name)) return [];
      return [{ path: `layers[${i}].autoscaling.metrics[${j}]`, type: m.type, name: m.name, selector: selectorKey(m), query: isString(m.query) ? m.query.trim() : undefined }];
    });
  });
}

/** External metrics of one name differ by their selectors (two queues); a Pods metric has none. */
function selectorKey(metric: Raw): string {
  const selector = isObject(metric.selector) ? metric.selector : {};
  return JSON.stringify(Object.entries(selector).sort(([a], [b]) => a.localeCompare(b)));
}

const layerOf = (path: string) => path.slice(0, path.indexOf("."));
const describeQuery = (query: string | undefined) => (query === undefined ? "no query (its own series)" : `query ${JSON.stringify(query)}`);

export function autoscalingMetricIssues(layers: unknown[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const metrics = metricDeclarations(layers);
  metrics.forEach((m, k) => {
    const twin = metrics.slice(0, k).find((o) => layerOf(o.path) === layerOf(m.path) && o.type === m.type && o.name === m.name && o.selector === m.selector);
    if (twin) issues.push({ path: `${m.path}.name`, message: `${m.type} metric "${m.name}" is listed twice with the same selector (also ${twin.path.slice(twin.path.indexOf(".") + 1)})` });
    const other = metrics.slice(0, k).find((o) => o.name === m.name && o.query !== m.query);
    if (other) {
      issues.push({
        path: `${m.path}.${m.query === undefined ? "name" : "query"}`,
        message: `metric "${m.name}" has ${describeQuery(m.query)} here but ${describeQuery(other.query)} at ${other.path}: the adapter serves one series per name, so give every use the same query or a different name`,
      });
    }
  });
  return issues;
}
