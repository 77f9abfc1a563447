import type { ReconcileEvent } from "../reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { EnvironmentOutputs, GameEnvironmentStatus } from "../spec/types.generated.ts";

export const ANNOTATION_PAUSED = "gamectl.dev/paused";
export const ANNOTATION_REFRESH = "gamectl.dev/refresh";
export const ANNOTATION_MANAGEMENT_POLICY = "gamectl.dev/management-policy";

/** One environment as a source of desired state sees it right now. */
export interface DesiredEnvironment {
  /** "namespace/name". */
  readonly key: string;
  /** The validated environment; absent when the manifest or object is invalid. */
  readonly env?: LoadedEnvironment;
  /** Why the manifest is invalid: every error, naming the field and the fix. */
  readonly invalid?: string;
  /** metadata.generation in Kubernetes; a counter of spec changes in folder mode. */
  readonly generation: number;
  readonly annotations: Readonly<Record<string, string>>;
  /** Deletion was requested (deletionTimestamp, or the manifest left the folder). */
  readonly deleting: boolean;
  /** A deletion the source holds back (folder mass-delete brake): report it, delete nothing. */
  readonly deletionRefused?: string;
  /** A deletion the source is not ready to act on yet (it waits for the rest of a burst): look again after this long, do nothing now. */
  readonly deletionDeferredMs?: number;
  readonly status?: GameEnvironmentStatus;
  readonly createdAt?: string;
}

/** An event for one environment, from the reconciler or the controller itself. */
export interface EnvironmentEvent extends Omit<ReconcileEvent, "reason"> {
  readonly reason: ReconcileEvent["reason"] | "Refused" | "Invalid" | "DeletionRefused" | "OutputsConflict" | "Paused" | "Ready";
}

/**
 * Where desired state comes from and where status goes: the Kubernetes API, or a folder and its state
 * directory. The controller and the reconciler never know which one they talk to.
 */
export interface EnvironmentAdapter {
  /** Calls `changed` for every key whose desired state may have changed; resolves once the first full listing is in. */
  start(changed: (key: string) => void): Promise<void>;
  stop(): Promise<void>;
  /** Every key the source knows, including those being deleted. */
  keys(): string[];
  get(key: string): DesiredEnvironment | undefined;
  /** Runs before the first write to AWS for the key, e.g. adding the finalizer. */
  prepare(key: string): Promise<void>;
  writeStatus(key: string, status: GameEnvironmentStatus): Promise<void>;
  writeOutputs(key: string, outputs: EnvironmentOutputs): Promise<void>;
  recordEvents(key: string, events: readonly EnvironmentEvent[]): Promise<void>;
  /** The deletion is complete: release the object (remove the finalizer) or forget the state. */
  deletionFinished(key: string): Promise<void>;
}
