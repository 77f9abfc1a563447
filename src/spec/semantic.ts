import { isIPv4, isIPv6 } from "node:net";
import { controllerSetVariables, gameServerIndexNeeds, gameTables } from "../contract/game-server.ts";
import { didYouMean, type FieldPath } from "./errors.ts";
import {
  compareEngineVersions, defaultRedisParameters, defaultSslPolicy,
  minimumIamAuthEngineVersion, redisEngineVersions, redisNodeTypes,
} from "./known-values.ts";
import { namedLimits, physicalNames } from "./names.ts";
import { deref, gameEnvironmentSchema, type SchemaNode } from "./schema.ts";
import type { Issue } from "./schema-validator.ts";
import type { GameEnvironment, GameEnvironmentSpec, KeyAttribute, TableSpec } from "./types.generated.ts";


/** A default of the redis section, for hints: read from the schema, the one place defaults live. */
function redisDefault(field: string): string {
  const redis = deref((gameEnvironmentSchema.$defs as Readonly<Record<string, SchemaNode>>).RedisSpec ?? {});
  return String(redis.properties?.[field]?.default);
}
/**
 * Fills in the fields whose value comes from other fields (x-gamectl-resolved in the schema), so that every consumer
 * reads one resolved value: a table's PITR and throughput, an HTTPS listener's TLS policy, the ALB's deletion protection.
 */
export function resolveDerivedFields(manifest: GameEnvironment): void {
  const spec = manifest.spec;
  const role = spec.iam?.taskRole;
  if (role) role.create = role.existingRoleName ? false : (role.create ?? true);
  const dynamodb = spec.dynamodb;
  if (dynamodb && Array.isArray(dynamodb.tables)) {
    for (const table of dynamodb.tables) {
      table.pointInTimeRecovery ??= dynamodb.pointInTimeRecovery;
      if (dynamodb.billingMode === "PROVISIONED") {
        table.provisionedThroughput ??= dynamodb.provisionedThroughput && { ...dynamodb.provisionedThroughput };
        for (const index of table.globalSecondaryIndexes ?? []) index.provisionedThroughput ??= table.provisionedThroughput && { ...table.provisionedThroughput };
      }
    }
  }
  const loadBalancer = spec.loadBalancer;
  if (loadBalancer) {
    loadBalancer.deletionProtection ??= spec.tags?.stage === "prod";
    for (const listener of loadBalancer.listeners ?? []) if (listener.protocol === "HTTPS") listener.sslPolicy ??= defaultSslPolicy;
  }
  if (spec.redis?.parameters) spec.redis.parameters = { ...defaultRedisParameters, ...spec.redis.parameters };
}

type Check = (spec: GameEnvironmentSpec, manifest: GameEnvironment) => Issue[];

const at = (path: FieldPath, message: string, hint?: string, where?: "key" | "value"): Issue => ({ path, message, hint, at: where });

const checkTags: Check = (spec) => {
  const issues: Issue[] = [];
  for (const key of Object.keys(spec.tags ?? {})) {
    const path = ["spec", "tags", key];
    if (/^aws:/i.test(key)) issues.push(at(path, `tag key "${key}" uses the reserved prefix aws:`, "AWS reserves tags starting with aws:", "key"));
    else if (key.startsWith("gamectl.dev/")) issues.push(at(path, `tag key "${key}" uses the prefix gamectl.dev/, reserved for ownership tags`, "gamectl sets gamectl.dev/ tags itself", "key"));
    else if (key.length > 128) issues.push(at(path, `tag key is ${key.length} characters long; AWS allows 128`, undefined, "key"));
    else if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key)) issues.push(at(path, `tag key "${key}" has characters AWS does not allow`, "use letters, digits, spaces and _ . : / = + - @", "key"));
  }
  return issues;
};

