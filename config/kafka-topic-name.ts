import { z } from "zod";

/** A Kafka topic name as Kafka accepts it: letters, digits, '.', '_' and '-', at most 249 characters. */
export const kafkaTopicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, { message: "must be a Kafka topic name: 1–249 letters, digits, '.', '_' and '-'" })
  .refine((v) => v !== "." && v !== "..", { message: 'cannot be "." or ".."' });

/** The suffix that makes a layer's topic reference a prefix: `raw_events.*` is every topic starting `raw_events.`. */
export const TOPIC_PREFIX_WILDCARD = "*";

/** A topic a layer reads or writes: a topic name, or a prefix ending in `*`. */
export const kafkaTopicReference = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}\*?$/, { message: "must be a Kafka topic name, or a prefix ending in * (e.g. raw_events.*)" });
