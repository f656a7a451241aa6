// tspython: the python3-compatible command line. It grows with the VM (issue 5); until
// then it answers --version/-V and says plainly what is not there yet.
import { PY_VERSION } from "../version.js";

const USAGE = "usage: tspython [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

export async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === "--version" || first === "-V") {
    process.stdout.write(`Python ${PY_VERSION}\n`);
    return 0;
  }
  if (first === "-h" || first === "--help" || first === "-?") {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(
    "tspython: running Python code is not available yet: the parser, compiler and VM are still being built\n",
  );
  return 2;
}