/** Parses a CIDR, returning the network form with the host bits cleared, or an error. */
export function parseCidr(text: string): { network: string; prefixLength: number; family: 4 | 6 } | { error: string } {
  const slash = text.indexOf("/");
  const address = text.slice(0, slash);
  const prefixLength = Number(text.slice(slash + 1));
  if (slash < 0 || !Number.isInteger(prefixLength)) return { error: "is not a CIDR block" };
  if (isIPv4(address)) {
    if (prefixLength > 32) return { error: `has prefix length /${prefixLength}; IPv4 allows 0 to 32` };
    const value = address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
    const network = (value & mask) >>> 0;
    const dotted = [24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join(".");
    return { network: `${dotted}/${prefixLength}`, prefixLength, family: 4 };
  }
  if (isIPv6(address)) {
    if (prefixLength > 128) return { error: `has prefix length /${prefixLength}; IPv6 allows 0 to 128` };
    const value = ipv6ToBigInt(address);
    const mask = prefixLength === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefixLength)) - 1n);
    return { network: `${bigIntToIpv6(value & mask)}/${prefixLength}`, prefixLength, family: 6 };
  }
  return { error: "is not a valid IPv4 or IPv6 address range" };
}

function ipv6ToBigInt(address: string): bigint {
  const [head = "", tail] = address.split("::");
  const parse = (part: string) => (part ? part.split(":") : []);
  const headGroups = parse(head);
  const tailGroups = tail === undefined ? [] : parse(tail);
  const expand = (groups: string[]) => groups.flatMap((group) => {
    if (!group.includes(".")) return [group];
    const octets = group.split(".").map(Number);
    return [(((octets[0] ?? 0) << 8) | (octets[1] ?? 0)).toString(16), (((octets[2] ?? 0) << 8) | (octets[3] ?? 0)).toString(16)];
  });
  const left = expand(headGroups);
  const right = expand(tailGroups);
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group || "0", 16)), 0n);
}

function bigIntToIpv6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::").replace(/:{3,}/, "::");
}

function checkCidrList(cidrs: readonly string[] | undefined, path: FieldPath, protects?: string): Issue[] {
  const issues: Issue[] = [];
  (cidrs ?? []).forEach((cidr, index) => {
    const parsed = parseCidr(cidr);
    if ("error" in parsed) {
      issues.push(at([...path, index], `${JSON.stringify(cidr)} ${parsed.error}`, "e.g. 10.0.0.0/16"));
      return;
    }
    if (parsed.network !== cidr && parsed.family === 4) {
      issues.push(at([...path, index], `${JSON.stringify(cidr)} has host bits set`, `did you mean ${parsed.network}?`));
    }
    if (protects && parsed.prefixLength === 0) {
      issues.push(at([...path, index], `${cidr} can never reach ${protects}`, "list the CIDR blocks that need access, e.g. a VPN's 10.8.0.0/16; players come in through the load balancer"));
    }
  });
  return issues;
}

const checkCidrs: Check = (spec) => [
  ...checkCidrList(spec.gameServer?.allowedCidrs, ["spec", "gameServer", "allowedCidrs"], "the game port"),
  ...checkCidrList(spec.redis?.allowedCidrs, ["spec", "redis", "allowedCidrs"], "Redis"),
  ...checkCidrList(spec.loadBalancer?.allowedCidrs, ["spec", "loadBalancer", "allowedCidrs"]),
];

/** ARNs the environment uses must be in its region (and account, when accountId is set). */
function checkArn(arn: string | undefined, path: FieldPath, spec: GameEnvironmentSpec, what: string): Issue[] {
  if (!arn) return [];
  const [, , , region, account] = arn.split(":");
  const issues: Issue[] = [];
  if (region && region !== spec.region) issues.push(at(path, `${what} is in ${region}, but the environment is in ${spec.region}`, `use a ${what} from ${spec.region}`));
  if (spec.accountId && account && account !== spec.accountId) issues.push(at(path, `${what} belongs to account ${account}, not spec.accountId ${spec.accountId}`));
  return issues;
}

const checkArns: Check = (spec) => [
  ...(spec.loadBalancer?.listeners ?? []).flatMap((listener, index) => checkArn(listener.certificateArn, ["spec", "loadBalancer", "listeners", index, "certificateArn"], spec, "certificate")),
  ...checkArn(spec.alarms?.snsTopicArn, ["spec", "alarms", "snsTopicArn"], spec, "SNS topic"),
  ...checkArn(spec.dynamodb?.sse?.kmsKeyArn, ["spec", "dynamodb", "sse", "kmsKeyArn"], spec, "KMS key"),
];

