// The desired state is derived from the one list of kinds (src/kinds/); this path stays for the families' callers.
export { desiredResources, environmentOutputs } from "../../kinds/registries.ts";
