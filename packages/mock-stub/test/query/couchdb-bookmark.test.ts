import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { decodeBookmark, encodeBookmark } from '../../src/query/couchdb-bookmark';

/**
 * Bookmarks as CouchDB 3.4 writes them (mango_json_bookmark.erl create/1), recorded from Erlang/OTP 25:
 *   erl -noshell -eval 'io:format("~s~n", [base64:encode(term_to_binary([{startkey_docid, Id}, {startkey, Key}],
 *     [compressed, {minor_version, 1}]))]), halt().'
 * (base64url without padding, as couch_util:encodeBase64Url writes it).
 */
const ERLANG_BOOKMARKS: readonly { docId: string; key: unknown; erlKey: string; bookmark: string }[] = [
  {
    docId: 'k2',
    key: 'k2',
    erlKey: '<<"k2">>',
    bookmark: 'g1AAAAA0eJzLYWBgYMpgSmHgKy5JLCrJTq2MT8lPzkzJBYlnG4FkOGAyULEsAGnUDfM',
  },
  {
    docId: 'd3',
    key: ['blue', 2],
    erlKey: '[<<"blue">>, 2]',
    bookmark: 'g1AAAAA-eJzLYWBgYMpgSmHgKy5JLCrJTq2MT8lPzkzJBYmnGINkOGAyOSAxkARLUk5paiJTVhYA-1QQNQ',
  },
  {
    // Seen on a CouchDB peer (S-22): an index key of small integers is Erlang's STRING_EXT, and too short to compress.
    docId: 'd1',
    key: [3],
    erlKey: '[3]',
    bookmark: 'g2wAAAACaAJkAA5zdGFydGtleV9kb2NpZG0AAAACZDFoAmQACHN0YXJ0a2V5awABA2o',
  },
  {
    docId: 'x',
    key: [null, true, 1.5, -7, 300, 5000000000, { a: 1 }, []],
    erlKey: '[null, true, 1.5, -7, 300, 5000000000, {[{<<"a">>, 1}]}, []]',
    bookmark:
      'g1AAAABueJzLYWBgYMpgSmHgKy5JLCrJTq2MT8lPzkzJBYozVoAkOGASOUAhjhQGlrzSnBwgVVJUmupm_4MBDJL-____MwmoRSePlYHhE6sWYwYjSD1jBhPYpMRExiwgAAB_3B0o',
  },
];

describe('S-22 bookmarks are CouchDB’s own (mango_json_bookmark.erl)', () => {
  it('writes the bytes Erlang writes, compressed or not', () => {
    for (const { docId, key, bookmark } of ERLANG_BOOKMARKS)
      expect(encodeBookmark(docId, key as never)).to.equal(bookmark);
  });

  it('reads them back, and refuses what CouchDB refuses as invalid_bookmark', () => {
    for (const { docId, key, bookmark } of ERLANG_BOOKMARKS) {
      expect(decodeBookmark(bookmark)).to.deep.equal({ docId, key });
    }
    for (const bad of ['not-a-bookmark', 'WyJrMiJd', '', 'g1AAAA'])
      expect(decodeBookmark(bad), bad).to.equal(undefined);
  });

  it('agrees with Erlang here, when erl is installed', function () {
    const probe = spawnSync('erl', ['-noshell', '-eval', 'halt().'], { encoding: 'utf8' });
    if (probe.error !== undefined) this.skip();
    for (const { docId, key, erlKey } of ERLANG_BOOKMARKS) {
      const term = `[{startkey_docid, <<"${docId}">>}, {startkey, ${erlKey}}]`;
      const program = `io:format("~s", [base64:encode(term_to_binary(${term}, [compressed, {minor_version, 1}]))]), halt().`;
      const erlang = spawnSync('erl', ['-noshell', '-eval', program], { encoding: 'utf8' }).stdout;
      const base64url = erlang.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      expect(encodeBookmark(docId, key as never)).to.equal(base64url);
    }
  });
});