const checkNetwork: Check = (spec) => {
  const issues: Issue[] = [];
  const network = spec.network;
  if (spec.redis?.multiAZ && (network.privateSubnetIds?.length ?? 0) < 2) {
    issues.push(at(["spec", "network", "privateSubnetIds"], "multiAZ Redis needs at least 2 private subnets", "add a private subnet in another Availability Zone, or set spec.redis.multiAZ: false"));
  }
  const lb = spec.loadBalancer;
  if (lb) {
    const internal = lb.scheme === "internal";
    const subnets = internal ? network.privateSubnetIds : network.publicSubnetIds;
    if ((subnets?.length ?? 0) < 2) {
      issues.push(at(["spec", "network", internal ? "privateSubnetIds" : "publicSubnetIds"], `an ${lb.scheme ?? "internet-facing"} load balancer needs at least 2 ${internal ? "private" : "public"} subnets`, "list subnets in two Availability Zones"));
    }
  }
  if ((spec.vpcEndpoints?.gateway?.length ?? 0) > 0 && (network.privateRouteTableIds?.length ?? 0) === 0) {
    issues.push(at(["spec", "network"], "gateway VPC endpoints need network.privateRouteTableIds", "list the private subnets' route tables", "key"));
  }
  return issues;
};

const checkRedis: Check = (spec) => {
  const redis = spec.redis;
  if (!redis) return [];
  const issues: Issue[] = [];
  const base = ["spec", "redis"];
  if (typeof redis.engineVersion === "string" && !(redis.engineVersion in redisEngineVersions)) {
    issues.push(at([...base, "engineVersion"], `${JSON.stringify(redis.engineVersion)} is not a known Redis engine version`, `known: ${Object.keys(redisEngineVersions).join(", ")}; e.g. "${redisDefault("engineVersion")}"`));
  }
  if (typeof redis.nodeType === "string" && !redisNodeTypes.has(redis.nodeType)) {
    const guess = didYouMean(redis.nodeType, redisNodeTypes);
    issues.push(at([...base, "nodeType"], `${JSON.stringify(redis.nodeType)} is not a valid node type`, guess ? `did you mean ${guess}?` : `e.g. ${redisDefault("nodeType")}`));
  }
  if (redis.multiAZ && redis.replicasPerShard < 1) {
    issues.push(at([...base, "replicasPerShard"], "multiAZ needs replicasPerShard >= 1", "set replicasPerShard: 1 or multiAZ: false"));
  }
  if (redis.authentication !== "none" && redis.encryption?.inTransit === false) {
    issues.push(at([...base, "encryption", "inTransit"], `authentication ${redis.authentication} needs encryption.inTransit: true`, "set inTransit: true, or authentication: none"));
  }
  if (redis.authentication === "iam" && typeof redis.engineVersion === "string" && compareEngineVersions(redis.engineVersion, minimumIamAuthEngineVersion) < 0) {
    issues.push(at([...base, "authentication"], `IAM authentication needs Redis ${minimumIamAuthEngineVersion} or newer, not ${redis.engineVersion}`, `set engineVersion: "${redisDefault("engineVersion")}" or authentication: token`));
  }
  for (const key of Object.keys(redis.parameters ?? {})) {
    if (key === "cluster-enabled") issues.push(at([...base, "parameters", key], "cluster-enabled is set by gamectl from shards", "remove it; shards > 1 turns cluster mode on", "key"));
  }
  return issues;
};

