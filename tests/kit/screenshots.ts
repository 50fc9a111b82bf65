/**
 * Screenshots of the main PWA screens in Kyrgyz and English, into docs/screenshots/.
 * Needs the product running with its demo data: `npm start`, then `pnpm tsx tests/kit/screenshots.ts`.
 */
import { loadAllLocales, t, type Key } from '../../pwa/src/i18n/index.ts';
import { launchChromiumProfile } from './chromium.ts';

// The app loads Russian and English when chosen; tests name things in every language.
await loadAllLocales();
const ky = (key: Key) => t('ky', key);
const en = (key: Key) => t('en', key);
const { context, close } = await launchChromiumProfile();
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('http://127.0.0.1:8787/');
  await page.getByLabel(ky('auth.email')).waitFor();
  await page.screenshot({ path: 'docs/screenshots/sign-in-ky.png', fullPage: true });
  await page.getByRole('button', { name: ky('auth.haveAccount') }).click();
  await page.getByLabel(ky('auth.email')).fill('member@demo.mekendesh.kg');
  await page.getByLabel(ky('auth.password')).fill('mekendesh-demo');
  await page.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
  await page.getByRole('form', { name: ky('profile.title') }).waitFor();
  await page.waitForTimeout(4000);
  await page.screenshot({ path: 'docs/screenshots/profile-ky.png', fullPage: true });
  await page.getByRole('navigation', { name: ky('nav.label') }).getByRole('link', { name: ky('nav.bank') }).click();
  await page.getByRole('searchbox', { name: ky('search.label') }).fill('Ош курулуш');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/screenshots/search-ky.png', fullPage: true });
  await page.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
  await page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.profile') }).click();
  await page.getByRole('heading', { name: en('profile.title') }).waitFor();
  await page.screenshot({ path: 'docs/screenshots/profile-en.png', fullPage: true });
  await page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.bank') }).click();
  await page.getByRole('searchbox', { name: en('search.label') }).fill('Osh construction');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/screenshots/search-en.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'docs/screenshots/desktop-width-en.png', fullPage: true });
} finally {
  await close();
}
