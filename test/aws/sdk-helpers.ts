import { expect } from "vitest";

/** SDK client settings for a moto launcher; retries off unless asked for, so faults surface. */
export function sdkConfig(endpoint: string, maxAttempts = 1) {
  return { endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts };
}

export interface CaughtAwsError {
  /** The SDK's exception name (the modeled shape, e.g. CacheParameterGroupNotFoundFault). */
  name: string;
  /** The error code on the wire (e.g. CacheParameterGroupNotFound). */
  code: string | undefined;
  status: number | undefined;
  message: string;
}

/** Awaits a call that must fail and returns how it failed. */
export async function awsError(call: Promise<unknown>): Promise<CaughtAwsError> {
  try {
    await call;
  } catch (error) {
    const e = error as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name ?? "", code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message ?? "" };
  }
  expect.unreachable("expected the AWS call to fail, but it succeeded");
  throw new Error("unreachable");
}

/** Polls until `done` holds, returning the last value and the time taken. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<{ value: T; elapsedMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, elapsedMs: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