function keyIssues(table: TableSpec, tablePath: FieldPath, billingMode: string | undefined): Issue[] {
  const issues: Issue[] = [];
  const types = new Map<string, { type: string; where: string }>();
  const record = (key: KeyAttribute | undefined, path: FieldPath, where: string) => {
    if (!key) return;
    const seen = types.get(key.name);
    if (seen && seen.type !== key.type) {
      issues.push(at([...path, "type"], `attribute "${key.name}" is ${key.type} here but ${seen.type} in ${seen.where}`, "an attribute has one type across the table and its indexes"));
    } else if (!seen) types.set(key.name, { type: key.type, where });
  };
  if (table.sortKey && table.partitionKey && table.sortKey.name === table.partitionKey.name) {
    issues.push(at([...tablePath, "sortKey", "name"], `the sort key must differ from the partition key "${table.partitionKey.name}"`));
  }
  record(table.partitionKey, [...tablePath, "partitionKey"], "the table's partitionKey");
  record(table.sortKey, [...tablePath, "sortKey"], "the table's sortKey");
  const indexes = table.globalSecondaryIndexes ?? [];
  if (indexes.length > 20) issues.push(at([...tablePath, "globalSecondaryIndexes"], `a table has at most 20 global secondary indexes, not ${indexes.length}`));
  const indexNames = new Map<string, number>();
  indexes.forEach((index, i) => {
    const indexPath = [...tablePath, "globalSecondaryIndexes", i];
    const earlier = indexNames.get(index.name);
    if (earlier !== undefined) issues.push(at([...indexPath, "name"], `index "${index.name}" is already defined at globalSecondaryIndexes[${earlier}]`, "index names are unique within a table"));
    else indexNames.set(index.name, i);
    if (index.sortKey && index.partitionKey && index.sortKey.name === index.partitionKey.name) {
      issues.push(at([...indexPath, "sortKey", "name"], `the sort key must differ from the partition key "${index.partitionKey.name}"`));
    }
    record(index.partitionKey, [...indexPath, "partitionKey"], `index ${index.name}'s partitionKey`);
    record(index.sortKey, [...indexPath, "sortKey"], `index ${index.name}'s sortKey`);
    if (index.projection === "INCLUDE" && !(index.nonKeyAttributes?.length)) {
      issues.push(at([...indexPath, "nonKeyAttributes"], "projection INCLUDE needs nonKeyAttributes", "list the attributes to project, or use projection: ALL", "key"));
    }
    if (index.projection !== "INCLUDE" && index.nonKeyAttributes?.length) {
      issues.push(at([...indexPath, "nonKeyAttributes"], `nonKeyAttributes is only used with projection INCLUDE, not ${index.projection}`, "set projection: INCLUDE or remove nonKeyAttributes", "key"));
    }
    if (billingMode === "PROVISIONED" && !index.provisionedThroughput) {
      issues.push(at(indexPath, "billingMode PROVISIONED needs provisionedThroughput for this index", "set spec.dynamodb.provisionedThroughput, or provisionedThroughput on the table or index"));
    }
  });
  if (table.ttlAttribute) {
    const keyType = types.get(table.ttlAttribute)?.type;
    if (keyType && keyType !== "N") issues.push(at([...tablePath, "ttlAttribute"], `ttlAttribute "${table.ttlAttribute}" is a key of type ${keyType}; TTL needs a Number (epoch seconds)`));
  }
  return issues;
}

const checkDynamoDb: Check = (spec) => {
  const dynamodb = spec.dynamodb;
  if (!dynamodb) return [];
  const issues: Issue[] = [];
  const base = ["spec", "dynamodb"];
  const names = new Map<string, number>();
  const provisioned = dynamodb.billingMode === "PROVISIONED";
  if (!provisioned && dynamodb.provisionedThroughput) {
    issues.push(at([...base, "provisionedThroughput"], "provisionedThroughput is only used with billingMode PROVISIONED", "remove it, or set billingMode: PROVISIONED", "key"));
  }
  if (dynamodb.sse?.type !== "KMS" && dynamodb.sse?.kmsKeyArn) {
    issues.push(at([...base, "sse", "kmsKeyArn"], "kmsKeyArn is only used with sse.type KMS", "set type: KMS", "key"));
  }
  (dynamodb.tables ?? []).forEach((table, index) => {
    const tablePath = [...base, "tables", index];
    const earlier = names.get(table.name);
    if (earlier !== undefined) issues.push(at([...tablePath, "name"], `table "${table.name}" is already defined at tables[${earlier}]`, "table names are unique within an environment"));
    else names.set(table.name, index);
    if (provisioned && !table.provisionedThroughput) {
      issues.push(at(tablePath, `billingMode PROVISIONED needs provisionedThroughput for table "${table.name}"`, "set spec.dynamodb.provisionedThroughput, or provisionedThroughput on the table"));
    }
    if (!provisioned) {
      if (table.provisionedThroughput) issues.push(at([...tablePath, "provisionedThroughput"], "provisionedThroughput is only used with billingMode PROVISIONED", "remove it, or set billingMode: PROVISIONED", "key"));
      (table.globalSecondaryIndexes ?? []).forEach((gsi, i) => {
        if (gsi.provisionedThroughput) issues.push(at([...tablePath, "globalSecondaryIndexes", i, "provisionedThroughput"], "provisionedThroughput is only used with billingMode PROVISIONED", "remove it, or set billingMode: PROVISIONED", "key"));
      });
    }
    issues.push(...keyIssues(table, tablePath, dynamodb.billingMode));
  });
  return issues;
};

