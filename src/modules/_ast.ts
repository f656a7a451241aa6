// _ast: the AST node classes (Python/Python-ast.c) and compile(..., PyCF_ONLY_AST).
// The classes are generated from the node table of src/ast/nodes.generated.ts (CPython
// 3.13's ASDL): _fields, _attributes, __match_args__, class-level None for optional
// fields, and 3.13's constructor (positional/keyword fields, omitted lists become [],
// omitted optionals None). Our parser's tree converts to instances of these classes.
import { NODE_INFO, type AnyNode, type NodeKind } from "../ast/nodes.generated.js";
import type { MarshalValue } from "../bytecode/values.js";
import { PyObj, None } from "../objects/core.js";
import { PyModule, convertConst } from "../objects/function.js";
import { call, getAttr } from "../objects/abstract.js";
import { PyList } from "../objects/sequence.js";
import { genericSetAttr } from "../objects/abstract.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

export const PyCF_ONLY_AST = 0x400;

const BASE_SOURCE = String.raw`
PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192
PyCF_OPTIMIZED_AST = 33792

class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    _field_kinds = {}
    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError('%s constructor takes at most %d positional argument%s' % (cls.__name__, len(fields), '' if len(fields) == 1 else 's'))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            if name in fields[:len(args)]:
                raise TypeError('%s got multiple values for argument %r' % (cls.__name__, name))
            setattr(self, name, value)
        kinds = cls._field_kinds
        for name in fields[len(args):]:
            if name in kwargs:
                continue
            kind = kinds.get(name, '')
            if kind.endswith('*'):
                setattr(self, name, [])
            elif kind.endswith('?'):
                setattr(self, name, None)
            elif kind == 'expr_context':
                setattr(self, name, Load())
            else:
                import warnings
                warnings.warn('%s.__init__ missing 1 required positional argument: %r. This will become an error in Python 3.15.' % (cls.__name__, name), DeprecationWarning, stacklevel=2)
    def __reduce__(self):
        return type(self), (), dict(self.__dict__)
    def __replace__(self, **kwargs):
        d = dict(self.__dict__)
        d.update(kwargs)
        new = type(self).__new__(type(self))
        new.__dict__.update(d)
        return new
AST.__module__ = 'ast'
`;

/** The Python source of the node classes, from NODE_INFO (abstract bases first). */
function classesSource(): string {
  const lines: string[] = [];
  const bases = new Map<string, string[]>(); // abstract base -> attributes
  for (const info of Object.values(NODE_INFO)) {
    if (info.base !== null && !bases.has(info.base)) bases.set(info.base, info.attributes.slice());
  }
  for (const [base, attrs] of bases) {
    lines.push(`class ${base}(AST):`);
    lines.push(`    _attributes = (${attrs.map((a) => `'${a}', `).join("")})`);
    if (attrs.includes("end_lineno")) lines.push("    end_lineno = None", "    end_col_offset = None");
    lines.push(`${base}.__module__ = 'ast'`);
  }
  for (const [kind, info] of Object.entries(NODE_INFO)) {
    const fields = info.fields.map(([n]) => `'${n}', `).join("");
    lines.push(`class ${kind}(${info.base ?? "AST"}):`);
    lines.push(`    _fields = (${fields})`);
    lines.push(`    __match_args__ = (${fields})`);
    lines.push(`    _attributes = (${info.attributes.map((a) => `'${a}', `).join("")})`);
    lines.push(`    _field_kinds = {${info.fields.map(([n, t]) => `'${n}': '${t}'`).join(", ")}}`);
    for (const [n, t] of info.fields) if (t.endsWith("?")) lines.push(`    ${n} = None`);
    if (info.attributes.includes("end_lineno")) lines.push("    end_lineno = None", "    end_col_offset = None");
    lines.push(`${kind}.__module__ = 'ast'`);
  }
  return lines.join("\n") + "\n";
}

let astModule: PyModule | null = null;

export function makeAstModule(interp: Interpreter): PyModule {
  astModule = pythonModule(interp, "_ast", BASE_SOURCE + classesSource());
  return astModule;
}

/** Our parser's tree as instances of _ast's classes (for compile(..., PyCF_ONLY_AST)). */
export function astToPython(interp: Interpreter, tree: AnyNode): PyObj {
  const mod = astModule ?? (interp.importModule("_ast", None, None, 0) as PyModule);
  const classes = new Map<string, PyObj>();
  const classOf = (kind: string): PyObj => {
    let c = classes.get(kind);
    if (c === undefined) {
      c = mod.dict.getStr(kind)!;
      classes.set(kind, c);
    }
    return c;
  };
  const singletons = new Map<string, PyObj>();
  const convert = (node: AnyNode): PyObj => {
    const kind = node._kind as NodeKind;
    const info = NODE_INFO[kind];
    if (info.fields.length === 0 && info.attributes.length === 0) {
      let s = singletons.get(kind);
      if (s === undefined) {
        s = call(classOf(kind), []);
        singletons.set(kind, s);
      }
      return s;
    }
    // cls.__new__(cls): the fields are set below, so __init__ (which warns about missing
    // required fields) is not run, as for the nodes CPython's ast2obj makes.
    const cls = classOf(kind);
    const obj = call(getAttr(cls, "__new__"), [cls]);
    const rec = node as unknown as Record<string, unknown>;
    for (const [name, type] of info.fields) {
      genericSetAttr(obj, name, value(rec[name], type));
    }
    for (const name of info.attributes) {
      const v = rec[name];
      genericSetAttr(obj, name, typeof v === "number" ? v : None);
    }
    return obj;
  };
  const value = (v: unknown, type: string): PyObj => {
    if (type.endsWith("*")) return new PyList(((v as unknown[]) ?? []).map((x) => value(x, type.slice(0, -1))));
    if (v === null || v === undefined) return None;
    const base = type.endsWith("?") ? type.slice(0, -1) : type;
    if (base === "constant") return convertConst(v as MarshalValue);
    if (base === "identifier" || base === "string") return v as string;
    if (base === "int") return typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
    return convert(v as AnyNode);
  };
  return convert(tree);
}
