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
 * Pipes a WebSocket upgrade for a room owned by another process to that process's private address, so any
 * process behind a round-robin load balancer can serve any client, without stickiness or public addresses.
 */
export async function relayUpgrade(redis: RedisClient, req: IncomingMessage, socket: Duplex, head: Buffer, onRelayed: () => void): Promise<void> {
  socket.on("error", () => socket.destroy());
  const roomId = roomIdOfUpgrade(req);
  if (roomId === undefined) return refuse(socket, 404, "Not Found");
  if (req.headers[RELAYED_HEADER] !== undefined) return refuse(socket, 503, "Room Not Here");
  let address: string | null = null;
  try {
    const room = await matchMaker.getRoomById(roomId);
    if (room?.processId) address = await redis.get(redisKeys.processAddress(room.processId));
  } catch {
    return refuse(socket, 503, "Service Unavailable");
  }
  if (!address) return refuse(socket, 410, "Room Gone");
  const separator = address.lastIndexOf(":");
  const upstream: Socket = connect({ host: address.slice(0, separator), port: Number(address.slice(separator + 1)) });
  upstream.setNoDelay(true);
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on("error", () => {
    if (!upstream.readyState || upstream.connecting) refuse(socket, 502, "Bad Gateway");
    close();
  });
  upstream.on("connect", () => {
    const lines = [`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    lines.push(`${RELAYED_HEADER}: 1`, "", "");
    upstream.write(lines.join("\r\n"));
    if (head.length > 0) upstream.write(head);
    socket.pipe(upstream);
    upstream.pipe(socket);
    onRelayed();
  });
  socket.on("close", close);
  upstream.on("close", close);
}
