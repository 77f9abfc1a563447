// A worker thread of loadManifests: parses and validates the batches of files the main thread hands it.
import { parentPort } from "node:worker_threads";
import { loadFileForWorker } from "./load.ts";

export interface WorkerBatch {
  readonly start: number;
  readonly files: readonly string[];
}

if (parentPort) {
  const port = parentPort;
  port.on("message", (batch: WorkerBatch | null) => {
    if (batch === null) {
      port.close();
      return;
    }
    const results = batch.files.map((file) => loadFileForWorker(file));
    port.postMessage({ start: batch.start, results });
  });
  port.postMessage({ ready: true });
}
