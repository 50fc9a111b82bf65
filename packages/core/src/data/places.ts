/**
 * Places: regions (oblasts and cities of republican significance), districts
 * (raions), settlements, countries of residence and spoken languages.
 *
 * Id formats:
 * - region:     `chui`, `issyk_kul`, `bishkek_city`, …
 * - district:   `<region>.<name>_raion`, e.g. `osh.nookat_raion`
 * - settlement: `<region>.<name>`, e.g. `osh.kashkaldak`, `bishkek_city.bishkek`
 *
 * Towns of oblast significance (Karakol, Tokmok, Jalal-Abad, …) are not part
 * of any raion, so their `district` is null. Aiyl aimak names follow the state
 * classifier of administrative-territorial units; where the aiyl aimak of a
 * village was not known with confidence, `aiylAimak` is null.
 */
import type { Country, District, Labels, Language, Region, Settlement } from './types.ts';

function l(ky: string, ru: string, en: string): Labels {
  return { ky, ru, en };
}

// ---------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------

export const REGIONS: readonly Region[] = [
  { id: 'batken', kind: 'oblast', labels: l('Баткен облусу', 'Баткенская область', 'Batken Region') },
  { id: 'chui', kind: 'oblast', labels: l('Чүй облусу', 'Чуйская область', 'Chui Region') },
  { id: 'issyk_kul', kind: 'oblast', labels: l('Ысык-Көл облусу', 'Иссык-Кульская область', 'Issyk-Kul Region') },
  { id: 'jalal_abad', kind: 'oblast', labels: l('Жалал-Абад облусу', 'Джалал-Абадская область', 'Jalal-Abad Region') },
  { id: 'naryn', kind: 'oblast', labels: l('Нарын облусу', 'Нарынская область', 'Naryn Region') },
  { id: 'osh', kind: 'oblast', labels: l('Ош облусу', 'Ошская область', 'Osh Region') },
  { id: 'talas', kind: 'oblast', labels: l('Талас облусу', 'Таласская область', 'Talas Region') },
  { id: 'bishkek_city', kind: 'city', labels: l('Бишкек шаары', 'город Бишкек', 'Bishkek City') },
  { id: 'osh_city', kind: 'city', labels: l('Ош шаары', 'город Ош', 'Osh City') },
];

// ---------------------------------------------------------------------------
// Districts (raions)
// ---------------------------------------------------------------------------

/** `d('osh', 'nookat', 'Ноокат', 'Ноокатский', 'Nookat')` → Nookat District of Osh Region. */
function d(region: string, key: string, ky: string, ruAdj: string, en: string): District {
  return {
    id: `${region}.${key}_raion`,
    region,
    labels: l(`${ky} району`, `${ruAdj} район`, `${en} District`),
  };
}

export const DISTRICTS: readonly District[] = [
  // Batken Region (3)
  d('batken', 'batken', 'Баткен', 'Баткенский', 'Batken'),
  d('batken', 'kadamjay', 'Кадамжай', 'Кадамжайский', 'Kadamjay'),
  d('batken', 'leilek', 'Лейлек', 'Лейлекский', 'Leilek'),
  // Chui Region (8)
  d('chui', 'alamudun', 'Аламүдүн', 'Аламудунский', 'Alamudun'),
  d('chui', 'chui', 'Чүй', 'Чуйский', 'Chui'),
  d('chui', 'jaiyl', 'Жайыл', 'Жайылский', 'Jaiyl'),
  d('chui', 'kemin', 'Кемин', 'Кеминский', 'Kemin'),
  d('chui', 'moskva', 'Москва', 'Московский', 'Moskva'),
  d('chui', 'panfilov', 'Панфилов', 'Панфиловский', 'Panfilov'),
  d('chui', 'sokuluk', 'Сокулук', 'Сокулукский', 'Sokuluk'),
  d('chui', 'ysyk_ata', 'Ысык-Ата', 'Иссык-Атинский', 'Ysyk-Ata'),
  // Issyk-Kul Region (5)
  d('issyk_kul', 'ak_suu', 'Ак-Суу', 'Ак-Суйский', 'Ak-Suu'),
  d('issyk_kul', 'issyk_kul', 'Ысык-Көл', 'Иссык-Кульский', 'Issyk-Kul'),
  d('issyk_kul', 'jeti_oguz', 'Жети-Өгүз', 'Джети-Огузский', 'Jeti-Oguz'),
  d('issyk_kul', 'tong', 'Тоң', 'Тонский', 'Tong'),
  d('issyk_kul', 'tup', 'Түп', 'Тюпский', 'Tup'),
  // Jalal-Abad Region (8)
  d('jalal_abad', 'aksy', 'Аксы', 'Аксыйский', 'Aksy'),
  d('jalal_abad', 'ala_buka', 'Ала-Бука', 'Ала-Букинский', 'Ala-Buka'),
  d('jalal_abad', 'bazar_korgon', 'Базар-Коргон', 'Базар-Коргонский', 'Bazar-Korgon'),
  d('jalal_abad', 'chatkal', 'Чаткал', 'Чаткальский', 'Chatkal'),
  d('jalal_abad', 'nooken', 'Ноокен', 'Ноокенский', 'Nooken'),
  d('jalal_abad', 'suzak', 'Сузак', 'Сузакский', 'Suzak'),
  d('jalal_abad', 'toguz_toro', 'Тогуз-Торо', 'Тогуз-Тороуский', 'Toguz-Toro'),
  d('jalal_abad', 'toktogul', 'Токтогул', 'Токтогульский', 'Toktogul'),
  // Naryn Region (5)
  d('naryn', 'ak_talaa', 'Ак-Талаа', 'Ак-Талинский', 'Ak-Talaa'),
  d('naryn', 'at_bashy', 'Ат-Башы', 'Ат-Башинский', 'At-Bashy'),
  d('naryn', 'jumgal', 'Жумгал', 'Жумгальский', 'Jumgal'),
  d('naryn', 'kochkor', 'Кочкор', 'Кочкорский', 'Kochkor'),
  d('naryn', 'naryn', 'Нарын', 'Нарынский', 'Naryn'),
  // Osh Region (7)
  d('osh', 'alay', 'Алай', 'Алайский', 'Alay'),
  d('osh', 'aravan', 'Араван', 'Араванский', 'Aravan'),
  d('osh', 'chong_alay', 'Чоң-Алай', 'Чон-Алайский', 'Chong-Alay'),
  d('osh', 'kara_kulja', 'Кара-Кулжа', 'Кара-Кульджинский', 'Kara-Kulja'),
  d('osh', 'kara_suu', 'Кара-Суу', 'Кара-Суйский', 'Kara-Suu'),
  d('osh', 'nookat', 'Ноокат', 'Ноокатский', 'Nookat'),
  d('osh', 'uzgen', 'Өзгөн', 'Узгенский', 'Uzgen'),
  // Talas Region (4)
  d('talas', 'bakai_ata', 'Бакай-Ата', 'Бакай-Атинский', 'Bakai-Ata'),
  d('talas', 'kara_buura', 'Кара-Буура', 'Кара-Бууринский', 'Kara-Buura'),
  d('talas', 'manas', 'Манас', 'Манасский', 'Manas'),
  d('talas', 'talas', 'Талас', 'Таласский', 'Talas'),
];

