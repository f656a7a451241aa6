// Structural pattern matching (PEP 634), as CPython 3.13's Python/compile.c compiles it.
// Every pattern routine consumes the subject on top of the stack and, on failure, jumps
// to the "fail_pop" label that pops exactly the items then on the stack (on_top plus the
// captured values stored underneath). Captures are stored only once the whole case matched.
import type * as ast from "../../ast/nodes.generated.js";
import { Op } from "../../bytecode/opcodes.generated.js";
import { PyTupleValue, type MarshalValue } from "../../bytecode/values.js";
import { NO_LOCATION, type Loc } from "../flowgraph.js";
import { type Codegen, locOf } from "../codegen.js";
import { setKey } from "../constants.js";
import { strRepr } from "./unparse.js";
import { constRepr } from "../../bytecode/pyRepr.js";

interface PatternContext {
  stores: string[];
  allowIrrefutable: boolean;
  failPop: number[];
  onTop: number;
}

const EQ = { _kind: "Eq" } as ast.cmpop;
const GTE = { _kind: "GtE" } as ast.cmpop;
const IS = { _kind: "Is" } as ast.cmpop;

function isWildcard(p: ast.pattern): boolean {
  return p._kind === "MatchAs" && p.pattern === null && p.name === null;
}

function isStarWildcard(p: ast.pattern): boolean {
  return p._kind === "MatchStar" && p.name === null;
}

function ensureFailPop(c: Codegen, pc: PatternContext, n: number): void {
  while (pc.failPop.length < n + 1) pc.failPop.push(c.newLabel());
}

function jumpToFailPop(c: Codegen, loc: Loc, pc: PatternContext, op: number): void {
  const pops = pc.onTop + pc.stores.length;
  ensureFailPop(c, pc, pops);
  c.addopJump(op, pc.failPop[pops], loc);
}

function emitAndResetFailPop(c: Codegen, loc: Loc, pc: PatternContext): void {
  if (!pc.failPop.length) return;
  for (let i = pc.failPop.length - 1; i > 0; i--) {
    c.useLabel(pc.failPop[i]);
    c.addop(Op.POP_TOP, loc);
  }
  c.useLabel(pc.failPop[0]);
  pc.failPop = [];
}

function rotate(c: Codegen, loc: Loc, count: number): void {
  while (count > 1) c.addopI(Op.SWAP, count--, loc);
}

function storeName(c: Codegen, loc: Loc, name: string | null, pc: PatternContext): void {
  if (name === null) {
    c.addop(Op.POP_TOP, loc);
    return;
  }
  c.checkForbiddenName(name, "Store", loc);
  if (pc.stores.includes(name)) throw c.error(`multiple assignments to name ${strRepr(name)} in pattern`, loc);
  rotate(c, loc, pc.onTop + pc.stores.length + 1);
  pc.stores.push(name);
}

function unpackHelper(c: Codegen, loc: Loc, elts: ast.pattern[]): void {
  const n = elts.length;
  let seenStar = false;
  for (let i = 0; i < n; i++) {
    if (elts[i]._kind === "MatchStar" && !seenStar) {
      if (i >= 1 << 8 || n - i - 1 >= 0x7fffffff >> 8) throw c.error("too many expressions in star-unpacking sequence pattern", loc);
      c.addopI(Op.UNPACK_EX, i + ((n - i - 1) << 8), loc);
      seenStar = true;
    } else if (elts[i]._kind === "MatchStar") {
      throw c.error("multiple starred expressions in sequence pattern", loc);
    }
  }
  if (!seenStar) c.addopI(Op.UNPACK_SEQUENCE, n, loc);
}

function subpattern(c: Codegen, p: ast.pattern, pc: PatternContext): void {
  const allow = pc.allowIrrefutable;
  pc.allowIrrefutable = true;
  pattern(c, p, pc);
  pc.allowIrrefutable = allow;
}

function sequenceUnpack(c: Codegen, loc: Loc, patterns: ast.pattern[], pc: PatternContext): void {
  unpackHelper(c, loc, patterns);
  pc.onTop += patterns.length;
  for (const p of patterns) {
    pc.onTop--;
    subpattern(c, p, pc);
  }
}

