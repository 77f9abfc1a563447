import type { Command } from "../main.ts";
import { runConverge } from "./apply.ts";

export const command: Command = {
  summary: "Delete an environment's resources (data-holding ones per deletionPolicy)",
  run: (argv) => runConverge(argv, "delete", `Usage: gamectl delete -f FILE|DIR [--auto-approve] [--timeout 30m] [--allow-mass-delete] [--max-deletions 5]

Deletes the environment's resources in reverse dependency order. Tables and Redis are retained
unless spec.deletionPolicy is Delete; a table with deletion protection is never deleted. A plan
with more deletions than --max-deletions needs --allow-mass-delete.
`),
};
