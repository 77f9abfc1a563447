import { readFileSync } from "node:fs";
import { connect as tlsConnect, createServer, type TLSSocket } from "node:tls";
import { firstCommand, verifyToken as verifySignedToken } from "../../../server/test/iam-proxy.ts";
import type { TestCertificates } from "./tls-redis.ts";

/**
 * What ElastiCache does with `authentication: iam`, which redis-server cannot: the client's first command
 * must be `AUTH <user> <token>`, where the token is a SigV4-presigned `GET http://<replication group id>/
 * ?Action=connect&User=<user>` for service `elasticache`, not expired. The proxy re-signs the request with
 * the secret of the token's access key (from the launcher, which minted it) and compares signatures.
 * On success it authenticates to the real redis-server as that ACL user and pipes the connection;
 * otherwise it answers WRONGPASS and closes, as ElastiCache does.
 */
export interface IamAuthProxy {
  readonly port: number;
  /** Tokens accepted and refused, with the reason of each refusal. */
  readonly accepted: number;
  readonly refusals: string[];
  /** The replication group and user tokens must name, once the controller has made them. */
  expect(cacheName: string, user: string): void;
  close(): Promise<void>;
}

export interface IamAuthOptions {
  certs: TestCertificates;
  /** The replication group id: the presigned request's host. */
  cacheName: string;
  region: string;
  /** The ElastiCache user (REDIS_USER) and the ACL password the proxy uses for it on redis-server. */
  user: string;
  redisPassword: string;
  redisPort: number;
  /** The secret (and session token) of an access key id; undefined when the key is unknown. */
  secretFor(accessKeyId: string): Promise<{ secretAccessKey: string; sessionToken?: string } | undefined>;
  /** ElastiCache also authorizes elasticache:Connect for the key's identity: the reason it is refused, or undefined. */
  authorize?(accessKeyId: string, cacheName: string, user: string): Promise<string | undefined>;
  now?: () => number;
}

/**
 * Checks a token; returns the reason it is refused, or undefined when ElastiCache would accept it. The
 * signature check is the server suite's (`server/test/iam-proxy.ts`); this adds what only the launcher
 * knows: the secret of the key the token names, and whether that identity may elasticache:Connect.
 */
export async function verifyToken(token: string, options: IamAuthOptions): Promise<string | undefined> {
  let accessKeyId: string;
  try {
    accessKeyId = (new URL(`http://${token}`).searchParams.get("X-Amz-Credential") ?? "").split("/")[0] ?? "";
  } catch {
    return "not a presigned URL";
  }
  const key = await options.secretFor(accessKeyId);
  if (!key) return `access key ${accessKeyId} is unknown`;
  const check = verifySignedToken(token, {
    user: options.user, cacheName: options.cacheName.toLowerCase(), region: options.region,
    credentials: { accessKeyId, ...key }, ...(options.now ? { now: options.now() } : {}),
  });
  if (!check.valid) return check.reason ?? "refused";
  return await options.authorize?.(accessKeyId, options.cacheName, options.user);
}

/** Reads one command (RESP array, or an inline line as redis-cli sends without RESP) from the start of `buffer`. */
function readCommand(buffer: Buffer): { args: string[]; rest: Buffer } | undefined {
  const text = buffer.toString("latin1");
  if (!text.startsWith("*")) {
    const end = text.indexOf("\r\n");
    return end < 0 ? undefined : { args: text.slice(0, end).split(" ").filter(Boolean), rest: buffer.subarray(end + 2) };
  }
  const command = firstCommand(buffer);
  return command ? { args: command.args, rest: buffer.subarray(command.end) } : undefined;
}

export async function startIamAuthProxy(options: IamAuthOptions): Promise<IamAuthProxy> {
  const ca = readFileSync(options.certs.caFile);
  const state = { accepted: 0, refusals: [] as string[] };
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert: readFileSync(options.certs.certFile), key: readFileSync(options.certs.keyFile) }, (client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const command = readCommand(buffered);
      if (!command) return;
      client.off("data", onData);
      client.pause();
      void handle(client, command.args, command.rest);
    };
    client.on("data", onData);
  });
  const refuse = (client: TLSSocket, reason: string) => {
    state.refusals.push(reason);
    client.end("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
  };
  const handle = async (client: TLSSocket, args: string[], rest: Buffer) => {
    if (args[0]?.toUpperCase() !== "AUTH" || args.length !== 3) {
      refuse(client, `first command was ${args[0] ?? "empty"} with ${args.length - 1} arguments, not AUTH <user> <token>`);
      return;
    }
    const reason = await verifyToken(args[2]!, options).catch((error: unknown) => `verification failed: ${String(error)}`);
    if (reason !== undefined) {
      refuse(client, reason);
      return;
    }
    const upstream = tlsConnect({ host: "127.0.0.1", port: options.redisPort, ca, servername: "localhost" });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    upstream.once("secureConnect", () => {
      const auth = `*3\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(args[1]!)}\r\n${args[1]}\r\n$${Buffer.byteLength(options.redisPassword)}\r\n${options.redisPassword}\r\n`;
      upstream.write(auth);
      upstream.once("data", (reply: Buffer) => {
        if (!reply.toString().startsWith("+OK")) {
          refuse(client, `redis-server refused the proxy's AUTH for ${args[1]}: ${reply.toString().trim()}`);
          upstream.destroy();
          return;
        }
        state.accepted++;
        client.write("+OK\r\n");
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    });
  };
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("IAM auth proxy: no TCP address");
  return {
    port: address.port,
    get accepted() { return state.accepted; },
    refusals: state.refusals,
    expect: (cacheName, user) => {
      options.cacheName = cacheName;
      options.user = user;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
