/**
 * Registers the award screens' strings (`award-{ky,ru,en}.ts`) with `t`. Imported by those
 * screens, so the strings arrive with their chunk rather than in the first load.
 */
import { registerCatalogue } from './index.ts';
import { awardEn } from './award-en.ts';
import { awardKy } from './award-ky.ts';
import { awardRu } from './award-ru.ts';

export const AWARD_CATALOGUES = { ky: awardKy, ru: awardRu, en: awardEn };
registerCatalogue(AWARD_CATALOGUES);
