// The game server as the benches run it: server/index.ts with every patch stamped with `patchedAt` (server/patch-stamp.ts),
// which bench/server-bots.ts reads to measure patch latency. Production patches carry no timestamp.
import { patchStamps } from "../server/patch-stamp.ts";

patchStamps.enabled = true;
await import("../server/index.ts");
