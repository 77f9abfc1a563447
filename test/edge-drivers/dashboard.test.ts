import { CloudWatchClient, GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { beforeAll, describe, expect, it } from "vitest";
import { dashboardMarker } from "../../src/kinds/cloudwatch/dashboard-marker.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  cloudwatch = new CloudWatchClient({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
});

function environment(name: string, dashboard: boolean): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, { alarms: { sessionCreationLatencyMs: 40 }, observability: { dashboard: { enabled: dashboard } } }));
}

type Widget = { type: string; properties: { markdown?: string; title?: string; metrics?: unknown[]; annotations?: { horizontal: Array<{ value: number }> } } };
async function widgetsOf(name: string): Promise<Widget[]> {
  return (JSON.parse((await cloudwatch.send(new GetDashboardCommand({ DashboardName: name }))).DashboardBody!) as { widgets: Widget[] }).widgets;
}

describe("the environment's CloudWatch dashboard", () => {
  it("converges against moto with the game metrics, the alarm's threshold and every table; repairs a hand edit; goes when turned off", async () => {
    const env = environment("dash", true);
    const pool = testPool(target());
    const result = await convergeFully(pool, env);
    expect(result.errors).toEqual([]);
    expect(env.names.dashboardName).toContain(env.names.prefix);

    const widgets = await widgetsOf(env.names.dashboardName);
    expect(widgets[0]).toMatchObject({ type: "text", properties: { markdown: dashboardMarker(env.key) } });
    const latency = widgets.find((w) => w.properties.title?.startsWith("SessionCreationLatency"))!;
    // The series the server writes (the alarm's own dimensions) and the alarm's threshold as a line.
    expect(latency.properties.metrics![0]).toEqual(["GameMetrics", "SessionCreationLatency", "Environment", env.key, "Service", "game-server", { stat: "Average", region: "us-east-1" }]);
    expect(latency.properties.annotations!.horizontal[0]!.value).toBe(40);
    expect(widgets.map((w) => w.properties.title)).toEqual(expect.arrayContaining(["QueueLength", "MatchmakingTime (ms)", "PlayerRating", "DynamoDB consumed capacity per table", "DynamoDB throttles per table"]));
    const throttles = JSON.stringify(widgets.find((w) => w.properties.title === "DynamoDB throttles per table"));
    for (const table of ["users", "game-history", "game-state"]) expect(throttles).toContain(env.names.tableName(table));

    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);

    // Someone edits it in the console: the next pass puts gamectl's body back, in one call.
    await cloudwatch.send(new PutDashboardCommand({ DashboardName: env.names.dashboardName, DashboardBody: JSON.stringify({ widgets: [widgets[0], { type: "text", x: 0, y: 1, width: 6, height: 2, properties: { markdown: "mine" } }] }) }));
    const drift = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(drift.plan.actions.find((a) => a.kind === "Dashboard")?.type).toBe("update");
    pool.calls.reset();
    await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(pool.calls.mutatingOperations()).toEqual(["cloudwatch:PutDashboard"]);
    expect(await widgetsOf(env.names.dashboardName)).toEqual(widgets);

    const off = environment("dash", false);
    await convergeFully(pool, off);
    const left = (await cloudwatch.send(new ListDashboardsCommand({ DashboardNamePrefix: env.names.prefix }))).DashboardEntries ?? [];
    expect(left.map((d) => d.DashboardName)).toEqual([]);
  });
});