// ---------------------------------------------------------------------------
// Settlements
// ---------------------------------------------------------------------------

/** An aiyl aimak label: `aa('Лебединовка', 'Лебединовский', 'Lebedinovka')`. */
function aa(ky: string, ruAdj: string, en: string): Labels {
  return l(`${ky} айыл аймагы`, `${ruAdj} айыльный аймак`, `${en} aiyl aimak`);
}

function districtId(region: string, district: string | null): string | null {
  return district === null ? null : `${region}.${district}_raion`;
}

/** A town (shaar). `district` is the raion key, or null for towns of oblast significance. */
function town(region: string, district: string | null, key: string, ky: string, ru: string, en: string): Settlement {
  return {
    id: `${region}.${key}`,
    region,
    district: districtId(region, district),
    kind: 'town',
    aiylAimak: null,
    labels: l(ky, ru, en),
  };
}

/** A village (aiyl) inside a raion, with its aiyl aimak where known. */
function village(
  region: string,
  district: string,
  key: string,
  ky: string,
  ru: string,
  en: string,
  aiylAimak: Labels | null,
): Settlement {
  return {
    id: `${region}.${key}`,
    region,
    district: districtId(region, district),
    kind: 'village',
    aiylAimak,
    labels: l(ky, ru, en),
  };
}

