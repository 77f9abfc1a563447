// The NODE_OPTIONS the controller runs with in production, read from its Deployment, so a benchmark child
// process runs with the flags production runs with rather than a copy of them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const deploymentFile = fileURLToPath(new URL("../manifests/controller/deployment.yaml", import.meta.url));

interface ContainerEnv { name: string; value?: string }
interface DeploymentShape { kind?: string; spec?: { template?: { spec?: { containers?: Array<{ name: string; env?: ContainerEnv[] }> } } } }

/** The controller container's NODE_OPTIONS in manifests/controller/deployment.yaml; throws when it is not set there. */
export function controllerNodeOptions(): string {
  for (const document of parseAllDocuments(readFileSync(deploymentFile, "utf8"))) {
    const deployment = document.toJS() as DeploymentShape | null;
    if (deployment?.kind !== "Deployment") continue;
    const container = deployment.spec?.template?.spec?.containers?.find((each) => each.name === "controller");
    const value = container?.env?.find((each) => each.name === "NODE_OPTIONS")?.value;
    if (value !== undefined) return value;
  }
  throw new Error(`${deploymentFile}: the controller container sets no NODE_OPTIONS`);
}
