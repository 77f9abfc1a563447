import { inject } from "vitest";
import "./services.ts";

function services() {
  return inject("services");
}

/** The worker slot of this test file: 1..maxWorkers. Files in the same slot run one after another. */
function slot(): number {
  return Number(process.env.VITEST_POOL_ID ?? "1") || 1;
}

function required<T>(value: T | undefined, service: string): T {
  if (value === undefined) throw new Error(`${service} was not started by the global setup (check GAMECTL_SERVICES)`);
  return value;
}

export interface AwsTestTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** This file's own moto server; call `resetMoto` from test/aws/admin.ts in beforeAll for a clean account. */
export function aws(): AwsTestTarget {
  const endpoints = services().awsEndpoints;
  const endpoint = required(endpoints[(slot() - 1) % Math.max(endpoints.length, 1)], "moto");
  return { endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
}

/** A Redis URL with a database of this worker slot's own; flush it in beforeAll for a clean state. */
export function redis(): { url: string; db: number } {
  const base = required(services().redisUrl, "redis-server");
  const db = slot();
  return { url: `${base}/${db}`, db };
}

/** The kubeconfig of the shared kube-apiserver; isolate tests by namespace. */
export function kube(): { kubeconfig: string } {
  return { kubeconfig: required(services().kubeconfig, "kube-apiserver") };
}
