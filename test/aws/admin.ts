/**
 * Typed client for the moto launcher's admin endpoint (`/_gamectl/...`, see test/aws/gamectl_moto/admin.py)
 * and moto's own reset. Every function takes the launcher's base URL, as returned by startMoto().
 */

export type FaultKind = "throttle" | "5xx";

export interface FaultSpec {
  /** Fraction of matching AWS calls that fail, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /** Only these operation names (e.g. "CreateTable"); all when omitted. */
  operations?: string[];
  /** Only these services (e.g. "dynamodb", "elasticache", "ec2", "elbv2", "cloudwatch"); all when omitted. */
  services?: string[];
  /** Makes the sequence of injected faults reproducible. */
  seed?: number;
}

export interface FaultStatus {
  active: boolean;
  /** Faults injected since the spec was set. */
  injected: number;
  injectedByKind: Record<FaultKind, number>;
  /** Calls that matched the spec's services/operations, failed or not. */
  considered: number;
  rate?: number;
  kinds?: FaultKind[];
  operations?: string[] | null;
  services?: string[] | null;
  seed?: number | null;
}

export interface AsyncDelays {
  elasticache: { creating: number; modifying: number; deleting: number };
  dynamodb: { creating: number; updating: number; deleting: number };
}

/** Seconds a resource stays in each transitional state; omitted keys keep their current value. */
export interface AsyncDelaySpec {
  elasticache?: Partial<AsyncDelays["elasticache"]>;
  dynamodb?: Partial<AsyncDelays["dynamodb"]>;
}

export interface RecordedRequest {
  service: string;
  operation: string;
  /** The parameters as the SDK caller passed them (query-protocol lists and structures decoded). */
  params: Record<string, unknown>;
  region: string;
  /** The access key ID that signed the request: which client sent it; null when unsigned (a public client's SignUp, InitiateAuth). */
  accessKeyId: string | null;
  /** Epoch seconds. */
  time: number;
  /** HTTP status answered, or null if the call is still in flight. */
  status: number | null;
  /** The injected fault, if this call was failed on purpose. */
  fault: FaultKind | null;
  /** The AWS error code of a failed call (e.g. AccessDenied, AccessDeniedException, ValidationException). */
  error: string | null;
}

/** The administrator the launcher creates under --enforce-iam (IAM user with Action:*, Resource:*). */
export interface BootstrapAdmin {
  /** false when the launcher runs without --enforce-iam (any keys then work). */
  enforcing: boolean;
  userName: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the ECS agent serves at AWS_CONTAINER_CREDENTIALS_FULL_URI. */
export interface ContainerCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  RoleArn: string;
}

export interface ElastiCacheEvent {
  sourceIdentifier: string;
  /** e.g. "replication-group", "cache-cluster", "cache-parameter-group". */
  sourceType: string;
  message: string;
}

