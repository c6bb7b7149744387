/** Field weights as PostgreSQL writes them in a tsvector: D (the default, no letter) to A. */
export const WEIGHT_D = 0;
const WEIGHT_CODES: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/**
 * Reads a tsvector's text form (`'dune':1A 'herbert':3B 'it''s':5`) into each lexeme with the best weight
 * it carries. PostgreSQL made the lexemes, so the index matches exactly what `@@` would.
 */
export function parseTsvector(text: string): Map<string, number> {
  const lexemes = new Map<string, number>();
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let lexeme = '';
    i++;
    while (i < text.length) {
      const char = text[i]!;
      if (char === "'" && text[i + 1] === "'") {
        lexeme += "'";
        i += 2;
      } else if (char === "'") {
        i++;
        break;
      } else if (char === '\\') {
        lexeme += text[i + 1] ?? '';
        i += 2;
      } else {
        lexeme += char;
        i++;
      }
    }
    let weight = WEIGHT_D;
    if (text[i] === ':') {
      i++;
      while (i < text.length && text[i] !== ' ') {
        const code = WEIGHT_CODES[text[i]!];
        if (code !== undefined && code > weight) weight = code;
        i++;
      }
    }
    lexemes.set(lexeme, Math.max(weight, lexemes.get(lexeme) ?? WEIGHT_D));
  }
  return lexemes;
}
