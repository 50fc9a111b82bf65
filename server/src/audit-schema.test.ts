import { describe, expect, it } from 'vitest';
import { AUDIT_SCHEMA_SQL } from '@mekendesh/audit';
import { SERVER_MIGRATIONS, type SqlDriver } from '@mekendesh/store';

describe('the audit migration', () => {
  it('is the audit package’s schema, copied when it landed', () => {
    const migration = SERVER_MIGRATIONS.migrations.find((m) => m.name === 'audit')!;
    let sql = '';
    migration.up({ exec: (s: string) => (sql += s) } as unknown as SqlDriver);
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(norm(sql)).toBe(norm(AUDIT_SCHEMA_SQL));
  });
});
