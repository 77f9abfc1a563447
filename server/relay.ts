import type { IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { matchMaker } from "@colyseus/core";
import { redisKeys } from "./keys.ts";
import type { RedisClient } from "./redis.ts";

const RELAYED_HEADER = "x-gamectl-relayed";
const ROOM_PATH = /^\/([a-zA-Z0-9_-]+)\/([a-zA-Z0-9_-]+)$/;

export function roomIdOfUpgrade(req: IncomingMessage): string | undefined {
  const path = new URL(req.url ?? "/", "ws://relay").pathname;
  return ROOM_PATH.exec(path)?.[2];
}

/** True when this process should hand the WebSocket to Colyseus itself; false when the room lives elsewhere. */
export function isLocalUpgrade(req: IncomingMessage): boolean {
  const roomId = roomIdOfUpgrade(req);
  return roomId === undefined || matchMaker.getLocalRoomById(roomId) !== undefined;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: reason });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Follows the owner-to-client bytes of a relayed WebSocket (the HTTP 101 answer, then frames) to know where a frame
 * ends, so that the relay can close the client's side with a close frame of its own without cutting a frame in two.
 */
export class FrameBoundary {
  /** How many bytes of "\r\n\r\n" the HTTP answer has matched so far; 4 once the frames begin. */
  #headerEnd = 0;
  #frameHeader: number[] = [];
  #payloadLeft = 0;

  get atBoundary(): boolean {
    return this.#headerEnd === 4 && this.#payloadLeft === 0 && this.#frameHeader.length === 0;
  }

  /** Follows `chunk`; with `stopAtBoundary`, stops right after the first boundary reached and answers how many bytes it took. */
  take(chunk: Uint8Array, stopAtBoundary: boolean): number {
    let i = 0;
    while (i < chunk.length) {
      if (this.#headerEnd < 4) {
        const byte = chunk[i++]!;
        this.#headerEnd = byte === (this.#headerEnd % 2 === 0 ? 13 : 10) ? this.#headerEnd + 1 : byte === 13 ? 1 : 0;
      } else if (this.#payloadLeft > 0) {
        const n = Math.min(this.#payloadLeft, chunk.length - i);
        i += n;
        this.#payloadLeft -= n;
      } else {
        this.#frameHeader.push(chunk[i++]!);
        const header = this.#frameHeader;
        if (header.length < 2) continue;
        const length7 = header[1]! & 127;
        const size = 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0) + (header[1]! & 128 ? 4 : 0);
        if (header.length < size) continue;
        const bytes = Buffer.from(header);
        this.#payloadLeft = length7 === 126 ? bytes.readUInt16BE(2) : length7 === 127 ? Number(bytes.readBigUInt64BE(2)) : length7;
        this.#frameHeader = [];
      }
      if (stopAtBoundary && this.atBoundary) return i;
    }
    return i;
  }
}

/** A WebSocket close frame as a server sends it (unmasked): the code, then a reason of at most 123 bytes. */
export function closeFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason).subarray(0, 123);
  return Buffer.concat([Buffer.from([0x88, 2 + text.length, code >> 8, code & 255]), text]);
}

interface RelayedConnection {
  /** Sends the client a close frame after the owner's frame in flight, then closes both sides. */
  close(code: number, reason: string): void;
  /** Cuts both sides at once. */
  destroy(): void;
  closed: Promise<void>;
}

/**
 * Pipes WebSocket upgrades for rooms owned by other processes to the owner's private address, so any process behind
 * a round-robin load balancer can serve any client, without stickiness or public addresses. At shutdown it closes
 * what it relays with a close code of its own, so those clients reconnect (through the balancer, to a live process).
 */
export class Relay {
  readonly #redis: RedisClient;
  readonly #onRelayed: () => void;
  readonly #open = new Set<RelayedConnection>();
  #closing = false;

