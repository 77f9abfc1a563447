import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { request } from "node:https";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ServiceStartError, startProcess, waitUntilReady, type ManagedProcess } from "./process.ts";

export interface KubeService {
  /** Path of a kubeconfig usable by both kubectl and @kubernetes/client-node. */
  readonly kubeconfig: string;
  readonly server: string;
  stop(): Promise<void>;
}

const buildFix = "Run `bash scripts/setup.sh kube` to build kube-apiserver and etcd from the Go module proxy (cached under ~/.cache/gamectl).";

function kubeBinDir(): string {
  if (process.env.GAMECTL_KUBE_BIN) return process.env.GAMECTL_KUBE_BIN;
  const version = process.env.GAMECTL_KUBE_VERSION ?? "1.37.2";
  const cache = process.env.GAMECTL_CACHE ?? join(homedir(), ".cache", "gamectl");
  return join(cache, "kube", `v${version}`);
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (error) {
    throw new ServiceStartError("kube-apiserver certificates", `openssl ${args[0]} failed (${(error as Error).message})`, "Install openssl (apt-get install -y openssl).");
  }
}

/** The certificates envtest's control plane uses: a CA, a serving cert, an admin client cert and service-account keys. */
function makeCertificates(dir: string): void {
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=gamectl-test-ca"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "serving.key", "-out", "serving.csr", "-subj", "/CN=kube-apiserver"], dir);
  writeFileSync(join(dir, "serving.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  openssl(["x509", "-req", "-in", "serving.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "serving.crt", "-days", "2", "-extfile", "serving.ext"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "admin.key", "-out", "admin.csr", "-subj", "/O=system:masters/CN=gamectl-admin"], dir);
  writeFileSync(join(dir, "admin.ext"), "extendedKeyUsage=clientAuth\n");
  openssl(["x509", "-req", "-in", "admin.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "admin.crt", "-days", "2", "-extfile", "admin.ext"], dir);
  openssl(["genrsa", "-out", "sa.key", "2048"], dir);
  openssl(["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
}

function writeKubeconfig(dir: string, server: string): string {
  const b64 = (file: string) => readFileSync(join(dir, file)).toString("base64");
  const path = join(dir, "kubeconfig");
  writeFileSync(path, [
    "apiVersion: v1", "kind: Config", "clusters:", "- name: gamectl-test", "  cluster:", `    server: ${server}`, `    certificate-authority-data: ${b64("ca.crt")}`,
    "users:", "- name: admin", "  user:", `    client-certificate-data: ${b64("admin.crt")}`, `    client-key-data: ${b64("admin.key")}`,
    "contexts:", "- name: gamectl-test", "  context: {cluster: gamectl-test, user: admin, namespace: default}", "current-context: gamectl-test", "",
  ].join("\n"));
  return path;
}

function httpsReady(server: string, dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, {
      ca: readFileSync(join(dir, "ca.crt")), cert: readFileSync(join(dir, "admin.crt")), key: readFileSync(join(dir, "admin.key")), timeout: 2000,
    }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

/** Starts etcd and kube-apiserver on loopback, the way controller-runtime's envtest does. */
export async function startKube(): Promise<KubeService> {
  const bin = kubeBinDir();
  for (const binary of ["etcd", "kube-apiserver"]) {
    if (!existsSync(join(bin, binary))) throw new ServiceStartError(binary, `binary not found in the tool cache`, buildFix);
  }
  const dir = mkdtempSync(join(tmpdir(), "gamectl-kube-"));
  mkdirSync(join(dir, "etcd"));
  mkdirSync(join(dir, "certs"));
  makeCertificates(dir);
  const started: ManagedProcess[] = [];
  const stop = async () => {
    for (const proc of started.reverse()) await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = startProcess("etcd", join(bin, "etcd"), [
      "--data-dir", join(dir, "etcd"), "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
      "--listen-peer-urls", `http://127.0.0.1:${peerPort}`, "--initial-advertise-peer-urls", `http://127.0.0.1:${peerPort}`,
      "--initial-cluster", `default=http://127.0.0.1:${peerPort}`, "--unsafe-no-fsync", "--log-level", "error",
    ], buildFix);
    started.push(etcd);
    await waitUntilReady("etcd", etcd, async () => (await fetch(`${etcdUrl}/health`)).ok, 20_000, buildFix);
    const server = `https://127.0.0.1:${apiPort}`;
    const api = startProcess("kube-apiserver", join(bin, "kube-apiserver"), [
      `--etcd-servers=${etcdUrl}`, `--cert-dir=${join(dir, "certs")}`, `--secure-port=${apiPort}`,
      "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--authorization-mode=RBAC", "--service-cluster-ip-range=10.0.0.0/24",
      `--service-account-issuer=${server}`, `--service-account-key-file=${join(dir, "sa.pub")}`, `--service-account-signing-key-file=${join(dir, "sa.key")}`,
      `--client-ca-file=${join(dir, "ca.crt")}`, `--tls-cert-file=${join(dir, "serving.crt")}`, `--tls-private-key-file=${join(dir, "serving.key")}`,
      "--disable-admission-plugins=ServiceAccount", "--endpoint-reconciler-type=none", "--v=0",
    ], buildFix);
    started.push(api);
    await waitUntilReady("kube-apiserver", api, () => httpsReady(server, dir), 90_000, buildFix);
    return { kubeconfig: writeKubeconfig(dir, server), server, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
