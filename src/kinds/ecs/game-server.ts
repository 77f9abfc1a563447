import type { LoadedEnvironment } from "../../spec/load.ts";
import type { GameServerSpec } from "../../spec/types.generated.ts";

/** Logical names of the deployed game server's ECS resources, shared by their builders and the kinds that reference them. */
export const taskDefinitionName = "ecs/task-definition";
export const gameServiceName = "ecs/game-server";

/** What a deploy-mode spec leaves out, as the schema's descriptions document it. */
export const deployDefaults = { cpu: 256, memory: 512, desiredCount: 2, logRetentionDays: 30, containerName: "game" } as const;

/** Deploy mode: gamectl runs the server itself (gameServer.image); attach-only mode is gameServer.ecs. */
export function deploysGameServer(env: LoadedEnvironment): boolean {
  return typeof env.manifest.spec.gameServer?.image === "string";
}

/** Deploy mode's settings, with the defaults the schema does not hold (they apply to deploy mode only). */
export function gameServerSettings(spec: GameServerSpec) {
  return {
    cpu: spec.cpu ?? deployDefaults.cpu,
    memory: spec.memory ?? deployDefaults.memory,
    desiredCount: spec.desiredCount ?? deployDefaults.desiredCount,
    logRetentionDays: spec.logRetentionDays ?? deployDefaults.logRetentionDays,
    containerName: spec.containerName ?? deployDefaults.containerName,
  };
}
