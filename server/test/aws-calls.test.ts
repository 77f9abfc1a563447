/**
 * The server's AWS calls come from one declaration: `gameServerTableGrants` in the contract, from which the
 * controller generates the task role's policy. A call the declaration lacks would be AccessDenied on AWS;
 * a grant the server never uses is privilege nobody needs. Both directions are checked here, statically
 * over the server's source and at run time over every request a real game sends to moto.
 */
import { readFileSync, readdirSync } from "node:fs";
import { Client, type Room } from "@colyseus/sdk";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoAutoConfirmActions, gameServerTableGrants, leaderboardIndex, type GameTable } from "../../src/contract/game-server.ts";
import { issueDevToken } from "../auth.ts";
import type { ServerConfig } from "../config.ts";
import type { DynamoCall } from "../dynamo.ts";
import { startGameServer, type RunningGameServer } from "../main.ts";
import { GameMetrics } from "../metrics.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";

const serverDir = new URL("../", import.meta.url);

/** "action table[/index]": one permission as IAM sees it. */
const permission = (action: string, table: GameTable, index?: string) => `${action} ${table}${index ? `/${index}` : ""}`;

const declared = new Set(gameServerTableGrants.flatMap((grant) => [
  ...grant.actions.map((action) => permission(action, grant.table)),
  ...Object.entries(grant.indexes ?? {}).flatMap(([index, actions]) => actions.map((action) => permission(action, grant.table, index))),
]));

/** The IAM action each command class authorizes as (lib-dynamodb's names drop the SDK's "Item" suffix). */
const ACTION_OF_COMMAND: Record<string, string> = {
  Get: "GetItem", Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", Query: "Query", Scan: "Scan",
  BatchGet: "BatchGetItem", BatchWrite: "BatchWriteItem", TransactGet: "GetItem",
  GetItem: "GetItem", PutItem: "PutItem", UpdateItem: "UpdateItem", DeleteItem: "DeleteItem", DescribeTable: "DescribeTable",
  BatchGetItem: "BatchGetItem", BatchWriteItem: "BatchWriteItem", ExecuteStatement: "PartiQLSelect",
};
/** TransactWriteItems is authorized per item, as the action of the item's kind. */
const ACTION_OF_TRANSACT_ITEM: Record<string, string> = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", ConditionCheck: "ConditionCheckItem" };

/** How server code names a table, and which logical table that is. */
const TABLE_OF_EXPRESSION: Record<string, GameTable> = {
  "config.tables.users": "users", "users.table": "users", "history.table": "game-history",
  "config.tables.gameHistory": "game-history", "config.tables.gameState": "game-state",
};
const TABLE_OF_REPOSITORY: Record<string, GameTable> = { UserRepository: "users", GameHistoryRepository: "game-history", GameStateRepository: "game-state" };

/** The text from an opening parenthesis or brace to its match. */
function balanced(source: string, open: number): string {
  const closeOf: Record<string, string> = { "(": ")", "{": "}" };
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c in closeOf) stack.push(closeOf[c]!);
    else if (c === ")" || c === "}") {
      stack.pop();
      if (stack.length === 0) return source.slice(open, i + 1);
    }
  }
  return source.slice(open);
}

interface FoundCall { where: string; permission?: string; problem?: string }

/** The command classes a file imports from each AWS SDK package, by package. */
function importedCommands(source: string): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(@aws-sdk\/[\w-]+)"/g)) {
    const names = byPackage.get(match[2]!) ?? new Set<string>();
    for (const entry of match[1]!.split(",")) {
      const name = /^\s*(?:type\s+)?(\w+)Command\b/.exec(entry)?.[1];
      if (name) names.add(name);
    }
    byPackage.set(match[2]!, names);
  }
  return byPackage;
}

/**
 * The player-account calls to Cognito (server/players.ts): the public client's operations (SignUp, InitiateAuth...)
 * are authorized by the app client, not IAM; only Admin* operations need the task role's grant.
 */
function cognitoCalls(): FoundCall[] {
  const found: FoundCall[] = [];
  for (const file of readdirSync(serverDir).filter((name) => name.endsWith(".ts")).sort()) {
    const source = readFileSync(new URL(file, serverDir), "utf8");
    for (const name of importedCommands(source).get("@aws-sdk/client-cognito-identity-provider") ?? []) {
      if (name.startsWith("Admin")) found.push({ where: `server/${file}`, permission: `cognito-idp:${name}` });
    }
  }
  return found;
}

