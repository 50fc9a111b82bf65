/**
 * Skills taxonomy: sectors and the skills inside them.
 *
 * Ids are stable and never reused. Skill ids are `<sector>.<skill>`.
 * `acquiredAbroadCommon` marks the skills that the UNDP–IOM returnee
 * assessment lists as those migrants most often bring back (building,
 * cooking, sales, loading / garden / manual work, foreign languages,
 * cleaning, farming) and closely related trades (welding, tiling, driving
 * heavy vehicles, sewing, …).
 */
import type { Labels, Sector, Skill } from './types.ts';

function l(ky: string, ru: string, en: string): Labels {
  return { ky, ru, en };
}

export const SECTORS: readonly Sector[] = [
  { id: 'construction', labels: l('Курулуш', 'Строительство', 'Construction') },
  { id: 'agriculture', labels: l('Айыл чарбасы', 'Сельское хозяйство', 'Agriculture and farming') },
  { id: 'food', labels: l('Тамак-аш жана ашпозчулук', 'Питание и кулинария', 'Food and cooking') },
  { id: 'trade', labels: l('Соода жана сатуу', 'Торговля и продажи', 'Trade and sales') },
  { id: 'health', labels: l('Саламаттыкты сактоо', 'Здравоохранение', 'Health') },
  { id: 'education', labels: l('Билим берүү', 'Образование', 'Education') },
  { id: 'it', labels: l('Маалыматтык технологиялар', 'Информационные технологии', 'IT and digital') },
  { id: 'finance', labels: l('Каржы жана бухгалтердик эсеп', 'Финансы и бухгалтерия', 'Finance and accounting') },
  { id: 'transport', labels: l('Транспорт жана логистика', 'Транспорт и логистика', 'Transport and logistics') },
  { id: 'tourism', labels: l('Туризм жана меймандостук', 'Туризм и гостеприимство', 'Tourism and hospitality') },
  { id: 'manufacturing', labels: l('Өндүрүш жана кол өнөрчүлүк', 'Производство и ремёсла', 'Manufacturing and crafts') },
  { id: 'energy_water', labels: l('Энергетика жана суу менен камсыздоо', 'Энергетика и водоснабжение', 'Energy and water') },
  { id: 'law_public', labels: l('Укук жана мамлекеттик башкаруу', 'Право и государственное управление', 'Law and public administration') },
  { id: 'culture_media', labels: l('Маданият, спорт жана медиа', 'Культура, спорт и медиа', 'Culture, sport and media') },
  { id: 'social_work', labels: l('Социалдык иш', 'Социальная работа', 'Social work') },
  { id: 'languages', labels: l('Тилдер жана котормо', 'Языки и перевод', 'Languages and translation') },
  { id: 'domestic_services', labels: l('Тазалоо жана тиричилик кызматтары', 'Клининг и бытовые услуги', 'Cleaning and domestic services') },
  { id: 'business', labels: l('Ишкердик жана башкаруу', 'Предпринимательство и менеджмент', 'Entrepreneurship and management') },
];

/** Builds a skill; `abroad` marks skills commonly acquired abroad. */
function s(sector: string, key: string, ky: string, ru: string, en: string, abroad = false): Skill {
  const skill: Skill = { id: `${sector}.${key}`, sector, labels: l(ky, ru, en) };
  if (abroad) skill.acquiredAbroadCommon = true;
  return skill;
}