const checkLoadBalancer: Check = (spec) => {
  const lb = spec.loadBalancer;
  if (!lb) return [];
  const issues: Issue[] = [];
  const listeners = lb.listeners ?? [];
  const hasHttps = listeners.some((listener) => listener.protocol === "HTTPS");
  const ports = new Map<number, number>();
  listeners.forEach((listener, index) => {
    const path = ["spec", "loadBalancer", "listeners", index];
    const earlier = ports.get(listener.port);
    if (earlier !== undefined) issues.push(at([...path, "port"], `port ${listener.port} is already used by listeners[${earlier}]`, "one listener per port"));
    else ports.set(listener.port, index);
    if (listener.protocol === "HTTPS" && !listener.certificateArn) {
      issues.push(at(path, "an HTTPS listener needs certificateArn", "add the ARN of an ACM certificate in the environment's region"));
    }
    if (listener.protocol === "HTTP" && listener.certificateArn) {
      issues.push(at([...path, "certificateArn"], "certificateArn is only used by an HTTPS listener", "set protocol: HTTPS or remove certificateArn", "key"));
    }
    if (listener.protocol === "HTTP" && listener.sslPolicy) {
      issues.push(at([...path, "sslPolicy"], "sslPolicy is only used by an HTTPS listener", "remove it", "key"));
    }
    if (listener.redirectToHttps && listener.protocol === "HTTPS") {
      issues.push(at([...path, "redirectToHttps"], "redirectToHttps belongs on an HTTP listener, not an HTTPS one"));
    } else if (listener.redirectToHttps && !hasHttps) {
      issues.push(at([...path, "redirectToHttps"], "redirectToHttps needs an HTTPS listener", "add {port: 443, protocol: HTTPS, certificateArn: ...} or remove redirectToHttps"));
    }
  });
  const health = lb.healthCheck;
  if (health && health.timeoutSeconds >= health.intervalSeconds) {
    issues.push(at(["spec", "loadBalancer", "healthCheck", "timeoutSeconds"], `timeoutSeconds (${health.timeoutSeconds}) must be less than intervalSeconds (${health.intervalSeconds})`));
  }
  return issues;
};

const checkIam: Check = (spec) => {
  const role = spec.iam?.taskRole;
  if (!role) return [];
  const path = ["spec", "iam", "taskRole"];
  return role.create === false && !role.existingRoleName ? [at(path, "taskRole needs create: true or existingRoleName", "e.g. taskRole: {create: true}")] : [];
};

const checkNames: Check = (spec, manifest) => {
  const namespace = manifest.metadata.namespace ?? "default";
  const names = physicalNames(namespace, manifest.metadata.name, spec);
  const issues: Issue[] = [];
  for (const limit of namedLimits(names, spec)) {
    if (limit.name.length < limit.min || limit.name.length > limit.max || !limit.pattern.test(limit.name)) {
      issues.push(at(["metadata", "name"], `the derived ${limit.what} "${limit.name}" breaks AWS's limits (${limit.min}-${limit.max} characters)`, "use a shorter name or namespace"));
    }
  }
  return issues;
};

/** Fargate's valid task sizes: memory (MiB) by CPU units. */
export function fargateMemoryChoices(cpu: number): number[] {
  const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  switch (cpu) {
    case 256: return [512, 1024, 2048];
    case 512: return range(1024, 4096, 1024);
    case 1024: return range(2048, 8192, 1024);
    case 2048: return range(4096, 16384, 1024);
    case 4096: return range(8192, 30720, 1024);
    case 8192: return range(16384, 61440, 4096);
    case 16384: return range(32768, 122880, 8192);
    default: return [];
  }
}

