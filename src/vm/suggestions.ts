// "Did you mean: ...?" for NameError, AttributeError and ImportError in printed tracebacks
// (traceback._compute_suggestion_error with CPython's _suggestions module: the C
// levenshtein_distance over UTF-8 bytes, MOVE_COST 2, CASE_COST 1).
import { PyObj, None } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import {
  PyBaseException, NameError, AttributeError, ImportError, excField,
} from "../objects/exceptions.js";
import { call, toArray, getAttrOrNull, contains } from "../objects/abstract.js";
import type { PyTraceback } from "./traceback.js";
import { frameLocals } from "./frameobject.js";
import type { Frame } from "./frame.js";

const MAX_CANDIDATE_ITEMS = 750;
const MAX_STRING_SIZE = 40;
const MOVE_COST = 2;
const CASE_COST = 1;
const utf8 = new TextEncoder();

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  if (a >= 65 && a <= 90) a += 32;
  if (b >= 65 && b <= 90) b += 32;
  return a === b ? CASE_COST : MOVE_COST;
}

/** Python/suggestions.c levenshtein_distance (on UTF-8 bytes). */
function levenshtein(aIn: Uint8Array, bIn: Uint8Array, maxCost: number): number {
  let a = aIn, b = bIn;
  let aStart = 0, bStart = 0, aSize = a.length, bSize = b.length;
  while (aSize && bSize && a[aStart] === b[bStart]) {
    aStart++;
    aSize--;
    bStart++;
    bSize--;
  }
  while (aSize && bSize && a[aStart + aSize - 1] === b[bStart + bSize - 1]) {
    aSize--;
    bSize--;
  }
  if (aSize === 0 || bSize === 0) return (aSize + bSize) * MOVE_COST;
  if (aSize > MAX_STRING_SIZE || bSize > MAX_STRING_SIZE) return maxCost + 1;
  if (bSize < aSize) {
    [a, b] = [b, a];
    [aStart, bStart] = [bStart, aStart];
    [aSize, bSize] = [bSize, aSize];
  }
  if ((bSize - aSize) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  for (let i = 0; i < aSize; i++) buffer.push((i + 1) * MOVE_COST);
  let result = 0;
  for (let bi = 0; bi < bSize; bi++) {
    const code = b[bStart + bi];
    let distance = (result = bi * MOVE_COST);
    let minimum = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < aSize; i++) {
      const substitute = distance + substitutionCost(code, a[aStart + i]);
      distance = buffer[i];
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** _suggestions._generate_suggestions(candidates, name). */
function closest(candidates: PyObj[], name: string): string | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return null;
  const nameBytes = utf8.encode(name);
  let best = Number.MAX_SAFE_INTEGER;
  let suggestion: string | null = null;
  for (const item of candidates) {
    if (typeof item !== "string" || item === name) continue;
    const itemBytes = utf8.encode(item);
    let maxDistance = Math.floor(((nameBytes.length + itemBytes.length + 3) * MOVE_COST) / 6);
    maxDistance = Math.min(maxDistance, best - 1);
    const d = levenshtein(nameBytes, itemBytes, maxDistance);
    if (d > maxDistance) continue;
    if (suggestion === null || d < best) {
      suggestion = item;
      best = d;
    }
  }
  return suggestion;
}

function lastFrame(tb: PyTraceback | null): Frame | null {
  if (tb === null) return null;
  let t = tb;
  while (t.next !== null) t = t.next as PyTraceback;
  return t.frame;
}

function keysOf(mapping: PyObj): PyObj[] {
  return mapping instanceof PyDict ? mapping.keys() : toArray(mapping);
}

/** The builtins dict to call dir()/__import__ from: the innermost frame's. */
function builtinsOf(exc: PyBaseException): PyDict | null {
  const f = lastFrame(exc.traceback as PyTraceback | null);
  return f === null ? null : f.builtins;
}

/** traceback._compute_suggestion_error. */
function computeSuggestion(exc: PyBaseException, wrongName: string): string | null {
  let candidates: PyObj[];
  const builtins = builtinsOf(exc);
  if (exc.type.isSubtypeOf(AttributeError)) {
    const dirFn = builtins?.getStr("dir");
    if (dirFn === undefined) return null;
    const obj = excField(exc, "obj");
    try {
      candidates = toArray(call(dirFn, [obj]));
      let hideUnderscored = !wrongName.startsWith("_");
      if (hideUnderscored) {
        const f = lastFrame(exc.traceback as PyTraceback | null);
        if (f !== null) {
          const locals = frameLocals(f);
          const self = locals instanceof PyDict ? locals.getStr("self") : undefined;
          if (self === obj) hideUnderscored = false;
        }
      }
      if (hideUnderscored) candidates = candidates.filter((x) => !(typeof x === "string" && x.startsWith("_")));
    } catch {
      return null;
    }
  } else if (exc.type.isSubtypeOf(ImportError)) {
    const imp = builtins?.getStr("__import__");
    const dirFn = builtins?.getStr("dir");
    if (imp === undefined || dirFn === undefined) return null;
    try {
      const mod = call(imp, [excField(exc, "name")]);
      candidates = toArray(call(dirFn, [mod]));
      if (!wrongName.startsWith("_")) candidates = candidates.filter((x) => !(typeof x === "string" && x.startsWith("_")));
    } catch {
      return null;
    }
  } else {
    const f = lastFrame(exc.traceback as PyTraceback | null);
    if (f === null) return null;
    const locals = frameLocals(f);
    candidates = [...keysOf(locals), ...f.globals.keys(), ...f.builtins.keys()];
    const self = locals instanceof PyDict ? locals.getStr("self") : undefined;
    if (self !== undefined) {
      let has = false;
      try {
        has = getAttrOrNull(self, wrongName) !== null;
      } catch {
        has = false;
      }
      if (has) return `self.${wrongName}`;
    }
  }
  return closest(candidates, wrongName);
}

/** What TracebackException appends to str(exc) for these exception types ("" if nothing). */
export function suggestionSuffix(exc: PyObj): string {
  if (!(exc instanceof PyBaseException)) return "";
  const t = exc.type;
  if (t.isSubtypeOf(ImportError)) {
    const nameFrom = excField(exc, "name_from");
    if (typeof nameFrom !== "string") return "";
    const s = computeSuggestion(exc, nameFrom);
    return s !== null ? `. Did you mean: '${s}'?` : "";
  }
  if (!t.isSubtypeOf(NameError) && !t.isSubtypeOf(AttributeError)) return "";
  const name = excField(exc, "name");
  if (name === None || typeof name !== "string") return "";
  const s = computeSuggestion(exc, name);
  let out = s !== null ? `. Did you mean: '${s}'?` : "";
  if (t.isSubtypeOf(NameError) && isStdlibModuleName(exc, name)) {
    out += s !== null ? ` Or did you forget to import '${name}'?` : `. Did you forget to import '${name}'?`;
  }
  return out;
}

function isStdlibModuleName(exc: PyBaseException, name: string): boolean {
  const imp = builtinsOf(exc)?.getStr("__import__");
  if (imp === undefined) return false;
  try {
    const sys = call(imp, ["sys"]);
    const names = getAttrOrNull(sys, "stdlib_module_names");
    return names !== null && contains(names, name);
  } catch {
    return false;
  }
}
