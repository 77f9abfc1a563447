import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { Command } from "../main.ts";
import { ALIASES, formatObjects, formatTable, headerOf, openViewSource, rowOf, type EnvironmentView } from "../../runtime/view.ts";

export const viewFlags = {
  manifests: { type: "string" },
  "state-dir": { type: "string" },
  kubeconfig: { type: "string" },
  namespace: { type: "string", short: "n" },
  "all-namespaces": { type: "boolean", short: "A", default: false },
  help: { type: "boolean", short: "h" },
} as const;

/** The view source the shared flags select: a folder's state directory or the current kube context. */
export function viewSourceFrom(values: { manifests?: string; "state-dir"?: string; kubeconfig?: string; namespace?: string; "all-namespaces"?: boolean }) {
  return openViewSource({
    ...(values.manifests ? { manifestsDir: values.manifests } : {}), ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}), ...(values.namespace ? { namespace: values.namespace } : {}),
    allNamespaces: values["all-namespaces"] ?? false,
  });
}

const help = `Usage: gamectl get gameenvironments|genv [NAME] [-n NAMESPACE | -A] [-o wide|yaml|json] [-w]
                   [--manifests DIR | --state-dir DIR] [--kubeconfig FILE]

Lists environments with the CRD's printer columns. Reads the current kube context, or with
--manifests the state directory (DIR/.gamectl) a folder-mode controller writes.
`;

/** NAME may be "name" or "namespace/name". */
export function matches(view: EnvironmentView, name: string | undefined): boolean {
  if (!name) return true;
  return name.includes("/") ? `${view.namespace}/${view.name}` === name : view.name === name;
}

/** kubectl's answer when NAME matches no environment. */
export function notFound(name: string, namespace: string | undefined): string {
  return `Error from server (NotFound): gameenvironments "${name}" not found${namespace ? ` in namespace "${namespace}"` : ""}\n`;
}

export function checkResource(resource: string | undefined, write: (text: string) => void): boolean {
  if (!resource) {
    write("error: name the resource type: gamectl get genv [NAME]\n");
    return false;
  }
  if (!ALIASES.has(resource.toLowerCase())) {
    write(`error: unknown resource type "${resource}"; gamectl knows gameenvironments (short name genv)\n`);
    return false;
  }
  return true;
}

export const command: Command = {
  summary: "List environments and their status (like kubectl get)",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { ...viewFlags, output: { type: "string", short: "o" }, watch: { type: "boolean", short: "w", default: false } },
    });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const [resource, name] = positionals;
    if (!checkResource(resource, (t) => process.stderr.write(t))) return 1;
    const output = values.output;
    if (output !== undefined && !["wide", "yaml", "json"].includes(output)) {
      process.stderr.write(`error: -o "${output}" is not supported; use wide, yaml or json\n`);
      return 1;
    }
    const source = viewSourceFrom(values);
    const wide = output === "wide";
    const render = (views: EnvironmentView[], withHeader: boolean): string => {
      const showNamespace = !source.namespace && (values["all-namespaces"] || new Set(views.map((v) => v.namespace)).size > 1);
      const now = new Date();
      const rows = views.map((v) => (showNamespace ? [v.namespace, ...rowOf(v, now, wide)] : rowOf(v, now, wide)));
      const header = showNamespace ? ["NAMESPACE", ...headerOf(wide)] : headerOf(wide);
      const table = formatTable([header, ...rows]).split("\n");
      return (withHeader ? table : table.slice(1)).join("\n");
    };
    const load = async () => (await source.list()).filter((v) => matches(v, name));
    let views = await load();
    if (name && views.length === 0) {
      process.stderr.write(notFound(name, source.namespace));
      return 1;
    }
    if (output === "yaml" || output === "json") {
      process.stdout.write(formatObjects(views, output, Boolean(name)));
      if (!values.watch) return 0;
    } else if (views.length === 0) {
      process.stderr.write(`No resources found${source.namespace ? ` in ${source.namespace} namespace` : ""}.\n`);
    } else {
      process.stdout.write(render(views, true));
    }
    if (!values.watch) return 0;
    const shown = new Map(views.map((v) => [`${v.namespace}/${v.name}`, JSON.stringify(rowOf(v, new Date(0)))]));
    for (;;) {
      await sleep(1_000);
      views = await load();
      for (const view of views) {
        const key = `${view.namespace}/${view.name}`;
        const fingerprint = JSON.stringify(rowOf(view, new Date(0)));
        if (shown.get(key) === fingerprint) continue;
        shown.set(key, fingerprint);
        process.stdout.write(output === "yaml" || output === "json" ? formatObjects([view], output, true) : render([view], false));
      }
    }
  },
};