/** The fields that only mean something when gamectl deploys the server (gameServer.image set). */
const deployFields = ["cpu", "memory", "desiredCount", "cluster", "environment", "secrets", "logRetentionDays", "containerName"] as const;

/** A variable name the controller sets itself, or in a namespace the server reads (REDIS_*, TABLE_*). */
function controllerOwnedVariable(name: string): boolean {
  return controllerSetVariables.includes(name) || /^(REDIS|TABLE)_/.test(name);
}

const describeRange = (choices: number[]) => (choices.length > 3 ? `${choices[0]} to ${choices[choices.length - 1]} in steps of ${choices[1]! - choices[0]!}` : choices.join(", "));

const checkGameServer: Check = (spec) => {
  const gs = spec.gameServer;
  if (!gs) return [];
  const issues: Issue[] = [];
  const base = ["spec", "gameServer"];
  const deploy = typeof gs.image === "string";
  const setDeployFields = deployFields.filter((field) => gs[field] !== undefined);
  if (gs.ecs && (deploy || setDeployFields.length > 0)) {
    const mixed = [...(deploy ? ["image"] : []), ...setDeployFields].join(", ");
    issues.push(at([...base, "ecs"], `gameServer.ecs (attach-only: you run the service) and ${mixed} (deploy: gamectl runs it) exclude each other`,
      `remove ecs to have gamectl deploy the server, or remove ${mixed} to keep attaching the target group to your own service`, "key"));
    return issues;
  }
  if (!deploy) {
    for (const field of setDeployFields) {
      issues.push(at([...base, field], `${field} deploys the game server, but gameServer.image is not set`, "add image: (e.g. image: ghcr.io/example/gamectl-server:0.1.0), or remove " + field, "key"));
    }
    return issues;
  }
  if (gs.cpu !== undefined || gs.memory !== undefined) {
    const cpu = gs.cpu ?? 256;
    const memory = gs.memory ?? 512;
    const choices = fargateMemoryChoices(cpu);
    if (choices.length > 0 && !choices.includes(memory)) {
      issues.push(at([...base, gs.memory !== undefined ? "memory" : "cpu"], `Fargate has no task size of ${cpu} CPU units with ${memory} MiB`, `with cpu: ${cpu}, set memory to ${describeRange(choices)}`));
    }
  }
  const cluster = gs.cluster;
  if (cluster) {
    if (cluster.create === true && cluster.name) {
      issues.push(at([...base, "cluster", "create"], "cluster create: true and name exclude each other", "keep create: true to have gamectl create the cluster, or name to use an existing one", "key"));
    } else if (cluster.create !== true && !cluster.name) {
      issues.push(at([...base, "cluster"], "cluster needs create: true or the name of an existing cluster", "e.g. cluster: {create: true} or cluster: {name: arena}", "key"));
    }
  }
  const declared = new Map<string, string>();
  for (const section of ["environment", "secrets"] as const) {
    for (const name of Object.keys(gs[section] ?? {})) {
      if (controllerOwnedVariable(name)) {
        issues.push(at([...base, section, name], `${name} is set by gamectl from the environment's own outputs (Redis, tables, region, port)`, `remove it from gameServer.${section}; gamectl sets REDIS_*, TABLE_*, AWS_REGION, PORT and GAMECTL_ENVIRONMENT`, "key"));
      } else if (declared.has(name)) {
        issues.push(at([...base, section, name], `${name} is already set in gameServer.${declared.get(name)}`, "a variable is either plain (environment) or from Secrets Manager (secrets), not both", "key"));
      } else declared.set(name, section);
    }
  }
  for (const [name, arn] of Object.entries(gs.secrets ?? {})) issues.push(...checkArn(arn, [...base, "secrets", name], spec, "secret"));
  // What the server cannot run without: where to be reached, where to keep sessions, where to keep players.
  const image = [...base, "image"];
  if (!spec.loadBalancer) issues.push(at(image, "a deployed game server needs spec.loadBalancer: players reach it only through the load balancer's target group", "add spec.loadBalancer (e.g. listeners: [{port: 80, protocol: HTTP}]), or remove gameServer.image"));
  if (!spec.redis) issues.push(at(image, "a deployed game server needs spec.redis for sessions and presence", "add spec.redis (e.g. redis: {nodeType: cache.t4g.micro}), or remove gameServer.image"));
  issues.push(...checkGameServerReach(spec));
  const tables = spec.dynamodb?.tables ?? [];
  const missing = gameTables.filter((name) => !tables.some((t) => t.name === name));
  if (missing.length > 0) {
    issues.push(at(spec.dynamodb ? ["spec", "dynamodb", "tables"] : image, `a deployed game server needs the DynamoDB tables ${missing.map((t) => `"${t}"`).join(", ")}`, `add them to spec.dynamodb.tables (the server needs ${gameTables.join(", ")}), or remove gameServer.image`));
  }
  for (const need of gameServerIndexNeeds) {
    const tableIndex = tables.findIndex((t) => t.name === need.table);
    if (tableIndex < 0) continue;
    const tablePath = ["spec", "dynamodb", "tables", tableIndex];
    const keys = `partitionKey: {name: ${need.partitionKey.name}, type: ${need.partitionKey.type}}${need.sortKey ? `, sortKey: {name: ${need.sortKey.name}, type: "${need.sortKey.type}"}` : ""}`;
    const table = tables[tableIndex]!;
    const keyNames = new Set([need.partitionKey.name, need.sortKey?.name, table.partitionKey?.name, table.sortKey?.name]);
    const nonKeyReads = need.reads.filter((attribute) => !keyNames.has(attribute));
    const indexes = table.globalSecondaryIndexes ?? [];
    const indexAt = indexes.findIndex((index) => index.name === need.index);
    const index = indexes[indexAt];
    if (!index) {
      issues.push(at(tablePath, `the game server reads table "${need.table}" through the global secondary index "${need.index}", which is not declared`, `add to its globalSecondaryIndexes: {name: ${need.index}, ${keys}, projection: INCLUDE, nonKeyAttributes: [${nonKeyReads.join(", ")}]}`));
      continue;
    }
    const indexPath = [...tablePath, "globalSecondaryIndexes", indexAt];
    const sameKey = (a: KeyAttribute | undefined, b: { name: string; type: string } | undefined) => (a === undefined && b === undefined) || (a !== undefined && b !== undefined && a.name === b.name && a.type === b.type);
    if (!sameKey(index.partitionKey, need.partitionKey) || !sameKey(index.sortKey, need.sortKey)) {
      issues.push(at(indexPath, `the game server queries index "${need.index}" by ${keys}`, `set the index's keys to ${keys}`));
      continue;
    }
    const projected = index.projection === "ALL" ? undefined : new Set(index.projection === "INCLUDE" ? index.nonKeyAttributes ?? [] : []);
    const unread = projected ? nonKeyReads.filter((attribute) => !projected.has(attribute)) : [];
    if (unread.length > 0) {
      issues.push(at([...indexPath, "projection"], `the game server reads ${unread.join(", ")} from index "${need.index}", which does not project ${unread.length > 1 ? "them" : "it"}`, `use projection: INCLUDE with nonKeyAttributes: [${unread.join(", ")}], or projection: ALL`));
    }
  }
  return issues;
};

