// Parser unit tests (no oracle): source decoding, UTF-8 byte columns, constant values,
// parse modes and the `tspyc --ast` command. Expected texts are CPython 3.13's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseModule } from "../src/parser/parser.js";
import { dump } from "../src/ast/dump.js";
import { CompileError } from "../src/ast/compileError.js";
import * as A from "../src/ast/nodes.generated.js";
import { PyBytesValue, PyComplexValue, PySingletonValue } from "../src/bytecode/values.js";
import { projectRoot } from "./helpers/paths.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const d = (src: string | Uint8Array, mode: "exec" | "eval" | "single" | "func_type" = "exec", attrs = true): string =>
  dump(parse(src, "<test>", mode), { includeAttributes: attrs });

function syntaxError(src: string | Uint8Array): CompileError {
  try {
    parseModule(src, "<test>");
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  assert.fail("no error");
}

test("columns are UTF-8 byte offsets", () => {
  assert.equal(
    d('é = "ü" + x\n'),
    "Module(body=[Assign(targets=[Name(id='é', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], " +
      "value=BinOp(left=Constant(value='ü', lineno=1, col_offset=5, end_lineno=1, end_col_offset=9), op=Add(), " +
      "right=Name(id='x', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=5, " +
      "end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)])",
  );
});

test("source bytes: coding declarations, BOM, invalid UTF-8", () => {
  const latin1 = new Uint8Array([...enc("# -*- coding: latin-1 -*-\nx = \""), 0xe9, ...enc('"\n')]);
  assert.match(d(latin1), /Constant\(value='é', lineno=2, col_offset=4, end_lineno=2, end_col_offset=8\)/);
  assert.equal(d(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("x = 1\n")]), "exec", false),
    "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])");
  let e = syntaxError(new Uint8Array([...enc("x = 1\n"), 0xff, 10]));
  assert.equal(e.message, "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  assert.equal(e.lineno, 2);
  e = syntaxError(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("# coding: latin-1\nx=1\n")]));
  assert.equal(e.message, "encoding problem: iso-8859-1 with BOM");
  assert.equal(syntaxError(enc("# coding: foo\nx=1\n")).message, "unknown encoding: foo");
  assert.equal(syntaxError("x = 1\0\n").message, "source code string cannot contain null bytes");
  // "\r\n" and "\r" are newlines.
  assert.equal(d("x = 1\r\ny = 2\rz = 3", "exec", false), d("x = 1\ny = 2\nz = 3", "exec", false));
});

test("constant values use the bytecode layer's plain data", () => {
  const tree = parse("1j, 2.5, 10**100, b'\\x00', ..., None, True, 'a' 'b', 0xff, 1_000", "<t>", "eval") as A.Expression;
  const elts = (tree.body as A.Tuple).elts as A.Constant[];
  assert.ok(elts[0].value instanceof PyComplexValue && elts[0].value.imag === 1 && elts[0].value.real === 0);
  assert.equal(elts[1].value, 2.5);
  assert.equal(((elts[2] as unknown as A.BinOp).right as A.Constant).value, 100n);
  assert.ok(elts[3].value instanceof PyBytesValue && elts[3].value.bytes.length === 1 && elts[3].value.bytes[0] === 0);
  assert.equal(elts[4].value, PySingletonValue.Ellipsis);
  assert.equal(elts[5].value, null);
  assert.equal(elts[6].value, true);
  assert.equal(elts[7].value, "ab");
  assert.equal(elts[8].value, 255n);
  assert.equal(elts[9].value, 1000n);
  assert.equal(d("1j, 2.5, 10**100, b'\\x00', ..., None, True", "eval", false),
    "Expression(body=Tuple(elts=[Constant(value=1j), Constant(value=2.5), BinOp(left=Constant(value=10), op=Pow(), " +
      "right=Constant(value=100)), Constant(value=b'\\x00'), Constant(value=Ellipsis), Constant(value=None), Constant(value=True)], ctx=Load()))");
});

test("float and complex reprs in dumps", () => {
  assert.equal(d("1e16, 1e-5, 0.1, 1e22, 5e-324, 1e400, 2.0j, 1e16j, 0.0", "eval", false),
    "Expression(body=Tuple(elts=[Constant(value=1e+16), Constant(value=1e-05), Constant(value=0.1), Constant(value=1e+22), " +
      "Constant(value=5e-324), Constant(value=inf), Constant(value=2j), Constant(value=1e+16j), Constant(value=0.0)], ctx=Load()))");
});

test("parse modes as compile()'s", () => {
  assert.equal(d("x = 1", "single", false), "Interactive(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])");
  assert.equal(d("(int, *str) -> None", "func_type", false),
    "FunctionType(argtypes=[Name(id='int', ctx=Load()), Name(id='str', ctx=Load())], returns=Constant(value=None))");
  assert.equal(d("x\n\n", "eval", false), "Expression(body=Name(id='x', ctx=Load()))");
});

test("tspyc --ast prints the dump, or the SyntaxError as CPython does (exit 1)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tspyc-ast-"));
  const good = join(dir, "good.py");
  writeFileSync(good, "x = 1\n");
  let r = spawnSync(process.execPath, [`${projectRoot}/bin/tspyc.js`, "--ast", good], { encoding: "utf8" });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], " +
    "value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)])\n");
  r = spawnSync(process.execPath, [`${projectRoot}/bin/tspyc.js`, "--ast", "--indent", "1", good], { encoding: "utf8" });
  assert.equal(r.stdout.split("\n")[1], " body=[");
  const bad = join(dir, "bad.py");
  writeFileSync(bad, "x = (1,\n  2\nprint(x)\n");
  r = spawnSync(process.execPath, [`${projectRoot}/bin/tspyc.js`, "--ast", bad], { encoding: "utf8" });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `  File "${bad}", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n`);
});

test("SyntaxWarnings as CPython gives them (invalid escapes, number before keyword)", () => {
  const got: string[] = [];
  parse('x = "\\d"\ny = b"\\q"\nz = 1if y else 2\nw = """\n\\%"""\nv = "\\777"\n', "<w>", "exec", {
    onWarning: (w) => got.push(`${w.lineno} ${w.category}: ${w.message}`),
  });
  assert.deepEqual(got, [
    "1 SyntaxWarning: invalid escape sequence '\\d'",
    "2 SyntaxWarning: invalid escape sequence '\\q'",
    "3 SyntaxWarning: invalid decimal literal",
    "4 SyntaxWarning: invalid escape sequence '\\%'",
    "6 SyntaxWarning: invalid octal escape sequence '\\777'",
  ]);
});
