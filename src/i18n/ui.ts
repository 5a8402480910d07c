/**
 * UI strings (navigation, buttons, notices) through i18next, with the fallback chains from the registry.
 * Values are interpolated unescaped on purpose: Astro escapes every expression it prints, so escaping here
 * too would show `&amp;lt;` to readers. Never print a UI string with `set:html`.
 */
import i18next, { type i18n, type TOptions } from 'i18next';
import type { Locale, LocaleRegistry } from './registry.ts';
import { markUiString } from './ui-marks.ts';
import type { UiFileKey, UiKey } from './ui-keys.ts';

/** `{ [localeTag]: { [namespace]: nested key/value object } }` */
export type UiResources = Record<string, Record<string, Record<string, unknown>>>;

export class MissingUiStringError extends Error {
	override name = 'MissingUiStringError';
}

/**
 * The site's UI strings. `Key` is the English source's keys (`UiKey`, `ui-keys.ts`), so a misspelt key is a
 * type error; tests with strings of their own create them with `createUiStrings<string>`.
 */
export interface UiStrings<Key extends string = UiKey, FileKey extends string = Key extends UiKey ? UiFileKey : Key> {
	/** Translate `key` (`namespace:key`, or a key of the default namespace) for `locale`. */
	t(locale: Pick<Locale, 'tag'>, key: Key, options?: TOptions): string;
	/** Whether the locale itself (not a fallback) has the string. */
	hasOwn(locale: Pick<Locale, 'tag'>, key: FileKey): boolean;
	/** The uninterpolated string for `locale`, following its fallback chain; for templates filled in the browser. */
	raw(locale: Pick<Locale, 'tag'>, key: FileKey): string | undefined;
	readonly instance: i18n;
}

export const DEFAULT_NAMESPACE = 'common';

export interface UiStringOptions {
	/** Wrap every string in marks naming its key (src/i18n/ui-marks.ts): screenshot builds only. */
	marks?: boolean;
}

export function createUiStrings<Key extends string = UiKey>(registry: LocaleRegistry, resources: UiResources, options: UiStringOptions = {}): UiStrings<Key> {
	const fallbackLng: Record<string, string[]> = { default: [registry.source.tag] };
	for (const locale of registry.all) fallbackLng[locale.tag] = locale.fallbackChain.slice(1);
	const namespaces = [...new Set(Object.values(resources).flatMap((byNamespace) => Object.keys(byNamespace)))];
	const instance = i18next.createInstance();
	void instance.init({
		resources,
		lng: registry.source.tag,
		fallbackLng,
		ns: namespaces.length > 0 ? namespaces : [DEFAULT_NAMESPACE],
		defaultNS: DEFAULT_NAMESPACE,
		load: 'currentOnly',
		initAsync: false,
		returnNull: false,
		returnEmptyString: false,
		interpolation: { escapeValue: false },
	});

	const sourceFile = (key: string) => {
		const [namespace, name] = key.includes(':') ? key.split(':', 2) : [DEFAULT_NAMESPACE, key];
		return { namespace: namespace!, name: name! };
	};

	const marks = options.marks ?? false;
	// A build asks for the same strings on every page of a locale: resolve each (locale, key, options) once.
	const resolved = new Map<string, string>();
	return {
		instance,
		t(locale, typedKey, options) {
			// Typed for callers; i18next itself takes any string.
			const key: string = typedKey;
			const cacheKey = `${locale.tag}\u0000${key}\u0000${options ? JSON.stringify(options) : ''}`;
			const cached = resolved.get(cacheKey);
			if (cached !== undefined) return cached;
			if (!instance.exists(key, { ...options, lng: registry.source.tag, fallbackLng: false })) {
				const { namespace, name } = sourceFile(key);
				throw new MissingUiStringError(`UI string "${name}" is missing from locales/${registry.source.tag}/${namespace}.json (the source for every locale)`);
			}
			let value: string;
			if (marks) {
				// The key that was used (a plural form, a fallback namespace) is the one Crowdin knows.
				const details = instance.t(key, { ...options, lng: locale.tag, returnDetails: true }) as unknown as {
					res: string;
					usedNS: string;
					exactUsedKey: string;
				};
				value = markUiString(`${details.usedNS}:${details.exactUsedKey}`, details.res);
			} else {
				value = instance.t(key, { ...options, lng: locale.tag }) as string;
			}
			resolved.set(cacheKey, value);
			return value;
		},
		hasOwn(locale, key) {
			return instance.exists(key, { lng: locale.tag, fallbackLng: false });
		},
		raw(locale, key) {
			const { namespace, name } = sourceFile(key);
			const chain = registry.byTag(locale.tag)?.fallbackChain ?? [locale.tag, registry.source.tag];
			for (const tag of chain) {
				const value: unknown = instance.getResource(tag, namespace, name);
				if (typeof value === 'string' && value.trim() !== '') return value;
			}
			return undefined;
		},
	};
}
