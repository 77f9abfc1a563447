import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { aws } from "../env/index.ts";
import { resetMoto, setSimulatedLatency } from "./admin.ts";

beforeAll(async () => resetMoto(aws().endpoint));
afterAll(async () => resetMoto(aws().endpoint));

it("delays every AWS request by the simulated round trip, and reset removes it", async () => {
  const client = new DynamoDBClient({ ...aws() });
  const timed = async () => {
    const started = performance.now();
    await client.send(new ListTablesCommand({}));
    return performance.now() - started;
  };
  await timed();
  expect(await setSimulatedLatency(aws().endpoint, 150)).toEqual({ ms: 150 });
  expect(await timed()).toBeGreaterThanOrEqual(150);
  await resetMoto(aws().endpoint);
  expect(await timed()).toBeLessThan(150);
  await expect(setSimulatedLatency(aws().endpoint, -1)).rejects.toThrow(/latency needs/);
});
