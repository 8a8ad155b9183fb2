import * as pulumi from "@pulumi/pulumi";
import type { DataServicePlatform, RedisSpec } from "./spec";
import { PASSWORD_SECRET, redisDesiredState, redisHost, REDIS_CLUSTER, REDIS_NAMESPACE, REDIS_PORT } from "./desired-state";
import { registerDataLayer, registeredObject, type DataLayerArgs, type OutputFields } from "../../components/data-layer";

export type RedisLayerArgs = DataLayerArgs<RedisSpec, DataServicePlatform>;

/** What applications need to reach Redis (the stack's `redis` output). */
export interface RedisOutputs {
  namespace: string;
  /** The leaders' Service; use a cluster-aware client. */
  host: string;
  port: number;
  /** The Secret (in the redis namespace) holding the password under `password`. */
  passwordSecretName: string;
  /** The password itself: a Pulumi secret. */
  password: string;
}

/** The Redis layer: the OpsTree operator (Helm), a generated password, the RedisCluster, from `redisDesiredState`. */
export class RedisLayer extends pulumi.ComponentResource {
  static readonly type = "strata:data:Redis";

  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  readonly release: pulumi.CustomResource;
  /** The `RedisCluster` custom resource: what an application layer that depends on Redis waits for. */
  readonly cluster: pulumi.CustomResource;
  /** The stack output, field by field (so that only the secret fields are secret). */
  readonly outputs: OutputFields<RedisOutputs>;

  constructor(name: string, args: RedisLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RedisLayer.type, name, {}, opts);
    const registered = registerDataLayer(name, redisDesiredState(args.spec, args.platform), { ...args, parent: this });
    this.resources = registered.resources;
    this.release = registered.release;
    this.cluster = registeredObject(registered.resources, "RedisCluster", REDIS_NAMESPACE, REDIS_CLUSTER);
    this.outputs = {
      namespace: REDIS_NAMESPACE,
      host: redisHost(),
      port: REDIS_PORT,
      passwordSecretName: PASSWORD_SECRET.name,
      password: pulumi.secret(registered.generatedValues.get(PASSWORD_SECRET.name)!),
    };
    this.registerOutputs(this.outputs);
  }
}
