#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DomainError, Email, Password } from '@mekendesh/core';
import { t, negotiateLocale } from '@mekendesh/i18n';
import { AuthService } from './auth.ts';
import { configFromEnv, DEFAULT_CONFIG } from './config.ts';
import { openServerDb } from './db.ts';
import { generateDemo, isEmpty } from './demo.ts';
import { ServerStore } from './storage/server-store.ts';

const USAGE = `Usage: pnpm cli <command> [options]

Commands:
  create-coordinator --email <email> --name <name>
      Creates a coordinator account. The password is read from standard input
      (one line), or from MEKENDESH_COORDINATOR_PASSWORD.
  demo [--members 2000] [--seed 2026] [--force]
      Loads the deterministic demo dataset into the database (empty databases only,
      unless --force).

Common options:
  --data-dir <dir>   database folder (default: ./data, or MEKENDESH_DATA_DIR)
`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.MEKENDESH_COORDINATOR_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      members: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const config = configFromEnv(process.env, { ...DEFAULT_CONFIG, dataDir: resolve(process.cwd(), 'data') });
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : config.dataDir;
  const locale = negotiateLocale(process.env.LANG?.split('.')[0]?.replace('_', '-'));

  switch (command) {
    case 'create-coordinator': {
      const email = Email.safeParse(values.email);
      if (!email.success || !values.name) {
        process.stderr.write(`${t(locale, 'errors.invalid_args')}\n\n${USAGE}`);
        return 2;
      }
      const password = Password.safeParse(await readPassword());
      if (!password.success) {
        process.stderr.write(`${t(locale, 'errors.weak_password')}\n`);
        return 2;
      }
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        const account = await new AuthService(store, config).createCoordinator(email.data, password.data, values.name);
        process.stdout.write(`${JSON.stringify({ ok: true, accountId: account.id, email: account.email })}\n`);
        return 0;
      } catch (err) {
        if (err instanceof DomainError) {
          process.stderr.write(`${t(locale, `errors.${err.code}`)}\n`);
          return 1;
        }
        throw err;
      } finally {
        store.db.close();
      }
    }
    case 'demo': {
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        if (!isEmpty(store) && !values.force) {
          process.stderr.write(`${t(locale, 'cli.demoNotEmpty')}\n`);
          return 1;
        }
        const t0 = performance.now();
        const summary = await generateDemo(store, {
          members: values.members ? Number(values.members) : 2000,
          seed: values.seed ? Number(values.seed) : 2026,
          logN: config.scryptLogN,
        });
        process.stdout.write(`${JSON.stringify({ ok: true, ...summary, ms: Math.round(performance.now() - t0) })}\n`);
        return 0;
      } finally {
        store.db.close();
      }
    }
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