export const SETTLEMENTS: readonly Settlement[] = [
  // Cities of republican significance
  { id: 'bishkek_city.bishkek', region: 'bishkek_city', district: null, kind: 'city', aiylAimak: null, labels: l('Бишкек', 'Бишкек', 'Bishkek') },
  { id: 'osh_city.osh', region: 'osh_city', district: null, kind: 'city', aiylAimak: null, labels: l('Ош', 'Ош', 'Osh') },

  // --- Batken Region ---
  town('batken', null, 'batken', 'Баткен', 'Баткен', 'Batken'),
  town('batken', null, 'kyzyl_kiya', 'Кызыл-Кыя', 'Кызыл-Кия', 'Kyzyl-Kiya'),
  town('batken', null, 'sulukta', 'Сүлүктү', 'Сулюкта', 'Sulukta'),
  town('batken', 'leilek', 'isfana', 'Исфана', 'Исфана', 'Isfana'),
  town('batken', 'kadamjay', 'kadamjay', 'Кадамжай', 'Кадамжай', 'Kadamjay'),
  town('batken', 'kadamjay', 'aidarken', 'Айдаркен', 'Айдаркен', 'Aidarken'),
  village('batken', 'kadamjay', 'pulgon', 'Пулгон', 'Пульгон', 'Pulgon', null),
  village('batken', 'kadamjay', 'kotormo', 'Котормо', 'Котормо', 'Kotormo', aa('Котормо', 'Котормоский', 'Kotormo')),
  village('batken', 'kadamjay', 'orozbekovo', 'Орозбеков', 'Орозбеково', 'Orozbekovo', aa('Орозбеков', 'Орозбековский', 'Orozbekov')),
  village('batken', 'kadamjay', 'ak_turpak', 'Ак-Турпак', 'Ак-Турпак', 'Ak-Turpak', aa('Ак-Турпак', 'Ак-Турпакский', 'Ak-Turpak')),
  village('batken', 'kadamjay', 'uch_korgon', 'Үч-Коргон', 'Уч-Коргон', 'Uch-Korgon', aa('Үч-Коргон', 'Уч-Коргонский', 'Uch-Korgon')),
  village('batken', 'kadamjay', 'khalmion', 'Халмион', 'Халмион', 'Khalmion', aa('Халмион', 'Халмионский', 'Khalmion')),
  village('batken', 'batken', 'samarkandek', 'Самаркандек', 'Самаркандек', 'Samarkandek', aa('Самаркандек', 'Самаркандекский', 'Samarkandek')),
  village('batken', 'batken', 'ak_sai', 'Ак-Сай', 'Ак-Сай', 'Ak-Sai', aa('Ак-Сай', 'Ак-Сайский', 'Ak-Sai')),
  village('batken', 'batken', 'ak_tatyr', 'Ак-Татыр', 'Ак-Татыр', 'Ak-Tatyr', aa('Ак-Татыр', 'Ак-Татырский', 'Ak-Tatyr')),
  village('batken', 'batken', 'kara_bak', 'Кара-Бак', 'Кара-Бак', 'Kara-Bak', aa('Кара-Бак', 'Кара-Бакский', 'Kara-Bak')),
  village('batken', 'batken', 'kyshtut', 'Кыштут', 'Кыштут', 'Kyshtut', aa('Кыштут', 'Кыштутский', 'Kyshtut')),
  village('batken', 'leilek', 'kulundu', 'Кулунду', 'Кулунду', 'Kulundu', aa('Кулунду', 'Кулундинский', 'Kulundu')),
  village('batken', 'leilek', 'katran', 'Катран', 'Катран', 'Katran', aa('Катран', 'Катранский', 'Katran')),
  village('batken', 'leilek', 'sumbula', 'Сумбула', 'Сумбула', 'Sumbula', aa('Сумбула', 'Сумбулинский', 'Sumbula')),
  village('batken', 'leilek', 'maksat', 'Максат', 'Максат', 'Maksat', null),

  // --- Chui Region ---
  town('chui', null, 'tokmok', 'Токмок', 'Токмок', 'Tokmok'),
  town('chui', 'ysyk_ata', 'kant', 'Кант', 'Кант', 'Kant'),
  town('chui', 'jaiyl', 'kara_balta', 'Кара-Балта', 'Кара-Балта', 'Kara-Balta'),
  town('chui', 'sokuluk', 'shopokov', 'Шопоков', 'Шопоков', 'Shopokov'),
  town('chui', 'kemin', 'kemin', 'Кемин', 'Кемин', 'Kemin'),
  town('chui', 'kemin', 'orlovka', 'Орловка', 'Орловка', 'Orlovka'),
  town('chui', 'panfilov', 'kaindy', 'Кайынды', 'Каинды', 'Kaindy'),
  village('chui', 'alamudun', 'lebedinovka', 'Лебединовка', 'Лебединовка', 'Lebedinovka', aa('Лебединовка', 'Лебединовский', 'Lebedinovka')),
  village('chui', 'alamudun', 'alamudun', 'Аламүдүн', 'Аламедин', 'Alamudun', aa('Аламүдүн', 'Аламудунский', 'Alamudun')),
  village('chui', 'alamudun', 'vasilyevka', 'Васильевка', 'Васильевка', 'Vasilyevka', aa('Васильевка', 'Васильевский', 'Vasilyevka')),
  village('chui', 'alamudun', 'kok_jar', 'Көк-Жар', 'Кок-Джар', 'Kok-Jar', aa('Көк-Жар', 'Кок-Джарский', 'Kok-Jar')),
  village('chui', 'alamudun', 'baitik', 'Байтик', 'Байтик', 'Baitik', aa('Байтик', 'Байтикский', 'Baitik')),
  village('chui', 'alamudun', 'tash_moinok', 'Таш-Мойнок', 'Таш-Мойнок', 'Tash-Moinok', aa('Таш-Мойнок', 'Таш-Мойнокский', 'Tash-Moinok')),
  village('chui', 'sokuluk', 'sokuluk', 'Сокулук', 'Сокулук', 'Sokuluk', aa('Сокулук', 'Сокулукский', 'Sokuluk')),
  village('chui', 'sokuluk', 'novopavlovka', 'Новопавловка', 'Новопавловка', 'Novopavlovka', aa('Новопавловка', 'Новопавловский', 'Novopavlovka')),
  village('chui', 'sokuluk', 'gavrilovka', 'Гавриловка', 'Гавриловка', 'Gavrilovka', aa('Гавриловка', 'Гавриловский', 'Gavrilovka')),
  village('chui', 'moskva', 'belovodskoye', 'Беловодск', 'Беловодское', 'Belovodskoye', aa('Беловодск', 'Беловодский', 'Belovodskoye')),
  village('chui', 'moskva', 'petrovka', 'Петровка', 'Петровка', 'Petrovka', aa('Петровка', 'Петровский', 'Petrovka')),
  village('chui', 'moskva', 'aleksandrovka', 'Александровка', 'Александровка', 'Aleksandrovka', aa('Александровка', 'Александровский', 'Aleksandrovka')),
  village('chui', 'panfilov', 'erkin_sai', 'Эркин-Сай', 'Эркин-Сай', 'Erkin-Sai', aa('Вознесеновка', 'Вознесеновский', 'Voznesenovka')),
  village('chui', 'ysyk_ata', 'ivanovka', 'Ивановка', 'Ивановка', 'Ivanovka', aa('Ивановка', 'Ивановский', 'Ivanovka')),
  village('chui', 'ysyk_ata', 'yuryevka', 'Юрьевка', 'Юрьевка', 'Yuryevka', aa('Юрьевка', 'Юрьевский', 'Yuryevka')),
  village('chui', 'chui', 'ak_beshim', 'Ак-Бешим', 'Ак-Бешим', 'Ak-Beshim', aa('Ак-Бешим', 'Ак-Бешимский', 'Ak-Beshim')),
  village('chui', 'chui', 'kegeti', 'Кегети', 'Кегети', 'Kegeti', aa('Кегети', 'Кегетинский', 'Kegeti')),
  village('chui', 'jaiyl', 'suusamyr', 'Суусамыр', 'Суусамыр', 'Suusamyr', aa('Суусамыр', 'Суусамырский', 'Suusamyr')),
  village('chui', 'jaiyl', 'sosnovka', 'Сосновка', 'Сосновка', 'Sosnovka', aa('Сосновка', 'Сосновский', 'Sosnovka')),
  village('chui', 'kemin', 'ak_tuz', 'Ак-Түз', 'Ак-Тюз', 'Ak-Tuz', aa('Ак-Түз', 'Ак-Тюзский', 'Ak-Tuz')),
  village('chui', 'kemin', 'shabdan', 'Шабдан', 'Шабдан', 'Shabdan', null),

  // --- Issyk-Kul Region ---
  town('issyk_kul', null, 'karakol', 'Каракол', 'Каракол', 'Karakol'),
  town('issyk_kul', null, 'balykchy', 'Балыкчы', 'Балыкчы', 'Balykchy'),
  town('issyk_kul', 'issyk_kul', 'cholpon_ata', 'Чолпон-Ата', 'Чолпон-Ата', 'Cholpon-Ata'),
  village('issyk_kul', 'ak_suu', 'teploklyuchenka', 'Теплоключенка', 'Теплоключенка', 'Teploklyuchenka', aa('Теплоключенка', 'Теплоключенский', 'Teploklyuchenka')),
  village('issyk_kul', 'ak_suu', 'jyrgalan', 'Жыргалаң', 'Джыргалан', 'Jyrgalan', aa('Жыргалаң', 'Джыргаланский', 'Jyrgalan')),
  village('issyk_kul', 'ak_suu', 'enilchek', 'Эңилчек', 'Энильчек', 'Enilchek', aa('Эңилчек', 'Энильчекский', 'Enilchek')),
  village('issyk_kul', 'jeti_oguz', 'kyzyl_suu', 'Кызыл-Суу', 'Кызыл-Суу', 'Kyzyl-Suu', aa('Кызыл-Суу', 'Кызыл-Сууский', 'Kyzyl-Suu')),
  village('issyk_kul', 'jeti_oguz', 'jeti_oguz', 'Жети-Өгүз', 'Джети-Огуз', 'Jeti-Oguz', aa('Жети-Өгүз', 'Джети-Огузский', 'Jeti-Oguz')),
  village('issyk_kul', 'jeti_oguz', 'barskoon', 'Барскоон', 'Барскоон', 'Barskoon', aa('Барскоон', 'Барскоонский', 'Barskoon')),
  village('issyk_kul', 'jeti_oguz', 'tamga', 'Тамга', 'Тамга', 'Tamga', aa('Тамга', 'Тамгинский', 'Tamga')),
  village('issyk_kul', 'jeti_oguz', 'darkhan', 'Дархан', 'Дархан', 'Darkhan', aa('Дархан', 'Дарханский', 'Darkhan')),
  village('issyk_kul', 'tong', 'bokonbaev', 'Бөкөнбаев', 'Боконбаево', 'Bokonbaev', null),
  village('issyk_kul', 'tong', 'kaji_sai', 'Кажы-Сай', 'Каджи-Сай', 'Kaji-Sai', aa('Кажы-Сай', 'Каджи-Сайский', 'Kaji-Sai')),
  village('issyk_kul', 'tong', 'ak_terek', 'Ак-Терек', 'Ак-Терек', 'Ak-Terek', aa('Ак-Терек', 'Ак-Терекский', 'Ak-Terek')),
  village('issyk_kul', 'tup', 'tup', 'Түп', 'Тюп', 'Tup', aa('Түп', 'Тюпский', 'Tup')),
  village('issyk_kul', 'tup', 'mikhailovka', 'Михайловка', 'Михайловка', 'Mikhailovka', aa('Михайловка', 'Михайловский', 'Mikhailovka')),
  village('issyk_kul', 'tup', 'san_tash', 'Сан-Таш', 'Сан-Таш', 'San-Tash', aa('Сан-Таш', 'Сан-Ташский', 'San-Tash')),
  village('issyk_kul', 'issyk_kul', 'ananyevo', 'Ананьево', 'Ананьево', 'Ananyevo', aa('Ананьево', 'Ананьевский', 'Ananyevo')),
  village('issyk_kul', 'issyk_kul', 'bosteri', 'Бостери', 'Бостери', 'Bosteri', aa('Бостери', 'Бостеринский', 'Bosteri')),
  village('issyk_kul', 'issyk_kul', 'tamchy', 'Тамчы', 'Тамчы', 'Tamchy', aa('Тамчы', 'Тамчынский', 'Tamchy')),
  village('issyk_kul', 'issyk_kul', 'kara_oi', 'Кара-Ой', 'Кара-Ой', 'Kara-Oi', aa('Кара-Ой', 'Кара-Ойский', 'Kara-Oi')),
  village('issyk_kul', 'issyk_kul', 'semyonovka', 'Семёновка', 'Семёновка', 'Semyonovka', aa('Семёновка', 'Семёновский', 'Semyonovka')),
  village('issyk_kul', 'issyk_kul', 'grigoryevka', 'Григорьевка', 'Григорьевка', 'Grigoryevka', null),

  // --- Jalal-Abad Region ---
  town('jalal_abad', null, 'jalal_abad', 'Жалал-Абад', 'Джалал-Абад', 'Jalal-Abad'),
  town('jalal_abad', null, 'kara_kol', 'Кара-Көл', 'Кара-Куль', 'Kara-Kol'),
  town('jalal_abad', null, 'mailuu_suu', 'Майлуу-Суу', 'Майлуу-Суу', 'Mailuu-Suu'),
  town('jalal_abad', null, 'tash_komur', 'Таш-Көмүр', 'Таш-Кумыр', 'Tash-Komur'),
  town('jalal_abad', 'aksy', 'kerben', 'Кербен', 'Кербен', 'Kerben'),
  town('jalal_abad', 'suzak', 'kok_jangak', 'Көк-Жаңгак', 'Кок-Джангак', 'Kok-Jangak'),
  town('jalal_abad', 'toktogul', 'toktogul', 'Токтогул', 'Токтогул', 'Toktogul'),
  town('jalal_abad', 'nooken', 'kochkor_ata', 'Кочкор-Ата', 'Кочкор-Ата', 'Kochkor-Ata'),
  village('jalal_abad', 'bazar_korgon', 'bazar_korgon', 'Базар-Коргон', 'Базар-Коргон', 'Bazar-Korgon', aa('Базар-Коргон', 'Базар-Коргонский', 'Bazar-Korgon')),
  village('jalal_abad', 'bazar_korgon', 'arslanbob', 'Арстанбап', 'Арсланбоб', 'Arslanbob', aa('Арстанбап', 'Арстанбапский', 'Arstanbap')),
  village('jalal_abad', 'bazar_korgon', 'kyzyl_unkur', 'Кызыл-Үңкүр', 'Кызыл-Ункур', 'Kyzyl-Unkur', aa('Кызыл-Үңкүр', 'Кызыл-Ункурский', 'Kyzyl-Unkur')),
  village('jalal_abad', 'bazar_korgon', 'akman', 'Акман', 'Акман', 'Akman', aa('Акман', 'Акманский', 'Akman')),
  village('jalal_abad', 'nooken', 'massy', 'Масы', 'Массы', 'Massy', aa('Масы', 'Массынский', 'Massy')),
  village('jalal_abad', 'nooken', 'shamaldy_sai', 'Шамалды-Сай', 'Шамалды-Сай', 'Shamaldy-Sai', null),
  village('jalal_abad', 'suzak', 'suzak', 'Сузак', 'Сузак', 'Suzak', aa('Сузак', 'Сузакский', 'Suzak')),
  village('jalal_abad', 'suzak', 'kara_alma', 'Кара-Алма', 'Кара-Алма', 'Kara-Alma', aa('Кара-Алма', 'Кара-Алминский', 'Kara-Alma')),
  village('jalal_abad', 'ala_buka', 'ala_buka', 'Ала-Бука', 'Ала-Бука', 'Ala-Buka', aa('Ала-Бука', 'Ала-Букинский', 'Ala-Buka')),
  village('jalal_abad', 'chatkal', 'kanysh_kyya', 'Каныш-Кыя', 'Каныш-Кия', 'Kanysh-Kyya', aa('Каныш-Кыя', 'Каныш-Кыянский', 'Kanysh-Kyya')),
  village('jalal_abad', 'chatkal', 'sumsar', 'Сумсар', 'Сумсар', 'Sumsar', aa('Сумсар', 'Сумсарский', 'Sumsar')),
  village('jalal_abad', 'toguz_toro', 'kazarman', 'Казарман', 'Казарман', 'Kazarman', null),
  village('jalal_abad', 'aksy', 'avletim', 'Авлетим', 'Авлетим', 'Avletim', aa('Авлетим', 'Авлетимский', 'Avletim')),
  village('jalal_abad', 'aksy', 'kashka_suu', 'Кашка-Суу', 'Кашка-Суу', 'Kashka-Suu', aa('Кашка-Суу', 'Кашка-Сууский', 'Kashka-Suu')),
  village('jalal_abad', 'aksy', 'arkyt', 'Аркыт', 'Аркыт', 'Arkyt', null),
  village('jalal_abad', 'toktogul', 'torkent', 'Торкент', 'Торкент', 'Torkent', aa('Абды Сүеркулов', 'Абды Суеркуловский', 'Abdy Suerkulov')),
  village('jalal_abad', 'toktogul', 'uch_terek', 'Үч-Терек', 'Уч-Терек', 'Uch-Terek', aa('Үч-Терек', 'Уч-Терекский', 'Uch-Terek')),

  // --- Naryn Region ---
  town('naryn', null, 'naryn', 'Нарын', 'Нарын', 'Naryn'),
  village('naryn', 'at_bashy', 'at_bashy', 'Ат-Башы', 'Ат-Баши', 'At-Bashy', aa('Ат-Башы', 'Ат-Башинский', 'At-Bashy')),
  village('naryn', 'at_bashy', 'kara_koyun', 'Кара-Коюн', 'Кара-Коюн', 'Kara-Koyun', aa('Кара-Коюн', 'Кара-Коюнский', 'Kara-Koyun')),
  village('naryn', 'at_bashy', 'kazybek', 'Казыбек', 'Казыбек', 'Kazybek', aa('Казыбек', 'Казыбекский', 'Kazybek')),
  village('naryn', 'at_bashy', 'taldy_suu', 'Талды-Суу', 'Талды-Суу', 'Taldy-Suu', aa('Талды-Суу', 'Талды-Сууский', 'Taldy-Suu')),
  village('naryn', 'kochkor', 'kochkor', 'Кочкор', 'Кочкорка', 'Kochkor', aa('Кочкор', 'Кочкорский', 'Kochkor')),
  village('naryn', 'kochkor', 'cholpon', 'Чолпон', 'Чолпон', 'Cholpon', aa('Чолпон', 'Чолпонский', 'Cholpon')),
  village('naryn', 'kochkor', 'semiz_bel', 'Семиз-Бел', 'Семиз-Бель', 'Semiz-Bel', aa('Семиз-Бел', 'Семиз-Бельский', 'Semiz-Bel')),
  village('naryn', 'jumgal', 'chaek', 'Чаек', 'Чаек', 'Chaek', aa('Чаек', 'Чаекский', 'Chaek')),
  village('naryn', 'jumgal', 'min_kush', 'Миң-Куш', 'Мин-Куш', 'Min-Kush', aa('Миң-Куш', 'Мин-Кушский', 'Min-Kush')),
  village('naryn', 'jumgal', 'kyzyl_jyldyz', 'Кызыл-Жылдыз', 'Кызыл-Жылдыз', 'Kyzyl-Jyldyz', aa('Кызыл-Жылдыз', 'Кызыл-Жылдызский', 'Kyzyl-Jyldyz')),
  village('naryn', 'ak_talaa', 'baetov', 'Баетов', 'Баетово', 'Baetov', aa('Баетов', 'Баетовский', 'Baetov')),
  village('naryn', 'ak_talaa', 'ugut', 'Угут', 'Угут', 'Ugut', aa('Угут', 'Угутский', 'Ugut')),
  village('naryn', 'naryn', 'dostuk', 'Достук', 'Достук', 'Dostuk', aa('Достук', 'Достукский', 'Dostuk')),
  village('naryn', 'naryn', 'kazan_kuigan', 'Казан-Куйган', 'Казан-Куйган', 'Kazan-Kuigan', aa('Казан-Куйган', 'Казан-Куйганский', 'Kazan-Kuigan')),
  village('naryn', 'naryn', 'emgekchil', 'Эмгекчил', 'Эмгекчил', 'Emgekchil', aa('Эмгекчил', 'Эмгекчильский', 'Emgekchil')),

  // --- Osh Region ---
  town('osh', 'kara_suu', 'kara_suu', 'Кара-Суу', 'Кара-Суу', 'Kara-Suu'),
  town('osh', 'nookat', 'nookat', 'Ноокат', 'Ноокат', 'Nookat'),
  town('osh', 'uzgen', 'uzgen', 'Өзгөн', 'Узген', 'Uzgen'),
  village('osh', 'nookat', 'kashkaldak', 'Кашкалдак', 'Кашкалдак', 'Kashkaldak', l('Т. Зулпуев айыл аймагы', 'айыльный аймак им. Токтомата Зулпуева', 'T. Zulpuev aiyl aimak')),
  village('osh', 'nookat', 'toolos', 'Төөлөс', 'Тоолос', 'Toolos', aa('Төөлөс', 'Тоолосский', 'Toolos')),
  village('osh', 'nookat', 'jany_nookat', 'Жаңы-Ноокат', 'Жаны-Ноокат', 'Jany-Nookat', aa('Жаңы-Ноокат', 'Жаны-Ноокатский', 'Jany-Nookat')),
  village('osh', 'nookat', 'kyzyl_oktyabr', 'Кызыл-Октябрь', 'Кызыл-Октябрь', 'Kyzyl-Oktyabr', aa('Кызыл-Октябрь', 'Кызыл-Октябрьский', 'Kyzyl-Oktyabr')),
  village('osh', 'kara_suu', 'jany_aryk', 'Жаңы-Арык', 'Жаны-Арык', 'Jany-Aryk', aa('Жаңы-Арык', 'Жаны-Арыкский', 'Jany-Aryk')),
  village('osh', 'kara_suu', 'papan', 'Папан', 'Папан', 'Papan', aa('Папан', 'Папанский', 'Papan')),
  village('osh', 'kara_suu', 'nariman', 'Нариман', 'Нариман', 'Nariman', aa('Нариман', 'Наримановский', 'Nariman')),
  village('osh', 'kara_suu', 'kashgar_kyshtak', 'Кашкар-Кыштак', 'Кашгар-Кыштак', 'Kashgar-Kyshtak', aa('Кашкар-Кыштак', 'Кашгар-Кыштакский', 'Kashgar-Kyshtak')),
  village('osh', 'kara_suu', 'kyzyl_kyshtak', 'Кызыл-Кыштак', 'Кызыл-Кыштак', 'Kyzyl-Kyshtak', aa('Кызыл-Кыштак', 'Кызыл-Кыштакский', 'Kyzyl-Kyshtak')),
  village('osh', 'kara_suu', 'shark', 'Шарк', 'Шарк', 'Shark', aa('Шарк', 'Шаркский', 'Shark')),
  village('osh', 'kara_suu', 'savai', 'Савай', 'Савай', 'Savai', aa('Савай', 'Савайский', 'Savai')),
  village('osh', 'kara_suu', 'toloikon', 'Төлөйкөн', 'Толойкон', 'Toloikon', aa('Төлөйкөн', 'Толойконский', 'Toloikon')),
  village('osh', 'kara_suu', 'otuz_adyr', 'Отуз-Адыр', 'Отуз-Адыр', 'Otuz-Adyr', aa('Отуз-Адыр', 'Отуз-Адырский', 'Otuz-Adyr')),
  village('osh', 'kara_suu', 'mady', 'Мады', 'Мады', 'Mady', aa('Мады', 'Мадынский', 'Mady')),
  village('osh', 'aravan', 'aravan', 'Араван', 'Араван', 'Aravan', null),
  village('osh', 'aravan', 'mangyt', 'Маңгыт', 'Мангыт', 'Mangyt', aa('Маңгыт', 'Мангытский', 'Mangyt')),
  village('osh', 'aravan', 'tepe_korgon', 'Төпө-Коргон', 'Тепе-Коргон', 'Tepe-Korgon', aa('Төпө-Коргон', 'Тепе-Коргонский', 'Tepe-Korgon')),
  village('osh', 'aravan', 'nurabad', 'Нурабад', 'Нурабад', 'Nurabad', aa('Нурабад', 'Нурабадский', 'Nurabad')),
  village('osh', 'uzgen', 'bolshevik', 'Большевик', 'Большевик', 'Bolshevik', aa('Ак-Жар', 'Ак-Джарский', 'Ak-Jar')),
  village('osh', 'uzgen', 'kurshab', 'Куршаб', 'Куршаб', 'Kurshab', aa('Куршаб', 'Куршабский', 'Kurshab')),
  village('osh', 'uzgen', 'myrza_ake', 'Мырза-Аке', 'Мырза-Аке', 'Myrza-Ake', aa('Мырза-Аке', 'Мырза-Акинский', 'Myrza-Ake')),
  village('osh', 'uzgen', 'salam_alik', 'Салам-Алик', 'Салам-Алик', 'Salam-Alik', aa('Салам-Алик', 'Саламаликский', 'Salam-Alik')),
  village('osh', 'alay', 'gulcho', 'Гүлчө', 'Гульча', 'Gulcho', aa('Гүлчө', 'Гульчинский', 'Gulcho')),
  village('osh', 'alay', 'sary_tash', 'Сары-Таш', 'Сары-Таш', 'Sary-Tash', aa('Сары-Таш', 'Сары-Ташский', 'Sary-Tash')),
  village('osh', 'alay', 'sary_mogol', 'Сары-Могол', 'Сары-Могол', 'Sary-Mogol', aa('Сары-Могол', 'Сары-Моголский', 'Sary-Mogol')),
  village('osh', 'chong_alay', 'daroot_korgon', 'Дароот-Коргон', 'Дароот-Коргон', 'Daroot-Korgon', null),
  village('osh', 'chong_alay', 'jekendi', 'Жекенди', 'Жекенди', 'Jekendi', aa('Жекенди', 'Жекендинский', 'Jekendi')),
  village('osh', 'kara_kulja', 'kara_kulja', 'Кара-Кулжа', 'Кара-Кульджа', 'Kara-Kulja', aa('Кара-Кулжа', 'Кара-Кульджинский', 'Kara-Kulja')),

  // --- Talas Region ---
  town('talas', null, 'talas', 'Талас', 'Талас', 'Talas'),
  village('talas', 'kara_buura', 'kyzyl_adyr', 'Кызыл-Адыр', 'Кызыл-Адыр', 'Kyzyl-Adyr', aa('Кара-Буура', 'Кара-Бууринский', 'Kara-Buura')),
  village('talas', 'kara_buura', 'amanbaevo', 'Аманбаев', 'Аманбаево', 'Amanbaevo', aa('Аманбаев', 'Аманбаевский', 'Amanbaev')),
  village('talas', 'kara_buura', 'sheker', 'Шекер', 'Шекер', 'Sheker', aa('Шекер', 'Шекерский', 'Sheker')),
  village('talas', 'kara_buura', 'kok_sai', 'Көк-Сай', 'Кок-Сай', 'Kok-Sai', aa('Көк-Сай', 'Кок-Сайский', 'Kok-Sai')),
  village('talas', 'manas', 'pokrovka', 'Покровка', 'Покровка', 'Pokrovka', aa('Покровка', 'Покровский', 'Pokrovka')),
  village('talas', 'manas', 'kaiyndy', 'Кайыңды', 'Каинды', 'Kaiyndy', aa('Кайыңды', 'Каиндинский', 'Kaiyndy')),
  village('talas', 'bakai_ata', 'bakai_ata', 'Бакай-Ата', 'Бакай-Ата', 'Bakai-Ata', null),
  village('talas', 'bakai_ata', 'boo_terek', 'Боо-Терек', 'Боо-Терек', 'Boo-Terek', aa('Боо-Терек', 'Боо-Терекский', 'Boo-Terek')),
  village('talas', 'bakai_ata', 'ken_aral', 'Кең-Арал', 'Кен-Арал', 'Ken-Aral', aa('Кең-Арал', 'Кен-Аральский', 'Ken-Aral')),
  village('talas', 'talas', 'kok_oi', 'Көк-Ой', 'Кок-Ой', 'Kok-Oi', aa('Көк-Ой', 'Кок-Ойский', 'Kok-Oi')),
  village('talas', 'talas', 'kopuro_bazar', 'Көпүрө-Базар', 'Копуро-Базар', 'Kopuro-Bazar', null),
  village('talas', 'talas', 'kalba', 'Калба', 'Калба', 'Kalba', aa('Калба', 'Калбинский', 'Kalba')),
  village('talas', 'talas', 'aral', 'Арал', 'Арал', 'Aral', aa('Арал', 'Аральский', 'Aral')),
];

