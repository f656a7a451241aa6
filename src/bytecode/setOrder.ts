// The order in which CPython iterates a set or frozenset that marshal built by adding the
// items in stream order - what repr() and dis show. CPython writes sets sorted by each
// item's marshal bytes (bpo-37596), so a frozenset constant prints in hash-table order,
// not stream order: frozenset({9, 10, 13, 32}) prints as frozenset({32, 9, 10, 13}).
//
// The simulation follows Objects/setobject.c (set_add_entry, set_table_resize,
// set_insert_clean: linear probing over 10 slots, then perturbation) for items whose hash
// is the same on every CPython build: ints and integral floats inside the 32-bit range,
// bools and None. Anything else (str and bytes hashes are randomised per process; tuples
// and other floats hash differently on 32- and 64-bit builds) keeps the stream order.
import { PySetValue, type MarshalValue } from "./values.js";

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const MIN_SIZE = 8;
const NONE_HASH = 0xfca86420; // CPython 3.12+: hash(None) is a constant
const INT32_LIMIT = 2 ** 31 - 1; // below this, hash(int) is the int itself on every build

/** hash(value) when it is platform independent, else null. */
function portableHash(value: MarshalValue): number | null {
  if (value === null) return NONE_HASH;
  if (value === true) return 1;
  if (value === false) return 0;
  let n: number;
  if (typeof value === "bigint") {
    if (value >= BigInt(INT32_LIMIT) || value <= -BigInt(INT32_LIMIT)) return null;
    n = Number(value);
  } else if (typeof value === "number") {
    if (!Number.isInteger(value) || Math.abs(value) >= INT32_LIMIT) return null;
    n = value === 0 ? 0 : value; // -0.0 hashes as 0
  } else {
    return null;
  }
  return n === -1 ? -2 : n;
}

interface Slot {
  hash: bigint; // as C's size_t on a 64-bit build
  item: MarshalValue;
}

/** CPython's iteration order after adding `items` one by one to an empty set. */
export function cpythonSetOrder(items: readonly MarshalValue[]): readonly MarshalValue[] {
  if (items.length < 2) return items;
  const hashes: bigint[] = [];
  for (const item of items) {
    const h = portableHash(item);
    if (h === null) return items;
    hashes.push(BigInt.asUintN(64, BigInt(h)));
  }

  let table: (Slot | null)[] = new Array(MIN_SIZE).fill(null);
  let used = 0;

  // set_insert_clean: place into the first free slot of the probe sequence.
  const insertClean = (slots: (Slot | null)[], slot: Slot): void => {
    const mask = BigInt(slots.length - 1);
    let perturb = slot.hash;
    let i = slot.hash & mask;
    for (;;) {
      const start = Number(i);
      const probes = start + LINEAR_PROBES <= slots.length - 1 ? LINEAR_PROBES : 0;
      for (let k = 0; k <= probes; k++) {
        if (slots[start + k] === null) {
          slots[start + k] = slot;
          return;
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = (i * 5n + 1n + perturb) & mask;
    }
  };

  for (let n = 0; n < items.length; n++) {
    // The items are distinct (they came from a set), so adding never finds an equal key and
    // follows the same probe sequence as set_insert_clean. No deletions: fill == used.
    insertClean(table, { hash: hashes[n], item: items[n] });
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      const minUsed = used > 50000 ? used * 2 : used * 4;
      let size = MIN_SIZE;
      while (size <= minUsed) size *= 2;
      const bigger: (Slot | null)[] = new Array(size).fill(null);
      for (const slot of table) if (slot !== null) insertClean(bigger, slot);
      table = bigger;
    }
  }
  const order: MarshalValue[] = [];
  for (const slot of table) if (slot !== null) order.push(slot.item);
  return order;
}

/** The items of a set constant in the order CPython iterates them. */
export function setIterationOrder(set: PySetValue): readonly MarshalValue[] {
  return cpythonSetOrder(set.items);
}
