import { applicationLayers } from "./application-layers";
import { backup } from "./backup";
import { certificates } from "./certificates";
import { cluster } from "./cluster";
import { credentials } from "./credentials";
import { dns } from "./dns";
import { edge } from "./edge";
import { gitops } from "./gitops";
import { kafka } from "./kafka";
import { karpenter } from "./karpenter";
import { mesh } from "./mesh";
import { nvidiaDevicePlugin } from "./nvidia-device-plugin";
import { observability } from "./observability";
import { postgres } from "./postgres";
import { redis } from "./redis";
import { secrets } from "./secrets";

/**
 * Every capability of the platform, one line each. This order is the stack config's key order (`strata
 * config-schema`); deployment and a render's layers follow the capabilities' needs (each after what it
 * needs), ties broken by this order.
 */
export const CAPABILITIES = [cluster, karpenter, nvidiaDevicePlugin, kafka, postgres, redis, mesh, edge, certificates, dns, backup, observability, secrets, gitops, credentials, applicationLayers] as const;
