#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCheckpoint, verifyJsonl } from '@mekendesh/audit';
import { CredentialService } from './awards/credentials.ts';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DomainError, Email, Password } from '@mekendesh/core';
import { negotiateLocale } from '@mekendesh/i18n';
import { t } from '@mekendesh/i18n/pages';
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

  audit-verify [--checkpoints <file.json>] [--jsonl <export.jsonl>]
      Verifies the audit log's hash chain and signed checkpoints (those stored, and those
      in the file: keep copies elsewhere). With --jsonl, verifies an export instead.
      Exit code 0 when intact, 1 when a change is detected.
  audit-checkpoint [--out <file.json>]
      Signs a checkpoint of the log's head with the issuer key and prints it (or adds it to
      the file): keep it outside this server.
  audit-export --out <file.jsonl>
      Writes the audit log as JSON lines.
  issuer-rotate
      Retires the issuer's signing key and makes a new one.
  issuer-compromise --kid <kid> --at <ISO time>
      Marks a key as leaked from that time on: credentials it signed later stop verifying.

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
      checkpoints: { type: 'string' },
      jsonl: { type: 'string' },
      out: { type: 'string' },
      kid: { type: 'string' },
      at: { type: 'string' },
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
    case 'audit-verify': {
      const external = values.checkpoints ? (JSON.parse(readFileSync(values.checkpoints, 'utf8')) as unknown[]) : [];
      const parsedExternal = external.map((c) => parseCheckpoint(c)).filter((c): c is NonNullable<typeof c> => !!c);
      if (parsedExternal.length !== external.length) {
        process.stderr.write(`${t(locale, 'cli.auditBadCheckpoints')}\n`);
        return 2;
      }
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        const keys = CredentialService.inDataDir(store, dataDir).publicKeys();
        const result = values.jsonl
          ? await verifyJsonl(createInterface({ input: createReadStream(values.jsonl) }), { checkpoints: parsedExternal, keys })
          : store.db.transaction(() => store.audit.verify({ checkpoints: [...store.audit.checkpoints(), ...parsedExternal], keys }));
        process.stdout.write(`${JSON.stringify(result)}\n`);
        process.stderr.write(`${result.ok ? t(locale, 'cli.auditIntact', { count: result.count }) : t(locale, 'cli.auditChanged', { seq: result.seq, reason: result.reason })}\n`);
        return result.ok ? 0 : 1;
      } finally {
        store.db.close();
      }
    }
    case 'audit-checkpoint': {
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
        const checkpoint = store.db.transaction(() => store.audit.checkpoint(CredentialService.inDataDir(store, dataDir).checkpointSigner(base), store.now()));
        if (values.out) {
          const list = existsSync(values.out) ? (JSON.parse(readFileSync(values.out, 'utf8')) as unknown[]) : [];
          writeFileSync(values.out, `${JSON.stringify([...list, checkpoint], null, 2)}\n`);
        }
        process.stdout.write(`${JSON.stringify(checkpoint)}\n`);
        return 0;
      } finally {
        store.db.close();
      }
    }
    case 'audit-export': {
      if (!values.out) {
        process.stderr.write(USAGE);
        return 2;
      }
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        const out = createWriteStream(values.out);
        let n = 0;
        for (const line of store.audit.exportJsonl()) {
          if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
          n++;
        }
        await new Promise<void>((r) => out.end(r));
        process.stdout.write(`${JSON.stringify({ ok: true, events: n, file: values.out })}\n`);
        return 0;
      } finally {
        store.db.close();
      }
    }
    case 'issuer-rotate':
    case 'issuer-compromise': {
      const store = new ServerStore(openServerDb(join(dataDir, 'mekendesh.db')));
      try {
        const service = CredentialService.inDataDir(store, dataDir);
        const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
        if (command === 'issuer-compromise' && (!values.kid || !values.at)) {
          process.stderr.write(USAGE);
          return 2;
        }
        const keySet = command === 'issuer-rotate' ? service.rotate(base) : service.compromise(values.kid!, values.at!);
        store.db.transaction(() => store.appendAudit(store.now(), null, `issuer.${command === 'issuer-rotate' ? 'rotated' : 'compromised'}`, { kids: keySet.keys.map((k) => k.kid) }, null));
        process.stdout.write(`${JSON.stringify({ ok: true, keySet })}\n`);
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
