// Source bytes -> source text, as CPython's tokenizer reads a file given as bytes: the
// UTF-8 BOM, PEP 263 coding declarations (UTF-8 and Latin-1 families), invalid UTF-8
// and NUL bytes give CPython's SyntaxErrors. Newlines are normalized to "\n" (CPython
// translates "\r\n" and "\r" the same way before tokenizing).
import { CompileError } from "../ast/compileError.js";

const CODING_RE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function normalizeEncoding(name: string): string {
  const n = name.toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n.startsWith("utf-8-")) return "utf-8";
  if (n === "utf8" || n === "u8") return "utf-8";
  if (n === "latin-1" || n === "iso-8859-1" || n === "iso-latin-1" || n.startsWith("latin-1-") || n.startsWith("iso-8859-1-") || n.startsWith("iso-latin-1-") || n === "latin1" || n === "iso8859-1" || n === "l1") {
    return "iso-8859-1";
  }
  // Python's codec aliases of latin_1 (encodings/aliases.py) that the rule above misses.
  if (n === "latin" || n === "iso8859" || n === "8859" || n === "cp819" || n === "iso-ir-100" || n === "csisolatin1" || n === "ibm819" || n === "iso-8859-1-1987") {
    return "iso-8859-1";
  }
  if (n === "ascii" || n === "us-ascii") return "ascii";
  if (n === "cp1252" || n === "windows-1252") return "windows-1252";
  return n;
}

function fail(message: string, filename: string, lineno = -1, offset = -1, text: string | null = null, endOffset = -1): never {
  throw new CompileError("SyntaxError", message, filename, lineno, offset, lineno, endOffset, text, true);
}

/** CPython's get_normal_name: "utf-8" and the Latin-1 names normalized, any other name as it is. */
function cpythonNormalName(declared: string): string {
  const n = declared.slice(0, 12).toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n.startsWith("utf-8-")) return "utf-8";
  if (n === "latin-1" || n === "iso-8859-1" || n === "iso-latin-1" || n.startsWith("latin-1-") || n.startsWith("iso-8859-1-") || n.startsWith("iso-latin-1-")) {
    return "iso-8859-1";
  }
  return declared;
}

/** An encoding Node can decode (the codecs beyond UTF-8 and Latin-1 that a coding declaration may name). */
function isDecodable(encoding: string): boolean {
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return false;
  }
}

/** CPython's file tokenizer: the line with the NUL (its text up to the NUL), no column. */
function failNullInFile(bytes: Uint8Array, nul: number, filename: string): never {
  let lineno = 1;
  for (let i = 0; i < nul; i++) if (bytes[i] === 10) lineno++;
  const lineStart = bytes.lastIndexOf(10, nul - 1) + 1;
  const text = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, nul));
  throw new CompileError("SyntaxError", "source code cannot contain null bytes", filename, lineno, 0, lineno, 0, text);
}

/** Find the coding declaration on line 1 or 2 (line 2 only if line 1 is blank or a comment). */
function findCoding(bytes: Uint8Array): string | null {
  let end1 = bytes.indexOf(10);
  if (end1 < 0) end1 = bytes.length;
  const line1 = String.fromCharCode(...bytes.subarray(0, Math.min(end1, 400)));
  const m1 = CODING_RE.exec(line1);
  if (m1) return m1[1];
  if (!/^[ \t\f]*(#.*)?\r?$/.test(line1) || end1 >= bytes.length) return null;
  let end2 = bytes.indexOf(10, end1 + 1);
  if (end2 < 0) end2 = bytes.length;
  const line2 = String.fromCharCode(...bytes.subarray(end1 + 1, Math.min(end2, end1 + 1 + 400)));
  const m2 = CODING_RE.exec(line2);
  return m2 ? m2[1] : null;
}

/** The reason CPython's UTF-8 codec gives for the bad sequence at `i`. */
function utf8Problem(bytes: Uint8Array): { index: number; reason: string } | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return { index: i, reason: "invalid start byte" };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { index: i, reason: "unexpected end of data" };
      const c = bytes[i + k];
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return { index: i, reason: "invalid continuation byte" };
    }
    i += need + 1;
  }
  return null;
}

