// dis: the text CPython 3.13.2's `dis.dis(code)` prints for a code object and, recursively,
// for the code objects among its constants (`dis.dis(code, show_caches=True)` with
// showCaches). Code-object addresses print as `0x...`, so the output compares directly with
// CPython's once its addresses are masked the same way.
//
// Receives: a CodeObject (ours or marshal's). Hands on: a string. Reads co_code, the
// exception table (exceptionTable.ts) and co_lines() (lineTable.ts); the layout follows
// Lib/dis.py of 3.13 (Formatter.print_instruction_line, ArgResolver.get_argval_argrepr).
import { CodeObject } from "./code.js";
import { decodeExceptionTable, type ExceptionTableEntry } from "./exceptionTable.js";
import { codeLines } from "./lineTable.js";
import {
  CACHE_ENTRIES, CACHE_FORMAT, CMP_OP, DEOPT_MAP, EXTENDED_ARG, FUNCTION_ATTR_FLAGS, INTRINSIC1_DESCS, INTRINSIC2_DESCS,
  NB_OPS, OPCODE_FLAGS, OPMAP, OPNAME, Op, OpFlag, SPECIALIZED_OPMAP,
} from "./opcodes.generated.js";
import { codeRepr, constRepr } from "./pyRepr.js";

export interface DisOptions {
  showCaches: boolean;
  /** dis.dis(show_offsets=True): a column of byte offsets. */
  showOffsets?: boolean;
}

/** An operand that points outside its table (dis itself would raise IndexError). */
export class DisError extends Error {
  constructor(readonly pyType: string, message: string) {
    super(message);
  }
}

const OPNAME_WIDTH = 20;
const OPARG_WIDTH = 5;
const NO_LINENO = "  --";
const NO_LINE = -1;

// Every opcode's printed name, specialised ones included (dis's _all_opname), and the
// opcode each one stands for (dis's _deoptop); real code objects only hold base opcodes.
const ALL_OPNAMES: string[] = OPNAME.slice(0, 256);
const DEOPT = new Uint8Array(256);
for (let op = 0; op < 256; op++) DEOPT[op] = op;
for (const [name, op] of Object.entries(SPECIALIZED_OPMAP)) {
  ALL_OPNAMES[op] = name;
  DEOPT[op] = OPMAP[DEOPT_MAP[name]];
}

/** Python's str.rjust/ljust on ASCII text. */
const rjust = (text: string, width: number): string => (text.length >= width ? text : " ".repeat(width - text.length) + text);
const ljust = (text: string, width: number): string => (text.length >= width ? text : text + " ".repeat(width - text.length));

/** One instruction as dis sees it (EXTENDED_ARG prefixes are instructions of their own). */
interface DisInstruction {
  offset: number; // in bytes
  op: number;
  arg: number | null; // null for opcodes without an argument
}

function unpackInstructions(code: Uint8Array): DisInstruction[] {
  const out: DisInstruction[] = [];
  let extendedArg = 0;
  let caches = 0;
  for (let i = 0; i < code.length; i += 2) {
    if (caches) {
      caches--;
      continue;
    }
    const op = code[i];
    const deop = DEOPT[op];
    caches = CACHE_ENTRIES[deop];
    let arg: number | null = null;
    if (OPCODE_FLAGS[deop] & OpFlag.HasArg) {
      arg = ((i + 1 < code.length ? code[i + 1] : 0) | extendedArg) >>> 0;
      // dis keeps the oparg a signed 32-bit C int.
      extendedArg = deop === EXTENDED_ARG ? (arg << 8) | 0 : 0;
      if (arg >= 0x80000000) arg -= 0x100000000;
    } else {
      extendedArg = 0;
    }
    out.push({ offset: i, op, arg });
  }
  return out;
}

function isBackwardJump(deop: number): boolean {
  return deop === Op.JUMP_BACKWARD || deop === Op.JUMP_BACKWARD_NO_INTERRUPT;
}

/** The byte offset a jump goes to (all 3.13 jumps are relative, past the caches). */
function jumpTarget(deop: number, arg: number, offset: number): number {
  const distance = isBackwardJump(deop) ? -arg : arg;
  return offset + 2 + distance * 2 + 2 * CACHE_ENTRIES[deop];
}

function nameAt(names: readonly string[], index: number, what: string): string {
  if (index < 0 || index >= names.length) throw new DisError("IndexError", `${what} index out of range`);
  return names[index];
}

