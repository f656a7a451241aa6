// Docstring cleaning as CPython 3.13 does it at compile time (_PyCompile_CleanDoc):
// tabs expanded, the common leading-space margin of lines 2.. removed, and the first
// line's leading spaces dropped.

/** str.expandtabs(8) */
function expandTabs(s: string): string {
  if (!s.includes("\t")) return s;
  let out = "";
  let col = 0;
  for (const ch of s) {
    if (ch === "\t") {
      const n = 8 - (col % 8);
      out += " ".repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === "\n" || ch === "\r" ? 0 : col + 1;
    }
  }
  return out;
}

export function cleanDoc(doc0: string): string {
  const doc = expandTabs(doc0);
  const n = doc.length;
  let p = 0;
  // first line ends with '\n' or the end
  while (p < n && doc[p++] !== "\n") { /* skip */ }
  let margin = Infinity;
  while (p < n) {
    const s = p;
    while (p < n && doc[p] === " ") p++;
    if (p < n && doc[p] !== "\n") margin = Math.min(margin, p - s);
    while (p < n && doc[p++] !== "\n") { /* skip */ }
  }
  if (margin === Infinity) margin = 0;
  p = 0;
  while (p < n && doc[p] === " ") p++;
  if (p === 0 && margin === 0) return doc;
  let out = "";
  while (p < n) {
    const ch = doc[p++];
    out += ch;
    if (ch === "\n") break;
  }
  while (p < n) {
    for (let i = 0; i < margin; i++, p++) {
      if (doc[p] !== " ") break;
    }
    while (p < n) {
      const ch = doc[p++];
      out += ch;
      if (ch === "\n") break;
    }
  }
  return out;
}
