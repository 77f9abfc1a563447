/** The schema of every message a client may send; anything else is dropped and counted. */

type FieldRule = { type: "number"; min: number; max: number } | { type: "string"; maxLength: number; pattern?: RegExp };

const MESSAGE_SCHEMAS = {
  /** A movement direction, applied every tick until changed. */
  move: { dx: { type: "number", min: -1, max: 1 }, dy: { type: "number", min: -1, max: 1 } },
  ping: { t: { type: "number", min: 0, max: Number.MAX_SAFE_INTEGER } },
} as const satisfies Record<string, Record<string, FieldRule>>;

export type MessageType = keyof typeof MESSAGE_SCHEMAS;

export const MAX_MESSAGE_BYTES = 256;

export function isMessageType(type: unknown): type is MessageType {
  return typeof type === "string" && Object.hasOwn(MESSAGE_SCHEMAS, type);
}

/** The message with exactly the schema's fields, or undefined when it does not match. */
export function validateMessage(type: MessageType, message: unknown): Record<string, number | string> | undefined {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return undefined;
  const schema: Record<string, FieldRule> = MESSAGE_SCHEMAS[type];
  const input = message as Record<string, unknown>;
  if (Object.keys(input).some((key) => !Object.hasOwn(schema, key))) return undefined;
  const output: Record<string, number | string> = {};
  for (const [field, rule] of Object.entries(schema)) {
    const value = input[field];
    if (rule.type === "number") {
      if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || value > rule.max) return undefined;
    } else if (typeof value !== "string" || value.length > rule.maxLength || (rule.pattern && !rule.pattern.test(value))) {
      return undefined;
    }
    output[field] = value;
  }
  return output;
}

/** A token bucket per client: short bursts pass, a sustained flood is dropped. */
export class RateLimiter {
  readonly #ratePerSecond: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, burst: number) {
    this.#ratePerSecond = ratePerSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = performance.now();
  }

  take(now = performance.now()): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#ratePerSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