class CodeDisassembler {
  private readonly lines: string[] = [];
  private readonly instructions: DisInstruction[];
  private readonly entries: ExceptionTableEntry[];
  private readonly labels = new Map<number, number>(); // byte offset -> label number
  private readonly lineStarts = new Map<number, number>(); // byte offset -> line (NO_LINE for None)
  private readonly linenoWidth: number;
  private readonly labelWidth: number;
  private readonly offsetWidth: number;

  constructor(private readonly code: CodeObject, private readonly showCaches: boolean, showOffsets: boolean) {
    this.offsetWidth = showOffsets ? String(Math.max(code.co_code.length - 2, 9999)).length : 0;
    this.instructions = unpackInstructions(code.co_code);
    this.entries = decodeExceptionTable(code.co_exceptiontable);

    const labelOffsets = new Set<number>();
    for (const ins of this.instructions) {
      const deop = DEOPT[ins.op];
      if (ins.arg !== null && OPCODE_FLAGS[deop] & OpFlag.HasJump) labelOffsets.add(jumpTarget(deop, ins.arg, ins.offset));
    }
    for (const e of this.entries) {
      labelOffsets.add(e.start * 2);
      labelOffsets.add(e.end * 2);
      labelOffsets.add(e.target * 2);
    }
    [...labelOffsets].sort((a, b) => a - b).forEach((offset, i) => this.labels.set(offset, i + 1));
    this.labelWidth = 4 + String(this.labels.size).length;

    // co_lines() already merges equal neighbours, so each range starts a line (findlinestarts).
    for (const [start, , line] of codeLines(code)) this.lineStarts.set(start, line);
    let maxLine = -1;
    let hasNone = false;
    for (const line of this.lineStarts.values()) {
      if (line === NO_LINE) hasNone = true;
      else if (line !== 0 && line > maxLine) maxLine = line; // dis drops 0 with filter(None, ...)
    }
    let width = maxLine === -1 ? 0 : Math.max(3, String(maxLine).length);
    if (width > 0 && width < NO_LINENO.length && hasNone) width = NO_LINENO.length;
    this.linenoWidth = width;
  }

  run(): string[] {
    for (const ins of this.instructions) {
      this.printInstruction(ins);
      if (this.showCaches) this.printCaches(ins);
    }
    if (this.entries.length > 0) {
      this.lines.push("ExceptionTable:");
      for (const e of this.entries) {
        const lasti = e.lasti ? " lasti" : "";
        this.lines.push(
          `  L${this.labels.get(e.start * 2)} to L${this.labels.get(e.end * 2)} -> L${this.labels.get(e.target * 2)} [${e.depth}]${lasti}`,
        );
      }
    }
    return this.lines;
  }

  private printInstruction(ins: DisInstruction): void {
    const line = this.lineStarts.get(ins.offset);
    const startsLine = line !== undefined;
    if (this.linenoWidth > 0 && startsLine && ins.offset > 0) this.lines.push("");
    const label = this.labels.get(ins.offset);
    const argrepr = ins.arg === null ? "" : this.argRepr(ins);
    this.printLine(startsLine ? line : undefined, label, ins.offset, ALL_OPNAMES[ins.op], ins.arg, argrepr);
  }

  /** The CACHE lines of `dis.dis(show_caches=True)`. */
  private printCaches(ins: DisInstruction): void {
    const deop = DEOPT[ins.op];
    if (CACHE_ENTRIES[deop] === 0) return;
    const format = CACHE_FORMAT[ALL_OPNAMES[deop]];
    if (format === undefined) return;
    const codeBytes = this.code.co_code;
    let offset = ins.offset;
    for (const [name, size] of Object.entries(format)) {
      // dis reads every field's value from the first cache unit (offset + 2), not from the
      // field's own position; reproduced as is.
      let value = 0n;
      const from = ins.offset + 2;
      const to = Math.min(from + 2 * size, codeBytes.length);
      for (let b = to - 1; b >= from; b--) value = (value << 8n) | BigInt(codeBytes[b]);
      for (let i = 0; i < size; i++) {
        offset += 2;
        this.printLine(undefined, undefined, offset, "CACHE", 0, i === 0 ? `${name}: ${value}` : "");
      }
    }
  }

