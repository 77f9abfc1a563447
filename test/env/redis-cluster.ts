import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { redisAnswers } from "../../src/util/net.ts";
import { ServiceStartError, freePort, startProcess, waitUntilReady, type ManagedProcess } from "./process.ts";

export interface RedisClusterService {
  /** A seed node's URL, as the server's REDIS_URL gives it (any node of the cluster will do); rediss:// with TLS. */
  readonly url: string;
  readonly ports: readonly number[];
  /** With tls: the PEM of the CA that signed every node's certificate (for 127.0.0.1), and its file for NODE_EXTRA_CA_CERTS. */
  readonly ca?: { pem: string; file: string };
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  nodes?: number;
  /** Clients and the cluster bus speak TLS only (as ElastiCache with in-transit encryption); a throw-away CA signs the nodes. */
  tls?: boolean;
  /** requirepass and masterauth on every node (as an ElastiCache AUTH token). */
  password?: string;
}

const run = promisify(execFile);
const fix = "Install it with `apt-get install -y redis-server` (scripts/setup.sh does this; it ships redis-cli too).";

/**
 * Starts a throw-away Redis Cluster on loopback: `nodes` masters (three by default, the smallest cluster
 * redis-cli accepts), no replicas, persistence off, every file in a temp dir. The cluster bus gets a free
 * port of its own (`--cluster-port`) rather than the default port+10000, which may be taken or out of range.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisClusterService> {
  const count = options.nodes ?? 3;
  const dir = await mkdtemp(join(tmpdir(), "gamectl-redis-cluster-"));
  const cli = process.env.GAMECTL_REDIS_CLI ?? "redis-cli";
  const procs: ManagedProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(procs.map((proc) => proc.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const tls = options.tls ? await makeCertificates(dir) : undefined;
    // The flags redis-cli needs to reach a node: TLS with the CA, and the password.
    const cliAuth = [...(tls ? ["--tls", "--cacert", tls.caFile] : []), ...(options.password ? ["--no-auth-warning", "-a", options.password] : [])];
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const listen = tls
        ? ["--port", "0", "--tls-port", String(port), "--tls-cluster", "yes", "--tls-auth-clients", "no",
          "--tls-cert-file", tls.certFile, "--tls-key-file", tls.keyFile, "--tls-ca-cert-file", tls.caFile]
        : ["--port", String(port)];
      const auth = options.password ? ["--requirepass", options.password, "--masterauth", options.password] : [];
      const proc = startProcess(`redis-server (cluster node ${i + 1})`, process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
        "--bind", "127.0.0.1", ...listen, ...auth, "--protected-mode", "no", "--daemonize", "no",
        "--cluster-enabled", "yes", "--cluster-port", String(busPort), "--cluster-config-file", join(dir, `nodes-${port}.conf`),
        "--dir", dir, "--appendonly", "no", "--save", "",
      ], fix);
      procs.push(proc);
      ports.push(port);
    }
    // A plain PING answers on a plain port; with TLS or a password, redis-cli says whether the node is up.
    const answers = (port: number) => tls || options.password
      ? run(cli, ["-h", "127.0.0.1", "-p", String(port), ...cliAuth, "ping"]).then((r) => r.stdout.includes("PONG"), () => false)
      : redisAnswers(port);
    await Promise.all(procs.map((proc, i) => waitUntilReady(`redis-server (cluster node ${i + 1})`, proc, () => answers(ports[i]!), 10_000, fix)));
    try {
      await run(cli, [...cliAuth, "--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 30_000 });
    } catch (error) {
      throw new ServiceStartError("redis-cli --cluster create", `failed (${error instanceof Error ? error.message : String(error)})`, fix);
    }
    await waitForClusterOk(cli, cliAuth, ports);
    return {
      url: `${tls ? "rediss" : "redis"}://127.0.0.1:${ports[0]}`,
      ports,
      ...(tls ? { ca: { pem: await readFile(tls.caFile, "utf8"), file: tls.caFile } } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every node must see every slot covered: a node that has not yet heard of the others answers CLUSTERDOWN. */
async function waitForClusterOk(cli: string, cliAuth: string[], ports: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = "";
  while (Date.now() < deadline) {
    const states = await Promise.all(ports.map((port) => run(cli, ["-h", "127.0.0.1", "-p", String(port), ...cliAuth, "cluster", "info"]).then((r) => r.stdout, () => "")));
    if (states.every((info) => info.includes("cluster_state:ok"))) return;
    last = states.join("\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new ServiceStartError("redis cluster", `did not reach cluster_state:ok within 20s; last CLUSTER INFO:\n${last}`, fix);
}

/** A throw-away CA and one certificate for 127.0.0.1 that every node presents, made with openssl in the temp dir. */
async function makeCertificates(dir: string): Promise<{ caFile: string; certFile: string; keyFile: string }> {
  const file = (name: string) => join(dir, name);
  const openssl = async (args: string[]) => {
    try {
      await run("openssl", args, { timeout: 30_000 });
    } catch (error) {
      throw new ServiceStartError("openssl", `could not make the test cluster's certificates (${error instanceof Error ? error.message : String(error)})`, "Install it with `apt-get install -y openssl`.");
    }
  };
  await openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=gamectl test CA", "-keyout", file("ca.key"), "-out", file("ca.pem")]);
  await openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", file("node.key"), "-out", file("node.csr")]);
  await writeFile(file("node.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  await openssl(["x509", "-req", "-in", file("node.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "1", "-extfile", file("node.ext"), "-out", file("node.pem")]);
  return { caFile: file("ca.pem"), certFile: file("node.pem"), keyFile: file("node.key") };
}
