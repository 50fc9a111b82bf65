/**
 * Registers the project screens' strings (`project-{ky,ru,en}.ts`) with `t`. Imported by
 * those screens, so the strings arrive with their chunk rather than in the first load.
 */
import { registerCatalogue } from './index.ts';
import { projectEn } from './project-en.ts';
import { projectKy } from './project-ky.ts';
import { projectRu } from './project-ru.ts';

export const PROJECT_CATALOGUES = { ky: projectKy, ru: projectRu, en: projectEn };
registerCatalogue(PROJECT_CATALOGUES);
