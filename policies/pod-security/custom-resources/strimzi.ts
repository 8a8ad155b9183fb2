import type { IContainer } from "kubernetes-models/v1/Container";
import { at, isObject, list, record } from "../../engine/fields";
import { isUnknown } from "../../engine/unknown";
import type { PodSpec } from "../pod";
import type { ObjectLookup, PodSpecExtractorEntry, PodSpecSite } from "../pod-spec";
import { operatorContainer, operatorPod, podMetadata } from "./operator-pod";

/**
 * Strimzi (`kafka.strimzi.io`): the pods the cluster operator makes, from the resource's `template`s.
 * A Strimzi `PodTemplate` (`template.pod`) carries the pod's security context, `hostUsers`, extra volumes
 * and metadata; a `ContainerTemplate` (`template.kafkaContainer`, …) a container's security context. The
 * containers' security context is otherwise the operator's pod security provider's, which the resource
 * cannot show: a container the resource leaves without one is judged without one, so Strata states it.
 *
 * - `KafkaNodePool`: the node pool's brokers or controllers (container `kafka`, its resources the pool's;
 *   init container `kafka-init` when the Kafka sets rack awareness, or when a template declares it). A
 *   section of the template the pool leaves out (`pod`, `kafkaContainer`, `initContainer`) comes from its
 *   Kafka's `spec.kafka.template` (found by the pool's `strimzi.io/cluster` label in the same stack or
 *   manifest set): a hostile default there is judged on every pool that takes it.
 * - `Kafka`: the pods it makes itself: the entity operator (`topic-operator`, `user-operator`), Cruise
 *   Control and the Kafka Exporter, each when configured.
 * - `KafkaConnect` and `KafkaMirrorMaker2`: the workers (container `connect`, init container `kafka-init`
 *   with rack awareness or a declared template) and, with `spec.build`, the image build pod (`build`).
 * - `KafkaBridge`: the bridge (container `bridge`, init container likewise).
 * - `StrimziPodSet`: the operator's own pod list, each a whole Pod.
 */

export const STRIMZI_API_GROUP = "kafka.strimzi.io";
const CLUSTER_LABEL = "strimzi.io/cluster";

/** A Strimzi pod: the `PodTemplate` fields Pod Security judges, and the containers. */
function strimziPod(path: string, podTemplate: unknown, containers: IContainer[], initContainers: IContainer[] = [], inherits?: string): PodSpecSite {
  const pod = record(podTemplate);
  const spec: PodSpec = {
    securityContext: pod.securityContext as PodSpec["securityContext"],
    hostUsers: pod.hostUsers as PodSpec["hostUsers"],
    volumes: pod.volumes as PodSpec["volumes"],
    ...(initContainers.length ? { initContainers } : {}),
    containers,
  };
  return { ...operatorPod(path, podMetadata(pod.metadata), spec), ...(inherits ? { inherits } : {}) };
}

/** A container from its `ContainerTemplate` and the resources the resource gives it. */
function templated(name: string, containerTemplate: unknown, resources: unknown): IContainer {
  return operatorContainer(name, { securityContext: record(containerTemplate).securityContext, resources });
}

/** Whether the operator adds its rack-awareness init container (`kafka-init`): rack set, or a template declared for it. */
function hasInitContainer(rack: unknown, ...templates: unknown[]): boolean {
  return isObject(rack) || templates.some((t) => t !== undefined);
}

const kafkaNodePool: PodSpecExtractorEntry = {
  apiGroup: STRIMZI_API_GROUP,
  kind: "KafkaNodePool",
  extract(object, lookup?: ObjectLookup) {
    const spec = record(object.spec);
    const own = record(spec.template);
    const cluster = record(object.metadata?.labels)[CLUSTER_LABEL];
    const kafka = typeof cluster === "string" ? lookup?.object(STRIMZI_API_GROUP, "Kafka", object.metadata?.namespace, cluster) : undefined;
    const inherited = record(at(kafka, "spec.kafka.template"));
    const section = (name: "pod" | "kafkaContainer" | "initContainer") => (own[name] !== undefined ? own[name] : inherited[name]);
    const takes = (["pod", "kafkaContainer", "initContainer"] as const).filter((name) => own[name] === undefined && inherited[name] !== undefined);
    const init = hasInitContainer(at(kafka, "spec.kafka.rack"), section("initContainer")) ? [templated("kafka-init", section("initContainer"), spec.resources)] : [];
    const inherits = takes.length ? `${takes.join(", ")} from Kafka ${cluster}'s spec.kafka.template` : undefined;
    return [strimziPod("spec.template", section("pod"), [templated("kafka", section("kafkaContainer"), spec.resources)], init, inherits)];
  },
};

