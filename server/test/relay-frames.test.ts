import { describe, expect, it } from "vitest";
import { FrameBoundary, closeFrame } from "../relay.ts";

const frame = (payload: number, masked = false) => {
  const length = payload < 126 ? [payload] : payload < 65536 ? [126, payload >> 8, payload & 255] : [127, 0, 0, 0, 0, (payload >>> 24) & 255, (payload >> 16) & 255, (payload >> 8) & 255, payload & 255];
  return Buffer.concat([Buffer.from([0x82, (masked ? 128 : 0) | length[0]!, ...length.slice(1)]), Buffer.alloc(masked ? 4 : 0), Buffer.alloc(payload, 7)]);
};

describe("the relay's frame boundaries", () => {
  const answer = Buffer.from("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
  const stream = Buffer.concat([answer, frame(5), frame(300), frame(70_000), frame(0), frame(9, true)]);
  const ends = new Set<number>();
  let offset = answer.length;
  for (const f of [frame(5), frame(300), frame(70_000), frame(0), frame(9, true)]) ends.add((offset += f.length));
  ends.add(answer.length);

  it("finds where the HTTP answer and each frame end, whatever the chunking", () => {
    for (const size of [1, 2, 3, 7, 64, 1000, stream.length]) {
      const tracker = new FrameBoundary();
      const boundaries: number[] = [];
      for (let at = 0; at < stream.length; at += size) {
        const chunk = stream.subarray(at, Math.min(at + size, stream.length));
        // Stop at each boundary inside the chunk, then go on from there.
        for (let used = 0; used < chunk.length;) {
          used += tracker.take(chunk.subarray(used), true);
          if (tracker.atBoundary) boundaries.push(at + used);
        }
      }
      expect(new Set(boundaries), `chunks of ${size}`).toEqual(ends);
    }
  });

  it("stops right after the frame in flight when asked", () => {
    const tracker = new FrameBoundary();
    tracker.take(stream.subarray(0, answer.length + 3), false);
    expect(tracker.atBoundary).toBe(false);
    const taken = tracker.take(stream.subarray(answer.length + 3), true);
    expect(answer.length + 3 + taken).toBe(answer.length + frame(5).length);
    expect(tracker.atBoundary).toBe(true);
  });

  it("builds a close frame with the code first", () => {
    expect([...closeFrame(4010, "bye")]).toEqual([0x88, 5, 0x0f, 0xaa, 98, 121, 101]);
  });
});
