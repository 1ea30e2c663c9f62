import { expect } from 'chai';
import type { ImageName } from 'testcontainers';
import { disableRyukWhereImageAbsent, reaperImage } from '../../src/containers/ryuk';

function fakeClient(present: readonly string[]): {
  image: { exists(name: ImageName): Promise<boolean> };
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    image: {
      exists: (name: ImageName) => {
        asked.push(name.string);
        return Promise.resolve(present.includes(name.string));
      },
    },
  };
}

describe('Ryuk where its image cannot be had', () => {
  it('disables Ryuk when the reaper image is absent and nobody decided', async () => {
    const env: NodeJS.ProcessEnv = {};
    const client = fakeClient([]);
    expect(await disableRyukWhereImageAbsent(client, env)).to.equal(true);
    expect(env['TESTCONTAINERS_RYUK_DISABLED']).to.equal('true');
    expect(client.asked).to.deep.equal(['testcontainers/ryuk:0.14.0']);
  });

  it('leaves Ryuk on when its image is present', async () => {
    const env: NodeJS.ProcessEnv = { RYUK_CONTAINER_IMAGE: 'mirror.local/ryuk:1' };
    const client = fakeClient(['mirror.local/ryuk:1']);
    expect(await disableRyukWhereImageAbsent(client, env)).to.equal(false);
    expect(env).to.not.have.property('TESTCONTAINERS_RYUK_DISABLED');
  });

  it("keeps the user's own choice without asking the engine", async () => {
    const client = fakeClient([]);
    expect(await disableRyukWhereImageAbsent(client, { TESTCONTAINERS_RYUK_DISABLED: 'false' })).to.equal(false);
    expect(await disableRyukWhereImageAbsent(client, { TESTCONTAINERS_RYUK_DISABLED: 'true' })).to.equal(true);
    expect(client.asked).to.deep.equal([]);
  });

  it('names the image testcontainers would start', () => {
    expect(reaperImage({})).to.equal('testcontainers/ryuk:0.14.0');
  });
});
