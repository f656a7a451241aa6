// compile() variants: eval and single modes, optimize levels, inherited future flags.
// Expected fingerprints were made by CPython 3.13 (fingerprint.py on compile(...)).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileSource } from "../src/compiler/compile.js";
import { fingerprintLines } from "./helpers/fingerprint.js";

const SRC = '"""doc"""\nassert x, "m"\ndef f():\n    "fdoc"\n    if __debug__: return 1\nclass C:\n    "cdoc"\n';

const cases: [string, () => string[], string[]][] = [
  ["eval mode", () => fingerprintLines(compileSource("a + 1", "<e>", "eval")),
    ["<module>\t1\ta66f3bdc6bdb8c4eb351b9e1a126c45944f8b58325858a92190b8358c63c55de"]],
  ["single mode", () => fingerprintLines(compileSource("x\n", "<s>", "single")),
    ["<module>\t1\t00b280974245f2aabe9da2cb0bc13c6877bc085fc9381746836222bafe446401"]],
  ["single mode, compound statement", () => fingerprintLines(compileSource("if x:\n  y\n  z\n\n", "<s>", "single")),
    ["<module>\t1\t62238a6aebf788b803a3c20061ecfd4db438c874b832e246b15ccdc2c636a013"]],
  ["optimize=0", () => fingerprintLines(compileSource(SRC, "<s>", "exec", { optimize: 0 })), [
    "<module>\t1\tfade37fdaba398ffc05b14bd4c31d1b323a9c90c3b2ab32bcce6b91238fcca02",
    "f\t3\tf4d834c07c1c86f4f592b3759e994bc3d7db0c4e5073757d0f3e88933dcd55a0",
    "C\t6\tdcd984f70741ad2f78e439c8911dbee804817147d0a401ee86a8dae5ca4c34af"]],
  ["optimize=1", () => fingerprintLines(compileSource(SRC, "<s>", "exec", { optimize: 1 })), [
    "<module>\t1\t80438fa581d97a2994644609b494ae638962ef0facdf01b342a4c7a3a8c864a3",
    "f\t3\t053293d55bed4c958f7c04aab32a940f0275144a12056a632b19cd3a3661467d",
    "C\t6\tdcd984f70741ad2f78e439c8911dbee804817147d0a401ee86a8dae5ca4c34af"]],
  ["optimize=2", () => fingerprintLines(compileSource(SRC, "<s>", "exec", { optimize: 2 })), [
    "<module>\t1\tec4fb9ffb254f28ea05289837f1291b5daf2c6a4c487b05cff6ff9d7f3a4dc27",
    "f\t3\te0c37c40000dd7aa0e02d7384624d59313a2e805f675e40f4b4ae922a0b9208c",
    "C\t6\t6e7b9df248cf783c49108c1b0a4c0bf5c47b9b88f41b8d22f108d6b3d33e56a4"]],
  ["inherited CO_FUTURE_ANNOTATIONS", () => fingerprintLines(compileSource("def f(x: int): pass\n", "<s>", "exec", { flags: 0x1000000 })), [
    "<module>\t1\tfd32fde0cc98fe92a0838b20b2c0d0770ed8d585bfcf10f1913c02b884496e17",
    "f\t1\t71a601e09ace3c6dbffd13fd1646eddd5d69d4e6a097e3ffc96019ecc978ec57"]],
  ["top-level await (PyCF_ALLOW_TOP_LEVEL_AWAIT)", () => [
    "x = await f()\n", "async for i in g(): pass\n", "async with a as b: pass\n", "y = [i async for i in g()]\n",
    "z = [await i for i in g()]\n",
  ].flatMap((src) => fingerprintLines(compileSource(src, "<s>", "exec", { flags: 0x2000 }))), [
    "<module>\t1\ta6a827c9064d9faa8885349e0ab888a0a4acedc63a996fe4dedf2138e325fc85",
    "<module>\t1\t573d38bf518708733629c20331aa1ebd8c65001f5e75f9d9c649737277f72f54",
    "<module>\t1\ta7051b3e406162bb1767b854e9b28716b7af21f0a8cdfdf213d9d642430cc7d7",
    "<module>\t1\tcd2d75061a9a14cc1067f00abdfe6af56d215db325d5cb6475b8176f336c6db8",
    "<module>\t1\t590326167fac8b2b4da1d2e947dd16be3f083f21b448cbfc2cc97bd75e75dcee"]],
];

for (const [name, run, expected] of cases) {
  test(`compile variants: ${name}`, () => assert.deepEqual(run(), expected));
}
