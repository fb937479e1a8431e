import { describe, expect, it } from 'vitest';
import { PRINT_FONTS } from '../../children/print/PrintShell.tsx';
import { LANDSCAPE_CSS } from './CampSheets.tsx';

describe("the camp's landscape sheets", () => {
  it('print in the fonts of every other sheet (PRINT_FONTS), with no Latin or generic serif font before the Chinese ones', () => {
    const families = [...LANDSCAPE_CSS.matchAll(/font-family:\s*([^;]+);/g)].map((m) => m[1]);
    expect(families).toEqual([`${PRINT_FONTS}, sans-serif`]);
  });
});
