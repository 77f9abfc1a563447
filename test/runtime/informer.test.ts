import { createServer, type Server } from "node:http";
import { KubeConfig } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/runtime/kube/client.ts";
import { Informer } from "../../src/runtime/kube/informer.ts";
import { createLogger } from "../../src/util/log.ts";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually, gamectl } from "./support.ts";

/**
 * A scripted API server: the real kube-apiserver in the suite cannot be made to expire a watch on
 * demand, so the 410 Gone and error paths are driven here over real HTTP.
 */
function scriptedServer(handler: (path: string, send: (status: number, body: string, keepOpen?: boolean) => void) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler(req.url ?? "", (status, body, keepOpen) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.write(body);
      if (!keepOpen) res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
  }));
}

function clientFor(url: string): KubeClient {
  const config = new KubeConfig();
  config.loadFromOptions({ clusters: [{ name: "c", server: url, skipTLSVerify: true }], users: [{ name: "u" }], contexts: [{ name: "x", cluster: "c", user: "u" }], currentContext: "x" });
  return new KubeClient(config);
}

const object = (name: string, rv: string) => ({ apiVersion: "gamectl.dev/v1alpha1", kind: "GameEnvironment", metadata: { name, namespace: "games", resourceVersion: rv } });
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe("Informer", () => {
  it("relists after 410 Gone and drops objects deleted meanwhile", async () => {
    let lists = 0;
    const watches: string[] = [];
    const { server, url } = await scriptedServer((path, send) => {
      if (!path.includes("watch=1")) {
        lists++;
        const items = lists === 1 ? [object("a", "5"), object("b", "6")] : [object("a", "20")];
        send(200, JSON.stringify({ metadata: { resourceVersion: lists === 1 ? "6" : "20" }, items }));
        return;
      }
      watches.push(new URLSearchParams(path.split("?")[1]).get("resourceVersion") ?? "");
      if (watches.length === 1) send(200, JSON.stringify({ type: "ERROR", object: { kind: "Status", code: 410, message: "too old resource version" } }) + "\n");
      else send(200, "", true);
    });
    servers.push(server);
    const changed: string[] = [];
    const informer = new Informer(clientFor(url), "/apis/gamectl.dev/v1alpha1/gameenvironments", createLogger("silent"), (key) => changed.push(key));
    informer.start();
    await informer.hasSynced;
    await eventually(async () => lists, (n) => n >= 2, 5_000, "a relist");
    await eventually(async () => [...informer.cache.keys()], (keys) => keys.length === 1, 5_000, "b dropped");
    expect(watches.slice(0, 2)).toEqual(["6", "20"]);
    expect(changed).toContain("games/b");
    await informer.stop();
  });

  it("backs off on server errors and recovers", async () => {
    let calls = 0;
    const times: number[] = [];
    const { server, url } = await scriptedServer((path, send) => {
      calls++;
      times.push(Date.now());
      if (calls <= 3) send(500, JSON.stringify({ kind: "Status", reason: "InternalError", message: "etcd unavailable" }));
      else if (!path.includes("watch=1")) send(200, JSON.stringify({ metadata: { resourceVersion: "1" }, items: [object("a", "1")] }));
      else send(200, "", true);
    });
    servers.push(server);
    const informer = new Informer(clientFor(url), "/apis/gamectl.dev/v1alpha1/gameenvironments", createLogger("silent"), () => undefined);
    informer.start();
    await informer.hasSynced;
    expect(informer.cache.has("games/a")).toBe(true);
    const gaps = times.slice(1, 4).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(700);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    await informer.stop();
  });

  it("gamectl controller exits with a clear error when the CRD is not installed", async () => {
    const { server, url } = await scriptedServer((_path, send) => send(404, JSON.stringify({ kind: "Status", reason: "NotFound", message: "the server could not find the requested resource" })));
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), "gamectl-nocrd-"));
    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`);
    try {
      const result = await gamectl(["controller", "--kubeconfig", kubeconfig, "--metrics-addr", "127.0.0.1:0"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Is the CRD installed (kubectl apply -f manifests/crds/)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
