// The source part of one traceback entry, as CPython 3.13's traceback.py prints it
// (StackSummary.format_frame_summary): the instruction's lines, dedented, with the
// ^^^/~~~ markers when _should_show_carets says so, anchors found by parsing the
// instruction's text (_extract_caret_anchors_from_line_segment), and "...<N lines>..."
// between the significant lines of a multi-line instruction.
import { parse } from "../parser/parser.js";
import type * as A from "../ast/nodes.generated.js";

/** What the caller knows about the instruction: 1-based lines, UTF-8 byte columns; -1 = None. */
export interface SourcePosition {
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
}

interface Anchors {
  leftEndLineno: number;
  leftEndOffset: number;
  rightStartLineno: number;
  rightStartOffset: number;
  primaryChar: string;
  secondaryChar: string;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

/** _byte_offset_to_character_offset: UTF-8 byte offset -> index in code points. */
function byteToCharOffset(line: string, byteOffset: number): number {
  const bytes = utf8.encode(line);
  return Array.from(utf8Decoder.decode(bytes.subarray(0, Math.max(0, byteOffset)))).length;
}

/** Python's str.splitlines() for the separators source text can hold. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split(/\r\n|\r|\n/);
  if (/(\r\n|\r|\n)$/.test(text)) parts.pop();
  return parts;
}

function isSpace(ch: string): boolean {
  return /^\s$/u.test(ch);
}

/** textwrap.dedent. */
function dedent(text: string): string {
  // Whitespace-only lines are normalised to empty and do not count for the margin.
  const lines = text.split("\n").map((l) => (/^[ \t]+$/.test(l) ? "" : l));
  let margin: string | null = null;
  for (const l of lines) {
    if (l === "") continue;
    const indent = /^[ \t]*/.exec(l)![0];
    if (margin === null) margin = indent;
    else if (indent.startsWith(margin)) continue;
    else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (!margin) return lines.join("\n");
  const m = margin;
  return lines.map((l) => (l.startsWith(m) ? l.slice(m.length) : l)).join("\n");
}

/** textwrap.indent(text, prefix, lambda line: True). */
function indentAll(text: string, prefix: string): string {
  return text.split(/(?<=\n)/).map((l) => prefix + l).join("");
}

/** Code points of a string (Python indexes strings by code point). */
function cps(s: string): string[] {
  return Array.from(s);
}

/** _display_width: wide East Asian characters count twice. */
function displayWidth(line: string, offset?: number): number {
  const chars = cps(line);
  const n = offset === undefined ? chars.length : offset;
  if (/^[\x00-\x7f]*$/.test(line)) return n;
  let w = 0;
  for (const ch of chars.slice(0, n)) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

/** East Asian Width W or F (the common ranges). */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

function tryParse(text: string): A.Module | null {
  try {
    return parse(text, "<unknown>", "exec");
  } catch {
    return null;
  }
}

/** _extract_caret_anchors_from_line_segment. */
function extractAnchors(segment: string): Anchors | null {
  const tree = tryParse(`(\n${segment}\n)`);
  if (tree === null || tree.body.length !== 1) return null;
  const lines = splitLines(segment).map(cps);
  const lineText = splitLines(segment);
  const normalize = (lineno: number, offset: number) => byteToCharOffset(lineText[lineno], offset);
  const nextValidChar = (lineno: number, col: number): [number, number] => {
    while (lineno < lines.length && col >= lines[lineno].length) {
      col = 0;
      lineno++;
    }
    if (!(lineno < lines.length && col < lines[lineno].length)) throw new Error("no valid char");
    return [lineno, col];
  };
  const increment = (lineno: number, col: number) => nextValidChar(lineno, col + 1);
  const nextline = (lineno: number) => nextValidChar(lineno + 1, 0);
  const incrementUntil = (lineno: number, col: number, stop: (ch: string) => boolean): [number, number] => {
    for (;;) {
      const ch = lines[lineno][col];
      if (ch === "\\" || ch === "#") [lineno, col] = nextline(lineno);
      else if (!stop(ch)) [lineno, col] = increment(lineno, col);
      else break;
    }
    return [lineno, col];
  };
  const setupPositions = (e: A.expr, forceValid = true): [number, number] => {
    const lineno = e.end_lineno - 2;
    const col = normalize(lineno, e.end_col_offset);
    return forceValid ? nextValidChar(lineno, col) : [lineno, col];
  };
  const statement = tree.body[0];
  if (statement._kind !== "Expr") return null;
  const expr = statement.value;
  try {
    if (expr._kind === "BinOp") {
      let [lineno, col] = setupPositions(expr.left);
      [lineno, col] = incrementUntil(lineno, col, (x) => !isSpace(x) && x !== ")");
      let rightCol = col + 1;
      if (rightCol < lines[lineno].length &&
        (expr.right.lineno - 2 > lineno || rightCol < normalize(expr.right.lineno - 2, expr.right.col_offset))) {
        const ch = lines[lineno][rightCol];
        if (!isSpace(ch) && ch !== "\\" && ch !== "#") rightCol++;
      }
      return { leftEndLineno: lineno, leftEndOffset: col, rightStartLineno: lineno, rightStartOffset: rightCol, primaryChar: "~", secondaryChar: "^" };
    }
    if (expr._kind === "Subscript" || expr._kind === "Call") {
      const inner = expr._kind === "Subscript" ? expr.value : expr.func;
      const bracket = expr._kind === "Subscript" ? "[" : "(";
      let [leftLineno, leftCol] = setupPositions(inner);
      [leftLineno, leftCol] = incrementUntil(leftLineno, leftCol, (x) => x === bracket);
      const [rightLineno, rightCol] = setupPositions(expr, false);
      return { leftEndLineno: leftLineno, leftEndOffset: leftCol, rightStartLineno: rightLineno, rightStartOffset: rightCol, primaryChar: "~", secondaryChar: "^" };
    }
  } catch {
    return null;
  }
  return null;
}

/** StackSummary._should_show_carets. */
function shouldShowCarets(startOffset: number, endOffset: number, allLines: string[], anchors: Anchors | null): boolean {
  const tree = tryParse(allLines.join("\n"));
  if (tree !== null) {
    if (tree.body.length === 0) return false;
    const statement = tree.body[0];
    let value: A.expr | null = null;
    if (statement._kind === "Return" && statement.value !== null && statement.value._kind === "Call") {
      if (statement.value.func._kind === "Name") value = statement.value;
    } else if (statement._kind === "Assign" && statement.value._kind === "Call") {
      if (statement.targets.length === 1 && statement.targets[0]._kind === "Name") value = statement.value;
    }
    // (CPython compares the AST's byte columns with character offsets here.)
    if (value !== null && value.lineno === 1 && value.end_lineno === allLines.length &&
      value.col_offset === startOffset && value.end_col_offset === endOffset) {
      return false;
    }
  }
  if (anchors !== null) return true;
  const first = cps(allLines[0]), last = cps(allLines[allLines.length - 1]);
  return first.slice(0, startOffset).join("").trimStart() !== "" || last.slice(endOffset).join("").trimEnd() !== "";
}

/** The "    source\n    carets\n" text of one entry ("" when there is no source). */
export function formatEntrySource(lines: string[] | null, pos: SourcePosition, carets = true): string {
  if (lines === null || pos.lineno < 1) return "";
  const endLineno = pos.endLineno < 1 ? pos.lineno : pos.endLineno;
  // linecache.getline(...).rstrip() for each line of the instruction.
  const original: string[] = [];
  for (let n = pos.lineno; n <= endLineno; n++) original.push((lines[n - 1] ?? "").replace(/\s+$/u, ""));
  const originalText = original.join("\n") + "\n";
  const dedentedText = dedent(originalText);
  if (dedentedText.trim() === "") return "";
  if (pos.col < 0 || pos.endCol < 0 || pos.endLineno < 1) {
    return `    ${original[0].trim()}\n`;
  }
  const firstLine = original[0];
  const lastLine = original[endLineno - pos.lineno];
  let startOffset = byteToCharOffset(firstLine, pos.col);
  let endOffset = byteToCharOffset(lastLine, pos.endCol);
  const allLines = splitLines(dedentedText).slice(0, endLineno - pos.lineno + 1);
  const dedentChars = cps(firstLine).length - cps(allLines[0]).length;
  startOffset = Math.max(0, startOffset - dedentChars);
  endOffset = Math.max(0, endOffset - dedentChars);
  const dpStart = displayWidth(allLines[0], startOffset);
  const dpEnd = displayWidth(allLines[allLines.length - 1], endOffset);
  let segment = allLines.join("\n");
  const segCps = cps(segment);
  segment = segCps.slice(startOffset, segCps.length - (cps(allLines[allLines.length - 1]).length - endOffset)).join("");
  const anchors = extractAnchors(segment);
  const showCarets = carets && shouldShowCarets(startOffset, endOffset, allLines, anchors);

  const significant = new Set<number>([0, allLines.length - 1]);
  let leftEnd = 0, rightStart = 0;
  let primary = "^", secondary = "^";
  if (anchors !== null) {
    leftEnd = anchors.leftEndOffset;
    rightStart = anchors.rightStartOffset;
    if (anchors.leftEndLineno === 0) leftEnd += startOffset;
    if (anchors.rightStartLineno === 0) rightStart += startOffset;
    leftEnd = displayWidth(allLines[anchors.leftEndLineno], leftEnd);
    rightStart = displayWidth(allLines[anchors.rightStartLineno], rightStart);
    primary = anchors.primaryChar;
    secondary = anchors.secondaryChar;
    for (let k = anchors.leftEndLineno - 1; k < anchors.leftEndLineno + 2; k++) significant.add(k);
    for (let k = anchors.rightStartLineno - 1; k < anchors.rightStartLineno + 2; k++) significant.add(k);
  }
  significant.delete(-1);
  significant.delete(allLines.length);

  const result: string[] = [];
  const outputLine = (lineno: number) => {
    const text = allLines[lineno];
    result.push(text + "\n");
    if (!showCarets) return;
    const numSpaces = cps(text).length - cps(text.trimStart()).length;
    const numCarets = lineno === allLines.length - 1 ? dpEnd : displayWidth(text);
    let carets = "";
    for (let col = 0; col < numCarets; col++) {
      if (col < numSpaces || (lineno === 0 && col < dpStart)) carets += " ";
      else if (anchors !== null &&
        (lineno > anchors.leftEndLineno || (lineno === anchors.leftEndLineno && col >= leftEnd)) &&
        (lineno < anchors.rightStartLineno || (lineno === anchors.rightStartLineno && col < rightStart))) {
        carets += secondary;
      } else {
        carets += primary;
      }
    }
    result.push(carets + "\n");
  };
  const sig = [...significant].sort((a, b) => a - b);
  for (let i = 0; i < sig.length; i++) {
    const lineno = sig[i];
    if (i > 0) {
      const diff = lineno - sig[i - 1];
      if (diff === 2) outputLine(lineno - 1);
      else if (diff > 2) result.push(`...<${diff - 1} lines>...\n`);
    }
    outputLine(lineno);
  }
  return indentAll(dedent(result.join("")), "    ");
}
