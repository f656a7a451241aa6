// `tspyc --ast [--indent N] FILE.py`: print ast.dump(ast.parse(source, FILE),
// include_attributes=True), or the SyntaxError as CPython prints an uncaught one (exit 1).
import { readFileSync } from "node:fs";
import { CompileError } from "../ast/compileError.js";
import { dump, treeDepth } from "../ast/dump.js";
import { AST_RECURSION_MESSAGE, ParserLimitError } from "../parser/errors.js";
import { parseModule } from "../parser/parser.js";
import { registerMode, type TextSink, type TspycOptions } from "./tspycModes.js";

/** The lines CPython's traceback module prints for an uncaught SyntaxError. */
export function formatSyntaxError(e: CompileError): string {
  let out = "";
  let suffix = "";
  if (e.lineno >= 0) out += `  File "${e.filename}", line ${e.lineno}\n`;
  else suffix = ` (${e.filename})`;
  if (e.text !== null) {
    const rtext = e.text.replace(/\n+$/, "");
    const ltext = rtext.replace(/^[ \n\f]+/, "");
    const spaces = rtext.length - ltext.length;
    if (e.offset < 0) {
      out += `    ${ltext}\n`;
    } else {
      let offset = e.offset;
      let endOffset = e.lineno === e.endLineno ? (e.endOffset > 0 ? e.endOffset : offset) : rtext.length + 1;
      if (offset > e.text.length) offset = rtext.length + 1;
      if (endOffset > e.text.length) endOffset = rtext.length + 1;
      if (offset >= endOffset || endOffset < 0) endOffset = offset + 1;
      const colno = offset - 1 - spaces;
      const endColno = endOffset - 1 - spaces;
      out += `    ${ltext}\n`;
      if (colno >= 0) {
        let caretSpace = "";
        for (const ch of ltext.slice(0, colno)) caretSpace += /\s/.test(ch) ? ch : " ";
        out += `    ${caretSpace}${"^".repeat(endColno - colno)}\n`;
      }
    }
  }
  out += `${e.kind}: ${e.message}${suffix}\n`;
  return out;
}

/** CPython 3.13 converts an AST with at most this many nested nodes (the module is 1). */
const AST_MAX_DEPTH = 10000;

export function runAstMode(opts: TspycOptions, out: TextSink, err: TextSink): number {
  for (const file of opts.files) {
    let source: Uint8Array;
    try {
      source = readFileSync(file);
    } catch {
      err.write(`tspyc: can't open file '${file}'\n`);
      return 2;
    }
    try {
      const tree = parseModule(source, file);
      // ast.parse turns the tree into Python objects with a recursion limit.
      if (treeDepth(tree) > AST_MAX_DEPTH) throw new ParserLimitError("RecursionError", AST_RECURSION_MESSAGE);
      out.write(dump(tree, { includeAttributes: true, indent: opts.indent }) + "\n");
    } catch (e) {
      if (e instanceof CompileError) {
        err.write(formatSyntaxError(e));
        return 1;
      }
      if (e instanceof ParserLimitError) {
        err.write(`Traceback (most recent call last):\n  File "${file}", line 1, in <module>\n${e.kind}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  return 0;
}

registerMode("ast", runAstMode);
