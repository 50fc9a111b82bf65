/**
 * The certificate's own strings. They live here rather than in `@mekendesh/i18n` because the
 * PDF is rendered by hosts (server, PWA, desktop) that must not need the whole catalogue, and
 * the certificate's wording is part of the document's design. Kyrgyz is the reference; the
 * test checks that ru and en have exactly the same keys, none empty.
 *
 * The sentence around the name keeps the name in the nominative in every language (Kyrgyz and
 * Russian would otherwise need the dative, which cannot be formed reliably for any name):
 * "Ушул сертификат / <name> / бул сыйлыктын лауреаты экенин тастыктайт".
 */

export const LOCALES = ['ky', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface CertificateLabels {
  /** The word on top of the page (drawn in capitals). */
  title: string;
  /** The award, under the title. */
  awardName: string;
  /** The line above the recipient's name. */
  lead: string;
  /** The line under the recipient's name. */
  tail: string;
  category: string;
  cycle: string;
  awardedOn: string;
  credentialId: string;
  /** Followed by the verification URL. */
  verifyAt: string;
  /** Under the QR code. */
  scanToVerify: string;
  /** The PDF's title in the document properties, followed by " — <name>". */
  documentTitle: string;
}

export const labels: { ky: CertificateLabels; ru: CertificateLabels; en: CertificateLabels } = {
  ky: {
    title: 'Сертификат',
    awardName: '«Мыкты Мекендеш» улуттук сыйлыгы',
    lead: 'Ушул сертификат',
    tail: 'бул сыйлыктын лауреаты экенин тастыктайт',
    category: 'Категория',
    cycle: 'Сыйлыктын цикли',
    awardedOn: 'Ыйгарылган күнү',
    credentialId: 'Сертификаттын идентификатору',
    verifyAt: 'Аныктыгын текшерүү:',
    scanToVerify: 'Текшерүү үчүн сканерлеңиз',
    documentTitle: '«Мыкты Мекендеш» сыйлыгынын сертификаты',
  },
  ru: {
    title: 'Сертификат',
    awardName: 'Национальная премия «Мыкты Мекендеш» («Лучший соотечественник»)',
    lead: 'Настоящий сертификат подтверждает, что',
    tail: 'является лауреатом этой премии',
    category: 'Категория',
    cycle: 'Цикл премии',
    awardedOn: 'Дата присуждения',
    credentialId: 'Идентификатор сертификата',
    verifyAt: 'Проверить подлинность:',
    scanToVerify: 'Отсканируйте для проверки',
    documentTitle: 'Сертификат премии «Мыкты Мекендеш»',
  },
  en: {
    title: 'Certificate',
    awardName: 'Mykty Mekendesh National Award (Best Compatriot)',
    lead: 'This is to certify that',
    tail: 'is a laureate of this award',
    category: 'Category',
    cycle: 'Award cycle',
    awardedOn: 'Date of award',
    credentialId: 'Certificate ID',
    verifyAt: 'Verify authenticity at',
    scanToVerify: 'Scan to verify',
    documentTitle: 'Mykty Mekendesh Award certificate',
  },
};