/**
 * `fileInput`: the bytes are a file CPython's tokenizer reads line by line (the main
 * script): a NUL byte is then "source code cannot contain null bytes" at its line.
 */
/**
 * Decodes bytes in a codec Node's TextDecoder does not have (cp437, ...): the runtime's
 * codecs module. Returns null for an unknown encoding.
 */
export type SourceDecoder = (bytes: Uint8Array, encoding: string) => string | null;

export function decodeSource(source: string | Uint8Array, filename: string, fileInput = false, decodeWith: SourceDecoder | null = null): string {
  let text: string;
  if (typeof source === "string") {
    text = source;
  } else {
    let bytes = source;
    let bom = false;
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
      bom = true;
    }
    const declared = findCoding(bytes);
    let encoding = "utf-8";
    if (declared !== null) {
      encoding = normalizeEncoding(declared);
      // With a BOM the declaration must be UTF-8 by CPython's get_normal_name, which knows
      // only "utf-8" and the Latin-1 spellings ("utf8" is a codec alias, not accepted here).
      const cpythonName = cpythonNormalName(declared);
      if (bom && cpythonName !== "utf-8") fail(`encoding problem: ${cpythonName} with BOM`, filename, 0);
      if (encoding !== "utf-8" && encoding !== "iso-8859-1" && encoding !== "ascii" && !isDecodable(encoding)) {
        const decoded = decodeWith === null || bytes.indexOf(0) >= 0 ? null : decodeWith(bytes, declared);
        if (decoded === null) fail(`unknown encoding: ${declared}`, filename, 0);
        return decoded.indexOf("\r") >= 0 ? decoded.replace(/\r\n?/g, "\n") : decoded;
      }
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0 && fileInput) failNullInFile(bytes, nul, filename);
    if (nul >= 0) fail("source code string cannot contain null bytes", filename);
    if (encoding === "utf-8" || encoding === "ascii") {
      const bad = utf8Problem(bytes);
      if (bad !== null && fileInput && declared === null) {
        // CPython's file tokenizer (no coding declaration): no position, the line in the text.
        let lineno = 1;
        for (let i = 0; i < bad.index; i++) if (bytes[i] === 10) lineno++;
        fail(
          `Non-UTF-8 code starting with '\\x${bytes[bad.index].toString(16).padStart(2, "0")}' in file ${filename} on line ${lineno}, ` +
            "but no encoding declared; see https://peps.python.org/pep-0263/ for details",
          filename,
        );
      }
      if (bad !== null) {
        let lineStart = bytes.lastIndexOf(10, bad.index - 1) + 1;
        if (bad.index === 0) lineStart = 0;
        let lineno = 1;
        for (let i = 0; i < lineStart; i++) if (bytes[i] === 10) lineno++;
        let lineEnd = bytes.indexOf(10, bad.index);
        if (lineEnd < 0) lineEnd = bytes.length;
        const lineText = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, lineEnd + 1));
        const col = bad.index - lineStart;
        fail(
          `(unicode error) 'utf-8' codec can't decode byte 0x${bytes[bad.index].toString(16).padStart(2, "0")} in position ${col}: ${bad.reason}`,
          filename, lineno, col + 1, lineText,
        );
      }
      text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    } else if (encoding === "iso-8859-1") {
      // Not TextDecoder: the Encoding Standard reads "iso-8859-1" as windows-1252.
      text = "";
      for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    } else {
      text = new TextDecoder(encoding).decode(bytes);
    }
  }
  if (text.indexOf("\0") >= 0) fail("source code string cannot contain null bytes", filename);
  if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
  return text;
}
