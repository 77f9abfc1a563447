import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort, ServiceStartError, startProcess, waitUntilReady } from "../../env/process.ts";

/** A CA and a server certificate for 127.0.0.1, made with openssl at test time (nothing is committed). */
export interface TestCertificates {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (error) {
    throw new ServiceStartError("test certificates", `openssl ${args[0]} failed (${(error as Error).message})`, "Install openssl (apt-get install -y openssl).");
  }
}

/** dnsNames: more names the server certificate is valid for (a stand-in for an AWS host, e.g. cognito-front.ts). */
export function makeCertificates(options: { dnsNames?: string[] } = {}): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "gamectl-tls-"));
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=gamectl-e2e-ca"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], dir);
  // The IP SAN is what Node checks: clients connect to 127.0.0.1, the address the launcher maps endpoints to.
  const names = ["IP:127.0.0.1", "DNS:localhost", ...(options.dnsNames ?? []).map((name) => `DNS:${name}`)];
  writeFileSync(join(dir, "server.ext"), `subjectAltName=${names.join(",")}\nextendedKeyUsage=serverAuth\n`);
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext"], dir);
  return {
    dir, caFile: join(dir, "ca.crt"), certFile: join(dir, "server.crt"), keyFile: join(dir, "server.key"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsRedis {
  readonly port: number;
  /** An admin connection (TLS, as the `default` user with the current password). */
  admin(): Redis;
  /** Sets the AUTH token of the default user (authentication: token), as ElastiCache does with the replication group's token. */
  requirePassword(password: string): Promise<void>;
  /** Adds an ACL user with full access (authentication: iam maps the ElastiCache user to it). */
  addUser(name: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

const fix = "Install Debian's redis-server, built with TLS (apt-get install -y redis-server).";

/** A redis-server that only speaks TLS (`--port 0 --tls-port N`), like ElastiCache with in-transit encryption. */
export async function startTlsRedis(certs: TestCertificates): Promise<TlsRedis> {
  const port = await freePort();
  const proc = startProcess("redis-server (TLS)", process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
    "--bind", "127.0.0.1", "--port", "0", "--tls-port", String(port), "--tls-cert-file", certs.certFile, "--tls-key-file", certs.keyFile,
    "--tls-ca-cert-file", certs.caFile, "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no",
  ], fix);
  const ca = readFileSync(certs.caFile);
  let password: string | undefined;
  const connect = () => new Redis({ host: "127.0.0.1", port, tls: { ca }, password, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  const ping = async () => {
    const client = connect();
    // Refused connections while redis-server starts are expected: the probe's result says so.
    client.on("error", () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === "PONG";
    } finally {
      client.disconnect();
    }
  };
  await waitUntilReady("redis-server (TLS)", proc, ping, 10_000, fix);
  const run = async (...args: [string, ...string[]]) => {
    const client = connect();
    try {
      await client.connect();
      await client.call(...args);
    } finally {
      client.disconnect();
    }
  };
  return {
    port,
    admin: connect,
    requirePassword: async (value) => {
      await run("CONFIG", "SET", "requirepass", value);
      password = value;
    },
    addUser: async (name, value) => run("ACL", "SETUSER", name, "on", `>${value}`, "~*", "&*", "+@all"),
    stop: () => proc.stop(),
  };
}
