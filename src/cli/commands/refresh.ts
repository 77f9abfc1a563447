import { parseArgs } from "node:util";
import type { Command } from "../main.ts";
import { checkResource, matches, notFound, viewFlags, viewSourceFrom } from "./get.ts";

const help = `Usage: gamectl refresh genv NAME [-n NAMESPACE] [--manifests DIR | --state-dir DIR] [--kubeconfig FILE]

Asks the controller for an immediate resync: sets the gamectl.dev/refresh annotation (Kubernetes),
or drops a request in the state directory (folder mode).
`;

export const command: Command = {
  summary: "Ask the controller to reconcile an environment now",
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: viewFlags });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const [resource, name] = positionals;
    if (!checkResource(resource, (t) => process.stderr.write(t))) return 1;
    if (!name) {
      process.stderr.write("error: name the environment: gamectl refresh genv NAME\n");
      return 1;
    }
    const source = viewSourceFrom(values);
    const views = (await source.list()).filter((v) => matches(v, name));
    if (views.length === 0) {
      process.stderr.write(notFound(name, source.namespace));
      return 1;
    }
    if (views.length > 1) {
      process.stderr.write(`error: "${name}" exists in several namespaces (${views.map((v) => v.namespace).join(", ")}); use -n NAMESPACE or NAMESPACE/NAME\n`);
      return 1;
    }
    await source.refresh(views[0]!);
    process.stdout.write(`gameenvironment.gamectl.dev/${views[0]!.name} refresh requested\n`);
    return 0;
  },
};
