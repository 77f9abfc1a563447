/**
 * What gamectl knows about one AWS service, in its own module (src/kinds/<service>/service.ts): everything the engine
 * needs to call it (the SDK client, the API budget) and to reason about it (its IAM and ARN names). Every registry of
 * services (the clients, the budget's buckets, the name union) is derived from these descriptors through
 * src/kinds/services.generated.ts, which `npm run gen` writes: a new service adds only its service.ts.
 */

/** A token bucket's limits: sustained requests per second (its refill rate) and how many may go at once (its size). */
export interface BucketLimit {
  /** Sustained requests per second (the bucket's refill rate). */
  readonly rate: number;
  /** Requests that may go at once after an idle period (the bucket's size). */
  readonly burst: number;
}

/** How every SDK client is configured (src/aws/clients.ts): all services the same way. */
export interface SdkClientConfig {
  readonly region: string;
  readonly retryMode: string;
  readonly maxAttempts: number;
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** What the engine needs of an AWS SDK v3 client: its middleware stack, which it instruments. */
export interface SdkClient {
  readonly middlewareStack: object;
}

export interface AwsServiceDescriptor<Name extends string = string, Client extends SdkClient = SdkClient> {
  /** gamectl's name for it: the key of `ctx.aws`, of its budget bucket and of its metrics' label. */
  readonly name: Name;
  /** The prefix of its actions in IAM ("elasticloadbalancing" for elbv2, "tag" for the tagging API). */
  readonly iamPrefix: string;
  /** The SDK package its client comes from; the deployment test maps the commands it imports to IAM actions by it. */
  readonly sdkPackage: `@aws-sdk/client-${string}`;
  /** The SDK client's constructor. */
  readonly client: new (config: SdkClientConfig) => Client;
  /** The default of its API budget bucket (src/aws/budget.ts); say in a comment where the figure comes from. */
  readonly budget: BucketLimit;
  /** Only for services AWS throttles mutating calls of separately (EC2): their own bucket, "<name>-mutating". */
  readonly mutatingBudget?: BucketLimit;
}

/** A service resource kinds are called through: also how they are read back from the tagging API, and how many calls at once. */
export interface KindServiceDescriptor<Name extends string = string, Client extends SdkClient = SdkClient> extends AwsServiceDescriptor<Name, Client> {
  /** The service part of its ARNs ("elasticloadbalancing" for elbv2): how the tagging inventory is read back. */
  readonly arnNamespace: string;
  /** How many of its calls one reconcile sends at once (ReconcileOptions.serviceConcurrency overrides it). */
  readonly concurrency: number;
}

/** Declares a service the engine calls but no kind does (STS, the tagging API), keeping its literal name, client type and budgets. */
export function awsService<const D extends AwsServiceDescriptor>(descriptor: D): D {
  return descriptor;
}

/** Declares a service some kinds are called through, keeping its literal name, client type and budgets. */
export function kindService<const D extends KindServiceDescriptor>(descriptor: D): D {
  return descriptor;
}
