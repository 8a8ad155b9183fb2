/**
 * Pulumi's runtime serializes a resource's inputs (and the mocks the state they answer) with one async call
 * per value, awaiting each in turn, so that promises and outputs anywhere in them are waited for. For plain
 * data (strings, numbers, booleans, null, arrays and objects holding only those) nothing is waited for: the
 * calls only take turns of the microtask queue, one per value, and allocate a call frame, a promise and a
 * label string for each. On a large stack that is most of the run's garbage.
 *
 * The registration order of resources depends on those turns (a resource whose inputs take fewer turns
 * would be registered sooner), so the serializers here take exactly the turns the runtime's take: a plain
 * value is copied at once and its promise settles after as many turns as the runtime's walk of it takes,
 * one microtask per turn; anything else (a promise, an output, a resource, an asset, an unknown) is handed
 * to the runtime's own serializer, within containers walked as the runtime walks them. Values are read when
 * the walk reaches them, all at once: the program must not change an input it has handed over (the runtime
 * would read the change for the values it had not reached yet).
 *
 * Turns, as the runtime's `serializeProperty` takes them (its caller's `await` adds one): a primitive or a
 * function settles at once (0); an array after one turn per element plus its elements' own; an object after
 * one turn per key plus its values' own, plus one (it awaits its keys' walk).
 */

export type SerializeProperty = (ctx: string, prop: unknown, dependentResources: Set<unknown> | undefined, opts?: { pendingRegistration?: { inputProperty?: string } }) => Promise<unknown>;

/** The members by which the runtime recognizes what it does not serialize as plain data. */
const SPECIAL_MARKERS = ["__pulumiAsset", "__pulumiArchive", "__pulumiOutput", "__pulumiUnknown", "__pulumiResource", "__pulumiCustomResource", "__pulumiComponentResource"];

function isSpecial(value: object): boolean {
  if (value instanceof Promise) return true;
  for (const marker of SPECIAL_MARKERS) if ((value as Record<string, unknown>)[marker] === true) return true;
  return false;
}

/** A plain value's serialized copy and the turns the runtime takes to serialize it; undefined when it is not plain. */
interface Plain {
  value: unknown;
  turns: number;
}

const NOT_PLAIN = Symbol("not plain");
let turns = 0;

/** The copy of a plain value, counting turns into `turns`; NOT_PLAIN if anything in it is not plain data. */
function plainCopy(prop: unknown): unknown {
  switch (typeof prop) {
    case "function":
      return undefined;
    case "undefined":
    case "boolean":
    case "number":
    case "string":
      return prop;
    case "object":
      break;
    default:
      return NOT_PLAIN;
  }
  if (prop === null) return null;
  if (isSpecial(prop)) return NOT_PLAIN;
  if (prop instanceof Array) {
    const result: unknown[] = [];
    for (let i = 0; i < prop.length; i++) {
      const elem = plainCopy(prop[i]);
      if (elem === NOT_PLAIN) return NOT_PLAIN;
      turns += 1;
      result.push(elem === undefined ? null : elem);
    }
    return result;
  }
  const obj: Record<string, unknown> = {};
  for (const k of Object.keys(prop)) {
    const v = plainCopy((prop as Record<string, unknown>)[k]);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    turns += 1;
    if (v !== undefined) obj[k] = v;
  }
  turns += 1;
  return obj;
}

function plain(prop: unknown): Plain | undefined {
  turns = 0;
  let value: unknown;
  try {
    value = plainCopy(prop);
  } catch {
    // A getter threw: the runtime's walk meets the error at its own turn.
    return undefined;
  }
  return value === NOT_PLAIN ? undefined : { value, turns };
}

const settled = Promise.resolve();

/** A promise fulfilled with `value` after `count` turns of the microtask queue, one microtask queued at a time. */
function afterTurns<T>(value: T, count: number): Promise<T> {
  if (count === 0) return Promise.resolve(value);
  return new Promise((resolve) => {
    let left = count;
    const step = (): void => {
      if (--left === 0) resolve(value);
      else void settled.then(step);
    };
    void settled.then(step);
  });
}

