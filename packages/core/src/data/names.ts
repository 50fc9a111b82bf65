/**
 * Data for the deterministic demo generator: Kyrgyz given names, surname
 * roots, diaspora cities (weighted by how many compatriots live there) and
 * diaspora association names.
 *
 * Latin forms follow common Kyrgyz passport-style romanisation
 * (ж → zh, ү → u, ө → o, ң → ng, ы → y, ч → ch, ш → sh, й → i).
 */
import type { Labels } from './types.ts';

export interface NameForm {
  cyr: string;
  lat: string;
}

function n(cyr: string, lat: string): NameForm {
  return { cyr, lat };
}

function l(ky: string, ru: string, en: string): Labels {
  return { ky, ru, en };
}

// ---------------------------------------------------------------------------
// Given names
// ---------------------------------------------------------------------------

export const FEMALE_GIVEN: readonly NameForm[] = [
  n('Айгүл', 'Aigul'),
  n('Айжан', 'Aizhan'),
  n('Айпери', 'Aiperi'),
  n('Айсулуу', 'Aisuluu'),
  n('Айнура', 'Ainura'),
  n('Айдай', 'Aidai'),
  n('Айзада', 'Aizada'),
  n('Айкөкүл', 'Aikokul'),
  n('Айтурган', 'Aiturgan'),
  n('Айым', 'Aiym'),
  n('Акмөөр', 'Akmoor'),
  n('Алтынай', 'Altynai'),
  n('Анара', 'Anara'),
  n('Асел', 'Asel'),
  n('Асылай', 'Asylai'),
  n('Аяна', 'Ayana'),
  n('Адина', 'Adina'),
  n('Бактыгүл', 'Baktygul'),
  n('Бегимай', 'Begimai'),
  n('Бермет', 'Bermet'),
  n('Бурул', 'Burul'),
  n('Бүбүсара', 'Bubusara'),
  n('Венера', 'Venera'),
  n('Гүлайым', 'Gulaiym'),
  n('Гүлбара', 'Gulbara'),
  n('Гүлзат', 'Gulzat'),
  n('Гүлмира', 'Gulmira'),
  n('Гүлнара', 'Gulnara'),
  n('Дарика', 'Darika'),
  n('Динара', 'Dinara'),
  n('Жазгүл', 'Zhazgul'),
  n('Жамиля', 'Zhamilya'),
  n('Жаркынай', 'Zharkynai'),
  n('Жибек', 'Zhibek'),
  n('Жылдыз', 'Zhyldyz'),
  n('Замира', 'Zamira'),
  n('Зарина', 'Zarina'),
  n('Зуура', 'Zuura'),
  n('Калыйча', 'Kalyicha'),
  n('Камила', 'Kamila'),
  n('Каныкей', 'Kanykei'),
  n('Кымбат', 'Kymbat'),
  n('Күмүшай', 'Kumushai'),
  n('Мадина', 'Madina'),
  n('Мээрим', 'Meerim'),
  n('Мөлдүр', 'Moldur'),
  n('Назгүл', 'Nazgul'),
  n('Назира', 'Nazira'),
  n('Нурайым', 'Nuraiym'),
  n('Нургүл', 'Nurgul'),
  n('Нурзат', 'Nurzat'),
  n('Нуриза', 'Nuriza'),
  n('Перизат', 'Perizat'),
  n('Рахат', 'Rakhat'),
  n('Сабира', 'Sabira'),
  n('Сайкал', 'Saikal'),
  n('Салтанат', 'Saltanat'),
  n('Сезим', 'Sezim'),
  n('Таалайгүл', 'Taalaigul'),
  n('Токтобүбү', 'Toktobubu'),
  n('Толкун', 'Tolkun'),
  n('Үмүт', 'Umut'),
  n('Чолпон', 'Cholpon'),
  n('Чынара', 'Chynara'),
  n('Чынаргүл', 'Chynargul'),
  n('Ширин', 'Shirin'),
  n('Элмира', 'Elmira'),
  n('Эльвира', 'Elvira'),
  n('Эльнура', 'Elnura'),
  n('Эркайым', 'Erkaiym'),
  n('Ырыс', 'Yrys'),
];

