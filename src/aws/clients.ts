import type { SdkClientConfig } from "../kinds/service.ts";
import { awsServices, type AnyAwsService, type AwsServiceName } from "../kinds/services.ts";
import type { Tracer } from "@opentelemetry/api";
import { Limiter } from "../util/limiter.ts";
import { isThrottlingError, type ApiBudget } from "./budget.ts";
import { inSpan, SpanKind } from "../util/spans.ts";

/** One finished AWS call, as seen from gamectl (retries inside the SDK are counted separately). */
export interface AwsCallEvent {
  readonly service: AwsServiceName;
  readonly operation: string;
  readonly mutating: boolean;
  /** "ok" or the AWS error code. */
  readonly outcome: string;
  readonly durationMs: number;
  /** HTTP attempts the SDK made, including retries. */
  readonly attempts: number;
}

export type AwsCallListener = (event: AwsCallEvent) => void;

/**
 * Runs before every call is sent. It may throw to stop the call: the crash-at-every-step tests
 * use this seam to abort a reconcile after the k-th write.
 */
export type AwsCallGate = (call: { service: AwsServiceName; operation: string; mutating: boolean }) => void;

export interface AwsClientOptions {
  readonly region: string;
  /** Overrides the endpoint of every service (AWS_ENDPOINT_URL is honoured by the SDK itself too). */
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly maxAttempts?: number;
  readonly listeners?: readonly AwsCallListener[];
  readonly gate?: AwsCallGate;
  /** At most this many AWS calls in flight across all clients (a benchmark's sequential baseline uses 1). */
  readonly maxConcurrentCalls?: number;
  /** A span per AWS call (child of the action that makes it) when set; tracing off leaves it unset. */
  readonly tracer?: Tracer;
  /** Every HTTP attempt waits for a token of its service's bucket; one budget is shared by the whole process. */
  readonly budget?: ApiBudget;
}

const readPrefixes = ["Describe", "Get", "List", "BatchGet", "Query", "Scan"];

export function isMutatingOperation(operation: string): boolean {
  return !readPrefixes.some((prefix) => operation.startsWith(prefix));
}

interface MiddlewareCapableClient {
  middlewareStack: object;
}

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: string; name: string; priority?: string; override?: boolean }): void;
  addRelativeTo(middleware: unknown, options: { name: string; relation: "before" | "after"; toMiddleware: string; override?: boolean }): void;
}

type Handler = (args: unknown) => Promise<unknown>;
interface HandlerContext { commandName?: string }

function instrument<T extends MiddlewareCapableClient>(client: T, service: AwsServiceName, options: AwsClientOptions, limiter: Limiter | undefined): T {
  const attemptsByRequest = new WeakMap<object, number>();
  const attemptsOf = (args: unknown) => attemptsByRequest.get((args as { input?: object }).input ?? {}) ?? 1;
  const stack = client.middlewareStack as MiddlewareStackLike;
  stack.add(
    (next: Handler, context: HandlerContext) => async (args: unknown) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      const mutating = isMutatingOperation(operation);
      options.gate?.({ service, operation, mutating });
      const call = async () => {
        const started = performance.now();
        const key = (args as { input?: object }).input ?? {};
        attemptsByRequest.set(key, 0);
        let outcome = "ok";
        try {
          return await next(args);
        } catch (error) {
          outcome = (error as { name?: string }).name ?? "Error";
          throw error;
        } finally {
          const event: AwsCallEvent = { service, operation, mutating, outcome, durationMs: performance.now() - started, attempts: attemptsByRequest.get(key) ?? 1 };
          for (const listener of options.listeners ?? []) listener(event);
        }
      };
      // The span covers the wait for a slot too: a call queued behind the limiter is slow for the reconcile all the same.
      const traced = () => limiter ? limiter.run(call) : call();
      if (!options.tracer) return await traced();
      return await inSpan(options.tracer, `${service}.${operation}`, {
        "rpc.system": "aws-api", "rpc.service": service, "rpc.method": operation, "aws.service": service, "aws.operation": operation, "gamectl.mutating": mutating,
      }, async (span) => {
        try {
          return await traced();
        } finally {
          span?.setAttribute("aws.attempts", attemptsOf(args));
        }
      }, { kind: SpanKind.CLIENT });
    },
    { step: "initialize", name: "gamectlCallObserver", override: true },
  );
  const budget = options.budget;
  if (budget) {
    // After the SDK's retry middleware, so every attempt (a retry is a request AWS counts too) takes a
    // token, and before signing, so a request that waited long is not sent with a stale signature.
    stack.addRelativeTo(
      (next: Handler, context: HandlerContext) => async (args: unknown) => {
        const bucket = budget.bucket(service, isMutatingOperation((context.commandName ?? "Unknown").replace(/Command$/, "")));
        await bucket.acquire();
        try {
          const result = await next(args);
          bucket.succeeded();
          return result;
        } catch (error) {
          // A 4xx answer still means AWS took the request within its rate: the budget recovers. A 5xx or a
          // network error says nothing about the rate either way.
          if (isThrottlingError(error)) bucket.throttled();
          else if (((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 500) < 500) bucket.succeeded();
          throw error;
        }
      },
      { name: "gamectlApiBudget", relation: "before", toMiddleware: "httpSigningMiddleware", override: true },
    );
  }
  // The deserialize step runs once per HTTP attempt, after the SDK's retry middleware.
  stack.add(
    (next: Handler) => async (args: unknown) => {
      const request = (args as { input?: object }).input;
      if (request) attemptsByRequest.set(request, (attemptsByRequest.get(request) ?? 0) + 1);
      return await next(args);
    },
    { step: "deserialize", name: "gamectlAttemptCounter", override: true },
  );
  return client;
}

