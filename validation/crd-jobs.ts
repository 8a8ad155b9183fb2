import * as fs from "node:fs";
import { indexCrdFile, type JsonSchema } from "./crd-catalog";
import { compileVersion } from "./crd-compile";

/** The slow steps of a cold CRD cache, run in parallel by validation/parallel.ts. */
export type CrdJob = { kind: "index"; file: string } | { kind: "compile"; key: string; schema: JsonSchema };

export function runJob(job: CrdJob): unknown {
  return job.kind === "index" ? indexCrdFile(fs.readFileSync(job.file, "utf8")) : compileVersion(job.key, job.schema);
}