// ---------------------------------------------------------------------------
// Countries (ISO 3166-1 alpha-2)
// ---------------------------------------------------------------------------

function c(id: string, ky: string, ru: string, en: string, diasporaMain = false): Country {
  const country: Country = { id, labels: l(ky, ru, en) };
  if (diasporaMain) country.diasporaMain = true;
  return country;
}

export const COUNTRIES: readonly Country[] = [
  // Main diaspora countries (shown first in pickers)
  c('RU', 'Россия', 'Россия', 'Russia', true),
  c('KZ', 'Казакстан', 'Казахстан', 'Kazakhstan', true),
  c('TR', 'Түркия', 'Турция', 'Türkiye', true),
  c('US', 'Америка Кошмо Штаттары', 'Соединённые Штаты Америки', 'United States', true),
  c('KR', 'Корея Республикасы', 'Республика Корея', 'South Korea', true),
  c('AE', 'Бириккен Араб Эмираттары', 'Объединённые Арабские Эмираты', 'United Arab Emirates', true),
  c('DE', 'Германия', 'Германия', 'Germany', true),
  c('GB', 'Улуу Британия', 'Великобритания', 'United Kingdom', true),
  c('JP', 'Жапония', 'Япония', 'Japan', true),
  c('IT', 'Италия', 'Италия', 'Italy', true),
  c('CN', 'Кытай', 'Китай', 'China', true),
  c('UZ', 'Өзбекстан', 'Узбекистан', 'Uzbekistan', true),
  // Home country (returnees)
  c('KG', 'Кыргызстан', 'Кыргызстан', 'Kyrgyzstan'),
  // Central Asia, Caucasus and Eastern Europe
  c('TJ', 'Тажикстан', 'Таджикистан', 'Tajikistan'),
  c('TM', 'Түркмөнстан', 'Туркменистан', 'Turkmenistan'),
  c('AF', 'Ооганстан', 'Афганистан', 'Afghanistan'),
  c('MN', 'Монголия', 'Монголия', 'Mongolia'),
  c('AZ', 'Азербайжан', 'Азербайджан', 'Azerbaijan'),
  c('AM', 'Армения', 'Армения', 'Armenia'),
  c('GE', 'Грузия', 'Грузия', 'Georgia'),
  c('UA', 'Украина', 'Украина', 'Ukraine'),
  c('BY', 'Беларусь', 'Беларусь', 'Belarus'),
  c('MD', 'Молдова', 'Молдова', 'Moldova'),
  // Europe
  c('PL', 'Польша', 'Польша', 'Poland'),
  c('CZ', 'Чехия', 'Чехия', 'Czechia'),
  c('SK', 'Словакия', 'Словакия', 'Slovakia'),
  c('HU', 'Венгрия', 'Венгрия', 'Hungary'),
  c('RO', 'Румыния', 'Румыния', 'Romania'),
  c('BG', 'Болгария', 'Болгария', 'Bulgaria'),
  c('RS', 'Сербия', 'Сербия', 'Serbia'),
  c('HR', 'Хорватия', 'Хорватия', 'Croatia'),
  c('GR', 'Греция', 'Греция', 'Greece'),
  c('CY', 'Кипр', 'Кипр', 'Cyprus'),
  c('AT', 'Австрия', 'Австрия', 'Austria'),
  c('CH', 'Швейцария', 'Швейцария', 'Switzerland'),
  c('FR', 'Франция', 'Франция', 'France'),
  c('ES', 'Испания', 'Испания', 'Spain'),
  c('PT', 'Португалия', 'Португалия', 'Portugal'),
  c('NL', 'Нидерланддар', 'Нидерланды', 'Netherlands'),
  c('BE', 'Бельгия', 'Бельгия', 'Belgium'),
  c('LU', 'Люксембург', 'Люксембург', 'Luxembourg'),
  c('IE', 'Ирландия', 'Ирландия', 'Ireland'),
  c('DK', 'Дания', 'Дания', 'Denmark'),
  c('SE', 'Швеция', 'Швеция', 'Sweden'),
  c('NO', 'Норвегия', 'Норвегия', 'Norway'),
  c('FI', 'Финляндия', 'Финляндия', 'Finland'),
  c('EE', 'Эстония', 'Эстония', 'Estonia'),
  c('LV', 'Латвия', 'Латвия', 'Latvia'),
  c('LT', 'Литва', 'Литва', 'Lithuania'),
  // Middle East and Africa
  c('IL', 'Израиль', 'Израиль', 'Israel'),
  c('SA', 'Сауд Арабиясы', 'Саудовская Аравия', 'Saudi Arabia'),
  c('QA', 'Катар', 'Катар', 'Qatar'),
  c('KW', 'Кувейт', 'Кувейт', 'Kuwait'),
  c('BH', 'Бахрейн', 'Бахрейн', 'Bahrain'),
  c('OM', 'Оман', 'Оман', 'Oman'),
  c('JO', 'Иордания', 'Иордания', 'Jordan'),
  c('IR', 'Иран', 'Иран', 'Iran'),
  c('EG', 'Египет', 'Египет', 'Egypt'),
  c('MA', 'Марокко', 'Марокко', 'Morocco'),
  c('NG', 'Нигерия', 'Нигерия', 'Nigeria'),
  c('ZA', 'Түштүк Африка Республикасы', 'Южно-Африканская Республика', 'South Africa'),
  // South, South-East and East Asia, Oceania
  c('PK', 'Пакистан', 'Пакистан', 'Pakistan'),
  c('IN', 'Индия', 'Индия', 'India'),
  c('BD', 'Бангладеш', 'Бангладеш', 'Bangladesh'),
  c('MY', 'Малайзия', 'Малайзия', 'Malaysia'),
  c('SG', 'Сингапур', 'Сингапур', 'Singapore'),
  c('TH', 'Таиланд', 'Таиланд', 'Thailand'),
  c('ID', 'Индонезия', 'Индонезия', 'Indonesia'),
  c('VN', 'Вьетнам', 'Вьетнам', 'Vietnam'),
  c('PH', 'Филиппин', 'Филиппины', 'Philippines'),
  c('AU', 'Австралия', 'Австралия', 'Australia'),
  c('NZ', 'Жаңы Зеландия', 'Новая Зеландия', 'New Zealand'),
  // Americas
  c('CA', 'Канада', 'Канада', 'Canada'),
  c('MX', 'Мексика', 'Мексика', 'Mexico'),
  c('BR', 'Бразилия', 'Бразилия', 'Brazil'),
  c('AR', 'Аргентина', 'Аргентина', 'Argentina'),
  c('CL', 'Чили', 'Чили', 'Chile'),
];

