import * as pulumi from "@pulumi/pulumi";
import type { DataServicePlatform, KafkaSpec } from "./spec";
import { usersOf } from "../../manifests/data/network-policies";
import { bootstrapServers, clusterCaSecretName, KAFKA_CLUSTER, KAFKA_NAMESPACE, kafkaDesiredState, kafkaUserName } from "./desired-state";
import { registerDataLayer, registeredObject, type DataLayerArgs, type OutputFields } from "../../components/data-layer";

export type KafkaLayerArgs = DataLayerArgs<KafkaSpec, DataServicePlatform>;

/** What applications need to reach Kafka (the stack's `kafka` output). */
export interface KafkaOutputs {
  namespace: string;
  /** The TLS listener's bootstrap address, `host:port`; clients authenticate with their user's certificate. */
  bootstrapServers: string;
  /** The Secret (in the kafka namespace) holding the cluster CA certificate clients trust (`ca.crt`). */
  clusterCaSecretName: string;
  /** Per layer that uses Kafka: the Secret with its client certificate and key (`user.crt`, `user.key`, `user.p12`). */
  userSecretNames: Record<string, string>;
  /** The topics Strimzi manages. */
  topics: string[];
}

/**
 * The Kafka layer: the Strimzi operator (Helm), the Kafka cluster with KRaft controller and broker pools,
 * topics and a user per layer, from `kafkaDesiredState`.
 */
export class KafkaLayer extends pulumi.ComponentResource {
  static readonly type = "strata:data:Kafka";

  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  readonly release: pulumi.CustomResource;
  /** The `Kafka` custom resource: what an application layer that depends on Kafka waits for. */
  readonly cluster: pulumi.CustomResource;
  /** The stack output, field by field (so that only the secret fields are secret). */
  readonly outputs: OutputFields<KafkaOutputs>;

  constructor(name: string, args: KafkaLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(KafkaLayer.type, name, {}, opts);
    const registered = registerDataLayer(name, kafkaDesiredState(args.spec, args.platform), { ...args, parent: this });
    this.resources = registered.resources;
    this.release = registered.release;
    this.cluster = registeredObject(registered.resources, "Kafka", KAFKA_NAMESPACE, KAFKA_CLUSTER);
    this.outputs = {
      namespace: KAFKA_NAMESPACE,
      bootstrapServers: bootstrapServers(),
      clusterCaSecretName: clusterCaSecretName(),
      userSecretNames: Object.fromEntries(usersOf("kafka", args.platform.layers).map((l) => [l.name, kafkaUserName(l.name)])),
      topics: args.spec.topics.map((t) => t.name),
    };
    this.registerOutputs(this.outputs);
  }
}
