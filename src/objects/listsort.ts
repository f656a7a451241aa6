// CPython 3.13's list sort (Objects/listobject.c, listsort.txt): timsort with 3.13's
// count_run, binary insertion, galloping merges and the powersort merge policy, using only
// `<` (ISLT). Ported so that sorting objects with Python-level __lt__ makes exactly
// CPython's sequence of comparisons (observable through side effects and exceptions).
// Sorts `keys` in place, moving `values` (the list items when a key function is used)
// alongside. An exception from `lt` propagates; the arrays then hold a permutation of
// their input, as in CPython.

const MIN_GALLOP = 7;

type Less = (a: unknown, b: unknown) => boolean;

class MergeState<T> {
  minGallop = MIN_GALLOP;
  /** Pending runs: start index, length, power. */
  runBase: number[] = [];
  runLen: number[] = [];
  runPower: number[] = [];
  tmpKeys: T[] = [];
  tmpValues: unknown[] = [];
  constructor(readonly keys: T[], readonly values: unknown[] | null, readonly lt: Less, readonly listlen: number) {}
}

function reverseRange(a: unknown[], lo: number, hi: number): void {
  hi--;
  while (lo < hi) {
    const t = a[lo];
    a[lo] = a[hi];
    a[hi] = t;
    lo++;
    hi--;
  }
}
function reverseSlice<T>(ms: MergeState<T>, lo: number, n: number): void {
  reverseRange(ms.keys, lo, lo + n);
  if (ms.values !== null) reverseRange(ms.values, lo, lo + n);
}

/** Binary insertion sort of keys[lo:lo+n], whose first `ok` items are already sorted. */
function binarysort<T>(ms: MergeState<T>, lo: number, n: number, ok: number): void {
  const a = ms.keys, v = ms.values, lt = ms.lt;
  if (ok === 0) ok = 1;
  for (; ok < n; ok++) {
    let l = 0, r = ok;
    const pivot = a[lo + ok];
    const pivotValue = v !== null ? v[lo + ok] : null;
    do {
      const m = (l + r) >> 1;
      if (lt(pivot, a[lo + m])) r = m;
      else l = m + 1;
    } while (l < r);
    for (let m = ok; m > l; m--) a[lo + m] = a[lo + m - 1];
    a[lo + l] = pivot;
    if (v !== null) {
      for (let m = ok; m > l; m--) v[lo + m] = v[lo + m - 1];
      v[lo + l] = pivotValue;
    }
  }
}

/**
 * 3.13's count_run: the length of the run starting at lo, made ascending in place
 * (a strictly descending run is reversed, equal elements inside it kept stable).
 */
function countRun<T>(ms: MergeState<T>, lo: number, nremaining: number): number {
  const a = ms.keys, lt = ms.lt;
  const nextSmaller = (n: number) => lt(a[lo + n], a[lo + n - 1]);
  const nextLarger = (n: number) => lt(a[lo + n - 1], a[lo + n]);
  let n = 1;
  for (; n < nremaining; n++) if (nextSmaller(n)) break;
  if (n === nremaining) return n;
  if (n > 1) {
    if (lt(a[lo], a[lo + n - 1])) return n;
    // a[lo:lo+n] are all equal and start a descending run
    reverseSlice(ms, lo, n);
  }
  n++;
  let neq = 0;
  const reverseLastNeq = () => {
    if (neq !== 0) {
      neq++;
      reverseSlice(ms, lo + n - neq, neq);
      neq = 0;
    }
  };
  for (; n < nremaining; n++) {
    if (nextSmaller(n)) reverseLastNeq();
    else if (nextLarger(n)) break;
    else neq++;
  }
  reverseLastNeq();
  reverseSlice(ms, lo, n);
  for (; n < nremaining; n++) if (nextSmaller(n)) break;
  return n;
}