export const MALE_GIVEN: readonly NameForm[] = [
  n('Абдысамат', 'Abdysamat'),
  n('Адилет', 'Adilet'),
  n('Азамат', 'Azamat'),
  n('Айбек', 'Aibek'),
  n('Айдар', 'Aidar'),
  n('Акылбек', 'Akylbek'),
  n('Алмаз', 'Almaz'),
  n('Алмазбек', 'Almazbek'),
  n('Асан', 'Asan'),
  n('Атай', 'Atai'),
  n('Бакай', 'Bakai'),
  n('Бакыт', 'Bakyt'),
  n('Бактыбек', 'Baktybek'),
  n('Бекболот', 'Bekbolot'),
  n('Бекзат', 'Bekzat'),
  n('Бекнур', 'Beknur'),
  n('Бектур', 'Bektur'),
  n('Болот', 'Bolot'),
  n('Данияр', 'Daniyar'),
  n('Дастан', 'Dastan'),
  n('Доолот', 'Doolot'),
  n('Жаныбек', 'Zhanybek'),
  n('Жоомарт', 'Zhoomart'),
  n('Жыргалбек', 'Zhyrgalbek'),
  n('Замир', 'Zamir'),
  n('Ислам', 'Islam'),
  n('Кайрат', 'Kairat'),
  n('Калыс', 'Kalys'),
  n('Канат', 'Kanat'),
  n('Кубанычбек', 'Kubanychbek'),
  n('Курманбек', 'Kurmanbek'),
  n('Кутман', 'Kutman'),
  n('Максат', 'Maksat'),
  n('Марат', 'Marat'),
  n('Медер', 'Meder'),
  n('Мелис', 'Melis'),
  n('Мирлан', 'Mirlan'),
  n('Нурбек', 'Nurbek'),
  n('Нурдин', 'Nurdin'),
  n('Нуржигит', 'Nurzhigit'),
  n('Нурлан', 'Nurlan'),
  n('Нурсултан', 'Nursultan'),
  n('Өмүрбек', 'Omurbek'),
  n('Руслан', 'Ruslan'),
  n('Рысбек', 'Rysbek'),
  n('Самат', 'Samat'),
  n('Султан', 'Sultan'),
  n('Сыймык', 'Syimyk'),
  n('Таалай', 'Taalai'),
  n('Талант', 'Talant'),
  n('Темир', 'Temir'),
  n('Тилек', 'Tilek'),
  n('Тынчтык', 'Tynchtyk'),
  n('Улан', 'Ulan'),
  n('Улукбек', 'Ulukbek'),
  n('Урмат', 'Urmat'),
  n('Үсөн', 'Uson'),
  n('Чыңгыз', 'Chyngyz'),
  n('Шайлообек', 'Shailoobek'),
  n('Шумкар', 'Shumkar'),
  n('Элдияр', 'Eldiyar'),
  n('Эмил', 'Emil'),
  n('Эркин', 'Erkin'),
  n('Эрлан', 'Erlan'),
  n('Эрмек', 'Ermek'),
  n('Эсен', 'Esen'),
];

// ---------------------------------------------------------------------------
// Surnames
// ---------------------------------------------------------------------------

/**
 * Surname stems (usually a forefather's given name). `surname()` adds the
 * ending: -ов/-ова after a consonant, -ев/-ева after й (Атамбай → Атамбаев),
 * and -иев/-иева after a final ы or и (Сатыбалды → Сатыбалдиев).
 */