  constructor(redis: RedisClient, onRelayed: () => void) {
    this.#redis = redis;
    this.#onRelayed = onRelayed;
  }

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    const roomId = roomIdOfUpgrade(req);
    if (roomId === undefined) return refuse(socket, 404, "Not Found");
    if (req.headers[RELAYED_HEADER] !== undefined) return refuse(socket, 503, "Room Not Here");
    if (this.#closing) return refuse(socket, 503, "Shutting Down");
    let address: string | null = null;
    try {
      const room = await matchMaker.getRoomById(roomId);
      if (room?.processId) address = await this.#redis.get(redisKeys.processAddress(room.processId));
    } catch {
      return refuse(socket, 503, "Service Unavailable");
    }
    if (!address) return refuse(socket, 410, "Room Gone");
    if (this.#closing) return refuse(socket, 503, "Shutting Down");
    this.#pipe(req, socket, head, address);
  }

  #pipe(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): void {
    const separator = address.lastIndexOf(":");
    const upstream: Socket = connect({ host: address.slice(0, separator), port: Number(address.slice(separator + 1)) });
    upstream.setNoDelay(true);
    const frames = new FrameBoundary();
    let answered = false;
    let closing: { code: number; reason: string } | undefined;
    let resolveClosed!: () => void;
    const connection: RelayedConnection = {
      closed: new Promise<void>((resolve) => (resolveClosed = resolve)),
      destroy: () => destroy(),
      close: (code, reason) => {
        if (closing) return;
        closing = { code, reason };
        socket.unpipe(upstream);
        if (upstream.connecting || frames.atBoundary) finishClose();
      },
    };
    const destroy = () => {
      upstream.destroy();
      socket.destroy();
      this.#open.delete(connection);
      resolveClosed();
    };
    // The client gets a close frame after the last whole frame from the owner; the owner sees its client drop, as
    // with any network drop, and the client reconnects through the balancer.
    const finishClose = () => {
      upstream.destroy();
      if (socket.destroyed) return destroy();
      if (frames.atBoundary) socket.end(closeFrame(closing!.code, closing!.reason), destroy);
      // The owner has not answered the upgrade yet: the client gets an HTTP refusal, and joins again elsewhere.
      else if (!answered) {
        refuse(socket, 503, "Shutting Down");
        socket.once("finish", destroy);
      } else destroy();
    };
    this.#open.add(connection);
    upstream.on("error", () => {
      if (!upstream.readyState || upstream.connecting) refuse(socket, 502, "Bad Gateway");
      destroy();
    });
    upstream.on("connect", () => {
      const lines = [`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      lines.push(`${RELAYED_HEADER}: 1`, "", "");
      upstream.write(lines.join("\r\n"));
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      this.#onRelayed();
    });
    upstream.on("data", (chunk: Buffer) => {
      answered = true;
      if (!closing) {
        frames.take(chunk, false);
        if (!socket.write(chunk)) {
          upstream.pause();
          socket.once("drain", () => upstream.resume());
        }
        return;
      }
      // Closing: forward only the rest of the frame in flight, then the close frame.
      const taken = frames.take(chunk, true);
      if (taken > 0) socket.write(chunk.subarray(0, taken));
      if (frames.atBoundary) finishClose();
    });
    socket.on("close", destroy);
    upstream.on("close", destroy);
  }

  /**
   * Refuses new relays and closes every relayed socket with `code` (Colyseus's 4010, MAY_TRY_RECONNECT: its clients
   * reconnect). A socket whose owner is in the middle of a frame gets the rest of it first; past `timeoutMs` any
   * socket still open is cut.
   */
  async closeAll(code: number, reason: string, timeoutMs: number): Promise<void> {
    this.#closing = true;
    const open = [...this.#open];
    for (const connection of open) connection.close(code, reason);
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        for (const connection of [...this.#open]) connection.destroy();
        resolve();
      }, timeoutMs);
    });
    await Promise.race([Promise.all(open.map((c) => c.closed)), cut]);
    clearTimeout(timer);
  }

  get size(): number {
    return this.#open.size;
  }
}