/**
 * A Fargate task in the private subnets pulls its image, writes its logs and reads its secrets over its own network
 * interface, before the server runs. Its security group lets it out only where the manifest says (least-privilege
 * egress), so without gameServer.internetEgress every such call needs a VPC endpoint, and an image outside ECR
 * cannot be pulled at all. AWS would only show this as tasks stuck in PENDING; validate says it up front.
 */
function checkGameServerReach(spec: GameEnvironmentSpec): Issue[] {
  const gs = spec.gameServer;
  if (!gs || gs.internetEgress === true) return [];
  const fix = "or set gameServer.internetEgress: true (HTTPS to anywhere, through your NAT gateway)";
  if (!/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(gs.image ?? "")) {
    return [at(["spec", "gameServer", "image"], `the image "${gs.image}" is not in ECR, and the game server may not reach the internet to pull it`, `set gameServer.internetEgress: true, or push the image to ECR and add the VPC endpoints it needs`)];
  }
  const interfaceEndpoints = new Set(spec.vpcEndpoints?.interface ?? []);
  const gatewayEndpoints = new Set<string>(spec.vpcEndpoints?.gateway ?? []);
  const readsSecrets = Object.keys(gs.secrets ?? {}).length > 0 || (spec.redis !== undefined && (spec.redis.authentication ?? "token") === "token");
  const needed = [
    ...["ecr.api", "ecr.dkr", "logs", ...(readsSecrets ? ["secretsmanager"] : [])].filter((name) => !interfaceEndpoints.has(name)).map((name) => `interface ${name}`),
    // ECR keeps image layers in S3; the server reads and writes its tables.
    ...["s3", "dynamodb"].filter((name) => !gatewayEndpoints.has(name)).map((name) => `gateway ${name}`),
  ];
  if (needed.length === 0) return [];
  return [at(spec.vpcEndpoints ? ["spec", "vpcEndpoints"] : ["spec", "gameServer", "image"],
    `the deployed game server may not reach the internet (gameServer.internetEgress is off), and its tasks have no VPC endpoint for ${needed.join(", ")}: they could not pull the image, write logs${readsSecrets ? ", read secrets" : ""} or reach DynamoDB`,
    `add them to spec.vpcEndpoints (interface: [ecr.api, ecr.dkr, logs${readsSecrets ? ", secretsmanager" : ""}], gateway: [s3, dynamodb]), ${fix}`)];
}

