// Checks that are type guards and carry their type, so that a shape crossing a boundary is
// written once: `Infer<typeof check>` is the type, `check(v)` the runtime test. Small on purpose:
// the worker's bundle holds them, and the protocol needs no more than these.

export type Check<T> = (v: unknown) => v is T;
export type Infer<C> = C extends Check<infer T> ? T : never;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property of `object` that may be absent. */
export interface Optional<T> extends Check<T | undefined> {
  readonly optional: true;
}

export const string =
  (max = Infinity): Check<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max;

/** An integer at least `min`. */
export const int =
  (min = -Infinity): Check<number> =>
  (v): v is number =>
    Number.isInteger(v) && (v as number) >= min;

export const finite: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);

export function literal<const L extends readonly (string | number | boolean)[]>(...values: L): Check<L[number]> {
  return (v): v is L[number] => values.includes(v as L[number]);
}

export function optional<T>(check: Check<T>): Optional<T> {
  return Object.assign((v: unknown): v is T | undefined => v === undefined || check(v), { optional: true as const });
}

export function array<T>(item: Check<T>, max = Infinity): Check<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.length <= max && v.every(item);
}

/** A check narrowed by a further condition that its type cannot say (a blank tag, an empty title). */
export function refine<T>(check: Check<T>, holds: (v: T) => boolean): Check<T> {
  return (v): v is T => check(v) && holds(v);
}

export function both<A, B>(a: Check<A>, b: Check<B>): Check<A & B> {
  return (v): v is A & B => a(v) && b(v);
}

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** A plain object with these properties; `exact` refuses any other property. */
export function object<S extends Shape>(shape: S, { exact = false } = {}): Check<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return (v): v is ObjectOf<S> =>
    isObject(v) && (!exact || Object.keys(v).every((k) => Object.hasOwn(shape, k))) && keys.every((k) => shape[k]!(v[k]));
}