// ---------------------------------------------------------------------------
// Languages (ISO 639-1; Dungan has no 639-1 code and uses ISO 639-3 `dng`)
// ---------------------------------------------------------------------------

export const LANGUAGES: readonly Language[] = [
  { id: 'ky', labels: l('Кыргыз тили', 'Кыргызский', 'Kyrgyz') },
  { id: 'ru', labels: l('Орус тили', 'Русский', 'Russian') },
  { id: 'en', labels: l('Англис тили', 'Английский', 'English') },
  { id: 'uz', labels: l('Өзбек тили', 'Узбекский', 'Uzbek') },
  { id: 'kk', labels: l('Казак тили', 'Казахский', 'Kazakh') },
  { id: 'tr', labels: l('Түрк тили', 'Турецкий', 'Turkish') },
  { id: 'ko', labels: l('Корей тили', 'Корейский', 'Korean') },
  { id: 'de', labels: l('Немис тили', 'Немецкий', 'German') },
  { id: 'ar', labels: l('Араб тили', 'Арабский', 'Arabic') },
  { id: 'zh', labels: l('Кытай тили', 'Китайский', 'Chinese') },
  { id: 'fr', labels: l('Француз тили', 'Французский', 'French') },
  { id: 'es', labels: l('Испан тили', 'Испанский', 'Spanish') },
  { id: 'it', labels: l('Итальян тили', 'Итальянский', 'Italian') },
  { id: 'ja', labels: l('Жапон тили', 'Японский', 'Japanese') },
  { id: 'tg', labels: l('Тажик тили', 'Таджикский', 'Tajik') },
  { id: 'fa', labels: l('Фарсы тили', 'Персидский', 'Persian') },
  { id: 'dng', labels: l('Дуңган тили', 'Дунганский', 'Dungan') },
  { id: 'ug', labels: l('Уйгур тили', 'Уйгурский', 'Uyghur') },
  { id: 'tt', labels: l('Татар тили', 'Татарский', 'Tatar') },
  { id: 'uk', labels: l('Украин тили', 'Украинский', 'Ukrainian') },
  { id: 'tk', labels: l('Түркмөн тили', 'Туркменский', 'Turkmen') },
  { id: 'az', labels: l('Азербайжан тили', 'Азербайджанский', 'Azerbaijani') },
  { id: 'pl', labels: l('Поляк тили', 'Польский', 'Polish') },
  { id: 'pt', labels: l('Португал тили', 'Португальский', 'Portuguese') },
  { id: 'hi', labels: l('Хинди тили', 'Хинди', 'Hindi') },
  { id: 'mn', labels: l('Монгол тили', 'Монгольский', 'Mongolian') },
];
