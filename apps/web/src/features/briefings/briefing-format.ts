import { LANGS, type Lang, messages } from '@carebridge/shared';

/**
 * A key figure's label in the page's language. The server sends the labels in the language of the
 * request; after the language is switched on an open editor they are read again here, by their text
 * in either language (a label of no known figure stays as it is).
 */
export function figureLabel(label: string, lang: Lang): string {
  for (const from of LANGS) {
    const key = Object.entries(messages(from).briefings.fig).find(([k, text]) => text === label && k !== 'item' && k !== 'value')?.[0];
    if (key) return (messages(lang).briefings.fig as Record<string, string>)[key] ?? label;
  }
  return label;
}
