import { createHash } from "node:crypto";
import { Cluster } from "ioredis";
import type { RedisClient } from "./redis.ts";

/** An argument of a library function: Redis receives every one as a string. */
export type FunctionArgument = string | number;

/**
 * Lua functions served by Redis Functions (FCALL) where the server has them (Redis 7 and later), and by EVALSHA where it
 * does not (ElastiCache's Redis 6 engines, which manifests may still ask for).
 *
 * Why not ioredis's defineCommand (EVALSHA through its Script class): on the session path the script wrapper and the
 * script's own setup in Redis were most of the update's cost over a PING (bench/server.ts); an FCALL sent as a plain
 * command skips both. ioredis has no FCALL counterpart of defineCommand, hence this class.
 *
 * The library is named by its content, as EVALSHA names a script: library `<name>_<hash>`, functions
 * `<function>_<hash>`. Two releases running side by side (a rolling deploy) each call their own code, and neither
 * replaces the other's.
 *
 * Redis keeps functions with its data (replicated to replicas, saved with a snapshot), but a restart without
 * persistence, a FUNCTION FLUSH or a replica promoted before it synced leave none: an FCALL that finds no function
 * loads the library, on every master of a cluster (the call may have gone to any of them), and calls once more. It is
 * the NOSCRIPT handling of EVALSHA, for functions.
 */
export class RedisFunctionLibrary<Name extends string> {
  readonly library: string;
  /** The FUNCTION LOAD payload. */
  readonly code: string;
  readonly #functions: Readonly<Record<Name, { name: string; lua: string; sha: string }>>;
  /** One load at a time per client: concurrent calls that all found the library missing share it. */
  readonly #loading = new WeakMap<RedisClient, Promise<void>>();
  /** Clients whose server has no FCALL (Redis 6): they use EVALSHA from then on. */
  readonly #scriptsOnly = new WeakSet<RedisClient>();

  /** `bodies`: each function's Lua, reading its keys from KEYS and its arguments from ARGV, as a script would. */
  constructor(name: string, bodies: Readonly<Record<Name, string>>) {
    const version = createHash("sha1").update(JSON.stringify(bodies)).digest("hex").slice(0, 12);
    this.library = `${name}_${version}`;
    const functions = {} as Record<Name, { name: string; lua: string; sha: string }>;
    const registrations: string[] = [];
    for (const [fn, lua] of Object.entries(bodies) as [Name, string][]) {
      const registered = `${fn}_${version}`;
      functions[fn] = { name: registered, lua, sha: createHash("sha1").update(lua).digest("hex") };
      registrations.push(`redis.register_function('${registered}', function(KEYS, ARGV)\n${lua}\nend)`);
    }
    this.#functions = functions;
    this.code = `#!lua name=${this.library}\n${registrations.join("\n")}\n`;
  }

  /** The name Redis knows a function by (FCALL's first argument). */
  registeredName(fn: Name): string {
    return this.#functions[fn].name;
  }

  async call(redis: RedisClient, fn: Name, keys: readonly string[], args: readonly FunctionArgument[]): Promise<unknown> {
    if (this.#scriptsOnly.has(redis)) return this.#evalsha(redis, fn, keys, args);
    try {
      return await redis.fcall(this.#functions[fn].name, keys.length, ...keys, ...args);
    } catch (error) {
      if (isUnknownCommand(error, "fcall")) {
        this.#scriptsOnly.add(redis);
        return this.#evalsha(redis, fn, keys, args);
      }
      if (!isMessage(error, "function not found")) throw error;
    }
    await this.load(redis);
    return redis.fcall(this.#functions[fn].name, keys.length, ...keys, ...args);
  }

  /** Loads the library on the server, on every master of a cluster; loading it again is harmless (the same code under the same name). */
  load(redis: RedisClient): Promise<void> {
    let loading = this.#loading.get(redis);
    if (!loading) {
      const nodes = redis instanceof Cluster ? redis.nodes("master") : [redis];
      loading = Promise.all(nodes.map((node) => node.call("FUNCTION", "LOAD", "REPLACE", this.code)))
        .then(() => undefined)
        .finally(() => this.#loading.delete(redis));
      this.#loading.set(redis, loading);
    }
    return loading;
  }

  async #evalsha(redis: RedisClient, fn: Name, keys: readonly string[], args: readonly FunctionArgument[]): Promise<unknown> {
    const { lua, sha } = this.#functions[fn];
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isMessage(error, "noscript")) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  }
}

function isMessage(error: unknown, part: string): boolean {
  return error instanceof Error && error.message.toLowerCase().includes(part);
}

function isUnknownCommand(error: unknown, command: string): boolean {
  return isMessage(error, "unknown command") && isMessage(error, command);
}
