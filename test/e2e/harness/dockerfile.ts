import { readFileSync } from "node:fs";
import { parseDockerfile } from "../image.ts";

/** What a Dockerfile target gives a container that the task definition does not override. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workdir: string | undefined;
  user: string | undefined;
}

/**
 * The image config of one target, from the same Dockerfile parser as the container parity test
 * (stages inherit ENV, WORKDIR, USER, ENTRYPOINT and CMD from their base as Docker resolves them).
 */
export function imageConfig(dockerfile: string, target: string): ImageConfig {
  const stage = parseDockerfile(readFileSync(dockerfile, "utf8")).stage(target);
  const entrypoint = [...(stage.entrypoint ?? [])];
  const cmd = [...(stage.cmd ?? [])];
  if (entrypoint.length === 0 && cmd.length === 0) throw new Error(`${dockerfile} target ${target} has neither ENTRYPOINT nor CMD`);
  return { entrypoint, cmd, env: { ...stage.env }, workdir: stage.workdir, user: stage.user };
}
