/**
 * `@mekendesh/i18n`: Kyrgyz (the reference), Russian and English, all present. See `base.ts`
 * for the Kyrgyz-only entry the PWA loads first.
 */
import { registerLocale } from './base.ts';
import { ru } from './ru.ts';
import { en } from './en.ts';

export * from './base.ts';

registerLocale('ru', ru);
registerLocale('en', en);
