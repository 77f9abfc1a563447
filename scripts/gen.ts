// Regenerates the files derived from schemas/gameenvironment.schema.json, the controller's IAM policy derived from the
// kinds' permissions (src/kinds/) and the list of AWS services (src/kinds/*/service.ts): `node scripts/gen.ts [types|crd|validator|policy|services]` (all by default).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderControllerPolicy } from "../src/kinds/registries.ts";
import { renderServices } from "../src/kinds/services-render.ts";
import { renderCrd, renderTypes, renderValidator } from "../src/spec/generate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const generatedFiles = {
  types: "src/spec/types.generated.ts",
  crd: "manifests/crds/gameenvironments.gamectl.dev.yaml",
  validator: "src/spec/validator.generated.js",
  policy: "manifests/controller/iam-policy.json",
  services: "src/kinds/services.generated.ts",
} as const;

async function write(relative: string, content: string): Promise<void> {
  const path = join(root, relative);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  process.stdout.write(`wrote ${relative}\n`);
}

const targets = process.argv.slice(2);
const unknown = targets.filter((t) => t !== "types" && t !== "crd" && t !== "validator" && t !== "policy" && t !== "services");
if (unknown.length > 0) {
  process.stderr.write(`error: unknown target ${unknown.join(", ")}; use types, crd, validator, policy, services or nothing for all\n`);
  process.exitCode = 1;
} else {
  const all = targets.length === 0;
  if (all || targets.includes("types")) await write(generatedFiles.types, await renderTypes());
  if (all || targets.includes("crd")) await write(generatedFiles.crd, renderCrd());
  // The validator is compiled from the same schema, so regenerating types also refreshes it.
  if (all || targets.includes("validator") || targets.includes("types")) await write(generatedFiles.validator, renderValidator());
  if (all || targets.includes("policy")) await write(generatedFiles.policy, renderControllerPolicy());
  if (all || targets.includes("services")) await write(generatedFiles.services, await renderServices());
}
