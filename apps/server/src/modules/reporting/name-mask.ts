/** Compound surnames: the given name starts after two characters. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '申屠',
]);

/**
 * The given name of a Chinese full name, when it is long enough to stand for the child on its own
 * ("王小明" → "小明", "欧阳娜娜" → "娜娜"); null for one-character given names ("李明"), which
 * would mask ordinary words.
 */
export function givenName(name: string): string | null {
  const chars = [...name.trim()];
  const surname = chars.length >= 4 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const given = chars.slice(surname);
  return chars.length >= 3 && given.length >= 2 ? given.join('') : null;
}

/**
 * Replaces names in texts. At each position the longest listed name starting there wins, so that
 * "王小明" is replaced whole before "小明" could be; scanning once keeps it fast with a county's
 * twenty thousand names.
 */
export class NameMasker {
  private readonly names = new Map<string, string>();
  private lengths: number[] = [];

  /** `replacement` for `name`; a name added twice keeps its first replacement (add the strictest first). */
  add(name: string | null | undefined, replacement: string): this {
    const n = name?.trim();
    if (!n || n.length < 2 || this.names.has(n)) return this;
    this.names.set(n, replacement);
    if (!this.lengths.includes(n.length)) this.lengths = [...this.lengths, n.length].sort((a, b) => b - a);
    return this;
  }

  get size() {
    return this.names.size;
  }

  mask(text: string): string {
    if (!this.names.size || !text) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      let hit: string | undefined;
      let len = 0;
      for (const l of this.lengths) {
        if (i + l > text.length) continue;
        hit = this.names.get(text.slice(i, i + l));
        if (hit !== undefined) {
          len = l;
          break;
        }
      }
      if (hit !== undefined) {
        out += hit;
        i += len;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  }
}
