import { expect } from 'chai';
import { couchCollate } from '../../src/query/couchdb-collation';
import { jsonIndexes, planQuery } from '../../src/query/index-planner';

const INDEXES = jsonIndexes([
  { index: { fields: ['color'] }, ddoc: 'indexColorDoc', name: 'indexColor', type: 'json' },
  { index: { fields: ['size'] }, ddoc: '_design/indexSizeDoc', name: 'indexSize', type: 'json' },
  { index: { fields: ['color', 'size'] }, ddoc: 'indexColorSizeDoc', name: 'indexColorSize', type: 'json' },
]);
const plan = (selector: Record<string, unknown>, sort?: unknown[], useIndex: string[] = [], allowFallback = true) =>
  planQuery(selector, INDEXES, { sort, useIndex, allowFallback });
const named = (result: ReturnType<typeof plan>): string =>
  'error' in result ? result.error : result.kind === 'json' ? result.index.name : '_all_docs';

describe('S-22 CouchDB 3.4 query planner (mango_idx_view.erl, mango_cursor.erl, mango_cursor_view.erl)', () => {
  it('picks the index whose prefix fits the selector best, then the one with fewer columns', () => {
    expect(named(plan({ color: { $eq: 'blue' } }))).to.equal('indexColor');
    expect(named(plan({ color: { $eq: 'blue' }, size: { $gt: 1 } }))).to.equal('indexColorSize');
    expect(named(plan({ size: { $gt: 1 } }))).to.equal('indexSize');
    expect(named(plan({ owner: { $eq: 'ann' } }))).to.equal('_all_docs');
    expect(named(plan({ color: { $exists: false } }))).to.equal('_all_docs');
    expect(named(plan({ $or: [{ color: { $eq: 'a' } }, { color: { $eq: 'b' } }] }))).to.equal('indexColor');
    expect(named(plan({ $and: [{ size: { $gt: 1 } }] }))).to.equal('indexSize');
  });

  it('serves a sort only from an index that covers it; _id needs _id in the selector', () => {
    expect(named(plan({ size: { $gt: 0 } }, [{ size: 'desc' }]))).to.equal('indexSize');
    expect(named(plan({ color: { $eq: 'blue' }, size: { $gt: 0 } }, ['size']))).to.equal('indexColorSize');
    expect(named(plan({ owner: { $gt: null } }, ['owner']))).to.equal('no_usable_index');
    expect(named(plan({ color: { $eq: 'blue' } }, [{ _id: 'asc' }]))).to.equal('no_usable_index');
    expect(named(plan({ _id: { $gt: null } }, [{ _id: 'asc' }]))).to.equal('_all_docs');
    expect(named(plan({ size: { $gt: 0 } }, [5]))).to.equal('no_usable_index');
  });

  it('follows use_index when the index is usable, falls back otherwise unless allow_fallback is false', () => {
    expect(named(plan({ color: { $eq: 'blue' } }, undefined, ['_design/indexColorSizeDoc']))).to.equal('indexColor');
    expect(named(plan({ color: { $eq: 'b' }, size: { $gt: 0 } }, undefined, ['indexColorDoc', 'indexColor']))).to.equal(
      'indexColor',
    );
    expect(named(plan({ color: { $eq: 'blue' } }, undefined, ['noSuchDoc']))).to.equal('indexColor');
    const refused = plan({ color: { $eq: 'blue' } }, undefined, ['noSuchDoc', 'x'], false);
    expect(refused).to.deep.equal({
      error: 'invalid_index',
      reason: '_design/noSuchDoc, x specified by `use_index` could not be found or it is not suitable.',
    });
    expect(plan({ owner: { $eq: 'a' } }, undefined, [], false)).to.deep.equal({
      error: 'invalid_index',
      reason: 'You must specify an index with the `use_index` parameter.',
    });
    expect(named(plan({ color: { $eq: 'a' } }, undefined, [], false))).to.equal('indexColor');
  });
});

describe('S-22 CouchDB collation (couch_ejson_compare.c)', () => {
  it('orders types, then values; strings by ICU root', () => {
    const ordered = [
      null,
      false,
      true,
      -1,
      2,
      'a',
      'blue',
      'Blue',
      'c',
      [],
      [1],
      [1, 2],
      {},
      { a: 1 },
      { a: 1, b: 1 },
      { a: 2 },
      { b: 0 },
    ];
    for (let i = 0; i < ordered.length - 1; i += 1) {
      expect(couchCollate(ordered[i], ordered[i + 1]), JSON.stringify(ordered.slice(i, i + 2))).to.equal(-1);
      expect(couchCollate(ordered[i + 1], ordered[i])).to.equal(1);
    }
    expect(couchCollate({ a: [1] }, { a: [1] })).to.equal(0);
    expect(couchCollate(undefined, null)).to.equal(0);
  });
});
