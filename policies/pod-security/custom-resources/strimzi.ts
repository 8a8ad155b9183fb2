import type { IContainer } from "kubernetes-models/v1/Container";
import { isObject, record } from "../../engine/fields";
import type { PodSpec } from "../pod";
import type { PodSpecExtractorEntry, PodSpecSite } from "../pod-spec";
import { operatorContainer, operatorPod, podMetadata } from "./operator-pod";

/**
 * Strimzi (`kafka.strimzi.io`): the pods the cluster operator makes, from the resource's `template`s.
 * A Strimzi `PodTemplate` (`template.pod`) carries the pod's security context, `hostUsers`, extra volumes
 * and metadata; a `ContainerTemplate` (`template.kafkaContainer`, …) a container's security context. The
 * containers' security context is otherwise the operator's pod security provider's, which the resource
 * cannot show: a container the resource leaves without one is judged without one, so Strata states it.
 *
 * - `KafkaNodePool`: the node pool's brokers or controllers (container `kafka`, its resources the pool's;
 *   init container `kafka-init` for rack awareness, judged when the pool's template declares it).
 * - `Kafka`: the pods it makes itself: the entity operator (`topic-operator`, `user-operator`), Cruise
 *   Control and the Kafka Exporter, each when configured. Its `spec.kafka.template` is only the default the
 *   node pools inherit (the v1 API makes every broker and controller from a node pool): each pool is judged
 *   on what it declares itself.
 */

export const STRIMZI_API_GROUP = "kafka.strimzi.io";

/** A Strimzi pod: the `PodTemplate` fields Pod Security judges, and the containers. */
function strimziPod(path: string, podTemplate: unknown, containers: IContainer[], initContainers: IContainer[] = []): PodSpecSite {
  const pod = record(podTemplate);
  const spec: PodSpec = {
    securityContext: pod.securityContext as PodSpec["securityContext"],
    hostUsers: pod.hostUsers as PodSpec["hostUsers"],
    volumes: pod.volumes as PodSpec["volumes"],
    ...(initContainers.length ? { initContainers } : {}),
    containers,
  };
  return operatorPod(path, podMetadata(pod.metadata), spec);
}

/** A container from its `ContainerTemplate` and the resources the resource gives it. */
function templated(name: string, containerTemplate: unknown, resources: unknown): IContainer {
  return operatorContainer(name, { securityContext: record(containerTemplate).securityContext, resources });
}

const kafkaNodePool: PodSpecExtractorEntry = {
  apiGroup: STRIMZI_API_GROUP,
  kind: "KafkaNodePool",
  extract(object) {
    const spec = record(object.spec);
    const template = record(spec.template);
    const init = isObject(template.initContainer) ? [templated("kafka-init", template.initContainer, spec.resources)] : [];
    return [strimziPod("spec.template", template.pod, [templated("kafka", template.kafkaContainer, spec.resources)], init)];
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

export const STRIMZI_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [kafka, kafkaNodePool];
