/**
 * One spelling for Cyrillic and Latin: Kyrgyz and Russian Cyrillic are transliterated, and the
 * common Latin variants of the same sounds are folded (zh/dzh/dj → j, kh → h, ö → o, ü → u,
 * a y closing a syllable → i), so "Бишкек" and "Bishkek", "Ош" and "Osh", "Жыпар" and
 * "Zhypar", "Айбек" and "Aybek" meet. Index terms and query terms both go through it.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', ң: 'ng', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ү: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', җ: 'j', ғ: 'g', қ: 'k', һ: 'h', і: 'i',
  ұ: 'u', ӯ: 'u',
};

const VOWELS = 'aeiou';

/** Names and places repeat endlessly (a few hundred given names for 100,000 people): memoise. */
const memo = new Map<string, string>();

export function normalizeTerm(term: string): string {
  let cached = memo.get(term);
  if (cached === undefined) {
    cached = fold(term);
    if (memo.size > 100_000) memo.clear();
    memo.set(term, cached);
  }
  return cached;
}

function fold(term: string): string {
  let out = '';
  for (const ch of term.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  out = out
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ñ/g, 'ng')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/kh/g, 'h');
  // A y that closes a syllable is an i ("Aybek" = "Айбек" = "aibek", "Tsoy" = "Цой").
  let folded = '';
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    const prev = out[i - 1];
    const next = out[i + 1];
    folded += c === 'y' && prev !== undefined && VOWELS.includes(prev) && (next === undefined || !VOWELS.includes(next)) ? 'i' : c;
  }
  return folded;
}

/** Splits text into terms on anything that is not a letter or a digit (keeps Cyrillic). */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}
