import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer, tempDir } from '../kit/server.ts';

const root = join(import.meta.dirname, '..', '..');
const cli = (args: string[], input = '', env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli.ts'), ...args], {
    input, encoding: 'utf8', cwd: root, env: { ...process.env, MEKENDESH_SCRYPT_LOG_N: '12', LANG: 'en_US.UTF-8', ...env },
  });

describe('the CLI', () => {
  it('creates the first coordinator, who can then sign in and holds the coordinator role', async () => {
    const data = tempDir();
    try {
      const made = cli(['create-coordinator', '--email', 'Coord@Example.org', '--name', 'Айгүл', '--data-dir', data.dir], 'a very good password\n');
      expect(made.status, made.stderr).toBe(0);
      expect(JSON.parse(made.stdout)).toMatchObject({ ok: true, email: 'coord@example.org' });
      const again = cli(['create-coordinator', '--email', 'coord@example.org', '--name', 'X', '--data-dir', data.dir], 'a very good password\n');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('An account with this email already exists.');
      const server = await startTestServer({ dataDir: data.dir });
      try {
        const res = await fetch(`${server.url}/api/auth/sign-in`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'coord@example.org', password: 'a very good password', mode: 'token' }),
        });
        const body = (await res.json()) as { account: { roles: string[] } };
        expect(body.account.roles).toEqual(['member', 'coordinator']);
      } finally {
        await server.close();
      }
    } finally {
      data.remove();
    }
  });

  it('refuses a bad email and a short password with a clear message', () => {
    const data = tempDir();
    try {
      const bad = cli(['create-coordinator', '--email', 'not-an-email', '--name', 'X', '--data-dir', data.dir], 'a very good password\n');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('Some data did not pass validation');
      const short = cli(['create-coordinator', '--email', 'x@example.org', '--name', 'X', '--data-dir', data.dir], 'short\n');
      expect(short.status).toBe(2);
      expect(short.stderr).toContain('at least 10 characters');
    } finally {
      data.remove();
    }
  });

  it('loads demo data once, and refuses a second load without --force', () => {
    const data = tempDir();
    try {
      const first = cli(['demo', '--members', '50', '--data-dir', data.dir]);
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, members: 50 });
      const second = cli(['demo', '--members', '50', '--data-dir', data.dir]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('pass --force');
    } finally {
      data.remove();
    }
  });
});