async function call<T>(endpoint: string, method: string, path: string, body?: unknown): Promise<T> {
  const url = new URL(path, endpoint);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`moto launcher at ${endpoint} is unreachable (${method} ${path}): ${String(error)}. Is it running? See test/env/moto.ts.`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`moto launcher ${method} ${path} failed with HTTP ${response.status}: ${detail}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Wipes every AWS resource, plus the launcher's faults, async delays, recorded requests and events. */
export async function resetMoto(endpoint: string): Promise<void> {
  await call(endpoint, "POST", "/moto-api/reset");
}

export async function setFaults(endpoint: string, spec: FaultSpec): Promise<FaultStatus> {
  return await call<FaultStatus>(endpoint, "POST", "/_gamectl/faults", spec);
}

export async function clearFaults(endpoint: string): Promise<FaultStatus> {
  return await call<FaultStatus>(endpoint, "DELETE", "/_gamectl/faults");
}

export async function faultStatus(endpoint: string): Promise<FaultStatus> {
  return await call<FaultStatus>(endpoint, "GET", "/_gamectl/faults");
}

export async function setAsyncDelays(endpoint: string, spec: AsyncDelaySpec): Promise<AsyncDelays> {
  return await call<AsyncDelays>(endpoint, "POST", "/_gamectl/async", spec);
}

export async function asyncDelays(endpoint: string): Promise<AsyncDelays> {
  return await call<AsyncDelays>(endpoint, "GET", "/_gamectl/async");
}

/** AWS calls received since the last reset or clear, in order; optionally only one service/operation. */
export async function recordedRequests(endpoint: string, filter: { service?: string; operation?: string } = {}): Promise<RecordedRequest[]> {
  const all = await call<RecordedRequest[]>(endpoint, "GET", "/_gamectl/requests");
  return all.filter((r) => (filter.service === undefined || r.service === filter.service) && (filter.operation === undefined || r.operation === filter.operation));
}

export async function clearRecordedRequests(endpoint: string): Promise<void> {
  await call(endpoint, "DELETE", "/_gamectl/requests");
}

/** Adds an ElastiCache event (as DescribeEvents returns), e.g. to simulate a scale-down AWS rolled back. */
export async function addElastiCacheEvent(endpoint: string, event: ElastiCacheEvent): Promise<void> {
  await call(endpoint, "POST", "/_gamectl/elasticache/events", event);
}

/** Delays every AWS request by `ms`, like the round trip to a real region (benchmarks only). */
export async function setSimulatedLatency(endpoint: string, ms: number): Promise<{ ms: number }> {
  return await call(endpoint, "POST", "/_gamectl/latency", { ms });
}

/** The bootstrap administrator's keys (made again after a moto reset). */
export async function bootstrapAdmin(endpoint: string): Promise<BootstrapAdmin> {
  return await call<BootstrapAdmin>(endpoint, "GET", "/_gamectl/iam/bootstrap");
}

/** The URL to set as AWS_CONTAINER_CREDENTIALS_FULL_URI for a task running with `roleName`. */
export function containerCredentialsUri(endpoint: string, roleName: string): string {
  return new URL(`/_gamectl/ecs/credentials/${encodeURIComponent(roleName)}`, endpoint).toString();
}

/** The secret (and session token) of an access key the launcher's moto issued, to check a SigV4 signature test-side. */
export async function accessKeySecret(endpoint: string, accessKeyId: string): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; arn: string }> {
  return await call(endpoint, "GET", `/_gamectl/iam/keys/${encodeURIComponent(accessKeyId)}`);
}

/** Every ElastiCache endpoint reports `address` (ports unchanged), e.g. the test's own redis-server. */
export async function mapElastiCacheEndpoints(endpoint: string, address: string): Promise<void> {
  await call(endpoint, "POST", "/_gamectl/elasticache/endpoint", { address });
}

/** Whether an access key's identity policies allow `action` on every resource (for checks made outside moto, like ElastiCache's elasticache:Connect). */
export async function authorizeKey(endpoint: string, accessKeyId: string, action: string, resources: string[]): Promise<{ allowed: boolean; denied: string[]; reason?: string }> {
  return await call(endpoint, "POST", "/_gamectl/iam/authorize", { accessKeyId, action, resources });
}

/** A confirmation code the launcher's Cognito "sent" at sign-up: the mailbox a player would read. */
export interface CognitoMessage {
  userPoolId: string;
  /** The user's username in the pool (its sub when the pool signs in with email). */
  username: string;
  /** What the player signed up with (the Username of SignUp). */
  signedUpAs: string;
  destination: string;
  code: string;
}

/** Confirmation codes sent since the last reset, oldest first. */
export async function cognitoMessages(endpoint: string): Promise<CognitoMessage[]> {
  return await call<CognitoMessage[]>(endpoint, "GET", "/_gamectl/cognito/messages");
}

/** A new signing key for the pool (its JWKS keeps the old one too, as Cognito does while rotating); returns the new kid. */
export async function rotateCognitoKey(endpoint: string, userPoolId: string): Promise<{ kid: string; kids: string[] }> {
  return await call(endpoint, "POST", "/_gamectl/cognito/keys", { userPoolId });
}

/** Tokens Cognito issues from now on carry iat and exp shifted by this many seconds (negative: issued in the past); 0 undoes it. */
export async function setCognitoClock(endpoint: string, offsetSeconds: number): Promise<void> {
  await call(endpoint, "POST", "/_gamectl/cognito/clock", { offsetSeconds });
}
