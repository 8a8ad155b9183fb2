import * as os from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/**
 * Runs jobs on every core and returns their results in order, synchronously (the validation API is
 * synchronous): the calling thread takes jobs too, blocks until the worker threads have finished, then
 * reads their results off their ports. `handler` is a module exporting `runJob(job)`; jobs and results
 * are structured-cloned. For cold caches only: starting a worker costs a module load. STRATA_THREADS sets
 * the number of threads (default: the machine's available parallelism).
 */

interface Shared {
  /** [0]: the next job to take; [1]: workers finished. */
  counters: Int32Array;
  port: MessagePort;
  handler: string;
  jobs: unknown[];
  /** A TypeScript loader to register first, when the handler is a .ts source (tests run from sources). */
  loader?: string;
}

// Plain JavaScript: whatever fails while loading the handler, the worker still counts itself finished.
const WORKER = `
const { workerData } = require("node:worker_threads");
const { counters, port, handler, jobs, loader } = workerData;
try {
  if (loader) require(loader);
  const { runJob } = require(handler);
  for (let i; (i = Atomics.add(counters, 0, 1)) < jobs.length; ) port.postMessage({ index: i, result: runJob(jobs[i]) });
} catch (e) {
  port.postMessage({ error: (e && e.stack) || String(e) });
} finally {
  port.close();
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
}`;

const WAIT_LIMIT_MS = 30 * 60 * 1000;

export function runInParallel<R>(handler: string, jobs: unknown[]): R[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runJob = (require(handler) as { runJob(job: unknown): R }).runJob;
  const threads = Math.min(jobs.length, Number(process.env.STRATA_THREADS) || os.availableParallelism());
  if (threads <= 1) return jobs.map(runJob);

  const counters = new Int32Array(new SharedArrayBuffer(8));
  const loader = handler.endsWith(".ts") ? require.resolve("tsx/cjs") : undefined;
  const workers = Array.from({ length: threads - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    const shared: Shared = { counters, port: port2, handler, jobs, loader };
    const worker = new Worker(WORKER, { eval: true, workerData: shared, transferList: [port2] });
    worker.unref();
    return { worker, port: port1 };
  });

  const results = new Array<R>(jobs.length);
  for (let i; (i = Atomics.add(counters, 0, 1)) < jobs.length; ) results[i] = runJob(jobs[i]);
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (let done; (done = Atomics.load(counters, 1)) < workers.length; ) {
    if (Atomics.wait(counters, 1, done, deadline - Date.now()) === "timed-out") throw new Error("worker threads did not finish");
  }
  for (const { worker, port } of workers) {
    for (let m; (m = receiveMessageOnPort(port)); ) {
      const message = m.message as { index: number; result: R } | { error: string };
      if ("error" in message) throw new Error(`a worker thread failed: ${message.error}`);
      results[message.index] = message.result;
    }
    port.close();
    void worker.terminate();
  }
  return results;
}
