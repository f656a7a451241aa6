// _tokenize: TokenizerIter for tokenize.py (Python-tokenize.c), over TSPython's own
// tokenizer. The Python part re-inserts the COMMENT and NL tokens the parser's tokenizer
// leaves out; _n_tokenize hands over the parser tokens with character columns.
import { tokenize, T } from "../parser/tokenizer.js";
import { PyObj, None } from "../objects/core.js";
import type { PyModule } from "../objects/function.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyList, newTuple } from "../objects/sequence.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_tokenize: TokenizerIter over TSPython's own tokenizer (src/parser/tokenizer.ts).
The parser's tokenizer leaves out comments and blank lines; they are put back here."""

_TYPES = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 55, 8: 59, 9: 60, 10: 61}
COMMENT = 62
NL = 63

class TokenizerIter:
    def __init__(self, readline, *, extra_tokens=False, encoding=None):
        if isinstance(readline, str):
            text = readline
        else:
            parts = []
            while True:
                try:
                    line = readline()
                except StopIteration:
                    break
                if not line:
                    break
                if isinstance(line, bytes):
                    line = line.decode(encoding or 'utf-8')
                parts.append(line)
            text = ''.join(parts)
        self._gen = _tokens(text, extra_tokens)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._gen)

def _tokens(text, extra_tokens):
    raw, error = _n_tokenize(text)
    lines = text.splitlines(keepends=True)
    def line_of(row):
        return lines[row - 1] if 0 < row <= len(lines) else ''
    def gap(row, col, srow, scol):
        # comments and ends of lines between two tokens
        while row < srow or (row == srow and col < scol):
            line = line_of(row)
            end = scol if row == srow else len(line)
            seg = line[col:end]
            h = seg.find('#')
            if h >= 0:
                start = col + h
                comment = line[start:end].rstrip('\r\n')
                yield (COMMENT, comment, (row, start), (row, start + len(comment)), line)
            if row < srow:
                body = line.rstrip('\r\n')
                if not body.endswith('\\') and line.endswith(('\n', '\r')):
                    yield (NL, '\n', (row, len(body)), (row, len(body) + 1), line)
                elif not line:
                    break
            row += 1
            col = 0
    prev_row, prev_col = 1, 0
    nlines = len(lines)
    at_end = (nlines + 1, 0) if text.endswith(('\n', '\r')) else None
    for kind, string, srow, scol, erow, ecol in raw:
        t = _TYPES.get(kind, 55)
        if t == 4 and srow == erow:
            body = line_of(srow).rstrip('\r\n')
            if len(line_of(srow)) > len(body):
                scol, ecol = len(body), len(body) + 1
        elif t in (0, 6) and at_end is not None and (srow > nlines or (srow == nlines and scol >= len(line_of(srow).rstrip('\r\n')))):
            srow, scol = erow, ecol = at_end
        if t != 0:
            yield from gap(prev_row, prev_col, srow, scol)
        else:
            yield from gap(prev_row, prev_col, len(lines) + 1, 0)
        line = line_of(srow) if srow == erow else ''.join(lines[srow - 1:erow])
        if t == 4:
            string = '\n' if line.endswith(('\n', '\r')) or extra_tokens else ''
        elif t == 5:
            string = line[:ecol]
        elif t == 6:
            string = ''
        elif t == 0:
            string = ''
            line = ''
        yield (t, string, (srow, scol), (erow, ecol), line)
        if t == 4:
            prev_row, prev_col = srow + 1, 0
        elif t not in (5, 6):
            prev_row, prev_col = erow, ecol
    if error is not None:
        msg, lineno, offset = error
        raise SyntaxError(msg, ('<string>', lineno, offset, line_of(lineno), None, None))
`;

/** (tokens, error): tokens as (type, string, srow, scol, erow, ecol) with character columns. */
function nativeTokenize(text: string): PyObj {
  const tz = tokenize(text, "<string>");
  const out: PyObj[] = [];
  const colOf = (offset: number, row: number): number => offset - (tz.lineStarts[row - 1] ?? 0);
  for (const t of tz.tokens) {
    if (t.type === T.ERRORTOKEN) break;
    out.push(newTuple([t.type, t.string, t.lineno, colOf(t.start, t.lineno), t.endLineno, colOf(t.end, t.endLineno)]));
  }
  const e = tz.stopError;
  const error = e === null ? None : newTuple([e.message, e.lineno, e.offset]);
  return newTuple([new PyList(out), error]);
}

export function makeTokenizeModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_tokenize", SOURCE, (m) => {
    m.dict.setStr("_n_tokenize", new PyBuiltinFunction("_n_tokenize", (a) => nativeTokenize(String(a[0]))));
  });
}