function sequenceSubscr(c: Codegen, loc: Loc, patterns: ast.pattern[], star: number, pc: PatternContext): void {
  pc.onTop++;
  const size = patterns.length;
  for (let i = 0; i < size; i++) {
    const p = patterns[i];
    if (isWildcard(p) || i === star) continue;
    c.addopI(Op.COPY, 1, loc);
    if (i < star) {
      c.addLoadConst(BigInt(i), loc);
    } else {
      c.addop(Op.GET_LEN, loc);
      c.addLoadConst(BigInt(size - i), loc);
      c.addopI(Op.BINARY_OP, 10, loc);
    }
    c.addop(Op.BINARY_SUBSCR, loc);
    subpattern(c, p, pc);
  }
  pc.onTop--;
  c.addop(Op.POP_TOP, loc);
}

function patternAs(c: Codegen, p: ast.MatchAs, pc: PatternContext): void {
  const loc = locOf(p);
  if (p.pattern === null) {
    if (!pc.allowIrrefutable) {
      if (p.name) throw c.error(`name capture ${strRepr(p.name)} makes remaining patterns unreachable`, loc);
      throw c.error("wildcard makes remaining patterns unreachable", loc);
    }
    storeName(c, loc, p.name, pc);
    return;
  }
  pc.onTop++;
  c.addopI(Op.COPY, 1, loc);
  pattern(c, p.pattern, pc);
  pc.onTop--;
  storeName(c, loc, p.name, pc);
}

function patternClass(c: Codegen, p: ast.MatchClass, pc: PatternContext): void {
  const loc = locOf(p);
  const nargs = p.patterns.length;
  const nattrs = p.kwd_attrs.length;
  for (let i = 0; i < nattrs; i++) {
    const ploc = locOf(p.kwd_patterns[i]);
    c.checkForbiddenName(p.kwd_attrs[i], "Store", ploc);
    for (let j = i + 1; j < nattrs; j++) {
      if (p.kwd_attrs[i] === p.kwd_attrs[j]) {
        throw c.error(`attribute name repeated in class pattern: ${p.kwd_attrs[i]}`, locOf(p.kwd_patterns[j]));
      }
    }
  }
  c.visitExpr(p.cls);
  c.addLoadConst(new PyTupleValue(p.kwd_attrs), loc);
  c.addopI(Op.MATCH_CLASS, nargs, loc);
  c.addopI(Op.COPY, 1, loc);
  c.addLoadConst(null, loc);
  c.addopI(Op.IS_OP, 1, loc);
  pc.onTop++;
  jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  c.addopI(Op.UNPACK_SEQUENCE, nargs + nattrs, loc);
  pc.onTop += nargs + nattrs - 1;
  for (let i = 0; i < nargs + nattrs; i++) {
    pc.onTop--;
    const sub = i < nargs ? p.patterns[i] : p.kwd_patterns[i - nargs];
    if (isWildcard(sub)) {
      c.addop(Op.POP_TOP, loc);
      continue;
    }
    subpattern(c, sub, pc);
  }
}