/** Leftmost position in a[base:base+n] where key fits (a[k-1] < key <= a[k]). */
function gallopLeft<T>(lt: Less, key: T, a: T[], base: number, n: number, hint: number): number {
  let lastofs = 0, ofs = 1;
  if (lt(a[base + hint], key)) {
    const maxofs = n - hint;
    while (ofs < maxofs) {
      if (lt(a[base + hint + ofs], key)) {
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      } else break;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  } else {
    const maxofs = hint + 1;
    while (ofs < maxofs) {
      if (lt(a[base + hint - ofs], key)) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    const k = lastofs;
    lastofs = hint - ofs;
    ofs = hint - k;
  }
  lastofs++;
  while (lastofs < ofs) {
    const m = lastofs + ((ofs - lastofs) >> 1);
    if (lt(a[base + m], key)) lastofs = m + 1;
    else ofs = m;
  }
  return ofs;
}

/** Rightmost position in a[base:base+n] where key fits (a[k-1] <= key < a[k]). */
function gallopRight<T>(lt: Less, key: T, a: T[], base: number, n: number, hint: number): number {
  let lastofs = 0, ofs = 1;
  if (lt(key, a[base + hint])) {
    const maxofs = hint + 1;
    while (ofs < maxofs) {
      if (lt(key, a[base + hint - ofs])) {
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      } else break;
    }
    if (ofs > maxofs) ofs = maxofs;
    const k = lastofs;
    lastofs = hint - ofs;
    ofs = hint - k;
  } else {
    const maxofs = n - hint;
    while (ofs < maxofs) {
      if (lt(key, a[base + hint + ofs])) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  }
  lastofs++;
  while (lastofs < ofs) {
    const m = lastofs + ((ofs - lastofs) >> 1);
    if (lt(key, a[base + m])) ofs = m;
    else lastofs = m + 1;
  }
  return ofs;
}

/** merge_lo: merge runs [pa, pa+na) and [pb, pb+nb) (pb = pa + na), na <= nb. */
function mergeLo<T>(ms: MergeState<T>, pa: number, na: number, pb: number, nb: number): void {
  const keys = ms.keys, vals = ms.values, lt = ms.lt;
  // copy run A to temp
  const tk = ms.tmpKeys, tv = ms.tmpValues;
  tk.length = na;
  for (let i = 0; i < na; i++) tk[i] = keys[pa + i];
  if (vals !== null) {
    tv.length = na;
    for (let i = 0; i < na; i++) tv[i] = vals[pa + i];
  }
  let dest = pa;
  let ia = 0; // cursor in temp (run A)
  const move = (from: number, to: number) => {
    keys[to] = keys[from];
    if (vals !== null) vals[to] = vals[from];
  };
  const fromTemp = (from: number, to: number) => {
    keys[to] = tk[from];
    if (vals !== null) vals[to] = tv[from];
  };
  try {
    move(pb++, dest++);
    nb--;
    if (nb === 0) return;
    if (na === 1) {
      copyB();
      return;
    }
    let minGallop = ms.minGallop;
    for (;;) {
      let acount = 0, bcount = 0;
      for (;;) {
        if (lt(keys[pb], tk[ia])) {
          move(pb++, dest++);
          bcount++;
          acount = 0;
          nb--;
          if (nb === 0) return;
          if (bcount >= minGallop) break;
        } else {
          fromTemp(ia++, dest++);
          acount++;
          bcount = 0;
          na--;
          if (na === 1) {
            copyB();
            return;
          }
          if (acount >= minGallop) break;
        }
      }
      minGallop++;
      do {
        minGallop -= minGallop > 1 ? 1 : 0;
        ms.minGallop = minGallop;
        let k = gallopRight(lt, keys[pb], tk, ia, na, 0);
        acount = k;
        if (k) {
          for (let i = 0; i < k; i++) fromTemp(ia + i, dest + i);
          dest += k;
          ia += k;
          na -= k;
          if (na === 1) {
            copyB();
            return;
          }
          if (na === 0) return;
        }
        move(pb++, dest++);
        nb--;
        if (nb === 0) return;
        k = gallopLeft(lt, tk[ia], keys, pb, nb, 0);
        bcount = k;
        if (k) {
          for (let i = 0; i < k; i++) move(pb + i, dest + i);
          dest += k;
          pb += k;
          nb -= k;
          if (nb === 0) return;
        }
        fromTemp(ia++, dest++);
        na--;
        if (na === 1) {
          copyB();
          return;
        }
      } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      minGallop++;
      ms.minGallop = minGallop;
    }
  } finally {
    // Succeed / Fail: whatever is left of A goes to dest (CopyB sets na = 0 first)
    for (let i = 0; i < na; i++) fromTemp(ia + i, dest + i);
  }
  function copyB(): void {
    // the last element of A belongs at the end of the merge
    for (let i = 0; i < nb; i++) move(pb + i, dest + i);
    fromTemp(ia, dest + nb);
    na = 0;
  }
}

/** merge_hi: merge runs [pa, pa+na) and [pb, pb+nb) (pb = pa + na), na >= nb. */
function mergeHi<T>(ms: MergeState<T>, pa: number, na: number, pb: number, nb: number): void {
  const keys = ms.keys, vals = ms.values, lt = ms.lt;
  const tk = ms.tmpKeys, tv = ms.tmpValues;
  tk.length = nb;
  for (let i = 0; i < nb; i++) tk[i] = keys[pb + i];
  if (vals !== null) {
    tv.length = nb;
    for (let i = 0; i < nb; i++) tv[i] = vals[pb + i];
  }
  const baseA = pa;
  let dest = pb + nb - 1;
  let ib = nb - 1; // cursor in temp (run B), from the end
  let ia = pa + na - 1; // cursor in run A, from the end
  const move = (from: number, to: number) => {
    keys[to] = keys[from];
    if (vals !== null) vals[to] = vals[from];
  };
  const fromTemp = (from: number, to: number) => {
    keys[to] = tk[from];
    if (vals !== null) vals[to] = tv[from];
  };
  try {
    move(ia--, dest--);
    na--;
    if (na === 0) return;
    if (nb === 1) {
      copyA();
      return;
    }
    let minGallop = ms.minGallop;
    for (;;) {
      let acount = 0, bcount = 0;
      for (;;) {
        if (lt(tk[ib], keys[ia])) {
          move(ia--, dest--);
          acount++;
          bcount = 0;
          na--;
          if (na === 0) return;
          if (acount >= minGallop) break;
        } else {
          fromTemp(ib--, dest--);
          bcount++;
          acount = 0;
          nb--;
          if (nb === 1) {
            copyA();
            return;
          }
          if (bcount >= minGallop) break;
        }
      }
      minGallop++;
      do {
        minGallop -= minGallop > 1 ? 1 : 0;
        ms.minGallop = minGallop;
        let k = gallopRight(lt, tk[ib], keys, baseA, na, na - 1);
        k = na - k;
        acount = k;
        if (k) {
          dest -= k;
          ia -= k;
          for (let i = k; i >= 1; i--) move(ia + i, dest + i);
          na -= k;
          if (na === 0) return;
        }
        fromTemp(ib--, dest--);
        nb--;
        if (nb === 1) {
          copyA();
          return;
        }
        k = gallopLeft(lt, keys[ia], tk, 0, nb, nb - 1);
        k = nb - k;
        bcount = k;
        if (k) {
          dest -= k;
          ib -= k;
          for (let i = 1; i <= k; i++) fromTemp(ib + i, dest + i);
          nb -= k;
          if (nb === 1) {
            copyA();
            return;
          }
          if (nb === 0) return;
        }
        move(ia--, dest--);
        na--;
        if (na === 0) return;
      } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      minGallop++;
      ms.minGallop = minGallop;
    }
  } finally {
    // whatever is left of B (temp[0:nb]) goes to dest-(nb-1) .. dest
    for (let i = 0; i < nb; i++) fromTemp(i, dest - (nb - 1) + i);
  }
  function copyA(): void {
    // the first element of B belongs at the front of the merge
    dest -= na;
    ia -= na;
    for (let i = na; i >= 1; i--) move(ia + i, dest + i);
    fromTemp(ib, dest);
    nb = 0;
  }
}

function mergeAt<T>(ms: MergeState<T>, i: number): void {
  let pa = ms.runBase[i], na = ms.runLen[i];
  const pb = ms.runBase[i + 1];
  let nb = ms.runLen[i + 1];
  ms.runLen[i] = na + nb;
  if (i === ms.runBase.length - 3) {
    ms.runBase[i + 1] = ms.runBase[i + 2];
    ms.runLen[i + 1] = ms.runLen[i + 2];
    ms.runPower[i + 1] = ms.runPower[i + 2];
  }
  ms.runBase.pop();
  ms.runLen.pop();
  ms.runPower.pop();
  const k = gallopRight(ms.lt, ms.keys[pb], ms.keys, pa, na, 0);
  pa += k;
  na -= k;
  if (na === 0) return;
  nb = gallopLeft(ms.lt, ms.keys[pa + na - 1], ms.keys, pb, nb, nb - 1);
  if (nb <= 0) return;
  if (na <= nb) mergeLo(ms, pa, na, pb, nb);
  else mergeHi(ms, pa, na, pb, nb);
}

function powerloop(s1: number, n1: number, n2: number, n: number): number {
  let result = 0;
  let a = 2 * s1 + n1;
  let b = a + n1 + n2;
  for (;;) {
    result++;
    if (a >= n) {
      a -= n;
      b -= n;
    } else if (b >= n) break;
    a *= 2;
    b *= 2;
  }
  return result;
}

function foundNewRun<T>(ms: MergeState<T>, n2: number): void {
  const top = ms.runBase.length;
  if (top === 0) return;
  const s1 = ms.runBase[top - 1];
  const n1 = ms.runLen[top - 1];
  const power = powerloop(s1, n1, n2, ms.listlen);
  while (ms.runBase.length > 1 && ms.runPower[ms.runBase.length - 2] > power) mergeAt(ms, ms.runBase.length - 2);
  ms.runPower[ms.runBase.length - 1] = power;
}

function mergeForceCollapse<T>(ms: MergeState<T>): void {
  while (ms.runBase.length > 1) {
    let n = ms.runBase.length - 2;
    if (n > 0 && ms.runLen[n - 1] < ms.runLen[n + 1]) n--;
    mergeAt(ms, n);
  }
}

function computeMinrun(n: number): number {
  let r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

/**
 * Sorts keys (and values alongside, when given) in place with CPython's algorithm.
 * `reverse`: reversed before and after a stable ascending sort, as CPython does.
 */
export function cpythonSort<T>(keys: T[], values: unknown[] | null, lt: (a: T, b: T) => boolean, reverse: boolean): void {
  const n = keys.length;
  if (reverse) {
    keys.reverse();
    if (values !== null) values.reverse();
  }
  try {
    if (n < 2) return;
    const ms = new MergeState<T>(keys, values, lt as Less, n);
    let lo = 0;
    let nremaining = n;
    const minrun = computeMinrun(n);
    do {
      let run = countRun(ms, lo, nremaining);
      if (run < minrun) {
        const force = nremaining <= minrun ? nremaining : minrun;
        binarysort(ms, lo, force, run);
        run = force;
      }
      foundNewRun(ms, run);
      ms.runBase.push(lo);
      ms.runLen.push(run);
      ms.runPower.push(0);
      lo += run;
      nremaining -= run;
    } while (nremaining);
    mergeForceCollapse(ms);
  } finally {
    if (reverse && n > 1) {
      keys.reverse();
      if (values !== null) values.reverse();
    }
  }
}
