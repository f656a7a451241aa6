// tspyc: TSPython's compiler tool.
//   tspyc --dis [-C] FILE.pyc     disassemble a CPython 3.13 .pyc as `python3.13 -m dis` does
//   tspyc --ast [--indent N] FILE.py   print ast.dump(ast.parse(src), include_attributes=True)
//   tspyc FILE.py [-o OUT.pyc]    compile to a CPython 3.13 .pyc
// Each mode is filled in by the stage it belongs to; a mode whose stage is not built yet
// says so and exits 2.
import { runTool } from "./tspycModes.js";

export async function main(argv: string[]): Promise<number> {
  return runTool(argv, process.stdout, process.stderr);
}
