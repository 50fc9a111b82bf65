export {
  renderCertificate,
  renderCertificatePdf,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  type CertificateFonts,
  type CertificateInput,
  type Localized,
  type QrPlacement,
  type RenderedCertificate,
} from './render.ts';
export { certificateFontUrls, loadCertificateFonts } from './fonts.ts';
export { formatCertificateDate, parseIsoDate } from './dates.ts';
export { labels, LOCALES, type CertificateLabels, type Locale } from './labels.ts';
export { qrMatrix } from './qr.ts';
