import { applicationLayers } from "./application-layers";
import { backup } from "./backup";
import { cluster } from "./cluster";
import { gitops } from "./gitops";
import { kafka } from "./kafka";
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
export const CAPABILITIES = [cluster, nvidiaDevicePlugin, kafka, postgres, redis, mesh, backup, observability, secrets, gitops, applicationLayers] as const;