export const SURNAME_ROOTS: readonly NameForm[] = [
  n('Абдрахман', 'Abdrakhman'),
  n('Абдыкадыр', 'Abdykadyr'),
  n('Абыл', 'Abyl'),
  n('Айтмат', 'Aitmat'),
  n('Акмат', 'Akmat'),
  n('Алыбек', 'Alybek'),
  n('Алымбек', 'Alymbek'),
  n('Алымкул', 'Alymkul'),
  n('Аман', 'Aman'),
  n('Анарбек', 'Anarbek'),
  n('Арзымат', 'Arzymat'),
  n('Асан', 'Asan'),
  n('Атамбай', 'Atambai'),
  n('Бакир', 'Bakir'),
  n('Бейшен', 'Beishen'),
  n('Бектур', 'Bektur'),
  n('Болот', 'Bolot'),
  n('Дүйшөн', 'Duishon'),
  n('Жапар', 'Zhapar'),
  n('Жолдош', 'Zholdosh'),
  n('Жолдошбай', 'Zholdoshbai'),
  n('Жумабай', 'Zhumabai'),
  n('Жусуп', 'Zhusup'),
  n('Жээнбек', 'Zheenbek'),
  n('Ибраим', 'Ibraim'),
  n('Исак', 'Isak'),
  n('Кадыр', 'Kadyr'),
  n('Карабек', 'Karabek'),
  n('Каратай', 'Karatai'),
  n('Карим', 'Karim'),
  n('Касым', 'Kasym'),
  n('Кочкор', 'Kochkor'),
  n('Кожомкул', 'Kozhomkul'),
  n('Кубанычбек', 'Kubanychbek'),
  n('Курман', 'Kurman'),
  n('Мамат', 'Mamat'),
  n('Мамбет', 'Mambet'),
  n('Мамыт', 'Mamyt'),
  n('Медет', 'Medet'),
  n('Молдокул', 'Moldokul'),
  n('Мураталы', 'Murataly'),
  n('Мырзабек', 'Myrzabek'),
  n('Назар', 'Nazar'),
  n('Ниязбек', 'Niyazbek'),
  n('Нурбек', 'Nurbek'),
  n('Нурмат', 'Nurmat'),
  n('Орозбек', 'Orozbek'),
  n('Осмон', 'Osmon'),
  n('Осмонкул', 'Osmonkul'),
  n('Отунбай', 'Otunbai'),
  n('Өмүрзак', 'Omurzak'),
  n('Рысбек', 'Rysbek'),
  n('Сагынбай', 'Sagynbai'),
  n('Садыр', 'Sadyr'),
  n('Сапар', 'Sapar'),
  n('Сарыбай', 'Sarybai'),
  n('Сатар', 'Satar'),
  n('Сатыбалды', 'Satybaldy'),
  n('Сейит', 'Seyit'),
  n('Султан', 'Sultan'),
  n('Сулайман', 'Sulaiman'),
  n('Сыдык', 'Sydyk'),
  n('Тагай', 'Tagai'),
  n('Тайлак', 'Tailak'),
  n('Таштан', 'Tashtan'),
  n('Темирбек', 'Temirbek'),
  n('Токтогул', 'Toktogul'),
  n('Токтомуш', 'Toktomush'),
  n('Токтосун', 'Toktosun'),
  n('Турдубек', 'Turdubek'),
  n('Турсун', 'Tursun'),
  n('Тыныбек', 'Tynybek'),
  n('Түгөлбай', 'Tugolbai'),
  n('Төлөгөн', 'Tologon'),
  n('Төрөкул', 'Torokul'),
  n('Усубалы', 'Usubaly'),
  n('Үсөн', 'Uson'),
  n('Чолпонбай', 'Cholponbai'),
  n('Шамшы', 'Shamshy'),
  n('Шаршен', 'Sharshen'),
  n('Эргеш', 'Ergesh'),
  n('Эркебай', 'Erkebai'),
  n('Эркинбек', 'Erkinbek'),
  n('Эсен', 'Esen'),
  n('Эшмат', 'Eshmat'),
];

/**
 * Builds a surname from a root: consonant → -ов/-ова (-ov/-ova);
 * й → -ев/-ева (-ev/-eva); final ы/и → -иев/-иева (-iev/-ieva).
 */
