// CPU profiles of a server process over a window of the bench's choosing (the recorded seconds, not start-up and joins),
// through the V8 inspector's Profiler domain: the server runs with --inspect=127.0.0.1:0 and the bench connects to the
// WebSocket URL it prints. Nothing in the server knows about it. The files are what `node --cpu-prof` writes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Node options that make a started server listen for an inspector on a free loopback port. */
export const INSPECT_OPTIONS = "--inspect=127.0.0.1:0";

interface InspectorReply { id?: number; result?: { profile?: unknown }; error?: { message: string } }

export interface RemoteProfiler {
  /** Starts sampling every `intervalMicros`. */
  start(intervalMicros?: number): Promise<void>;
  /** Stops sampling and writes the profile to `<dir>/<name>.cpuprofile`; returns the file. */
  stop(dir: string, name: string): Promise<string>;
  close(): void;
}

/** Connects to the inspector of a process whose output (stdout and stderr) so far is `output()`. */
export async function connectProfiler(output: () => string): Promise<RemoteProfiler> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  if (!url) throw new Error("the server printed no inspector URL: start it with NODE_OPTIONS=" + INSPECT_OPTIONS);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  let nextId = 0;
  const waiting = new Map<number, (reply: InspectorReply) => void>();
  socket.onmessage = (event: { data: unknown }) => {
    const reply = JSON.parse(String(event.data)) as InspectorReply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  };
  const call = (method: string, params: object = {}) => new Promise<InspectorReply>((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, (reply) => { waiting.delete(id); if (reply.error) reject(new Error(`${method}: ${reply.error.message}`)); else resolve(reply); });
    socket.send(JSON.stringify({ id, method, params }));
  });
  await call("Profiler.enable");
  return {
    async start(intervalMicros = 200) {
      await call("Profiler.setSamplingInterval", { interval: intervalMicros });
      await call("Profiler.start");
    },
    async stop(dir, name) {
      const reply = await call("Profiler.stop");
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(reply.result?.profile));
      return file;
    },
    close: () => socket.close(),
  };
}
