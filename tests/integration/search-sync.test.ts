import { describe, expect, it } from 'vitest';
import type { ProfileView } from '@mekendesh/core';
import { ProfileSearch } from '@mekendesh/search';
import type { StoreChanges } from '@mekendesh/sync';
import { openClient, signUp, startTestServer } from '../kit/server.ts';

describe('a search index kept current by the sync client', () => {
  it('follows local edits, pulled changes and resets, through change events', async () => {
    const server = await startTestServer();
    try {
      const alice = await signUp(server.url, 'Alice');
      const bob = await signUp(server.url, 'Bob');
      const a = openClient(server, alice);
      const b = openClient(server, bob);
      try {
        const index = new ProfileSearch();
        const events: StoreChanges[] = [];
        a.client.subscribeChanges((changes) => {
          events.push(changes);
          const profiles = changes.profiles;
          if (!profiles) return;
          const ids = profiles === 'all' ? (a.client.records.where('profiles', '1=1') as ProfileView[]).map((p) => p.id) : [...profiles];
          if (profiles === 'all') for (const [id] of [...index.entries()]) index.remove(id);
          for (const id of ids) {
            const p = a.client.get('profiles', id);
            if (p) index.upsert(p);
            else index.remove(id);
          }
        });
        b.client.mutate('profile.update', { id: bob.account.id, patch: { nameLatin: 'Bakyt Osmonov', city: 'Стамбул' }, visibility: { nameLatin: 'members' } });
        await b.client.syncNow();
        await a.client.syncNow();
        expect(events[0]!.profiles).toBe('all');
        expect(index.search({ text: 'Osmonov' }).hits.map((h) => h.id)).toEqual([bob.account.id]);

        // A local edit is searchable at once, before any sync.
        a.client.mutate('profile.update', { id: alice.account.id, patch: { nameCyrillic: 'Айгүл Асанова' } });
        expect([...(events.at(-1)!.profiles as Set<string>)]).toEqual([alice.account.id]);
        expect(index.search({ text: 'Aigul' }).hits.map((h) => h.id)).toEqual([alice.account.id]);

        // A change pulled from the server updates the index; a rejected local mutation does not linger.
        b.client.mutate('profile.update', { id: bob.account.id, patch: { city: 'Анкара' } });
        await b.client.syncNow();
        await a.client.syncNow();
        expect(index.search({ text: 'Анкара' }).hits.map((h) => h.id)).toEqual([bob.account.id]);
        expect(index.search({ text: 'Стамбул' }).total).toBe(0);
        expect(() => a.client.mutate('profile.update', { id: bob.account.id, patch: { city: 'X' } })).toThrow('forbidden');
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await server.stop();
    }
  });
});
