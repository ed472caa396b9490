// The sealer keeps secrets (stage variable values) on disk only encrypted, with one key per
// installation in VS Code's secret storage. What must hold: what is sealed opens to the same value;
// changed text, another key or no key is a SealedError (never garbage, never a crash); the key is
// made once and every Sealer on the store uses the one that was kept; a failing store is tried again.
import { SealedError } from '../../src/errors';
import * as assert from 'assert/strict';
import { type KeyStore, Sealer } from '../../src/aws/sealer';

/** VS Code's secret storage for one key, as a variable; counts what the sealer asks of it. */
function memoryKeys(initial?: string): KeyStore & { value?: string; gets: number; sets: number } {
  const store = {
    value: initial,
    gets: 0,
    sets: 0,
    get: async () => {
      store.gets++;
      return store.value;
    },
    set: async (v: string) => {
      store.sets++;
      store.value = v;
    },
  };
  return store;
}

const isSealedError = (pattern: RegExp) => (e: unknown) => e instanceof SealedError && e.name === 'SealedError' && pattern.test(e.message);

describe('Sealer', () => {
  it('opens what it sealed, nested values and all, and the text shows none of it', async () => {
    const sealer = new Sealer(memoryKeys());
    const value = {
      variables: { apiKey: 'k-3f9a2c', empty: '', 'ü-name': 'wert ü 日本 🔑' },
      canaryOverrides: { url: 'https://backend.example/?token=abc&x=1' },
      list: [1, null, true, { deep: ['a', { deeper: 'b' }] }],
      n: 0.5,
    };
    const text = await sealer.seal(value);
    assert.match(text, /^aesgcm1:[A-Za-z0-9+/]+=*$/);
    for (const plain of ['k-3f9a2c', 'backend.example', 'apiKey', 'deeper']) assert.ok(!text.includes(plain), `${plain} shows in ${text}`);
    assert.deepEqual(await sealer.open(text), value);
    // A fresh IV each time: the same value never gives the same text (equal secrets stay unrecognisable).
    assert.notEqual(await sealer.seal(value), text);
    // Plain values too, not only objects.
    for (const v of ['', 'text', 0, false, null, []]) assert.deepEqual(await sealer.open(await sealer.seal(v)), v);
  });

  it('refuses text that was changed, cut short or is not sealed text: SealedError', async () => {
    const sealer = new Sealer(memoryKeys());
    const text = await sealer.seal({ variables: { a: 'secret' } });
    const raw = Buffer.from(text.slice('aesgcm1:'.length), 'base64');
    const changed = (i: number) => {
      const copy = Buffer.from(raw);
      copy[i] ^= 1;
      return `aesgcm1:${copy.toString('base64')}`;
    };
    // One bit in the IV, in the tag, in the data: GCM's tag catches each.
    for (const i of [0, 12, 27, 28, raw.length - 1]) {
      await assert.rejects(sealer.open(changed(i)), isSealedError(/does not open it/), `byte ${i} changed`);
    }
    await assert.rejects(sealer.open(`aesgcm1:${raw.subarray(0, raw.length - 3).toString('base64')}`), isSealedError(/does not open it/));
    await assert.rejects(sealer.open('aesgcm1:'), isSealedError(/does not open it/));
    await assert.rejects(sealer.open('{"a":"secret"}'), isSealedError(/not sealed text/));
    await assert.rejects(sealer.open(''), isSealedError(/not sealed text/));
    // The sealer still works after all that.
    assert.deepEqual(await sealer.open(text), { variables: { a: 'secret' } });
  });

  it('refuses text sealed with another key (another machine): SealedError', async () => {
    const text = await new Sealer(memoryKeys()).seal({ a: 1 });
    const other = memoryKeys();
    await new Sealer(other).seal('makes this store its own key');
    await assert.rejects(new Sealer(other).open(text), isSealedError(/does not open it/));
  });

  it('opening with no key is a SealedError, and makes no key (there would be nothing it opens)', async () => {
    const text = await new Sealer(memoryKeys()).seal({ a: 1 });
    const empty = memoryKeys();
    const sealer = new Sealer(empty);
    await assert.rejects(sealer.open(text), isSealedError(/no key in secret storage/));
    assert.equal(empty.sets, 0);
    assert.equal(empty.value, undefined);
    // Not remembered as "no key": a later seal makes one, and opens what it seals.
    assert.deepEqual(await sealer.open(await sealer.seal('x')), 'x');
    assert.equal(empty.sets, 1);
  });

  it('a seal while an open finds no key still makes one (the open\'s "no key" is not the seal\'s answer)', async () => {
    const elsewhere = await new Sealer(memoryKeys()).seal('from another machine');
    const keys = memoryKeys();
    const sealer = new Sealer(keys);
    // A restored editor opens its saved edits while a delete seals a snapshot, on a store with no key yet.
    const [opened, sealed] = await Promise.allSettled([sealer.open(elsewhere), sealer.seal({ v: 'new' })]);
    assert.equal(opened.status, 'rejected');
    assert.ok(isSealedError(/no key|does not open/)((opened as PromiseRejectedResult).reason));
    assert.equal(sealed.status, 'fulfilled', String((sealed as PromiseRejectedResult).reason));
    assert.deepEqual(await new Sealer(keys).open((sealed as PromiseFulfilledResult<string>).value), { v: 'new' });
  });

  it('makes the key once: 32 random bytes, kept in the store and shared by every Sealer on it', async () => {
    const keys = memoryKeys();
    const a = new Sealer(keys);
    // Many seals at once in one window: one key, made once.
    const texts = await Promise.all([1, 2, 3, 4, 5].map((i) => a.seal(i)));
    assert.equal(keys.sets, 1);
    assert.equal(Buffer.from(keys.value!, 'base64').length, 32);
    // Another window (another Sealer on the same store) reads it, makes none, and opens the first one's texts.
    const b = new Sealer(keys);
    assert.deepEqual(await Promise.all(texts.map((t) => b.open(t))), [1, 2, 3, 4, 5]);
    assert.deepEqual(await a.open(await b.seal('from b')), 'from b');
    assert.equal(keys.sets, 1);
    // Read from the store once per Sealer, not on every call.
    const gets = keys.gets;
    await a.seal('again');
    await b.open(texts[0]);
    assert.equal(keys.gets, gets);
  });

  it('two Sealers making the key at once both go on with the one that was kept', async () => {
    const keys = memoryKeys();
    const [a, b] = [new Sealer(keys), new Sealer(keys)];
    const [ta, tb] = await Promise.all([a.seal('a'), b.seal('b')]);
    // Whatever the order of the two writes, a third Sealer (the next window reload) opens both.
    const next = new Sealer(keys);
    assert.equal(await next.open(ta), 'a');
    assert.equal(await next.open(tb), 'b');
  });

  it('a key store that fails is not remembered: the next call asks it again', async () => {
    const keys = memoryKeys();
    let failGets = 1;
    let failSets = 1;
    const flaky: KeyStore = {
      get: async () => {
        if (failGets-- > 0) throw new Error('keychain locked');
        return keys.get();
      },
      set: async (v) => {
        if (failSets-- > 0) throw new Error('keychain write refused');
        return keys.set(v);
      },
    };
    const sealer = new Sealer(flaky);
    await assert.rejects(sealer.seal('x'), /keychain locked/);
    await assert.rejects(sealer.seal('x'), /keychain write refused/);
    assert.equal(keys.value, undefined);
    const text = await sealer.seal('x');
    assert.equal(await sealer.open(text), 'x');
    assert.equal(await new Sealer(keys).open(text), 'x');
  });

  it('a store that does not keep the key is a SealedError, tried again next time', async () => {
    const keys = memoryKeys();
    let forgetful = true;
    const sealer = new Sealer({
      get: () => keys.get(),
      set: async (v) => {
        if (!forgetful) await keys.set(v);
      },
    });
    // Without the read back, this text would be sealed with a key nobody kept, and lost.
    await assert.rejects(sealer.seal('x'), isSealedError(/did not keep the key/));
    forgetful = false;
    assert.equal(await new Sealer(keys).open(await sealer.seal('x')), 'x');
  });
});
