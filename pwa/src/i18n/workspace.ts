/**
 * Registers the workspace screens' strings (`workspace-{ky,ru,en}.ts`) with `t`. Imported by
 * the workspace's chunk, so the strings arrive with it rather than in the first load.
 */
import { registerCatalogue } from './index.ts';
import { workspaceEn } from './workspace-en.ts';
import { workspaceKy } from './workspace-ky.ts';
import { workspaceRu } from './workspace-ru.ts';

export const WORKSPACE_CATALOGUES = { ky: workspaceKy, ru: workspaceRu, en: workspaceEn };
registerCatalogue(WORKSPACE_CATALOGUES);
