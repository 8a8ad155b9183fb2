import type { ChartPin } from "../../platform/pins";

/** Strimzi 1.2.0: Kafka 4.3.x, API kafka.strimzi.io/v1 only, KRaft only (../shared/crds/SOURCES.md). */
export const strimziPin = { repo: "oci://quay.io/strimzi-helm", name: "strimzi-kafka-operator", version: "1.2.0" } as const satisfies ChartPin;

/** The Kafka version Strimzi runs (one of the versions Strimzi 1.2.0 supports); upgrades are explicit. */
export const KAFKA_VERSION = "4.3.0";
