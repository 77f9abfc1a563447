/**
 * Bench-only: when on, every arena patch carries `patchedAt`, the wall-clock time it was built, so that bench bots
 * measure patch latency. Off in production: a timestamp would change the state at every patch, so a room where nobody
 * moves would still send 20 patches a second. bench/stamped-server.ts turns it on before it loads the server. This
 * module imports nothing, so that it can be loaded ahead of server/index.ts's tracing.
 */
export const patchStamps = { enabled: false };
