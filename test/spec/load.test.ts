import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadManifests, loadManifestText, MAX_MANIFEST_BYTES, validateObject } from "../../src/spec/load.ts";
import { physicalNames } from "../../src/spec/names.ts";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(import.meta.dirname, "..", "fixtures");
const scratch = mkdtempSync(join(tmpdir(), "gamectl-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const minimal = `apiVersion: gamectl.dev/v1alpha1
kind: GameEnvironment
metadata: {name: tiny}
spec:
  region: us-east-1
  network: {vpcId: vpc-0a1b2c3d4e5f60718, privateSubnetIds: [subnet-0a1b2c3d4e5f60001]}
`;

describe("the examples", () => {
  it("validate, with every default applied", async () => {
    const result = await loadManifests([join(root, "manifests", "examples")]);
    expect(result.errors).toEqual([]);
    const byKey = new Map(result.environments.map((environment) => [environment.key, environment]));
    expect([...byKey.keys()].sort()).toEqual(["default/arena-dev", "games/arena-prod"]);
    const prod = byKey.get("games/arena-prod")!.manifest.spec;
    expect(prod.redis?.port).toBe(6379);
    expect(prod.redis?.allowReplacement).toBe(false);
    expect(prod.redis?.finalSnapshot).toBe(true);
    expect(prod.adopt).toBe(false);
    expect(prod.dynamodb?.sse).toEqual({ type: "AWS_OWNED" });
    expect(prod.dynamodb?.tables.map((table) => [table.name, table.pointInTimeRecovery, table.deletionProtection])).toEqual([
      ["users", true, true], ["game-history", true, false], ["game-state", true, false],
    ]);
    expect(prod.loadBalancer?.listeners[1]?.sslPolicy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(prod.loadBalancer?.deletionProtection).toBe(true);
    expect(prod.loadBalancer?.healthCheck.timeoutSeconds).toBe(5);
    expect(prod.iam.taskRole.create).toBe(true);
    expect(prod.alarms?.sessionCreationLatencyMs).toBe(1000);
    const dev = byKey.get("default/arena-dev")!;
    expect(dev.manifest.spec.loadBalancer?.deletionProtection).toBe(false);
    // The tables the game server needs, since npm start runs it on this environment.
    expect(dev.manifest.spec.dynamodb?.tables.map((t) => t.name)).toEqual(["users", "game-history", "game-state"]);
    expect(dev.manifest.spec.redis?.multiAZ).toBe(false);
    expect(dev.manifest.spec.loadBalancer?.listeners.every((listener) => listener.protocol === "HTTP")).toBe(true);
  });

  it("carry the schema modeline", () => {
    for (const name of ["dev.yaml", "prod.yaml"]) {
      const text = readFileSync(join(root, "manifests", "examples", name), "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../schemas/gameenvironment.schema.json");
    }
  });
});

describe("defaults", () => {
  it("fill optional fields of present sections but never create absent sections", () => {
    const { environments, errors } = loadManifestText(minimal, "tiny.yaml");
    expect(errors).toEqual([]);
    const environment = environments[0]!;
    expect(environment.key).toBe("default/tiny");
    expect(environment.line).toBe(1);
    const spec = environment.manifest.spec;
    expect(environment.manifest.metadata.namespace).toBe("default");
    expect(spec.deletionPolicy).toBe("Retain");
    expect(spec.gameServer).toEqual({ port: 2567, healthCheckPath: "/health", allowedCidrs: [], internetEgress: false });
    expect(spec.iam).toEqual({ taskRole: { create: true } });
    expect(spec.redis).toBeUndefined();
    expect(spec.loadBalancer).toBeUndefined();
    expect(spec.dynamodb).toBeUndefined();
    expect(spec.alarms).toBeUndefined();
  });

  it("resolve inherited throughput and keep explicit overrides", () => {
    const text = `${minimal}  dynamodb:
    billingMode: PROVISIONED
    provisionedThroughput: {readCapacityUnits: 5, writeCapacityUnits: 5}
    pointInTimeRecovery: false
    tables:
      - name: a
        partitionKey: {name: id, type: S}
        pointInTimeRecovery: true
        provisionedThroughput: {readCapacityUnits: 10, writeCapacityUnits: 2}
        globalSecondaryIndexes:
          - {name: by-x, partitionKey: {name: x, type: S}}
      - name: b
        partitionKey: {name: id, type: S}
  redis: {parameters: {timeout: "300"}}
  iam: {taskRole: {existingRoleName: arena-task}}
`;
    const { environments, errors } = loadManifestText(text, "p.yaml");
    expect(errors).toEqual([]);
    const spec = environments[0]!.manifest.spec;
    const [a, b] = spec.dynamodb!.tables;
    expect(a!.pointInTimeRecovery).toBe(true);
    expect(b!.pointInTimeRecovery).toBe(false);
    expect(a!.provisionedThroughput).toEqual({ readCapacityUnits: 10, writeCapacityUnits: 2 });
    expect(a!.globalSecondaryIndexes[0]!.provisionedThroughput).toEqual({ readCapacityUnits: 10, writeCapacityUnits: 2 });
    expect(b!.provisionedThroughput).toEqual({ readCapacityUnits: 5, writeCapacityUnits: 5 });
    expect(spec.redis!.parameters).toEqual({ "maxmemory-policy": "volatile-lru", timeout: "300" });
    expect(spec.iam.taskRole).toEqual({ create: false, existingRoleName: "arena-task" });
    expect(environments[0]!.names.taskRoleName).toBe("arena-task");
  });
});

describe("files and folders", () => {
  it("reads folders recursively, skips dot-directories and other files, and keeps valid environments next to invalid ones", async () => {
    const folder = join(scratch, "folder");
    cpSync(join(fixtures, "folder"), folder, { recursive: true });
    mkdirSync(join(folder, ".gamectl"));
    writeFileSync(join(folder, ".gamectl", "status.yaml"), "not: a manifest\n");
    const result = await loadManifests([folder]);
    expect(result.environments.map((environment) => environment.key).sort()).toEqual(["default/one", "default/two", "other/three"]);
    expect(result.environments.find((environment) => environment.key === "default/two")?.line).toBe(8);
    expect(result.errors.map((error) => `${error.file.slice(folder.length + 1)}:${error.line}:${error.col}: ${error.path}`)).toEqual([
      "broken.yaml:8:21: spec.redis.nodeType",
    ]);
    expect(result.invalidKeys).toEqual(["default/broken"]);
  });

  it("rejects the same namespace/name in two files, keeping the first", async () => {
    const result = await loadManifests([join(fixtures, "duplicate")]);
    expect(result.environments).toHaveLength(1);
    expect(result.environments[0]!.file.endsWith("a.yaml")).toBe(true);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error!.file.endsWith("b.yaml")).toBe(true);
    expect(error!.path).toBe("metadata.name");
    expect(error!.message).toBe("GameEnvironment games/twice is defined twice");
    expect(error!.hint).toMatch(/first defined at .*a\.yaml:1/);
  });

  it("rejects the same namespace/name twice in one file", () => {
    const result = loadManifestText(`${minimal}---\n${minimal}`, "twice.yaml");
    expect(result.environments).toHaveLength(1);
    expect(result.errors.map((error) => `${error.line}:${error.col} ${error.path}`)).toEqual(["10:18 metadata.name"]);
  });

  it("rejects a file over 1 MiB without parsing it", async () => {
    const file = join(scratch, "huge.yaml");
    writeFileSync(file, `${minimal}# ${"x".repeat(MAX_MANIFEST_BYTES)}\n`);
    const result = await loadManifests([file]);
    expect(result.environments).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ line: 1, col: 1, path: "(file)", message: expect.stringMatching(/limited to 1 MiB/) })]);
  });

  it("reports a missing path and goes on with the others", async () => {
    const result = await loadManifests([join(scratch, "nope.yaml"), join(root, "manifests", "examples", "dev.yaml")]);
    expect(result.environments.map((environment) => environment.key)).toEqual(["default/arena-dev"]);
    expect(result.errors).toEqual([expect.objectContaining({ path: "(file)", message: "cannot read: no such file or directory" })]);
  });

  it("names the environment of a document with YAML errors as invalid, so it is not taken for deleted", () => {
    const result = loadManifestText(`${minimal}  region: us-west-2\n`, "dup.yaml");
    expect(result.environments).toEqual([]);
    expect(result.invalidKeys).toEqual(["default/tiny"]);
  });

  it("skips documents of other APIs next to GameEnvironments", () => {
    const kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n";
    const result = loadManifestText(`${kustomization}---\n${minimal}`, "mixed.yaml");
    expect(result.errors).toEqual([]);
    expect(result.environments.map((environment) => environment.key)).toEqual(["default/tiny"]);
    expect(result.skipped).toEqual([{ file: "mixed.yaml", line: 1, apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization" }]);
  });

  it("accepts a UTF-8 byte-order mark and empty documents", () => {
    const result = loadManifestText(`\uFEFF---\n---\n${minimal}---\n`, "bom.yaml");
    expect(result.errors).toEqual([]);
    expect(result.environments).toHaveLength(1);
  });
});

describe("large folders", () => {
  it("load every valid environment and report every invalid file", async () => {
    const folder = join(scratch, "many");
    mkdirSync(folder);
    const prod = readFileSync(join(root, "manifests", "examples", "prod.yaml"), "utf8");
    // Where the example puts Redis's node type, so the expectation follows edits to the example.
    const nodeTypeLine = prod.split("\n").findIndex((line) => line.includes("nodeType: cache.t4g.small")) + 1;
    for (let i = 0; i < 240; i++) {
      const text = prod.replace("name: arena-prod", `name: arena-${i}`).replace(i % 40 === 0 ? "nodeType: cache.t4g.small" : "\u0000", "nodeType: cache.t4g.huge");
      writeFileSync(join(folder, `env-${String(i).padStart(3, "0")}.yaml`), text);
    }
    const result = await loadManifests([folder]);
    expect(result.environments).toHaveLength(234);
    expect(result.environments.map((environment) => environment.file)).toEqual([...result.environments.map((environment) => environment.file)].sort());
    expect(result.environments[0]!.names.tableName("users")).toBe(physicalNames("games", "arena-1", result.environments[0]!.manifest.spec).tableName("users"));
    expect(result.errors.map((error) => `${basename(error.file)}:${error.line}:${error.col}: ${error.path}`)).toEqual(
      [0, 40, 80, 120, 160, 200].map((i) => `env-${String(i).padStart(3, "0")}.yaml:${nodeTypeLine}:15: spec.redis.nodeType`),
    );
    expect(result.invalidKeys).toEqual([0, 40, 80, 120, 160, 200].map((i) => `games/arena-${i}`));
  });
});

describe("YAML 1.1 pitfalls", () => {
  it("warn about unquoted values kubectl would read as booleans, and still load the manifest", () => {
    const text = `${minimal}  dynamodb:\n    tables:\n      - {name: t, partitionKey: {name: id, type: S}, sortKey: {name: at, type: N}}\n  tags: {legacy: "no", flag: on}\n`;
    const result = loadManifestText(text, "y.yaml");
    expect(result.errors).toEqual([]);
    expect(result.environments[0]!.manifest.spec.dynamodb!.tables[0]!.sortKey!.type).toBe("N");
    expect(result.warnings.map((warning) => `${warning.line}:${warning.col} ${warning.path} ${warning.hint}`)).toEqual([
      '9:80 spec.dynamodb.tables[0].sortKey.type quote it: "N"',
      "10:30 spec.tags.flag quote it: \"on\"",
    ]);
  });

  it("the examples have none", async () => {
    const result = await loadManifests([join(root, "manifests", "examples")]);
    expect(result.warnings).toEqual([]);
  });
});

describe("validateObject (objects from the Kubernetes API)", () => {
  const fromApi = {
    apiVersion: "gamectl.dev/v1alpha1",
    kind: "GameEnvironment",
    metadata: { name: "k", namespace: "games", uid: "1", generation: 3, resourceVersion: "9", finalizers: ["gamectl.dev/finalizer"], managedFields: [{}], annotations: { "gamectl.dev/paused": "true" } },
    spec: { region: "us-east-1", network: { vpcId: "vpc-0a1b2c3d4e5f60718", privateSubnetIds: ["subnet-0a1b2c3d4e5f60001"] } },
    status: { phase: "Ready", anything: "the controller wrote" },
  };

  it("ignores server-managed metadata and status, and does not touch the input", () => {
    const before = structuredClone(fromApi);
    const result = validateObject(fromApi, "games/k");
    expect(result.errors).toEqual([]);
    expect(result.environments[0]!.key).toBe("games/k");
    expect(result.environments[0]!.manifest.metadata.annotations).toEqual({ "gamectl.dev/paused": "true" });
    expect(result.environments[0]!.manifest.spec.deletionPolicy).toBe("Retain");
    expect(fromApi).toEqual(before);
  });

  it("gives field paths with line and column 0", () => {
    const bad = structuredClone(fromApi);
    (bad.spec as Record<string, unknown>).redis = { nodeType: "cache.t3.huge", multiAZ: true, replicasPerShard: 0 };
    const result = validateObject(bad, "kube:games/k");
    expect(result.environments).toEqual([]);
    expect(result.invalidKeys).toEqual(["games/k"]);
    expect(result.errors.map((error) => [error.file, error.line, error.col, error.path])).toEqual([
      ["kube:games/k", 0, 0, "spec.network.privateSubnetIds"],
      ["kube:games/k", 0, 0, "spec.redis.nodeType"],
      ["kube:games/k", 0, 0, "spec.redis.replicasPerShard"],
    ]);
  });

  it("rejects a non-object without crashing", () => {
    expect(validateObject("nope", "x").errors[0]).toMatchObject({ path: "(document)" });
    expect(validateObject(null, "x").errors[0]).toMatchObject({ path: "(document)" });
  });
});

describe("a file of many broken documents", () => {
  it("reports the first errors of the file and counts the rest, still validating every document", () => {
    const broken = (i: number) => `---\n${minimal.replace("name: tiny", `name: broken-${i}`).replace("region: us-east-1", `region: us-east-1\n${Array.from({ length: 20 }, (_, k) => `  unknown${k}: 1`).join("\n")}`)}`;
    const text = `${Array.from({ length: 100 }, (_, i) => broken(i)).join("")}---\n${minimal.replace("name: tiny", "name: fine")}`;
    const result = loadManifestText(text, "many.yaml");
    // 100 documents x 20 errors: the first 300 are located, the other 1,700 counted in one line.
    expect(result.errors).toHaveLength(301);
    expect(result.errors.at(-1)).toMatchObject({ file: "many.yaml", line: 1, message: "and 1700 more errors in later documents of this file" });
    // Every broken environment is still named (held back, not taken for deleted), and the good one loads.
    expect(result.invalidKeys).toHaveLength(100);
    expect(result.environments.map((environment) => environment.key)).toEqual(["default/fine"]);
  });
});