const checks: Check[] = [checkTags, checkCidrs, checkArns, checkNetwork, checkRedis, checkDynamoDb, checkLoadBalancer, checkIam, checkNames, checkGameServer];

/** Checks of the raw manifest, before derived fields are resolved (which would hide what the user wrote). */
export function rawIssues(manifest: unknown): Issue[] {
  const issues = prototypeKeys(manifest);
  const role = (manifest as { spec?: { iam?: { taskRole?: { create?: unknown; existingRoleName?: unknown } } } } | undefined)?.spec?.iam?.taskRole;
  if (role && role.create === true && typeof role.existingRoleName === "string") {
    issues.push(at(["spec", "iam", "taskRole", "create"], "create: true and existingRoleName exclude each other", "keep create: true to have gamectl create the role, or existingRoleName to use yours", "key"));
  }
  return issues;
}

/**
 * A "__proto__" key (a tag, a label, any map entry) is data to YAML and JSON parsers, which make it an own property,
 * but `object[key] = value` on a plain object sets the prototype instead, and the planner and drivers build maps that
 * way: such a tag validated, was never applied, and showed as drift on every pass. It is refused wherever it appears.
 * An explicit stack rather than recursion: objects from the Kubernetes API have no depth limit of their own. Each
 * object is visited once: YAML aliases share objects, and a recursive alias (`&a {x: *a}`) makes a cycle.
 */
function prototypeKeys(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const visited = new Set<object>();
  const stack: Array<{ node: unknown; path: FieldPath }> = [{ node: value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, path } = next;
    if (typeof node !== "object" || node === null || visited.has(node)) continue;
    visited.add(node);
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => stack.push({ node: item, path: [...path, index] }));
    } else {
      if (Object.hasOwn(node, "__proto__")) {
        issues.push(at([...path, "__proto__"], '"__proto__" cannot be a key: JavaScript objects read it as their prototype, so gamectl could never apply it', "rename the key", "key"));
      }
      for (const [key, child] of Object.entries(node)) stack.push({ node: child, path: [...path, key] });
    }
  }
  return issues;
}

/** The checks the schema cannot express. Each check is isolated: a manifest that also failed the schema may have odd shapes. */
export function semanticIssues(manifest: GameEnvironment): Issue[] {
  const issues: Issue[] = [];
  for (const check of checks) {
    try {
      issues.push(...check(manifest.spec, manifest));
    } catch {
      // The schema errors already explain a shape this check could not read.
    }
  }
  return issues;
}