function patternMapping(c: Codegen, p: ast.MatchMapping, pc: PatternContext): void {
  const loc = locOf(p);
  const keys = p.keys;
  let size = keys.length;
  const star = p.rest;
  pc.onTop++;
  c.addop(Op.MATCH_MAPPING, loc);
  jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  if (!size && !star) {
    pc.onTop--;
    c.addop(Op.POP_TOP, loc);
    return;
  }
  if (size) {
    c.addop(Op.GET_LEN, loc);
    c.addLoadConst(BigInt(size), loc);
    c.addCompare(GTE, loc);
    jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  }
  const seen = new Set<string>();
  for (let i = 0; i < size; i++) {
    const key = keys[i];
    if (key._kind === "Constant") {
      const k = setKey(key.value as MarshalValue);
      if (seen.has(k)) throw c.error(`mapping pattern checks duplicate key (${constReprForError(key.value as MarshalValue)})`, loc);
      seen.add(k);
    } else if (key._kind !== "Attribute") {
      throw c.error("mapping pattern keys may only match literals and attribute lookups", loc);
    }
    c.visitExpr(key);
  }
  c.addopI(Op.BUILD_TUPLE, size, loc);
  c.addop(Op.MATCH_KEYS, loc);
  pc.onTop += 2;
  c.addopI(Op.COPY, 1, loc);
  c.addLoadConst(null, loc);
  c.addopI(Op.IS_OP, 1, loc);
  jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  c.addopI(Op.UNPACK_SEQUENCE, size, loc);
  pc.onTop += size - 1;
  for (let i = 0; i < size; i++) {
    pc.onTop--;
    subpattern(c, p.patterns[i], pc);
  }
  pc.onTop -= 2;
  if (star) {
    c.addopI(Op.BUILD_MAP, 0, loc);
    c.addopI(Op.SWAP, 3, loc);
    c.addopI(Op.DICT_UPDATE, 2, loc);
    c.addopI(Op.UNPACK_SEQUENCE, size, loc);
    while (size) {
      c.addopI(Op.COPY, 1 + size--, loc);
      c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.DELETE_SUBSCR, loc);
    }
    storeName(c, loc, star, pc);
  } else {
    c.addop(Op.POP_TOP, loc);
    c.addop(Op.POP_TOP, loc);
  }
}

function constReprForError(v: MarshalValue): string {
  return constRepr(v);
}

function patternOr(c: Codegen, p: ast.MatchOr, pc: PatternContext): void {
  const loc = locOf(p);
  const end = c.newLabel();
  const size = p.patterns.length;
  const old = { stores: pc.stores, allowIrrefutable: pc.allowIrrefutable, failPop: pc.failPop, onTop: pc.onTop };
  let control: string[] | null = null;
  for (let i = 0; i < size; i++) {
    const alt = p.patterns[i];
    const aloc = locOf(alt);
    pc.stores = [];
    pc.allowIrrefutable = i === size - 1 && old.allowIrrefutable;
    pc.failPop = [];
    pc.onTop = 0;
    c.addopI(Op.COPY, 1, aloc);
    pattern(c, alt, pc);
    const nstores = pc.stores.length;
    if (i === 0) {
      control = pc.stores.slice();
    } else if (nstores !== control!.length) {
      throw c.error("alternative patterns bind different names", loc);
    } else if (nstores) {
      for (let icontrol = nstores - 1; icontrol >= 0; icontrol--) {
        const name = control![icontrol];
        const istores = pc.stores.indexOf(name);
        if (istores < 0) throw c.error("alternative patterns bind different names", loc);
        if (icontrol !== istores) {
          let rotations = istores + 1;
          const rotated = pc.stores.slice(0, rotations);
          pc.stores.splice(0, rotations);
          pc.stores.splice(icontrol - istores, 0, ...rotated);
          while (rotations--) rotate(c, aloc, icontrol + 1);
        }
      }
    }
    c.addopJump(Op.JUMP, end, aloc);
    emitAndResetFailPop(c, aloc, pc);
  }
  pc.stores = old.stores;
  pc.allowIrrefutable = old.allowIrrefutable;
  pc.failPop = old.failPop;
  pc.onTop = old.onTop;
  c.addop(Op.POP_TOP, loc);
  jumpToFailPop(c, loc, pc, Op.JUMP);
  c.useLabel(end);
  const nstores = control!.length;
  const nrots = nstores + 1 + pc.onTop + pc.stores.length;
  for (let i = 0; i < nstores; i++) {
    rotate(c, loc, nrots);
    const name = control![i];
    if (pc.stores.includes(name)) throw c.error(`multiple assignments to name ${strRepr(name)} in pattern`, loc);
    pc.stores.push(name);
  }
  c.addop(Op.POP_TOP, loc);
}

