import { parseArgs } from "node:util";
import { formatManifestError } from "../../spec/errors.ts";
import { loadManifests, loadManifestStream, type LoadResult } from "../../spec/load.ts";
import type { Command } from "../main.ts";

const help = `Usage: gamectl validate -f FILE|DIR [-f FILE|DIR ...] [-o text|json] [--strict]

Validates GameEnvironment manifests: the schema, then the checks AWS would otherwise fail on.
Folders are read recursively (*.yaml, *.yml). "-f -" reads standard input. Documents of other
APIs (a Kustomization, a Namespace) are skipped.
A file may hold at most 1 MiB, 1,000 documents, 1,000 keys per mapping, 64 levels of nesting
and 10,000 YAML nodes per document (150,000 per file); past a limit the file is refused whole.
Exit code: 0 when every manifest is valid, 1 otherwise. Warnings (e.g. an unquoted N, which kubectl
reads as false) are printed but only fail the run with --strict.

Flags:
  -f, --filename   a manifest file or folder (repeatable)
  -o, --output     text (default) or json
      --strict     treat warnings as errors
`;

async function load(paths: string[]): Promise<LoadResult> {
  const files = paths.filter((path) => path !== "-");
  const result = await loadManifests(files);
  if (paths.includes("-")) {
    // Reading stops at the size limit: a huge or endless input is refused without waiting for its end.
    const fromStdin = await loadManifestStream(process.stdin, "<stdin>");
    // Loops, not push(...items): a spread of 100,000 items throws a RangeError.
    for (const environment of fromStdin.environments) result.environments.push(environment);
    for (const error of fromStdin.errors) result.errors.push(error);
    for (const key of fromStdin.invalidKeys) result.invalidKeys.push(key);
    for (const warning of fromStdin.warnings) result.warnings.push(warning);
    for (const other of fromStdin.skipped) result.skipped.push(other);
  }
  return result;
}

export const command: Command = {
  summary: "Check GameEnvironment manifests against the schema and AWS's rules",
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          filename: { type: "string", short: "f", multiple: true },
          output: { type: "string", short: "o", default: "text" },
          strict: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
        allowPositionals: false,
      }));
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n\n${help}`);
      return 1;
    }
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const paths = values.filename ?? [];
    if (paths.length === 0) {
      process.stderr.write(`error: no manifests given; use -f FILE or -f DIR\n\n${help}`);
      return 1;
    }
    if (values.output !== "text" && values.output !== "json") {
      process.stderr.write(`error: -o ${values.output} is not supported; use -o text or -o json\n`);
      return 1;
    }
    // stdin is read only once, even if "-f -" is repeated.
    const result = await load([...new Set(paths)]);
    if (result.environments.length === 0 && result.errors.length === 0) {
      result.errors.push({ file: paths.join(", "), line: 0, col: 0, path: "(file)", message: "no GameEnvironment manifests found", hint: "manifests are *.yaml or *.yml files with kind: GameEnvironment" });
    }
    const valid = result.errors.length === 0 && !(values.strict && result.warnings.length > 0);
    if (values.output === "json") {
      const report = {
        valid,
        environments: result.environments.map((environment) => ({ key: environment.key, file: environment.file, line: environment.line })),
        errors: result.errors,
        warnings: result.warnings,
        skipped: result.skipped,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      for (const error of result.errors) process.stderr.write(`${formatManifestError(error)}\n`);
      for (const warning of result.warnings) process.stderr.write(`${formatManifestError({ ...warning, message: `warning: ${warning.message}` })}\n`);
      for (const environment of result.environments) process.stdout.write(`${environment.file}:${environment.line}: ${environment.key} is valid\n`);
      const errorCount = result.errors.length;
      for (const other of result.skipped) process.stdout.write(`${other.file}:${other.line}: skipped ${other.kind} (${other.apiVersion}): not a GameEnvironment\n`);
      const warningCount = result.warnings.length;
      const warnings = warningCount > 0 ? `, ${warningCount} warning${warningCount === 1 ? "" : "s"}` : "";
      process.stdout.write(`${result.environments.length} valid environment${result.environments.length === 1 ? "" : "s"}, ${errorCount} error${errorCount === 1 ? "" : "s"}${warnings}\n`);
    }
    return valid ? 0 : 1;
  },
};
