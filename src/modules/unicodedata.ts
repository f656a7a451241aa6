// unicodedata (Modules/unicodedata.c), the properties TSPython has tables for: category,
// bidirectional, east_asian_width, combining, mirrored, decimal (Unicode 15.1, generated
// from CPython's own database by tools/gen-unicodedata.mjs), and normalize /
// is_normalized (JavaScript's String.prototype.normalize). name/lookup/digit/numeric and
// decomposition are not here yet (AttributeError).
import { PyObj, typeOf } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { decimalValue } from "../objects/unicode.js";
import { defModuleFn } from "./modutil.js";
import {
  UNIDATA_VERSION, CATEGORY_VALUES, CATEGORY_RUNS, BIDIRECTIONAL_VALUES, BIDIRECTIONAL_RUNS,
  EAST_ASIAN_WIDTH_VALUES, EAST_ASIAN_WIDTH_RUNS, COMBINING_VALUES, COMBINING_RUNS, MIRRORED_VALUES, MIRRORED_RUNS,
} from "./unicodedataTables.generated.js";

/** A run-length table: value index of the run that contains each code point. */
class RunTable<T> {
  declare readonly starts: Int32Array;
  declare readonly indexes: Uint8Array;
  declare readonly values: readonly T[];
  constructor(runs: string, values: readonly T[]) {
    const parts = runs.split(",");
    this.starts = new Int32Array(parts.length);
    this.indexes = new Uint8Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const colon = parts[i].indexOf(":");
      this.starts[i] = parseInt(parts[i].slice(0, colon), 16);
      this.indexes[i] = Number(parts[i].slice(colon + 1));
    }
    this.values = values;
  }
  get(cp: number): T {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= cp) lo = mid;
      else hi = mid - 1;
    }
    return this.values[this.indexes[lo]];
  }
}

/** The one character of argument `v` (CPython: "argument must be a unicode character"). */
function charOf(fname: string, v: PyObj): number {
  if (typeof v !== "string") throw typeError(`${fname}() argument must be a unicode character, not ${typeOf(v).name}`);
  const cp = v.codePointAt(0);
  if (cp === undefined || v.length !== (cp > 0xffff ? 2 : 1)) {
    throw typeError(`${fname}() argument must be a unicode character, not str`);
  }
  return cp;
}

const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);

export function makeUnicodedataModule(): PyModule {
  const m = new PyModule("unicodedata");
  m.dict.setStr("unidata_version", UNIDATA_VERSION);
  const tables: [string, RunTable<string | number>][] = [
    ["category", new RunTable<string | number>(CATEGORY_RUNS, CATEGORY_VALUES)],
    ["bidirectional", new RunTable<string | number>(BIDIRECTIONAL_RUNS, BIDIRECTIONAL_VALUES)],
    ["east_asian_width", new RunTable<string | number>(EAST_ASIAN_WIDTH_RUNS, EAST_ASIAN_WIDTH_VALUES)],
    ["combining", new RunTable<string | number>(COMBINING_RUNS, COMBINING_VALUES)],
    ["mirrored", new RunTable<string | number>(MIRRORED_RUNS, MIRRORED_VALUES)],
  ];
  for (const [name, table] of tables) {
    defModuleFn(m, name, (a) => {
      if (a.length !== 1) throw typeError(`${name}() takes exactly one argument (${a.length} given)`);
      return table.get(charOf(name, a[0]));
    });
  }
  defModuleFn(m, "decimal", (a) => {
    if (a.length < 1 || a.length > 2) throw typeError(`decimal expected at most 2 arguments, got ${a.length}`);
    const d = decimalValue(charOf("decimal", a[0]));
    if (d >= 0) return d;
    if (a.length === 2) return a[1];
    throw valueError("not a decimal");
  });
  const formOf = (fname: string, v: PyObj): string => {
    if (typeof v !== "string") throw typeError(`${fname}() argument 1 must be str, not ${typeOf(v).name}`);
    if (!FORMS.has(v)) throw valueError("invalid normalization form");
    return v;
  };
  const textOf = (fname: string, v: PyObj): string => {
    if (typeof v !== "string") throw typeError(`${fname}() argument 2 must be str, not ${typeOf(v).name}`);
    return v;
  };
  defModuleFn(m, "normalize", (a) => {
    if (a.length !== 2) throw typeError(`normalize expected 2 arguments, got ${a.length}`);
    const form = formOf("normalize", a[0]);
    return textOf("normalize", a[1]).normalize(form);
  });
  defModuleFn(m, "is_normalized", (a) => {
    if (a.length !== 2) throw typeError(`is_normalized expected 2 arguments, got ${a.length}`);
    const form = formOf("is_normalized", a[0]);
    const s = textOf("is_normalized", a[1]);
    return s.normalize(form) === s;
  });
  return m;
}