function patternSequence(c: Codegen, p: ast.MatchSequence, pc: PatternContext): void {
  const loc = locOf(p);
  const patterns = p.patterns;
  const size = patterns.length;
  let star = -1;
  let onlyWildcard = true;
  let starWildcard = false;
  for (let i = 0; i < size; i++) {
    const q = patterns[i];
    if (q._kind === "MatchStar") {
      if (star >= 0) throw c.error("multiple starred names in sequence pattern", loc);
      starWildcard = isStarWildcard(q);
      onlyWildcard &&= starWildcard;
      star = i;
      continue;
    }
    onlyWildcard &&= isWildcard(q);
  }
  pc.onTop++;
  c.addop(Op.MATCH_SEQUENCE, loc);
  jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  if (star < 0) {
    c.addop(Op.GET_LEN, loc);
    c.addLoadConst(BigInt(size), loc);
    c.addCompare(EQ, loc);
    jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  } else if (size > 1) {
    // a star: len(subject) >= size - 1 (nothing to check for a lone star)
    c.addop(Op.GET_LEN, loc);
    c.addLoadConst(BigInt(size - 1), loc);
    c.addCompare(GTE, loc);
    jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
  }
  pc.onTop--;
  if (onlyWildcard) c.addop(Op.POP_TOP, loc);
  else if (starWildcard) sequenceSubscr(c, loc, patterns, star, pc);
  else sequenceUnpack(c, loc, patterns, pc);
}

function pattern(c: Codegen, p: ast.pattern, pc: PatternContext): void {
  const loc = locOf(p);
  switch (p._kind) {
    case "MatchValue": {
      const v = p.value;
      if (v._kind !== "Constant" && v._kind !== "Attribute") throw c.error("patterns may only match literals and attribute lookups", loc);
      c.visitExpr(v);
      c.addCompare(EQ, loc);
      c.addop(Op.TO_BOOL, loc);
      jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
      return;
    }
    case "MatchSingleton":
      c.addLoadConst(p.value as MarshalValue, loc);
      c.addCompare(IS, loc);
      jumpToFailPop(c, loc, pc, Op.POP_JUMP_IF_FALSE);
      return;
    case "MatchSequence":
      patternSequence(c, p, pc);
      return;
    case "MatchMapping":
      patternMapping(c, p, pc);
      return;
    case "MatchClass":
      patternClass(c, p, pc);
      return;
    case "MatchStar":
      storeName(c, loc, p.name, pc);
      return;
    case "MatchAs":
      patternAs(c, p, pc);
      return;
    case "MatchOr":
      patternOr(c, p, pc);
      return;
  }
}

export function compileMatch(c: Codegen, s: ast.Match): void {
  c.visitExpr(s.subject);
  const end = c.newLabel();
  const cases = s.cases.length;
  let m = s.cases[cases - 1];
  const hasDefault = isWildcard(m.pattern) && cases > 1 ? 1 : 0;
  const pc: PatternContext = { stores: [], allowIrrefutable: false, failPop: [], onTop: 0 };
  for (let i = 0; i < cases - hasDefault; i++) {
    m = s.cases[i];
    const ploc = locOf(m.pattern);
    if (i !== cases - hasDefault - 1) c.addopI(Op.COPY, 1, ploc);
    pc.stores = [];
    pc.allowIrrefutable = m.guard !== null || i === cases - 1;
    pc.failPop = [];
    pc.onTop = 0;
    pattern(c, m.pattern, pc);
    for (const name of pc.stores) c.nameop(name, "Store", ploc);
    if (m.guard) {
      ensureFailPop(c, pc, 0);
      c.jumpIf(ploc, m.guard, pc.failPop[0], false);
    }
    if (i !== cases - hasDefault - 1) c.addop(Op.POP_TOP, ploc);
    c.visitStmts(m.body);
    c.addopJump(Op.JUMP, end, NO_LOCATION);
    emitAndResetFailPop(c, ploc, pc);
  }
  if (hasDefault) {
    m = s.cases[cases - 1];
    const ploc = locOf(m.pattern);
    if (cases === 1) c.addop(Op.POP_TOP, ploc);
    else c.addop(Op.NOP, ploc);
    if (m.guard) c.jumpIf(ploc, m.guard, end, false);
    c.visitStmts(m.body);
  }
  c.useLabel(end);
}
