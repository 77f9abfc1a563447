// The Redis engine versions and node types gamectl accepts. AWS adds node types over time: add them here
// (a release of gamectl) rather than letting a typo reach CreateReplicationGroup.

/** Engine version -> parameter-group family. */
export const redisEngineVersions: Readonly<Record<string, string>> = {
  "6.0": "redis6.x",
  "6.2": "redis6.x",
  "7.0": "redis7",
  "7.1": "redis7",
};

/** The parameter-group family of an engine version, e.g. "7.1" -> "redis7"; undefined for an unknown version. */
export function parameterGroupFamily(engineVersion: string): string | undefined {
  return redisEngineVersions[engineVersion];
}

/** The first engine version that supports IAM authentication. */
export const minimumIamAuthEngineVersion = "7.0";

export function compareEngineVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const nodeFamilies: Readonly<Record<string, readonly string[]>> = {
  t3: ["micro", "small", "medium"],
  t4g: ["micro", "small", "medium"],
  m5: ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
  m6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  m7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r5: ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
  r6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r6gd: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  r7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  c7gn: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
};

export const redisNodeTypes: ReadonlySet<string> = new Set(
  Object.entries(nodeFamilies).flatMap(([family, sizes]) => sizes.map((size) => `cache.${family}.${size}`)),
);

/** The TLS policy of HTTPS listeners unless the manifest names another one. */
export const defaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** Redis's maxmemory-policy unless the manifest sets one: evict only keys with a TTL (session keys), never room state without one. */
export const defaultRedisParameters: Readonly<Record<string, string>> = { "maxmemory-policy": "volatile-lru" };
