// Argument parsing and dispatch for tspyc (kept apart from the entry so tests can call it).
export interface TextSink {
  write(text: string): unknown;
}

export interface TspycOptions {
  mode: "dis" | "ast" | "compile";
  showCaches: boolean;
  indent: number | null;
  output: string | null;
  files: string[];
}

const USAGE =
  "usage: tspyc --dis [-C] FILE.pyc|FILE.py\n" +
  "       tspyc --ast [--indent N] FILE.py\n" +
  "       tspyc FILE.py [-o OUT.pyc]\n";

export function parseTspycArgs(argv: string[]): TspycOptions | string {
  const opts: TspycOptions = { mode: "compile", showCaches: false, indent: null, output: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dis") opts.mode = "dis";
    else if (a === "--ast") opts.mode = "ast";
    else if (a === "-C" || a === "--show-caches") opts.showCaches = true;
    else if (a === "--indent") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) return "--indent takes a whole number";
      opts.indent = n;
    } else if (a === "-o") {
      if (i + 1 >= argv.length) return "-o takes a file name";
      opts.output = argv[++i];
    } else if (a === "-h" || a === "--help") return "";
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else opts.files.push(a);
  }
  if (opts.files.length === 0) return "no input file";
  return opts;
}

export type ModeHandler = (opts: TspycOptions, out: TextSink, err: TextSink) => Promise<number> | number;

/** Handlers register here as their stages land (see tspycHandlers.ts). */
const handlers: Partial<Record<TspycOptions["mode"], ModeHandler>> = {};

export function registerMode(mode: TspycOptions["mode"], handler: ModeHandler): void {
  handlers[mode] = handler;
}

export async function runTool(argv: string[], out: TextSink, err: TextSink): Promise<number> {
  const parsed = parseTspycArgs(argv);
  if (typeof parsed === "string") {
    if (parsed === "") {
      out.write(USAGE);
      return 0;
    }
    err.write(`tspyc: ${parsed}\n${USAGE}`);
    return 2;
  }
  await import("./tspycHandlers.js");
  const handler = handlers[parsed.mode];
  if (!handler) {
    err.write(`tspyc: ${parsed.mode === "compile" ? "compiling" : `--${parsed.mode}`} is not available yet\n`);
    return 2;
  }
  return handler(parsed, out, err);
}
