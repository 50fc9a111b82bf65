/**
 * The credential carries no email address and no phone number: certificates are shown,
 * shared and printed, and a contact detail in one would outlive any privacy setting. The
 * builders' input types have no such fields; this guard is the second line, run over every
 * string (and property name) of a credential before it is built or signed, so a contact
 * detail smuggled into a name or a need title is refused rather than published.
 */
import { CredentialError } from './errors.ts';

export type ContactKind = 'email' | 'phone' | 'contact_field';
export interface ContactFinding {
  /** JSON path of the offending value, e.g. `$.credentialSubject.identifier[0].identityHash`. */
  path: string;
  kind: ContactKind;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** "name [at] mail [dot] ru" and similar spellings meant to dodge the plain pattern. */
const EMAIL_SPELLED = /[\p{L}\p{N}._%+-]+\s*[[({]\s*(?:at|собака)\s*[\])}]\s*[\p{L}\p{N}-]+\s*(?:\.|[[({]\s*(?:dot|точка)\s*[\])}])\s*\p{L}{2,}/iu;

/** Parts of a string that are long digit runs by construction, not phone numbers. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;
/** Only real-looking dates, so `0555-12-34-56` is not mistaken for one and let through. */
const ISO_DATE_TIME = /(?<![\d-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\d-])/gu;
/**
 * A run of 9 or more digits (E.164 numbers have up to 15; Kyrgyz ones are 12 with +996,
 * 10 with a leading 0) with the usual separators, not glued to letters or digits.
 */
const PHONE = /(?<![\p{L}\p{N}_])(?:\+\s*)?\(?\d(?:[\s().\-/]{0,3}\d){8,}(?![\p{L}\p{N}_])/u;

const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const CONTACT_SCHEMES = /^(?:mailto|tel|sms|callto|whatsapp|viber|tg):/i;
/** A URI path segment that is nothing but a phone number, e.g. `/u/996555123456`. */
const PHONE_SEGMENT = /^\+?\d{9,15}$/;

/** Property names that hold contact details in OB 3.0 (Profile.email, Profile.phone) and elsewhere. */
const CONTACT_FIELDS = new Set(['email', 'emailaddress', 'phone', 'phonenumber', 'telephone', 'mobile', 'tel', 'address']);
/** OB 3.0 IdentityObject.identityType values that are contact details. */
const CONTACT_IDENTITY_TYPES = new Set(['emailAddress', 'phoneNumber']);

/** Whether a string contains something that looks like an email address. */
export function looksLikeEmail(text: string): boolean {
  // Cheap prefilters first: the patterns start anywhere, so on text without an '@' or an
  // "[at]" they would try every position (this guard runs on every string, twice per issue).
  return (text.includes('@') && EMAIL.test(text)) || (/[[({]\s*(?:at|собака)\s*[\])}]/iu.test(text) && EMAIL_SPELLED.test(text));
}

/** Fewer than 9 digits cannot make a phone number; most strings stop here. */
function hasNineDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= 9) return true;
  }
  return false;
}

/** Whether a string contains something that looks like a phone number. */
export function looksLikePhone(text: string): boolean {
  if (!hasNineDigits(text)) return false;
  if (URI.test(text)) {
    if (/^(?:tel|sms|callto|whatsapp|viber):/i.test(text)) return true;
    // Identifiers (urn:uuid:…, profile URLs) are judged by segment: a nanoid or UUID that
    // happens to hold a digit run is not a phone number, a segment that is one is.
    return text.split(/[/?#&=:;,]/).some((segment) => PHONE_SEGMENT.test(segment));
  }
  return PHONE.test(text.replace(UUID, ' ').replace(ISO_DATE_TIME, ' '));
}

function visit(value: unknown, path: string, key: string | null, out: ContactFinding[]): void {
  if (typeof value === 'string') {
    // The status list's bitstring is binary data in base64url: any digit run in it is noise.
    if (key === 'encodedList') return;
    if (key === 'identityType' && CONTACT_IDENTITY_TYPES.has(value)) out.push({ path, kind: 'contact_field' });
    else if (CONTACT_SCHEMES.test(value)) out.push({ path, kind: /^mailto:/i.test(value) ? 'email' : 'phone' });
    else if (looksLikeEmail(value)) out.push({ path, kind: 'email' });
    else if (looksLikePhone(value)) out.push({ path, kind: 'phone' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, `${path}[${i}]`, key, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const childPath = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
      if (CONTACT_FIELDS.has(k.toLowerCase())) out.push({ path: childPath, kind: 'contact_field' });
      visit(v, childPath, k, out);
    }
  }
}

/** Every place in `value` that holds, or is named for, an email address or a phone number. */
export function findContactDetails(value: unknown): ContactFinding[] {
  const out: ContactFinding[] = [];
  visit(value, '$', null, out);
  return out;
}

/** Throws `contact_details_present` (naming the paths, never the values) when any is found. */
export function assertNoContactDetails(value: unknown): void {
  const found = findContactDetails(value);
  if (found.length > 0) {
    throw new CredentialError('contact_details_present', found.map((f) => `${f.path} (${f.kind})`).join(', '));
  }
}
