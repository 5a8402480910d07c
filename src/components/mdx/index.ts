import type { MdxComponentName } from '../../content-model/mdx-components.ts';
import Callout from './Callout.astro';
import Figure from './Figure.astro';

/** What MDX content receives as components; the names are the ones the translation checks allow. */
export const mdxComponents = { Callout, Figure } satisfies Record<MdxComponentName, unknown>;
