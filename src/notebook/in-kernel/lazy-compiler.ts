/**
 * tslab's TypeScript compiler as the kernel's modules see it: a stand-in that loads the real
 * compiler (7.8 MB) only when something uses it. tslab touches the compiler while it starts —
 * each of its modules imports it, `converter.js` sets `ts.sys.useCaseSensitiveFileNames`,
 * `public.js` reads `ts.version` — but a kernel whose cells were all checked before
 * (checked-converter.ts) needs it for nothing else, so such a kernel never loads it. The stand-in
 * also restricts the global types of the programs tslab builds, puts the timers of each watch
 * program behind tslab's one (one-timer.ts) and reports each watch program (see {@link kernelCompiler}).
 */

import { oneTimer, type TimerPair } from "./one-timer.js";

/** What {@link kernelCompiler} needs to know before the compiler is loaded. */
export interface KernelCompilerOptions {
  /** The compiler's version (its package.json), answered without loading it. */
  version: string;
  /** The @types packages made global where a program names no `types`. */
  types: readonly string[];
  /** Told of every watch program the compiler makes. */
  onWatch?: (watch: unknown) => void;
}

/** A host whose timers can be put behind its one (see one-timer.ts); anything else as it is. */
function withOneTimer(host: unknown): unknown {
  const h = host as Partial<TimerPair> | null;
  if (typeof h === "object" && h && typeof h.setTimeout === "function" && typeof h.clearTimeout === "function") {
    Object.assign(h, oneTimer(h as TimerPair));
  }
  return host;
}

type HostFactory = (rootFiles: unknown, options: Record<string, unknown>, ...rest: unknown[]) => unknown;

/**
 * The stand-in for the compiler module. Before the compiler is loaded it answers `__esModule`
 * (true: TypeScript's `__importStar` then uses the stand-in itself rather than copying every
 * export, which would load it), `version`, and assignments to `sys` properties (kept and made on
 * the real `sys` when it loads); any other use loads it through `load`. Its
 * `createWatchCompilerHost` adds `types` to compiler options that name none (an explicit
 * `types`, or a tsconfig path, is passed as it is) and puts the host's timers behind its one
 * ({@link oneTimer}); its `createWatchProgram` reports each
 * program to `onWatch`.
 * @param load - loads and returns the real compiler module, called at most once.
 * @example kernelCompiler(() => require("typescript"), { version: "5.0.4", types: ["node"] }).version // => "5.0.4" (nothing loaded)
 */
export function kernelCompiler(load: () => object, o: KernelCompilerOptions): Record<string, unknown> {
  let real: Record<string | symbol, unknown> | undefined;
  const sysAssignments: [string | symbol, unknown][] = [];
  const compiler = () => {
    if (!real) {
      real = load() as Record<string | symbol, unknown>;
      const sys = real.sys as Record<string | symbol, unknown>;
      for (const [k, v] of sysAssignments) sys[k] = v;
    }
    return real;
  };
  const sysBeforeLoad = new Proxy({} as Record<string | symbol, unknown>, {
    set: (_t, k, v) => {
      if (real) (real.sys as Record<string | symbol, unknown>)[k] = v;
      else sysAssignments.push([k, v]);
      return true;
    },
    get: (_t, k) => (compiler().sys as Record<string | symbol, unknown>)[k],
  });
  const overrides: Record<string, unknown> = {
    createWatchCompilerHost: (rootFiles: unknown, options: Record<string, unknown>, ...rest: unknown[]) =>
      withOneTimer(
        (compiler().createWatchCompilerHost as HostFactory)(
          rootFiles,
          Array.isArray(rootFiles) && options && options.types === undefined
            ? { ...options, types: [...o.types] }
            : options,
          ...rest,
        ),
      ),
    createWatchProgram: (host: unknown) => {
      const watch = (compiler().createWatchProgram as (h: unknown) => unknown)(host);
      o.onWatch?.(watch);
      return watch;
    },
  };
  const own = (k: string | symbol) => typeof k === "string" && Object.hasOwn(overrides, k);
  return new Proxy({} as Record<string, unknown>, {
    get(_t, k) {
      if (own(k)) return overrides[k as string];
      if (!real) {
        if (k === "__esModule") return true;
        if (k === "version") return o.version;
        if (k === "sys") return sysBeforeLoad;
      }
      return compiler()[k];
    },
    has: (_t, k) => own(k) || k in compiler(),
    ownKeys: () => Reflect.ownKeys(compiler()),
    getOwnPropertyDescriptor(_t, k) {
      if (own(k)) return { value: overrides[k as string], enumerable: true, configurable: true, writable: false };
      const d = Reflect.getOwnPropertyDescriptor(compiler(), k);
      // A proxy may not report a non-configurable property its target lacks.
      return d && { ...d, configurable: true };
    },
    set: (_t, k, v) => Reflect.set(compiler(), k, v),
    defineProperty: (_t, k, d) => Reflect.defineProperty(compiler(), k, d),
    deleteProperty: (_t, k) => Reflect.deleteProperty(compiler(), k),
  });
}
