/**
 * The words inside a credential. They live here and not in @mekendesh/i18n because they
 * are signed content, not interface text: a certificate must read the same forever, so a
 * later change to the app's catalogues must not change what newly issued credentials of the
 * same kind say without a deliberate change here. Kyrgyz is the reference language.
 */
import type { LanguageMap } from './types.ts';

export function awardTexts(year: number, category: LanguageMap): { name: LanguageMap; description: LanguageMap; criteria: LanguageMap } {
  return {
    name: {
      ky: `Мыкты Мекендеш ${year} — ${category.ky}`,
      ru: `Мыкты Мекендеш ${year} — ${category.ru}`,
      en: `Mykty Mekendesh ${year} — ${category.en}`,
    },
    description: {
      ky: `«Мыкты Мекендеш» улуттук сыйлыгы, ${year}-жыл, «${category.ky}» категориясы.`,
      ru: `Национальная премия «Мыкты Мекендеш» (Лучший соотечественник), ${year} год, номинация «${category.ru}».`,
      en: `The national award “Mykty Mekendesh” (Best Compatriot), ${year}, category “${category.en}”.`,
    },
    criteria: {
      ky: `${year}-жылдын сыйлык циклинде көрсөтүү, комиссиянын баалоосу жана добуш берүүсү аркылуу ыйгарылды.`,
      ru: `Присуждена в цикле ${year} года по итогам выдвижения, оценки и голосования комиссии.`,
      en: `Awarded in the ${year} award cycle after nomination, review and a vote of the award committee.`,
    },
  };
}

const ruPlural = new Intl.PluralRules('ru');
function ru(n: number, one: string, few: string, many: string): string {
  const form = ruPlural.select(n);
  return form === 'one' ? one : form === 'few' ? few : form === 'many' ? many : few;
}

export function badgeTexts(title: string, hours: number, beneficiaries: number): {
  name: LanguageMap;
  description: LanguageMap;
  criteria: LanguageMap;
  hoursName: string;
  beneficiariesName: string;
} {
  return {
    name: {
      ky: `Тажрыйба алмашуу: ${title}`,
      ru: `Передача опыта: ${title}`,
      en: `Skills transfer: ${title}`,
    },
    description: {
      // Kyrgyz nouns after a numeral stay singular: "12 саат", "3 адам".
      ky: `«${title}» муктаждыгы боюнча тажрыйба алмашуу аяктады: ${hours} саат, ${beneficiaries} адам пайда алды.`,
      ru: `Завершена передача опыта по запросу «${title}»: ${hours} ${ru(hours, 'час', 'часа', 'часов')}, ${beneficiaries} ${ru(beneficiaries, 'благополучатель', 'благополучателя', 'благополучателей')}.`,
      en: `Completed a skills-transfer engagement for the need “${title}”: ${hours} ${hours === 1 ? 'hour' : 'hours'}, ${beneficiaries} ${beneficiaries === 1 ? 'beneficiary' : 'beneficiaries'}.`,
    },
    criteria: {
      ky: `Мекендеш платформасында катталган тажрыйба алмашуу ийгиликтүү аяктаганда берилет.`,
      ru: `Выдаётся по завершении передачи опыта, зарегистрированной на платформе Мекендеш.`,
      en: `Issued when a skills-transfer engagement recorded on the Mekendesh platform is completed.`,
    },
    hoursName: 'Сааттар',
    beneficiariesName: 'Пайда алгандар',
  };
}