export function surname(root: NameForm, gender: 'female' | 'male'): NameForm {
  const fem = gender === 'female';
  const last = root.cyr.slice(-1);
  if (last === 'й') {
    const latStem = /[iy]$/.test(root.lat) ? root.lat.slice(0, -1) : root.lat;
    return { cyr: `${root.cyr.slice(0, -1)}${fem ? 'ева' : 'ев'}`, lat: `${latStem}${fem ? 'eva' : 'ev'}` };
  }
  if (last === 'ы' || last === 'и') {
    const latStem = /[iy]$/.test(root.lat) ? root.lat.slice(0, -1) : root.lat;
    return { cyr: `${root.cyr.slice(0, -1)}и${fem ? 'ева' : 'ев'}`, lat: `${latStem}i${fem ? 'eva' : 'ev'}` };
  }
  return { cyr: `${root.cyr}${fem ? 'ова' : 'ов'}`, lat: `${root.lat}${fem ? 'ova' : 'ov'}` };
}

// ---------------------------------------------------------------------------
// Diaspora cities
// ---------------------------------------------------------------------------

export interface DiasporaCity {
  /** ISO 3166-1 alpha-2 country id. */
  country: string;
  city: Labels;
  /** Relative number of compatriots living there (for weighted sampling). */
  weight: number;
  /** True for the cities named in Annex 2 (real diaspora contributions) of the strategy. */
  annex2?: boolean;
}

