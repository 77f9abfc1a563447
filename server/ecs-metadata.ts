/**
 * This task's private IPv4 address, from the ECS task metadata endpoint (version 4), which the ECS agent
 * exposes to every container as ECS_CONTAINER_METADATA_URI_V4. On Fargate (awsvpc) the task's ENI address is
 * what other tasks reach it at, so the relay advertises it instead of the loopback default.
 */

import { StartupError } from "./config.ts";

const VARIABLE = "ECS_CONTAINER_METADATA_URI_V4";
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The documented fields this module reads; the endpoint returns many more. */
interface ContainerMetadata {
  DockerId?: string;
  Name?: string;
  Networks?: { NetworkMode?: string; IPv4Addresses?: string[] }[];
}
interface TaskMetadata {
  Containers?: ContainerMetadata[];
}

export class EcsMetadataError extends StartupError {
  constructor(uri: string, reason: string) {
    super(`${VARIABLE}=${uri}: cannot read this task's private IP (${reason}). The relay must advertise the address other tasks reach this one at: fix the task's metadata access, or set ADVERTISE_ADDRESS=<ip>:<port> explicitly`);
    this.name = "EcsMetadataError";
  }
}

const firstAddress = (container: ContainerMetadata | undefined): string | undefined =>
  container?.Networks?.flatMap((network) => network.IPv4Addresses ?? []).find((address) => IPV4.test(address));

async function getJson<T>(url: string, timeoutMs: number): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Reads this container's address (its own metadata's first network), else this container's entry in the task
 * metadata, else the task's first container with one. The agent may answer late in the first seconds of a
 * task, so a few attempts are made before giving up.
 */
export async function ecsTaskAddress(metadataUri: string, options: { attempts?: number; delayMs?: number; timeoutMs?: number } = {}): Promise<string> {
  const attempts = options.attempts ?? 5;
  const base = metadataUri.replace(/\/+$/, "");
  let reason = "no attempt made";
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? 500) * attempt));
    try {
      const own = await getJson<ContainerMetadata>(base, options.timeoutMs ?? 2_000);
      const direct = firstAddress(own);
      if (direct) return direct;
      const task = await getJson<TaskMetadata>(`${base}/task`, options.timeoutMs ?? 2_000);
      const containers = task.Containers ?? [];
      const mine = containers.find((c) => (own.DockerId !== undefined && c.DockerId === own.DockerId) || (own.Name !== undefined && c.Name === own.Name));
      const found = firstAddress(mine) ?? containers.map(firstAddress).find((address) => address !== undefined);
      if (found) return found;
      reason = "neither the container nor the task metadata lists an IPv4 address in Networks[].IPv4Addresses";
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  throw new EcsMetadataError(metadataUri, reason);
}