  private printLine(
    line: number | undefined, label: number | undefined, offset: number, opname: string, arg: number | null, argrepr: string,
  ): void {
    const fields: string[] = [];
    if (this.linenoWidth > 0) {
      if (line === undefined) fields.push(" ".repeat(this.linenoWidth));
      else fields.push(rjust(line === NO_LINE ? NO_LINENO : String(line), this.linenoWidth));
    }
    fields.push(label === undefined ? " ".repeat(this.labelWidth) : rjust(`L${label}:`, this.labelWidth));
    if (this.offsetWidth > 0) fields.push(`${rjust(String(offset), this.offsetWidth)}  `);
    fields.push("   ");
    fields.push(ljust(opname, OPNAME_WIDTH));
    if (arg !== null) {
      const excess = Math.max(0, opname.length - OPNAME_WIDTH);
      fields.push(rjust(String(arg), OPARG_WIDTH - excess));
      if (argrepr) fields.push(`(${argrepr})`);
    }
    this.lines.push(fields.join(" ").trimEnd());
  }

  /** ArgResolver.get_argval_argrepr of 3.13's dis. */
  private argRepr(ins: DisInstruction): string {
    const arg = ins.arg as number;
    const deop = DEOPT[ins.op];
    const flags = OPCODE_FLAGS[deop];
    const code = this.code;
    if (flags & OpFlag.HasConst) {
      if (arg < 0 || arg >= code.co_consts.length) throw new DisError("IndexError", "tuple index out of range");
      return constRepr(code.co_consts[arg]);
    }
    if (flags & OpFlag.HasName) {
      // dis adds the NULL note only to a non-empty name.
      const withNote = (name: string, note: string): string => (arg & 1 && name !== "" ? name + note : name);
      if (deop === Op.LOAD_GLOBAL) return withNote(nameAt(code.co_names, arg >> 1, "name"), " + NULL");
      if (deop === Op.LOAD_ATTR) return withNote(nameAt(code.co_names, arg >> 1, "name"), " + NULL|self");
      if (deop === Op.LOAD_SUPER_ATTR) return withNote(nameAt(code.co_names, arg >> 2, "name"), " + NULL|self");
      return nameAt(code.co_names, arg, "name");
    }
    if (flags & (OpFlag.HasJump | OpFlag.HasExc)) {
      return `to L${this.labels.get(jumpTarget(deop, arg, ins.offset))}`;
    }
    if (deop === Op.LOAD_FAST_LOAD_FAST || deop === Op.STORE_FAST_LOAD_FAST || deop === Op.STORE_FAST_STORE_FAST) {
      const names = code.co_localsplusnames;
      return `${nameAt(names, arg >> 4, "local")}, ${nameAt(names, arg & 15, "local")}`;
    }
    if (flags & (OpFlag.HasLocal | OpFlag.HasFree)) return nameAt(code.co_localsplusnames, arg, "local");
    if (flags & OpFlag.HasCompare) {
      const op = nameAt(CMP_OP, arg >> 5, "comparison");
      return arg & 16 ? `bool(${op})` : op;
    }
    switch (deop) {
      case Op.CONVERT_VALUE:
        return nameAt(["", "str", "repr", "ascii"], arg, "conversion");
      case Op.SET_FUNCTION_ATTRIBUTE:
        return FUNCTION_ATTR_FLAGS.filter((_, i) => arg & (1 << i)).join(", ");
      case Op.BINARY_OP:
        if (arg < 0 || arg >= NB_OPS.length) throw new DisError("IndexError", "list index out of range");
        return NB_OPS[arg][1];
      case Op.CALL_INTRINSIC_1:
        return nameAt(INTRINSIC1_DESCS, arg, "intrinsic");
      case Op.CALL_INTRINSIC_2:
        return nameAt(INTRINSIC2_DESCS, arg, "intrinsic");
      default:
        return "";
    }
  }
}

function disassembleInto(code: CodeObject, opts: DisOptions, out: string[]): void {
  out.push(...new CodeDisassembler(code, opts.showCaches, opts.showOffsets === true).run());
  for (const value of code.co_consts) {
    if (value instanceof CodeObject) {
      out.push("");
      out.push(`Disassembly of ${codeRepr(value)}:`);
      disassembleInto(value, opts, out);
    }
  }
}

/** What `dis.dis(code, show_caches=..., show_offsets=...)` prints, recursively, with addresses as `0x...`. */
export function disassemble(code: CodeObject, opts: DisOptions = { showCaches: false }): string {
  const out: string[] = [];
  disassembleInto(code, opts, out);
  return out.join("\n") + "\n";
}