export const DIASPORA_CITIES: readonly DiasporaCity[] = [
  { country: 'RU', city: l('Москва', 'Москва', 'Moscow'), weight: 100 },
  { country: 'RU', city: l('Санкт-Петербург', 'Санкт-Петербург', 'Saint Petersburg'), weight: 45 },
  { country: 'RU', city: l('Екатеринбург', 'Екатеринбург', 'Yekaterinburg'), weight: 16 },
  { country: 'RU', city: l('Новосибирск', 'Новосибирск', 'Novosibirsk'), weight: 12, annex2: true },
  { country: 'RU', city: l('Казань', 'Казань', 'Kazan'), weight: 6 },
  { country: 'RU', city: l('Красноярск', 'Красноярск', 'Krasnoyarsk'), weight: 6 },
  { country: 'RU', city: l('Иркутск', 'Иркутск', 'Irkutsk'), weight: 6 },
  { country: 'RU', city: l('Якутск', 'Якутск', 'Yakutsk'), weight: 7 },
  { country: 'RU', city: l('Сургут', 'Сургут', 'Surgut'), weight: 6 },
  { country: 'RU', city: l('Тюмень', 'Тюмень', 'Tyumen'), weight: 5 },
  { country: 'RU', city: l('Самара', 'Самара', 'Samara'), weight: 4 },
  { country: 'RU', city: l('Краснодар', 'Краснодар', 'Krasnodar'), weight: 3 },
  { country: 'RU', city: l('Омск', 'Омск', 'Omsk'), weight: 3 },
  { country: 'RU', city: l('Томск', 'Томск', 'Tomsk'), weight: 3 },
  { country: 'RU', city: l('Калуга', 'Калуга', 'Kaluga'), weight: 3 },
  { country: 'KZ', city: l('Алматы', 'Алматы', 'Almaty'), weight: 22 },
  { country: 'KZ', city: l('Астана', 'Астана', 'Astana'), weight: 8 },
  { country: 'KZ', city: l('Шымкент', 'Шымкент', 'Shymkent'), weight: 2 },
  { country: 'TR', city: l('Стамбул', 'Стамбул', 'Istanbul'), weight: 14, annex2: true },
  { country: 'TR', city: l('Анкара', 'Анкара', 'Ankara'), weight: 4 },
  { country: 'TR', city: l('Анталия', 'Анталья', 'Antalya'), weight: 2 },
  { country: 'KR', city: l('Сеул', 'Сеул', 'Seoul'), weight: 8 },
  { country: 'KR', city: l('Инчхон', 'Инчхон', 'Incheon'), weight: 5 },
  { country: 'KR', city: l('Ансан', 'Ансан', 'Ansan'), weight: 4 },
  { country: 'AE', city: l('Дубай', 'Дубай', 'Dubai'), weight: 6 },
  { country: 'AE', city: l('Абу-Даби', 'Абу-Даби', 'Abu Dhabi'), weight: 2 },
  { country: 'US', city: l('Нью-Йорк', 'Нью-Йорк', 'New York'), weight: 5, annex2: true },
  { country: 'US', city: l('Чикаго', 'Чикаго', 'Chicago'), weight: 5, annex2: true },
  { country: 'US', city: l('Филадельфия', 'Филадельфия', 'Philadelphia'), weight: 3, annex2: true },
  { country: 'US', city: l('Питтсбург', 'Питтсбург', 'Pittsburgh'), weight: 1, annex2: true },
  { country: 'US', city: l('Вашингтон', 'Вашингтон', 'Washington'), weight: 2 },
  { country: 'US', city: l('Лос-Анжелес', 'Лос-Анджелес', 'Los Angeles'), weight: 2 },
  { country: 'US', city: l('Колумбус', 'Колумбус', 'Columbus'), weight: 1 },
  { country: 'DE', city: l('Мюнхен', 'Мюнхен', 'Munich'), weight: 2 },
  { country: 'DE', city: l('Берлин', 'Берлин', 'Berlin'), weight: 2 },
  { country: 'DE', city: l('Франкфурт', 'Франкфурт-на-Майне', 'Frankfurt'), weight: 1 },
  { country: 'GB', city: l('Лондон', 'Лондон', 'London'), weight: 2 },
  { country: 'JP', city: l('Токио', 'Токио', 'Tokyo'), weight: 2 },
  { country: 'IT', city: l('Милан', 'Милан', 'Milan'), weight: 2 },
  { country: 'IT', city: l('Неаполь', 'Неаполь', 'Naples'), weight: 2 },
  { country: 'IT', city: l('Рим', 'Рим', 'Rome'), weight: 1 },
  { country: 'UZ', city: l('Ташкент', 'Ташкент', 'Tashkent'), weight: 2 },
  { country: 'CN', city: l('Үрүмчү', 'Урумчи', 'Urumqi'), weight: 2 },
  { country: 'CN', city: l('Бээжин', 'Пекин', 'Beijing'), weight: 1 },
  { country: 'UA', city: l('Киев', 'Киев', 'Kyiv'), weight: 1 },
  { country: 'CH', city: l('Цюрих', 'Цюрих', 'Zurich'), weight: 1 },
  { country: 'CZ', city: l('Прага', 'Прага', 'Prague'), weight: 1 },
  { country: 'PL', city: l('Варшава', 'Варшава', 'Warsaw'), weight: 1 },
  { country: 'CA', city: l('Торонто', 'Торонто', 'Toronto'), weight: 1 },
  { country: 'SA', city: l('Эр-Рияд', 'Эр-Рияд', 'Riyadh'), weight: 1 },
  { country: 'QA', city: l('Доха', 'Доха', 'Doha'), weight: 1 },
];

/** Index of a diaspora city by its English name; throws on a typo. */
function cityAt(en: string): number {
  const i = DIASPORA_CITIES.findIndex((c) => c.city.en === en);
  if (i < 0) throw new Error(`unknown diaspora city: ${en}`);
  return i;
}

/** Country of a diaspora city by index. */
function countryOf(index: number): string {
  const city = DIASPORA_CITIES[index];
  if (!city) throw new Error(`no diaspora city at ${index}`);
  return city.country;
}

function assoc(ky: string, ru: string, en: string, cityEn: string): { name: Labels; country: string; cityIndex: number } {
  const cityIndex = cityAt(cityEn);
  return { name: l(ky, ru, en), country: countryOf(cityIndex), cityIndex };
}

// ---------------------------------------------------------------------------
// Diaspora associations (Kyrgyz name first)
// ---------------------------------------------------------------------------

