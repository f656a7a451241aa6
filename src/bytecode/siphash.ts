// SipHash-1-3 (one compression round, three finalisation rounds) over bytes, as CPython
// uses it for importlib.util.source_hash. 64-bit lanes are kept as (hi, lo) uint32 pairs in
// one Uint32Array, so the hash runs on plain 32-bit integer arithmetic (no bigint).
// CPython: Python/pyhash.c (siphash13), Python/import.c (_imp.source_hash).

// Lanes v0..v3 at [2i] = low half, [2i + 1] = high half.
const lanes = new Uint32Array(8);

function add(a: number, b: number): void {
  const lo = (lanes[a] + lanes[b]) >>> 0;
  const carry = lo < lanes[a] ? 1 : 0;
  lanes[a + 1] = (lanes[a + 1] + lanes[b + 1] + carry) >>> 0;
  lanes[a] = lo;
}

function rotl(a: number, bits: number): void {
  let lo = lanes[a];
  let hi = lanes[a + 1];
  if (bits >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    bits -= 32;
  }
  if (bits > 0) {
    const newHi = (hi << bits) | (lo >>> (32 - bits));
    const newLo = (lo << bits) | (hi >>> (32 - bits));
    hi = newHi;
    lo = newLo;
  }
  lanes[a] = lo >>> 0;
  lanes[a + 1] = hi >>> 0;
}

function xor(a: number, b: number): void {
  lanes[a] ^= lanes[b];
  lanes[a + 1] ^= lanes[b + 1];
}

const V0 = 0, V1 = 2, V2 = 4, V3 = 6;

function sipRound(): void {
  add(V0, V1); rotl(V1, 13); xor(V1, V0); rotl(V0, 32);
  add(V2, V3); rotl(V3, 16); xor(V3, V2);
  add(V0, V3); rotl(V3, 21); xor(V3, V0);
  add(V2, V1); rotl(V1, 17); xor(V1, V2); rotl(V2, 32);
}

function absorb(lo: number, hi: number): void {
  lanes[V3] ^= lo;
  lanes[V3 + 1] ^= hi;
  sipRound();
  lanes[V0] ^= lo;
  lanes[V0 + 1] ^= hi;
}

/** SipHash-1-3 of `data` with the 128-bit key (k0, k1), each given as (hi, lo) uint32s; 8 bytes LE. */
export function siphash13(k0Hi: number, k0Lo: number, k1Hi: number, k1Lo: number, data: Uint8Array): Uint8Array {
  lanes[V0] = (k0Lo ^ 0x70736575) >>> 0; lanes[V0 + 1] = (k0Hi ^ 0x736f6d65) >>> 0;
  lanes[V1] = (k1Lo ^ 0x6e646f6d) >>> 0; lanes[V1 + 1] = (k1Hi ^ 0x646f7261) >>> 0;
  lanes[V2] = (k0Lo ^ 0x6e657261) >>> 0; lanes[V2 + 1] = (k0Hi ^ 0x6c796765) >>> 0;
  lanes[V3] = (k1Lo ^ 0x79746573) >>> 0; lanes[V3 + 1] = (k1Hi ^ 0x74656462) >>> 0;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.length & ~7;
  for (let off = 0; off < whole; off += 8) absorb(view.getUint32(off, true), view.getUint32(off + 4, true));
  // Last block: the 0..7 remaining bytes, and the length's low byte in the top byte.
  let lo = 0;
  let hi = (data.length & 0xff) << 24;
  for (let i = whole; i < data.length; i++) {
    const shift = (i - whole) * 8;
    if (shift < 32) lo |= data[i] << shift;
    else hi |= data[i] << (shift - 32);
  }
  absorb(lo >>> 0, hi >>> 0);
  lanes[V2] ^= 0xff;
  sipRound();
  sipRound();
  sipRound();
  const out = new Uint8Array(8);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, (lanes[V0] ^ lanes[V1] ^ lanes[V2] ^ lanes[V3]) >>> 0, true);
  outView.setUint32(4, (lanes[V0 + 1] ^ lanes[V1 + 1] ^ lanes[V2 + 1] ^ lanes[V3 + 1]) >>> 0, true);
  return out;
}