/** Every DynamoDB permission server/*.ts needs, read from its `new XxxCommand(` expressions. */
function staticCalls(): FoundCall[] {
  const found: FoundCall[] = [];
  for (const file of readdirSync(serverDir).filter((name) => name.endsWith(".ts")).sort()) {
    const source = readFileSync(new URL(file, serverDir), "utf8");
    const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
    const tableOf = (expression: string, offset: number): GameTable | undefined => {
      if (expression === "this.table") {
        const owner = [...source.slice(0, offset).matchAll(/class (\w+)/g)].at(-1)?.[1] ?? "";
        return TABLE_OF_REPOSITORY[owner];
      }
      return TABLE_OF_EXPRESSION[expression];
    };
    // Only DynamoDB's commands: other services' calls are checked on their own (cognitoCalls).
    const imported = importedCommands(source);
    const otherServices = new Set([...imported].filter(([pkg]) => !/^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(pkg)).flatMap(([, names]) => [...names]));
    for (const match of source.matchAll(/new (\w+)Command\(/g)) {
      const where = `server/${file}:${lineOf(match.index)}`;
      const name = match[1]!;
      if (otherServices.has(name)) continue;
      const args = balanced(source, match.index + match[0].length - 1);
      if (name === "TransactWrite") {
        // The items are built before the command: every item literal in the same file is part of it.
        for (const item of source.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{\s*TableName:\s*([\w.]+)/g)) {
          const table = tableOf(item[2]!, item.index);
          const itemWhere = `server/${file}:${lineOf(item.index)}`;
          found.push(table
            ? { where: itemWhere, permission: permission(`dynamodb:${ACTION_OF_TRANSACT_ITEM[item[1]!]}`, table) }
            : { where: itemWhere, problem: `TableName: ${item[2]} names no known table` });
        }
        continue;
      }
      const action = ACTION_OF_COMMAND[name];
      if (!action) {
        found.push({ where, problem: `${name}Command has no known IAM action: add it to ACTION_OF_COMMAND and to the contract's grants` });
        continue;
      }
      const tableExpression = /TableName:\s*([\w.]+)/.exec(args)?.[1];
      const table = tableExpression ? tableOf(tableExpression, match.index) : undefined;
      if (!table) {
        found.push({ where, problem: `cannot tell which table ${name}Command targets (TableName: ${tableExpression ?? "missing"}): name it as this.table in a repository or config.tables.<name>` });
        continue;
      }
      const index = /IndexName:\s*(?:"([^"]+)"|([\w.]+))/.exec(args);
      const indexName = index?.[1] ?? (index?.[2] === "leaderboardIndex.index" ? leaderboardIndex.index : index?.[2]);
      found.push({ where, permission: permission(`dynamodb:${action}`, table, indexName) });
    }
  }
  return found;
}

describe("the server's DynamoDB calls, read from its source", () => {
  const calls = staticCalls();

  it("are all understood", () => {
    expect(calls.filter((call) => call.problem).map((call) => `${call.where}: ${call.problem}`)).toEqual([]);
  });

  it("are each declared in gameServerTableGrants", () => {
    const undeclared = calls.filter((call) => call.permission && !declared.has(call.permission)).map((call) => `${call.where}: ${call.permission}`);
    expect(undeclared, "server code calls an action the contract (src/contract/game-server.ts) does not grant; declare it or stop calling it").toEqual([]);
  });

  it("are exactly the declaration: it grants nothing the server never calls", () => {
    const used = new Set(calls.flatMap((call) => (call.permission ? [call.permission] : [])));
    expect([...declared].filter((grant) => !used.has(grant)), "the contract grants what no server code calls; remove it").toEqual([]);
    expect([...used].sort()).toEqual([...declared].sort());
  });
});

describe("the server's Cognito calls, read from its source", () => {
  it("need IAM only for the auto-confirm the contract declares (cognitoAutoConfirmActions)", () => {
    expect([...new Set(cognitoCalls().map((call) => call.permission))].sort()).toEqual([...cognitoAutoConfirmActions].sort());
  });
});

describe("the server's DynamoDB calls while a real game runs", () => {
  let server: RunningGameServer;
  let config: ServerConfig;
  const observed: DynamoCall[] = [];

  beforeAll(async () => {
    ({ config } = await prepareBackends("aws-calls"));
    process.env.AWS_ACCESS_KEY_ID = "testing";
    process.env.AWS_SECRET_ACCESS_KEY = "testing";
    server = await startGameServer({ ...config, matchDurationMs: 2_000, checkpointIntervalMs: 200 }, {
      log: pino({ level: "silent" }), metrics: new GameMetrics({ write: () => undefined }),
      observeDynamo: (call) => observed.push(call),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("are each permitted by the declaration", async () => {
    const endpoint = `http://127.0.0.1:${server.port}`;
    const join = async (playerId: string, roomId?: string): Promise<Room> => {
      const client = new Client(endpoint);
      client.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId.toUpperCase() });
      return roomId ? client.joinById(roomId) : client.create("arena");
    };
    const first = await join("observed-1");
    const second = await join("observed-2", first.roomId);
    const ended = new Promise<{ recorded: boolean }>((resolve) => first.onMessage("ended", resolve));
    first.onMessage("*", () => undefined);
    second.onMessage("*", () => undefined);
    first.send("move", { dx: 1, dy: 0 });
    expect((await ended).recorded).toBe(true);
    await first.leave();
    await second.leave();
    expect((await fetch(`${endpoint}/ready`)).status).toBe(200);
    const board = await fetch(`${endpoint}/leaderboard`);
    expect(board.status).toBe(200);
    expect(((await board.json()) as { entries: { playerId: string }[] }).entries.map((e) => e.playerId)).toEqual(expect.arrayContaining(["observed-1", "observed-2"]));

    const logical: Record<string, GameTable> = { [config.tables.users]: "users", [config.tables.gameHistory]: "game-history", [config.tables.gameState]: "game-state" };
    const seen = observed.map((call) => ({ call: `${call.operation} ${call.table}${call.index ? `/${call.index}` : ""}`, permission: logical[call.table] ? permission(call.action, logical[call.table]!, call.index) : `${call.action} ${call.table}` }));
    expect(seen.filter((s) => !declared.has(s.permission)).map((s) => `${s.call} needs ${s.permission}`)).toEqual([]);
    // The paths this game must have exercised, so the check above is not vacuous.
    const permissions = new Set(seen.map((s) => s.permission));
    for (const needed of [
      permission("dynamodb:Query", "users", leaderboardIndex.index), permission("dynamodb:DescribeTable", "users"), permission("dynamodb:UpdateItem", "users"),
      permission("dynamodb:PutItem", "game-history"), permission("dynamodb:PutItem", "game-state"),
    ]) expect(permissions, needed).toContain(needed);
    expect(observed.some((call) => call.operation === "TransactWriteItems")).toBe(true);
  }, 30_000);
});
