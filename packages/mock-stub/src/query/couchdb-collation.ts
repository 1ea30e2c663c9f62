/**
 * CouchDB's collation of JSON values (`couch_ejson_compare.c` less_json, used by views, Mango indexes and Mango's
 * `$gt`/`$lt`/`$eq` through `mango_json:cmp`): null < false < true < numbers < strings < arrays < objects; strings by
 * ICU's root collator (`ucol_open("")`, so `"a" < "B" < "b"` and `"blue" < "Blue"`); arrays element by element,
 * shorter first; objects key by key (keys as strings), then value, then size.
 *
 * pouchdb-collate, which pouchdb-selector-core matches with, compares strings by code point (`"B" < "a"`), so a
 * range like `{"$gte": "a", "$lt": "c"}` would miss `"Blue"` that CouchDB matches. {@link useCouchDbCollation}
 * makes the matcher use this collation instead.
 */
import * as pouchdbCollate from 'pouchdb-collate';

const icu = new Intl.Collator('und');

function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (value === false) return 1;
  if (value === true) return 2;
  if (typeof value === 'number') return 3;
  if (typeof value === 'string') return 4;
  if (Array.isArray(value)) return 5;
  return 6;
}

/** Compares two JSON values as CouchDB does: negative, zero or positive. */
export function couchCollate(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3:
      return Math.sign((a as number) - (b as number));
    case 4:
      return Math.sign(icu.compare(a as string, b as string));
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
        const c = couchCollate(x[i], y[i]);
        if (c !== 0) return c;
      }
      return Math.sign(x.length - y.length);
    }
    case 6: {
      const x = Object.entries(a as Record<string, unknown>);
      const y = Object.entries(b as Record<string, unknown>);
      for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
        const [kx, vx] = x[i] ?? ['', null];
        const [ky, vy] = y[i] ?? ['', null];
        const c = Math.sign(icu.compare(kx, ky)) || couchCollate(vx, vy);
        if (c !== 0) return c;
      }
      return Math.sign(x.length - y.length);
    }
    default:
      return 0;
  }
}

let installed = false;

/**
 * Makes pouchdb-selector-core compare with {@link couchCollate}: it calls `pouchdbCollate.collate` through the
 * module object at each comparison (lib/index.js), so replacing that one export is enough. Idempotent.
 */
export function useCouchDbCollation(): void {
  if (installed) return;
  // The module object itself (it is marked __esModule, so the namespace import is not a copy).
  Object.assign(pouchdbCollate, { collate: couchCollate });
  installed = true;
}
