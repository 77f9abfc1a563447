/**
 * The EventBridge envelope of "AWS API Call via CloudTrail" events, parsed defensively: the queue is
 * a public boundary (anything allowed to send to it can put any bytes there), so nothing here trusts
 * the shape, the size or the types of what arrives.
 */

export const CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";

/** One AWS API call that may have changed a managed resource. */
export interface ChangeEvent {
  /** The EventBridge event id (duplicates of one delivery share it). */
  readonly id: string;
  /** e.g. "ec2.amazonaws.com". */
  readonly eventSource: string;
  /** e.g. "RevokeSecurityGroupIngress". */
  readonly eventName: string;
  /** When the call was made (CloudTrail's eventTime, else the envelope's time), epoch ms; undefined if neither parses. */
  readonly eventTimeMs?: number;
  readonly region?: string;
  /** Who made the call, as principalOf() gives it: a role without its session, or a user. */
  readonly principal?: string;
  /**
   * Every string that may name or identify the resource: the envelope's and the detail's resource
   * ARNs and the string values of requestParameters and responseElements, bounded in number.
   */
  readonly identifiers: readonly string[];
}

export type ParsedMessage =
  | { readonly kind: "change"; readonly event: ChangeEvent }
  /** Well-formed, but not an API call gamectl acts on (another detail-type, a failed call). */
  | { readonly kind: "ignored"; readonly reason: string }
  | { readonly kind: "malformed"; readonly reason: string };

/** SQS bodies are at most 256 KiB; anything larger did not come from EventBridge. */
const MAX_BODY_BYTES = 256 * 1024;
/** Enough for every name and id in a real call's parameters; a hostile event cannot make matching expensive. */
const MAX_IDENTIFIERS = 200;
const MAX_DEPTH = 8;
const MAX_IDENTIFIER_LENGTH = 2_048;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** String leaves of a JSON value, breadth first, bounded in depth and count. */
function collectStrings(root: unknown, into: Set<string>): void {
  let level: unknown[] = [root];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && into.size < MAX_IDENTIFIERS; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if (into.size >= MAX_IDENTIFIERS) return;
      if (typeof value === "string") {
        if (value.length > 0 && value.length <= MAX_IDENTIFIER_LENGTH) into.add(value);
      } else if (Array.isArray(value)) {
        next.push(...value.slice(0, MAX_IDENTIFIERS));
      } else if (isRecord(value)) {
        next.push(...Object.values(value).slice(0, MAX_IDENTIFIERS));
      }
    }
    level = next;
  }
}

/**
 * A principal ARN without what changes between sessions: "arn:aws:sts::1:assumed-role/R/session" is
 * "arn:aws:sts::1:assumed-role/R", so every pod and token of the controller's role is the same caller.
 */
export function principalOf(arn: string): string {
  const match = /^(arn:[^:]+:sts::\d+:assumed-role\/[^/]+)\//.exec(arn);
  return match ? match[1]! : arn;
}

/** Parses one SQS message body; never throws. */
export function parseEventMessage(body: string | undefined): ParsedMessage {
  if (body === undefined || body.length === 0) return { kind: "malformed", reason: "empty message body" };
  if (body.length > MAX_BODY_BYTES) return { kind: "malformed", reason: `body of ${body.length} bytes exceeds the SQS limit of ${MAX_BODY_BYTES}` };
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return { kind: "malformed", reason: "body is not JSON" };
  }
  if (!isRecord(envelope)) return { kind: "malformed", reason: "body is not a JSON object" };
  const detailType = envelope["detail-type"];
  if (typeof detailType !== "string") return { kind: "malformed", reason: "no detail-type: not an EventBridge event" };
  if (detailType !== CLOUDTRAIL_DETAIL_TYPE) return { kind: "ignored", reason: `detail-type "${detailType.slice(0, 100)}" is not "${CLOUDTRAIL_DETAIL_TYPE}"` };
  const detail = envelope.detail;
  if (!isRecord(detail)) return { kind: "malformed", reason: "detail is not an object" };
  const { eventSource, eventName } = detail;
  if (typeof eventSource !== "string" || typeof eventName !== "string") return { kind: "malformed", reason: "detail.eventSource or detail.eventName is missing" };
  // A call AWS refused changed nothing.
  if (typeof detail.errorCode === "string") return { kind: "ignored", reason: `${eventName} failed with ${detail.errorCode.slice(0, 100)}` };
  const identifiers = new Set<string>();
  for (const list of [envelope.resources, detail.resources]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list.slice(0, MAX_IDENTIFIERS)) {
      if (typeof entry === "string") identifiers.add(entry);
      else if (isRecord(entry) && typeof entry.ARN === "string") identifiers.add(entry.ARN);
    }
  }
  collectStrings(detail.requestParameters, identifiers);
  collectStrings(detail.responseElements, identifiers);
  const eventTimeMs = timeOf(detail.eventTime) ?? timeOf(envelope.time);
  const identity = detail.userIdentity;
  const principalArn = isRecord(identity) && typeof identity.arn === "string" ? identity.arn : undefined;
  const region = typeof detail.awsRegion === "string" ? detail.awsRegion : typeof envelope.region === "string" ? envelope.region : undefined;
  return {
    kind: "change",
    event: {
      id: typeof envelope.id === "string" ? envelope.id : "",
      eventSource, eventName,
      ...(eventTimeMs !== undefined ? { eventTimeMs } : {}),
      ...(region ? { region } : {}),
      ...(principalArn ? { principal: principalOf(principalArn) } : {}),
      identifiers: [...identifiers].slice(0, MAX_IDENTIFIERS),
    },
  };
}
