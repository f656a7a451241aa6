// marshal for CPython 3.13: the public entry points. Reading is in marshalReader.ts,
// writing in marshalWriter.ts, the shared facts (type codes, limits, the error type) in
// marshalFormat.ts. Format: ../shared/reference/cpython-3.13/formats.md, section C.
//
//   loads(bytes)          -> MarshalValue (int -> bigint, code -> CodeObject, ...; values.ts)
//   dumps(value, version) -> bytes CPython 3.13's marshal.loads reads back to equal objects
// Both throw MarshalError (CPython's exception type name and message) and nothing else.
//
// What the value representation cannot carry, and so does not survive loads -> dumps:
// whether a str was interned (dumps decides by position, as CPython's code objects do),
// which objects were shared only by value (equal ints, floats and strs are written once and
// referenced), and a Python str holding a high and a low surrogate side by side (in JS it is
// the astral character they pair to).
export { MarshalError, MARSHAL_VERSION } from "./marshalFormat.js";
export { loads, loadsPrefix } from "./marshalReader.js";
export { dumps } from "./marshalWriter.js";
