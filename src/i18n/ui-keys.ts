/**
 * The UI keys, as TypeScript knows them: every string of the English source (`locales/en/common.json`), a
 * nested object read as dotted keys (group, dot, name), plural forms (name_one, name_other) as their base
 * key. A misspelt key is a type error, as Starlight types its UI keys; a key added to the English file is
 * known at once. Read by the compiler only: nothing of the JSON is bundled from here. (No real key is
 * quoted here: `npm run i18n -- rename-key` lists the code that still uses a renamed key.)
 */
import type english from '../../locales/en/common.json';

type PluralCategory = Intl.LDMLPluralRule;

/** `{ group: { name: '…' } }` → `'group.name'`. */
type DottedKeys<Strings, Prefix extends string = ''> = {
	[Key in keyof Strings & string]: Strings[Key] extends string ? `${Prefix}${Key}` : DottedKeys<Strings[Key], `${Prefix}${Key}.`>;
}[keyof Strings & string];

/** `name_one` → `name`: i18next picks the plural form from `count`. */
type WithoutPluralForm<Key extends string> = Key extends `${infer Base}_${PluralCategory}` ? Base : Key;

/** A key of the English UI strings, as `t()` takes it. */
export type UiKey = WithoutPluralForm<DottedKeys<typeof english>>;

/** A key as it is in a file, plural forms included (`name_one`): what `raw()` reads. */
export type UiFileKey = UiKey | `${UiKey}_${PluralCategory}`;
