import type { ApplicationLayerInput } from "./schema";

/**
 * The default application layers, L0–L5: names and roles from the ideation-engine seed (001), the
 * cognitive split and placement from the hierarchical seed (000): L1–L3 tolerate interruption and run on
 * spot; ingestion and L4–L5 run on on-demand capacity. Adjacent layers may call each other, nothing else.
 * Kafka topics are seed 001's (capabilities/kafka/defaults.ts): ingestion writes raw events, allocation parses
 * them, evolution consumes parsed events and emits rewards, training learns from both.
 *
 * The image is a small, non-root demo service (podinfo) so that the default stack deploys and answers
 * probes as it stands; a real platform replaces each layer's image.
 */
const DEMO_IMAGE = "ghcr.io/stefanprodan/podinfo:6.9.1";
const HTTP_PORT = 8080;
const METRICS_PORT = 9797;

function demoLayer(layer: Omit<ApplicationLayerInput, "image" | "ports" | "metrics" | "command" | "args">): ApplicationLayerInput {
  return {
    image: DEMO_IMAGE,
    command: ["./podinfo"],
    args: [`--port=${HTTP_PORT}`, `--port-metrics=${METRICS_PORT}`, "--level=info"],
    ports: [
      { name: "http", port: HTTP_PORT, protocol: "TCP" },
      { name: "metrics", port: METRICS_PORT, protocol: "TCP" },
    ],
    metrics: { port: "metrics", path: "/metrics" },
    ...layer,
  };
}

const scaleBehavior = {
  scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: "Percent" as const, value: 100, periodSeconds: 60 }] },
  scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent" as const, value: 50, periodSeconds: 60 }] },
};

export const defaultLayers: ApplicationLayerInput[] = [
  demoLayer({
    name: "l0-ingestion",
    description: "L0 ingestion: crawlers and parsers feeding raw events",
    capacityClass: "on-demand",
    peers: ["l1-allocation"],
    dataServices: { kafka: { read: [], write: ["raw_events.*"] } },
    autoscaling: { maxReplicas: 9, targetCPUUtilization: 70, behavior: scaleBehavior },
  }),
  demoLayer({
    name: "l1-allocation",
    description: "L1 allocation: reflexive routing of work to agents",
    capacityClass: "spot",
    peers: ["l0-ingestion", "l2-dialogue"],
    dataServices: { kafka: { read: ["raw_events.*"], write: ["parsed_events.*"] }, redis: {} },
    autoscaling: { maxReplicas: 12, targetCPUUtilization: 70, behavior: scaleBehavior },
  }),
  demoLayer({
    name: "l2-dialogue",
    description: "L2 dialogue: agent conversations (implementation)",
    capacityClass: "spot",
    peers: ["l1-allocation", "l3-evolution"],
    dataServices: { redis: {}, postgres: {} },
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    autoscaling: { maxReplicas: 12, targetCPUUtilization: 70, targetMemoryUtilization: 80, behavior: scaleBehavior },
  }),
  demoLayer({
    name: "l3-evolution",
    description: "L3 evolution: operational selection and recombination of ideas",
    capacityClass: "spot",
    peers: ["l2-dialogue", "l4-training"],
    dataServices: { kafka: { read: ["parsed_events.*"], write: ["rl_rewards"] }, postgres: {} },
    autoscaling: { maxReplicas: 8, targetCPUUtilization: 70, behavior: scaleBehavior },
  }),
  demoLayer({
    name: "l4-training",
    description: "L4 training: tactical learning from rewards",
    capacityClass: "on-demand",
    peers: ["l3-evolution", "l5-observability"],
    dataServices: { kafka: { read: ["parsed_events.*", "rl_rewards"], write: [] }, postgres: {} },
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    autoscaling: { maxReplicas: 6, targetCPUUtilization: 70, behavior: scaleBehavior },
  }),
  demoLayer({
    name: "l5-observability",
    description: "L5 observability: strategic oversight, metrics and cost control",
    capacityClass: "on-demand",
    peers: ["l4-training"],
    dataServices: { postgres: {} },
    autoscaling: { maxReplicas: 4, targetCPUUtilization: 70, behavior: scaleBehavior },
  }),
];
