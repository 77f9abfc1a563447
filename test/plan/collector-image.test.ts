import { describe, expect, it } from "vitest";
import { collectorImage } from "../../src/kinds/observability.ts";

describe("the ADOT collector sidecar's image", () => {
  it("is pinned to a released version tag, so every task of an environment runs the collector the last one did", () => {
    expect(collectorImage).toMatch(/^public\.ecr\.aws\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+$/);
  });
});
