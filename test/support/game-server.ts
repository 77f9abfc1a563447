/**
 * What a deployed game server needs besides Redis, in manifest form: the three tables with the users table's
 * by-rating index (src/contract/game-server.ts) and a load balancer. Shared by the deploy-mode tests.
 */
export const gameServerNeeds = {
  dynamodb: {
    billingMode: "PAY_PER_REQUEST",
    tables: [
      {
        name: "users", partitionKey: { name: "playerId", type: "S" },
        globalSecondaryIndexes: [{ name: "by-rating", partitionKey: { name: "board", type: "S" }, sortKey: { name: "rating", type: "N" }, projection: "INCLUDE", nonKeyAttributes: ["name"] }],
      },
      { name: "game-history", partitionKey: { name: "gameId", type: "S" }, sortKey: { name: "endedAt", type: "N" } },
      { name: "game-state", partitionKey: { name: "roomId", type: "S" } },
    ],
  },
  loadBalancer: { scheme: "internet-facing", allowedCidrs: ["0.0.0.0/0"], listeners: [{ port: 80, protocol: "HTTP" }] },
};
