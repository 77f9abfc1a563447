import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import type { TestCertificates } from "./tls-redis.ts";

/**
 * The internet as a deployed task meets it, reduced to the one host the game server reaches outside the AWS SDK:
 * `cognito-idp.<region>.amazonaws.com`, where a user pool publishes its JWKS (the task definition's COGNITO_JWKS_URI).
 *
 * An HTTP CONNECT proxy (the task gets HTTPS_PROXY and NODE_USE_ENV_PROXY=1, so Node's own https requests go
 * through it). A tunnel to the Cognito host on 443 ends in a TLS server with a certificate for that name signed by
 * the test CA (the task trusts it through NODE_EXTRA_CA_CERTS), which answers each GET with the launcher's answer to
 * the same path: moto serves `/<pool id>/.well-known/jwks.json`. A tunnel to any other host is refused and recorded.
 * The task's COGNITO_* variables stay exactly as the controller registered them: the mapping is the network's.
 */
export interface CognitoFront {
  /** The proxy's URL, for HTTPS_PROXY. */
  readonly proxyUrl: string;
  /** Paths fetched from the Cognito host, in order. */
  readonly fetched: string[];
  /** host:port of every tunnel refused (the task tried to reach something else on the internet). */
  readonly refused: string[];
  close(): Promise<void>;
}

export async function startCognitoFront(options: { certs: TestCertificates; region: string; launcher: string }): Promise<CognitoFront> {
  const host = cognitoHost(options.region);
  const fetched: string[] = [];
  const refused: string[] = [];
  const tls = createHttpsServer({ cert: readFileSync(options.certs.certFile), key: readFileSync(options.certs.keyFile) }, (req, res) => {
    void (async () => {
      fetched.push(req.url ?? "/");
      try {
        if (req.method !== "GET") throw new Error(`${req.method} is not served: a JWKS is read with GET`);
        const answer = await fetch(new URL(req.url ?? "/", options.launcher), { signal: AbortSignal.timeout(5_000) });
        res.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/octet-stream" });
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end(`the Cognito front could not reach the launcher: ${String(error)}`);
      }
    })();
  });
  const proxy = createHttpServer((_req, res) => {
    res.writeHead(405).end("only CONNECT");
  });
  const tunnels = new Set<Socket>();
  proxy.on("connect", (req: IncomingMessage, socket: Socket) => {
    tunnels.add(socket);
    socket.on("close", () => tunnels.delete(socket));
    socket.on("error", () => undefined);
    if (req.url !== `${host}:443`) {
      refused.push(req.url ?? "");
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    tls.emit("connection", socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    fetched,
    refused,
    close: async () => {
      for (const socket of tunnels) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      tls.close();
    },
  };
}

/** The host AWS serves a region's user pools' JWKS and issuer from (src/kinds/cognito/pools.ts issuerOf). */
export function cognitoHost(region: string): string {
  return `cognito-idp.${region}.amazonaws.com`;
}
