/** Components that MDX content may use without importing them; the page provides them to every entry. */
export const MDX_COMPONENT_NAMES = ['Callout', 'Figure'] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];