/** `serializeProperty` taking the runtime's turns, plain values copied at once; `stock` serializes everything else. */
export function plainSerializeProperty(stock: SerializeProperty): SerializeProperty {
  const serializeProperty: SerializeProperty = (ctx, prop, dependentResources, opts) => {
    const copy = plain(prop);
    if (copy) return afterTurns(copy.value, copy.turns);
    if (prop !== null && typeof prop === "object" && !isSpecial(prop)) return serializeContainer(ctx, prop, dependentResources, opts);
    return stock(ctx, prop, dependentResources, opts);
  };

  // The runtime's walk of an array or object (rpc.js serializeProperty), with this serializer for its values.
  async function serializeContainer(ctx: string, prop: object, dependentResources: Set<unknown> | undefined, opts: Parameters<SerializeProperty>[3]): Promise<unknown> {
    if (prop instanceof Array) {
      const result: unknown[] = [];
      for (let i = 0; i < prop.length; i++) {
        const elem = await serializeProperty(`${ctx}[${i}]`, prop[i], dependentResources, opts);
        result.push(elem === undefined ? null : elem);
      }
      return result;
    }
    return await serializeAllKeys(prop, {}, opts);
    async function serializeAllKeys(innerProp: object, obj: Record<string, unknown>, innerOpts: typeof opts): Promise<Record<string, unknown>> {
      for (const k of Object.keys(innerProp)) {
        const v = await serializeProperty(`${ctx}.${k}`, (innerProp as Record<string, unknown>)[k], dependentResources, innerOpts);
        if (v !== undefined) obj[k] = v;
      }
      return obj;
    }
  }
  return serializeProperty;
}

type Filtered = [Record<string, unknown>, Map<string, Set<unknown>>];

/** The runtime's property serializers (rpc.js), on `serializeProperty`: the same awaits, so the same turns. */
export function propertySerializers(serializeProperty: SerializeProperty) {
  async function serializeFilteredProperties(label: string, props: Record<string, unknown>, acceptKey: (k: string) => boolean, opts?: Parameters<SerializeProperty>[3]): Promise<Filtered> {
    const propertyToDependentResources = new Map<string, Set<unknown>>();
    const result: Record<string, unknown> = {};
    for (const k of Object.keys(props)) {
      if (acceptKey(k)) {
        if (opts?.pendingRegistration !== undefined) opts.pendingRegistration.inputProperty = k;
        const dependentResources = new Set<unknown>();
        let v: unknown;
        try {
          v = await serializeProperty(`${label}.${k}`, props[k], dependentResources, opts);
        } catch (err) {
          // As the runtime does: the same error, its message naming the property.
          if (err instanceof Error) {
            err.message = `error serializing property "${k}": ${err.message}`;
            throw err;
          }
          throw new Error(`error serializing property "${k}": ${String(err)}`);
        }
        if (v !== undefined) {
          result[k] = v;
          propertyToDependentResources.set(k, dependentResources);
        }
      }
    }
    return [result, propertyToDependentResources];
  }
  return {
    async serializeResourceProperties(label: string, props: Record<string, unknown>, opts?: Parameters<SerializeProperty>[3]): Promise<Filtered> {
      return serializeFilteredProperties(label, props, (key) => key !== "id" && key !== "urn", opts);
    },
    async serializeProperties(label: string, props: Record<string, unknown>, opts?: Parameters<SerializeProperty>[3]): Promise<Record<string, unknown>> {
      const [result] = await serializeFilteredProperties(label, props, () => true, opts);
      return result;
    },
    async serializePropertiesReturnDeps(label: string, props: Record<string, unknown>, opts?: Parameters<SerializeProperty>[3]): Promise<Filtered> {
      return serializeFilteredProperties(label, props, () => true, opts);
    },
  };
}