export const SKILLS: readonly Skill[] = [
  // construction — "Building 20%" in the returnee assessment
  s('construction', 'house_building', 'Үй жана имарат куруу', 'Строительство домов и зданий', 'House and building construction', true),
  s('construction', 'masonry', 'Кыш калоо', 'Кирпичная кладка', 'Bricklaying and masonry', true),
  s('construction', 'finishing', 'Оңдоо жана жасалга иштери', 'Ремонт и отделочные работы', 'Renovation and finishing work', true),
  s('construction', 'tiling', 'Плитка төшөө', 'Укладка плитки', 'Tiling', true),
  s('construction', 'welding', 'Ширетүү (сварка)', 'Сварочные работы', 'Welding', true),
  s('construction', 'roofing', 'Чатыр жабуу', 'Кровельные работы', 'Roofing', true),
  s('construction', 'road_building', 'Жол куруу', 'Дорожное строительство', 'Road construction', true),
  s('construction', 'electrical', 'Электр монтаждоо', 'Электромонтажные работы', 'Electrical installation'),
  s('construction', 'engineering_design', 'Курулуш долбоорлоо жана инженерия', 'Проектирование и строительная инженерия', 'Structural design and engineering'),

  // agriculture — "Agriculture/Farming 3%", "Gardening 8%"
  s('agriculture', 'crop_farming', 'Дыйканчылык', 'Растениеводство', 'Crop farming', true),
  s('agriculture', 'horticulture', 'Багбанчылык жана жашылча өстүрүү', 'Садоводство и овощеводство', 'Horticulture and vegetable growing', true),
  s('agriculture', 'greenhouse', 'Күнөскана чарбасы', 'Тепличное хозяйство', 'Greenhouse farming', true),
  s('agriculture', 'livestock', 'Мал чарбачылыгы', 'Животноводство', 'Livestock breeding'),
  s('agriculture', 'beekeeping', 'Аарычылык', 'Пчеловодство', 'Beekeeping'),
  s('agriculture', 'veterinary', 'Ветеринария', 'Ветеринария', 'Veterinary care'),
  s('agriculture', 'agronomy', 'Агрономия', 'Агрономия', 'Agronomy'),
  s('agriculture', 'farm_machinery', 'Айыл чарба техникасында иштөө', 'Работа на сельхозтехнике', 'Farm machinery operation'),

  // food — "Cooking 20%"
  s('food', 'cooking', 'Ашпозчулук', 'Приготовление пищи (повар)', 'Cooking', true),
  s('food', 'baking', 'Нан жана кондитер азыктарын бышыруу', 'Выпечка и кондитерское дело', 'Baking and pastry', true),
  s('food', 'world_cuisine', 'Чет өлкө ашканасы', 'Зарубежная кухня', 'International cuisine', true),
  s('food', 'catering', 'Кейтеринг жана ресторанда тейлөө', 'Кейтеринг и ресторанное обслуживание', 'Catering and restaurant service', true),
  s('food', 'national_cuisine', 'Улуттук тамактар', 'Национальная кухня', 'Kyrgyz national cuisine'),
  s('food', 'food_processing', 'Азык-түлүктү кайра иштетүү', 'Переработка продуктов питания', 'Food processing'),
  s('food', 'dairy', 'Сүт азыктарын өндүрүү', 'Производство молочных продуктов', 'Dairy production'),
  s('food', 'food_safety', 'Тамак-аш коопсуздугу жана гигиена', 'Пищевая безопасность и гигиена', 'Food safety and hygiene'),

  // trade — "Sales/Selling 8%", loading
  s('trade', 'retail_sales', 'Чекене соода', 'Розничная торговля', 'Retail sales', true),
  s('trade', 'cashier', 'Кассирлик', 'Работа кассиром', 'Cashier work', true),
  s('trade', 'merchandising', 'Товарды жайгаштыруу (мерчандайзинг)', 'Мерчандайзинг', 'Merchandising', true),
  s('trade', 'warehouse', 'Кампа иши', 'Складское дело', 'Warehouse work', true),
  s('trade', 'customer_service', 'Кардарларды тейлөө', 'Обслуживание клиентов', 'Customer service', true),
  s('trade', 'wholesale', 'Дүң соода', 'Оптовая торговля', 'Wholesale trade'),
  s('trade', 'ecommerce', 'Онлайн соода', 'Электронная коммерция', 'E-commerce'),
  s('trade', 'import_export', 'Импорт, экспорт жана тышкы соода', 'Импорт, экспорт и внешняя торговля', 'Import, export and foreign trade'),
  s('trade', 'marketing', 'Маркетинг', 'Маркетинг', 'Marketing'),

  // health
  s('health', 'general_medicine', 'Жалпы дарыгерлик практика', 'Общая врачебная практика', 'General medicine'),
  s('health', 'nursing', 'Медайымдык иш', 'Сестринское дело', 'Nursing'),
  s('health', 'surgery', 'Хирургия', 'Хирургия', 'Surgery'),
  s('health', 'pediatrics', 'Педиатрия', 'Педиатрия', 'Paediatrics'),
  s('health', 'dentistry', 'Стоматология', 'Стоматология', 'Dentistry'),
  s('health', 'pharmacy', 'Фармация', 'Фармация', 'Pharmacy'),
  s('health', 'elderly_care', 'Кары адамдарды кароо', 'Уход за пожилыми людьми', 'Elderly care', true),
  s('health', 'medical_equipment', 'Медициналык жабдууларды тейлөө', 'Обслуживание медицинского оборудования', 'Medical equipment maintenance'),
  s('health', 'public_health', 'Коомдук саламаттык', 'Общественное здравоохранение', 'Public health'),

  // education
  s('education', 'school_teaching', 'Мектепте сабак берүү', 'Преподавание в школе', 'School teaching'),
  s('education', 'preschool', 'Мектепке чейинки тарбия', 'Дошкольное воспитание', 'Early childhood education'),
  s('education', 'university_teaching', 'Жогорку окуу жайында сабак берүү', 'Преподавание в вузе', 'University teaching'),
  s('education', 'stem_teaching', 'Математика жана табигый илимдерди окутуу', 'Преподавание математики и естественных наук', 'Maths and science teaching'),
  s('education', 'vocational_training', 'Кесиптик окутуу', 'Профессиональное обучение', 'Vocational training'),
  s('education', 'curriculum_design', 'Окуу программаларын иштеп чыгуу', 'Разработка учебных программ', 'Curriculum design'),
  s('education', 'tutoring', 'Жеке сабак берүү (репетитордук)', 'Репетиторство', 'Tutoring'),
  s('education', 'research', 'Илимий изилдөө', 'Научные исследования', 'Scientific research'),

  // it
  s('it', 'software_development', 'Программалык камсыздоону иштеп чыгуу', 'Разработка программного обеспечения', 'Software development'),
  s('it', 'web_development', 'Веб-иштеп чыгуу', 'Веб-разработка', 'Web development'),
  s('it', 'mobile_development', 'Мобилдик тиркемелерди иштеп чыгуу', 'Разработка мобильных приложений', 'Mobile app development'),
  s('it', 'data_analysis', 'Маалыматтарды талдоо', 'Анализ данных', 'Data analysis'),
  s('it', 'networks', 'Тармактык жана системалык администрлөө', 'Сетевое и системное администрирование', 'Network and system administration'),
  s('it', 'cybersecurity', 'Киберкоопсуздук', 'Кибербезопасность', 'Cybersecurity'),
  s('it', 'design', 'Графикалык жана UX дизайн', 'Графический и UX-дизайн', 'Graphic and UX design'),
  s('it', 'digital_marketing', 'Санариптик маркетинг жана SMM', 'Цифровой маркетинг и SMM', 'Digital marketing and social media'),
  s('it', 'device_repair', 'Компьютер жана телефон оңдоо', 'Ремонт компьютеров и телефонов', 'Computer and phone repair'),

  // finance
  s('finance', 'accounting', 'Бухгалтердик эсеп', 'Бухгалтерский учёт', 'Accounting'),
  s('finance', 'audit', 'Аудит', 'Аудит', 'Auditing'),
  s('finance', 'banking', 'Банк иши', 'Банковское дело', 'Banking'),
  s('finance', 'microfinance', 'Микрокаржылоо', 'Микрофинансирование', 'Microfinance'),
  s('finance', 'investment', 'Инвестициялык талдоо', 'Инвестиционный анализ', 'Investment analysis'),
  s('finance', 'tax', 'Салык боюнча кеңеш берүү', 'Налоговое консультирование', 'Tax advice'),
  s('finance', 'budgeting', 'Бюджетти пландоо', 'Бюджетное планирование', 'Budget planning'),
  s('finance', 'insurance', 'Камсыздандыруу', 'Страхование', 'Insurance'),

  // transport — driving heavy vehicles, loading
  s('transport', 'car_driving', 'Жеңил унаа айдоо (такси)', 'Вождение легкового автомобиля (такси)', 'Car and taxi driving', true),
  s('transport', 'truck_driving', 'Жүк ташуучу унаа айдоо', 'Вождение грузовика', 'Truck driving', true),
  s('transport', 'bus_driving', 'Автобус айдоо', 'Вождение автобуса', 'Bus driving', true),
  s('transport', 'heavy_machinery', 'Оор техниканы башкаруу (экскаватор, кран)', 'Управление спецтехникой (экскаватор, кран)', 'Heavy machinery operation (excavator, crane)', true),
  s('transport', 'auto_repair', 'Унаа оңдоо', 'Ремонт автомобилей', 'Car repair', true),
  s('transport', 'loading', 'Жүк жүктөө жана түшүрүү', 'Погрузочно-разгрузочные работы', 'Loading and unloading', true),
  s('transport', 'courier', 'Курьердик жеткирүү', 'Курьерская доставка', 'Courier delivery', true),
  s('transport', 'logistics', 'Логистиканы пландоо', 'Логистическое планирование', 'Logistics planning'),

  // tourism — "Maid/Cleaning 4%"
  s('tourism', 'housekeeping', 'Мейманканада бөлмө тейлөө', 'Горничная, хаускипинг', 'Hotel housekeeping', true),
  s('tourism', 'reception', 'Мейманкананын кабыл алуу бөлүмү', 'Работа на ресепшене', 'Front desk', true),
  s('tourism', 'hotel_management', 'Мейманкананы башкаруу', 'Гостиничный менеджмент', 'Hotel management'),
  s('tourism', 'guest_house', 'Конок үй жүргүзүү', 'Ведение гостевого дома', 'Running a guest house'),
  s('tourism', 'tour_guiding', 'Гиддик', 'Работа гидом', 'Tour guiding'),
  s('tourism', 'tour_operations', 'Турларды уюштуруу', 'Организация туров', 'Tour operations'),
  s('tourism', 'ecotourism', 'Экотуризм жана тоо туризми', 'Экотуризм и горный туризм', 'Eco- and mountain tourism'),
  s('tourism', 'event_management', 'Иш-чараларды уюштуруу', 'Организация мероприятий', 'Event management'),

  // manufacturing — sewing, factory work
  s('manufacturing', 'sewing', 'Тигүүчүлүк', 'Швейное дело', 'Sewing and tailoring', true),
  s('manufacturing', 'woodworking', 'Жыгач устачылыгы', 'Столярное и плотницкое дело', 'Woodworking and carpentry', true),
  s('manufacturing', 'packing', 'Таңгактоо жана сорттоо', 'Упаковка и сортировка', 'Packing and sorting', true),
  s('manufacturing', 'machine_operation', 'Станокто иштөө', 'Работа на станках', 'Machine operation'),
  s('manufacturing', 'metalworking', 'Металл иштетүү', 'Металлообработка', 'Metalworking'),
  s('manufacturing', 'felt_crafts', 'Кийиз буюмдарын жасоо (шырдак, ала кийиз)', 'Войлочное ремесло (шырдак, ала-кийиз)', 'Felt crafts (shyrdak, ala-kiyiz)'),
  s('manufacturing', 'jewellery', 'Зергерчилик', 'Ювелирное дело', 'Jewellery making'),
  s('manufacturing', 'quality_control', 'Сапатты көзөмөлдөө', 'Контроль качества', 'Quality control'),
  s('manufacturing', 'production_management', 'Өндүрүштү башкаруу', 'Управление производством', 'Production management'),

  // energy and water
  s('energy_water', 'plumbing', 'Сантехника', 'Сантехнические работы', 'Plumbing', true),
  s('energy_water', 'water_supply', 'Ичүүчү суу менен камсыздоо', 'Питьевое водоснабжение', 'Drinking water supply'),
  s('energy_water', 'irrigation', 'Сугат системалары', 'Ирригация', 'Irrigation'),
  s('energy_water', 'electrical_grid', 'Электр тармактары', 'Электрические сети', 'Power grids'),
  s('energy_water', 'solar', 'Күн энергиясы', 'Солнечная энергетика', 'Solar energy'),
  s('energy_water', 'hydropower', 'Гидроэнергетика', 'Гидроэнергетика', 'Hydropower'),
  s('energy_water', 'heating', 'Жылытуу системалары', 'Системы отопления', 'Heating systems'),
  s('energy_water', 'energy_efficiency', 'Энергияны үнөмдөө', 'Энергоэффективность', 'Energy efficiency'),

  // law and public administration
  s('law_public', 'legal_advice', 'Юридикалык кеңеш берүү', 'Юридическое консультирование', 'Legal advice'),
  s('law_public', 'migration_law', 'Миграция укугу', 'Миграционное право', 'Migration law'),
  s('law_public', 'labour_law', 'Эмгек укугу', 'Трудовое право', 'Labour law'),
  s('law_public', 'local_government', 'Жергиликтүү өз алдынча башкаруу', 'Местное самоуправление', 'Local self-government'),
  s('law_public', 'public_procurement', 'Мамлекеттик сатып алуулар', 'Государственные закупки', 'Public procurement'),
  s('law_public', 'policy_analysis', 'Саясатты талдоо', 'Анализ государственной политики', 'Policy analysis'),
  s('law_public', 'project_management', 'Долбоорлорду башкаруу', 'Управление проектами', 'Project management'),
  s('law_public', 'international_relations', 'Эл аралык мамилелер', 'Международные отношения', 'International relations'),

  // culture, sport and media
  s('culture_media', 'journalism', 'Журналистика', 'Журналистика', 'Journalism'),
  s('culture_media', 'photo_video', 'Фото жана видео тартуу', 'Фото- и видеосъёмка', 'Photo and video'),
  s('culture_media', 'music', 'Музыка', 'Музыка', 'Music'),
  s('culture_media', 'dance', 'Бий', 'Танец', 'Dance'),
  s('culture_media', 'oral_heritage', 'Манас айтуу жана оозеки мурас', 'Сказительство «Манаса» и устное наследие', 'Manas recitation and oral heritage'),
  s('culture_media', 'sport_coaching', 'Спорттук машыктыруучулук', 'Спортивная тренерская работа', 'Sports coaching'),
  s('culture_media', 'social_media', 'Социалдык тармактарды жүргүзүү', 'Ведение социальных сетей', 'Social media management'),
  s('culture_media', 'public_relations', 'Коомчулук менен байланыш (PR)', 'Связи с общественностью (PR)', 'Public relations'),

  // social work
  s('social_work', 'case_work', 'Социалдык коштоо', 'Социальное сопровождение', 'Social case work'),
  s('social_work', 'psychology', 'Психологиялык кеңеш берүү', 'Психологическое консультирование', 'Psychological counselling'),
  s('social_work', 'child_protection', 'Балдарды коргоо', 'Защита детей', 'Child protection'),
  s('social_work', 'disability_support', 'Ден соолугунун мүмкүнчүлүгү чектелген адамдарды колдоо', 'Поддержка людей с инвалидностью', 'Disability support'),
  s('social_work', 'migrant_support', 'Мигранттарды колдоо жана кайра интеграциялоо', 'Поддержка и реинтеграция мигрантов', 'Migrant support and reintegration'),
  s('social_work', 'community_mobilisation', 'Жамаатты уюштуруу', 'Мобилизация местного сообщества', 'Community mobilisation'),
  s('social_work', 'volunteering', 'Ыктыярчыларды уюштуруу', 'Организация волонтёров', 'Volunteer coordination'),
  s('social_work', 'gender_equality', 'Гендердик теңчилик боюнча программалар', 'Программы гендерного равенства', 'Gender equality programmes'),

  // languages — "Foreign languages 6%"
  s('languages', 'russian', 'Орус тили', 'Русский язык', 'Russian language', true),
  s('languages', 'english', 'Англис тили', 'Английский язык', 'English language', true),
  s('languages', 'turkish', 'Түрк тили', 'Турецкий язык', 'Turkish language', true),
  s('languages', 'korean', 'Корей тили', 'Корейский язык', 'Korean language', true),
  s('languages', 'arabic', 'Араб тили', 'Арабский язык', 'Arabic language', true),
  s('languages', 'german', 'Немис тили', 'Немецкий язык', 'German language', true),
  s('languages', 'translation', 'Жазуу жүзүндө которуу', 'Письменный перевод', 'Written translation'),
  s('languages', 'interpreting', 'Оозеки которуу', 'Устный перевод', 'Interpreting'),
  s('languages', 'language_teaching', 'Чет тилдерин окутуу', 'Преподавание иностранных языков', 'Foreign language teaching'),

  // cleaning and domestic services — "Maid/Cleaning 4%", "Gardening/manual work 8%"
  s('domestic_services', 'cleaning', 'Тазалоо (клининг)', 'Уборка (клининг)', 'Cleaning', true),
  s('domestic_services', 'housekeeping', 'Үй чарбасын жүргүзүү', 'Ведение домашнего хозяйства', 'Housekeeping', true),
  s('domestic_services', 'childcare', 'Бала кароо (няня)', 'Уход за детьми (няня)', 'Childcare (nanny)', true),
  s('domestic_services', 'laundry', 'Кир жуу жана химиялык тазалоо', 'Прачечная и химчистка', 'Laundry and dry cleaning', true),
  s('domestic_services', 'garden_care', 'Короо-жайды көрктөндүрүү жана бак тейлөө', 'Благоустройство и уход за садом', 'Landscaping and garden care', true),
  s('domestic_services', 'handyman', 'Майда тиричилик оңдоолору', 'Мелкий бытовой ремонт', 'Handyman repairs', true),
  s('domestic_services', 'manual_labour', 'Кара жумуш', 'Разнорабочий', 'General manual labour', true),
  s('domestic_services', 'hairdressing', 'Чач тарачтык', 'Парикмахерское дело', 'Hairdressing'),
  s('domestic_services', 'beauty', 'Сулуулук кызматтары', 'Косметология и маникюр', 'Beauty services'),

  // entrepreneurship and management
  s('business', 'starting_business', 'Бизнес ачуу', 'Открытие бизнеса', 'Starting a business'),
  s('business', 'business_planning', 'Бизнес-пландоо', 'Бизнес-планирование', 'Business planning'),
  s('business', 'management', 'Ишкананы башкаруу', 'Управление предприятием', 'Business management'),
  s('business', 'human_resources', 'Кадрларды башкаруу', 'Управление персоналом', 'Human resources'),
  s('business', 'fundraising', 'Каражат чогултуу (фандрайзинг)', 'Фандрайзинг', 'Fundraising'),
  s('business', 'cooperatives', 'Кооперативдерди уюштуруу', 'Создание кооперативов', 'Cooperative development'),
];