/**
 * The SDK clients the drivers use, one per service (`ctx.aws.ecs`), each of its own SDK type; derived from the
 * services' descriptors (src/kinds/<service>/service.ts), created lazily, all instrumented the same way.
 */
export type AwsClients = { readonly [S in AnyAwsService as S["name"]]: InstanceType<S["client"]> };

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const config: SdkClientConfig = {
    region: options.region,
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const cache = new Map<AwsServiceName, MiddlewareCapableClient>();
  const limiter = options.maxConcurrentCalls ? new Limiter(options.maxConcurrentCalls) : undefined;
  const clients = {};
  for (const service of awsServices) {
    Object.defineProperty(clients, service.name, {
      enumerable: true,
      get() {
        let client = cache.get(service.name);
        if (!client) {
          client = instrument(new service.client(config), service.name, options, limiter);
          cache.set(service.name, client);
        }
        return client;
      },
    });
  }
  return clients as AwsClients;
}

/** Counts calls by service, operation and outcome: tests assert on it and the controller exports it. */
export class AwsCallCounter {
  readonly events: AwsCallEvent[] = [];
  readonly listener: AwsCallListener = (event) => {
    this.events.push(event);
  };

  get writes(): number {
    return this.events.filter((e) => e.mutating).length;
  }

  get reads(): number {
    return this.events.filter((e) => !e.mutating).length;
  }

  mutatingOperations(): string[] {
    return this.events.filter((e) => e.mutating).map((e) => `${e.service}:${e.operation}`);
  }

  reset(): void {
    this.events.length = 0;
  }
}

/** AWS errors the drivers treat as "it is already there" or "it is already gone". */
export function awsErrorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const named = error as { name?: string; Code?: string; code?: string };
    return named.Code ?? named.code ?? named.name ?? "Error";
  }
  return "Error";
}

function bareCode(code: string): string {
  return code.replace(/(Fault|Exception)$/, "");
}

/**
 * Whether an error is one of these AWS codes, whichever of the wire code or the SDK's exception name
 * it carries, and whether the SDK names it `XFault`, `XException` or `X`.
 */
export function errorIs(error: unknown, ...codes: string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const named = error as { name?: unknown; Code?: unknown; code?: unknown };
  const seen = [named.Code, named.code, named.name].filter((c): c is string => typeof c === "string").map(bareCode);
  return codes.some((code) => seen.includes(bareCode(code)));
}

/** The call's result, or undefined when it fails with one of these "not found" codes. */
export async function orUndefined<T>(call: Promise<T>, ...notFound: string[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (errorIs(error, ...notFound)) return undefined;
    throw error;
  }
}
