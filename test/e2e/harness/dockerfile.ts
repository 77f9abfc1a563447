import { readFileSync } from "node:fs";

/** What a Dockerfile target gives a container that the task definition does not override. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workdir: string | undefined;
  user: string | undefined;
}

interface Stage { name: string; from: string; instructions: Array<[string, string]> }

function stages(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const result: Stage[] = [];
  for (const line of lines) {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [, from = "", name = ""] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest) ?? [];
      result.push({ name: name || from, from, instructions: [] });
    } else {
      result.at(-1)?.instructions.push([keyword.toUpperCase(), rest]);
    }
  }
  return result;
}

function execForm(value: string, where: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) return parsed;
  } catch {
    // shell form below
  }
  // Shell form runs under /bin/sh -c, as Docker does.
  if (value) return ["/bin/sh", "-c", value];
  throw new Error(`${where} is empty`);
}

function envPairs(value: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const match of value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    pairs.push([match[1]!, match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]!]);
  }
  return pairs;
}

/**
 * The image config of one target: ENTRYPOINT, CMD, ENV, WORKDIR and USER, followed through `FROM <stage>`
 * as Docker resolves them (a later ENTRYPOINT resets an inherited CMD).
 */
export function imageConfig(dockerfile: string, target: string): ImageConfig {
  const all = stages(readFileSync(dockerfile, "utf8"));
  const chain: Stage[] = [];
  for (let name: string | undefined = target; name;) {
    const stage = all.find((s) => s.name === name);
    if (!stage) {
      if (chain.length === 0) throw new Error(`${dockerfile} has no stage named ${target}; stages: ${all.map((s) => s.name).join(", ")}`);
      break;
    }
    chain.unshift(stage);
    name = stage.from;
  }
  const config: ImageConfig = { entrypoint: [], cmd: [], env: {}, workdir: undefined, user: undefined };
  for (const stage of chain) {
    for (const [keyword, value] of stage.instructions) {
      const where = `${dockerfile} stage ${stage.name} ${keyword}`;
      if (keyword === "ENTRYPOINT") {
        config.entrypoint = execForm(value, where);
        config.cmd = [];
      } else if (keyword === "CMD") config.cmd = execForm(value, where);
      else if (keyword === "ENV") for (const [k, v] of envPairs(value)) config.env[k] = v;
      else if (keyword === "WORKDIR") config.workdir = value;
      else if (keyword === "USER") config.user = value;
    }
  }
  if (config.entrypoint.length === 0 && config.cmd.length === 0) throw new Error(`${dockerfile} target ${target} has neither ENTRYPOINT nor CMD`);
  return config;
}