export const ASSOCIATION_SEEDS: readonly { name: Labels; country: string; cityIndex: number }[] = [
  assoc('Москвадагы кыргыз жамааты', 'Кыргызская община Москвы', 'Kyrgyz Community of Moscow', 'Moscow'),
  assoc('«Мекендештер» кыргыз жаштар бирикмеси', 'Объединение кыргызской молодёжи «Мекендештер»', 'Mekendeshter Kyrgyz Youth Union', 'Moscow'),
  assoc('«Мекендеш» фонду (Кашкалдак айылынын тургундары)', 'Фонд «Мекендеш» (уроженцы села Кашкалдак)', 'Mekendesh Foundation (natives of Kashkaldak village)', 'Moscow'),
  assoc('Россиядагы кыргыз аялдар кеңеши', 'Совет кыргызских женщин в России', 'Council of Kyrgyz Women in Russia', 'Moscow'),
  assoc('Кыргыз ишкерлер ассоциациясы, Москва', 'Ассоциация кыргызских предпринимателей, Москва', 'Association of Kyrgyz Entrepreneurs, Moscow', 'Moscow'),
  assoc('Санкт-Петербургдагы кыргыз диаспорасы', 'Кыргызская диаспора Санкт-Петербурга', 'Kyrgyz Diaspora of Saint Petersburg', 'Saint Petersburg'),
  assoc('«Ала-Тоо» маданий борбору', 'Культурный центр «Ала-Тоо»', 'Ala-Too Cultural Centre', 'Saint Petersburg'),
  assoc('Уралдагы кыргыздар', 'Кыргызы Урала', 'Kyrgyz of the Urals', 'Yekaterinburg'),
  assoc('Новосибирск облусундагы кыргыз диаспорасы', 'Кыргызская диаспора Новосибирской области', 'Kyrgyz Diaspora of Novosibirsk Region', 'Novosibirsk'),
  assoc('Татарстандагы кыргыз жамааты', 'Кыргызская община Татарстана', 'Kyrgyz Community of Tatarstan', 'Kazan'),
  assoc('Якутиядагы «Манас» кыргыз жамааты', 'Кыргызская община Якутии «Манас»', 'Manas Kyrgyz Community of Yakutia', 'Yakutsk'),
  assoc('Красноярсктагы мекендештер', 'Земляки в Красноярске', 'Compatriots in Krasnoyarsk', 'Krasnoyarsk'),
  assoc('Иркутсктагы кыргыз маданий борбору', 'Кыргызский культурный центр Иркутска', 'Kyrgyz Cultural Centre of Irkutsk', 'Irkutsk'),
  assoc('Сургуттагы «Ынтымак» коому', 'Общество «Ынтымак», Сургут', 'Yntymak Society, Surgut', 'Surgut'),
  assoc('Алматыдагы кыргыз маданий борбору', 'Кыргызский культурный центр Алматы', 'Kyrgyz Cultural Centre of Almaty', 'Almaty'),
  assoc('Астанадагы кыргыз жамааты', 'Кыргызская община Астаны', 'Kyrgyz Community of Astana', 'Astana'),
  assoc('«Кыргызстан, Достук жана Маданият» коомдук бирикмеси', 'Общественное объединение «Кыргызстан, Достук жана Маданият»', 'Kyrgyzstan, Dostuk zhana Madaniyat, Istanbul', 'Istanbul'),
  assoc('Стамбулдагы кыргыз аялдар бирикмеси', 'Союз кыргызских женщин Стамбула', "Kyrgyz Women's Union of Istanbul", 'Istanbul'),
  assoc('Анкарадагы кыргыз студенттер бирикмеси', 'Союз кыргызских студентов Анкары', "Kyrgyz Students' Union of Ankara", 'Ankara'),
  assoc('Анталиядагы мекендештер', 'Земляки в Анталье', 'Compatriots in Antalya', 'Antalya'),
  assoc('Кореядагы кыргыз жарандарынын бирикмеси', 'Объединение граждан Кыргызстана в Корее', 'Union of Kyrgyz Citizens in Korea', 'Seoul'),
  assoc('Инчхондогу кыргыз жамааты', 'Кыргызская община Инчхона', 'Kyrgyz Community of Incheon', 'Incheon'),
  assoc('Ансандагы «Мекен» борбору', 'Центр «Мекен», Ансан', 'Meken Centre, Ansan', 'Ansan'),
  assoc('БАЭдеги кыргыз ишкерлер кеңеши', 'Совет кыргызских предпринимателей в ОАЭ', 'Kyrgyz Business Council in the UAE', 'Dubai'),
  assoc('Абу-Дабидеги кыргыз жамааты', 'Кыргызская община Абу-Даби', 'Kyrgyz Community of Abu Dhabi', 'Abu Dhabi'),
  assoc('Нью-Йорктогу кыргыз-америкалык ассоциация', 'Кыргызско-американская ассоциация Нью-Йорка', 'Kyrgyz American Association of New York', 'New York'),
  assoc('Чикагодогу кыргыз жамааты', 'Кыргызская община Чикаго', 'Kyrgyz Community of Chicago', 'Chicago'),
  assoc('«Ала-Тоо» кыргыз-америкалык маданий борбору', 'Кыргызско-американский культурный центр «Ала-Тоо»', 'Ala-Too Kyrgyz American Cultural Centre', 'Chicago'),
  assoc('Филадельфиядагы кыргыз коому', 'Кыргызское общество Филадельфии', 'Kyrgyz Society of Philadelphia', 'Philadelphia'),
  assoc('Питтсбургдагы кыргыз жамааты', 'Кыргызская община Питтсбурга', 'Kyrgyz Community of Pittsburgh', 'Pittsburgh'),
  assoc('Вашингтондогу кыргыз-америкалык коом', 'Кыргызско-американское общество Вашингтона', 'Kyrgyz American Society of Washington', 'Washington'),
  assoc('Огайодогу кыргыздар', 'Кыргызы Огайо', 'Kyrgyz of Ohio', 'Columbus'),
  assoc('Калифорниядагы кыргыз жамааты', 'Кыргызская община Калифорнии', 'Kyrgyz Community of California', 'Los Angeles'),
  assoc('Бавариядагы кыргыз коому', 'Кыргызское общество Баварии', 'Kyrgyz Society of Bavaria', 'Munich'),
  assoc('Германиядагы кыргыз маданий бирикмеси', 'Кыргызское культурное объединение в Германии', 'Kyrgyz Cultural Association in Germany', 'Berlin'),
  assoc('Улуу Британиядагы кыргыз коому', 'Кыргызское общество Великобритании', 'Kyrgyz Society of the United Kingdom', 'London'),
  assoc('Жапониядагы кыргыздар ассоциациясы', 'Ассоциация кыргызов Японии', 'Association of Kyrgyz in Japan', 'Tokyo'),
  assoc('Италиядагы кыргыз аялдар бирикмеси', 'Союз кыргызских женщин в Италии', "Kyrgyz Women's Union in Italy", 'Milan'),
  assoc('Неаполдогу мекендештер', 'Земляки в Неаполе', 'Compatriots in Naples', 'Naples'),
  assoc('Өзбекстандагы кыргыз маданий борбору', 'Кыргызский культурный центр Узбекистана', 'Kyrgyz Cultural Centre of Uzbekistan', 'Tashkent'),
  assoc('Үрүмчүдөгү кыргыз студенттер бирикмеси', 'Объединение кыргызских студентов в Урумчи', "Kyrgyz Students' Union in Urumqi", 'Urumqi'),
  assoc('Украинадагы кыргыз диаспорасы', 'Кыргызская диаспора Украины', 'Kyrgyz Diaspora of Ukraine', 'Kyiv'),
  assoc('Швейцариядагы кыргыз коому', 'Кыргызское общество Швейцарии', 'Kyrgyz Society of Switzerland', 'Zurich'),
  assoc('Чехиядагы кыргыз жамааты', 'Кыргызская община Чехии', 'Kyrgyz Community of Czechia', 'Prague'),
  assoc('Канададагы кыргыз коому', 'Кыргызское общество Канады', 'Kyrgyz Society of Canada', 'Toronto'),
];