const kafka: PodSpecExtractorEntry = {
  apiGroup: STRIMZI_API_GROUP,
  kind: "Kafka",
  extract(object) {
    const spec = record(object.spec);
    const sites: PodSpecSite[] = [];
    if (isObject(spec.entityOperator)) {
      const entity = spec.entityOperator;
      const template = record(entity.template);
      const containers = [
        ...(isObject(entity.topicOperator) ? [templated("topic-operator", template.topicOperatorContainer, entity.topicOperator.resources)] : []),
        ...(isObject(entity.userOperator) ? [templated("user-operator", template.userOperatorContainer, entity.userOperator.resources)] : []),
      ];
      if (containers.length) sites.push(strimziPod("spec.entityOperator", template.pod, containers));
    }
    if (isObject(spec.cruiseControl)) {
      const template = record(spec.cruiseControl.template);
      sites.push(strimziPod("spec.cruiseControl", template.pod, [templated("cruise-control", template.cruiseControlContainer, spec.cruiseControl.resources)]));
    }
    if (isObject(spec.kafkaExporter)) {
      const template = record(spec.kafkaExporter.template);
      sites.push(strimziPod("spec.kafkaExporter", template.pod, [templated("kafka-exporter", template.container, spec.kafkaExporter.resources)]));
    }
    return sites;
  },
};

/** Kafka Connect and MirrorMaker 2 run the same workers, and build their image in a pod of their own. */
function connectPods(object: Record<string, unknown>): PodSpecSite[] {
  const spec = record(object.spec);
  const template = record(spec.template);
  const init = hasInitContainer(spec.rack, template.initContainer) ? [templated("kafka-init", template.initContainer, spec.resources)] : [];
  const sites = [strimziPod("spec.template", template.pod, [templated("connect", template.connectContainer, spec.resources)], init)];
  if (isObject(spec.build) && !isUnknown(spec.build)) sites.push(strimziPod("spec.build", template.buildPod, [templated("build", template.buildContainer, spec.build.resources)]));
  return sites;
}

const kafkaConnect: PodSpecExtractorEntry = { apiGroup: STRIMZI_API_GROUP, kind: "KafkaConnect", extract: connectPods };
const kafkaMirrorMaker2: PodSpecExtractorEntry = { apiGroup: STRIMZI_API_GROUP, kind: "KafkaMirrorMaker2", extract: connectPods };

const kafkaBridge: PodSpecExtractorEntry = {
  apiGroup: STRIMZI_API_GROUP,
  kind: "KafkaBridge",
  extract(object) {
    const spec = record(object.spec);
    const template = record(spec.template);
    const init = hasInitContainer(spec.rack, template.initContainer) ? [templated("kafka-init", template.initContainer, spec.resources)] : [];
    return [strimziPod("spec.template", template.pod, [templated("bridge", template.bridgeContainer, spec.resources)], init)];
  },
};

const strimziPodSet: PodSpecExtractorEntry = {
  apiGroup: STRIMZI_API_GROUP,
  kind: "StrimziPodSet",
  extract: (object) =>
    list<unknown>(record(object.spec).pods).map((item, i) => {
      const pod = record(item);
      return { path: `spec.pods[${i}].spec`, metadata: record(pod.metadata), spec: record(pod.spec) as PodSpec };
    }),
};

export const STRIMZI_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [kafka, kafkaNodePool, kafkaConnect, kafkaMirrorMaker2, kafkaBridge, strimziPodSet];
