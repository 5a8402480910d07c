/**
 * The fixture of issue 26's untranslated segments, about the fictional Kitebird: an English page, a Spanish and
 * an Arabic translation with some segments still in English, a Portuguese one that is almost all English,
 * and a Korean one that fails its checks. Shared by the build test and the browser test.
 */
const front = (title: string, description: string) => `---\ntitle: ${title}\ndescription: ${description}\n---\n\n`;

export const english = {
	title: 'Running a coding club',
	opening: 'A coding club meets once a week after school, in any room with a few computers.',
	before: 'Before the first meeting',
	room: 'Ask the school for a room and a regular time slot.',
	invite: 'Invite students with a poster in the hallway and a short talk in class.',
	check: 'Check that every computer opens the lesson pages.',
	print: 'Print the attendance sheet.',
	during: 'During a meeting',
	warmup: 'Start with a warm-up puzzle that takes five minutes.',
	finish: 'Finish by asking each pair to show what they built.',
	after: 'After the meeting',
	record: 'Write down who came, so the club can see how the group grows.',
};

const englishPage = `${front(english.title, 'How volunteers start and run a Kitebird coding club at their school.')}${english.opening}

## ${english.before}

${english.room}

${english.invite}

- ${english.check}
- ${english.print}
- Python

## ${english.during}

${english.warmup}

| Part | Minutes |
| --- | --- |
| Warm-up puzzle | 5 |
| Main lesson | 30 |

${english.finish}

## ${english.after}

${english.record}
`;

/** Spanish: two paragraphs and a list item still in English; one-word and number segments the same on purpose. */
const spanishPage = `${front('Cómo llevar un club de programación', 'Cómo el voluntariado abre y lleva un club de Kitebird en su escuela.')}Un club de programación se reúne una vez por semana después de clases, en cualquier salón con algunas computadoras.

## Antes de la primera reunión

${english.room}

Invita al alumnado con un cartel en el pasillo y una charla breve en clase.

- Comprueba que cada computadora abra las páginas de las lecciones.
- ${english.print}
- Python

## Durante una reunión

Empieza con un acertijo de calentamiento de cinco minutos.

| Parte | Minutos |
| --- | --- |
| Acertijo de calentamiento | 5 |
| Lección principal | 30 |

${english.finish}

## Después de la reunión

Anota quién vino, para que el club vea cómo crece el grupo.
`;

/** Arabic, right to left: one paragraph and one heading still in English. */
const arabicPage = `${front('إدارة نادٍ للبرمجة', 'كيف يبدأ المتطوعون ناديًا للبرمجة من Kitebird في مدرستهم.')}يجتمع نادي البرمجة مرة في الأسبوع بعد المدرسة، في أي غرفة فيها بعض الحواسيب.

## قبل الاجتماع الأول

اطلب من المدرسة غرفة وموعدًا ثابتًا.

${english.invite}

- تأكد من أن كل حاسوب يفتح صفحات الدروس.
- اطبع ورقة الحضور.
- Python

## ${english.during}

ابدأ بلغز إحماء يستغرق خمس دقائق.

| الجزء | الدقائق |
| --- | --- |
| لغز الإحماء | 5 |
| الدرس الرئيسي | 30 |

اطلب في النهاية من كل ثنائي أن يعرض ما صنعه.

## بعد الاجتماع

دوّن من حضر، ليرى النادي كيف تكبر المجموعة.
`;

/** Portuguese as Crowdin exports it when almost nothing was translated: the English text, but for one paragraph. */
const portuguesePage = englishPage
	.replace(`description: How volunteers`, 'description: Como voluntários')
	.replace(english.opening, 'Um clube de programação se reúne uma vez por semana depois da aula.');

/** Korean that fails its checks: frontmatter without the required title. */
const koreanPage = `---\ndescription: 코딩 동아리 운영 안내\n---\n\n코딩 동아리는 일주일에 한 번 방과 후에 모입니다.\n`;

/** The files to add to a copy of the project (`createFixtureProject`). */
export const untranslatedFixtureFiles: Record<string, string> = {
	'content/en/club-guide.md': englishPage,
	'content/es-419/club-guide.md': spanishPage,
	'content/ar/club-guide.md': arabicPage,
	'content/pt-BR/club-guide.md': portuguesePage,
	'content/ko/club-guide.md': koreanPage,
};
