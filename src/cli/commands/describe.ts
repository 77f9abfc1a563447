import { parseArgs } from "node:util";
import type { Command } from "../main.ts";
import { describe } from "../../runtime/view.ts";
import { checkResource, matches, notFound, viewFlags, viewSourceFrom } from "./get.ts";

const help = `Usage: gamectl describe genv NAME [-n NAMESPACE] [--manifests DIR | --state-dir DIR] [--kubeconfig FILE]

Shows a spec summary, the resource table, conditions, the last plan, outputs and recent events.
`;

export const command: Command = {
  summary: "Show an environment in detail: spec, resources, conditions, events, outputs",
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: viewFlags });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const [resource, name] = positionals;
    if (!checkResource(resource, (t) => process.stderr.write(t))) return 1;
    const source = viewSourceFrom(values);
    const views = (await source.list(true)).filter((v) => matches(v, name));
    if (views.length === 0) {
      process.stderr.write(notFound(name ?? "", source.namespace));
      return 1;
    }
    const now = new Date();
    process.stdout.write(views.map((v) => describe(v, now)).join("\n"));
    return 0;
  },
};
