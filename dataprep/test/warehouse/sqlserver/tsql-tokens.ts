/**
 * T-SQL split into tokens for the permission model's analyzer (tsql-access.ts): words (a
 * [bracketed] or "quoted" identifier is a word that is never a keyword), N'strings' with ''
 * unescaped, @variables and @@functions, numbers, and single punctuation; comments dropped.
 */
export interface Token {
  type: 'word' | 'string' | 'var' | 'number' | 'punct';
  text: string;
  upper: string;
  /** [bracketed] or "quoted": an identifier, never a keyword. */
  quoted: boolean;
}

const WORD = /[A-Za-z_#][\w$#]*/y;
const NUMBER = /\d+(\.\d+)?/y;
const VARIABLE = /@@?[\w$#]+/y;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const push = (type: Token['type'], text: string, quoted = false) => tokens.push({ type, text, upper: text.toUpperCase(), quoted });
  let i = 0;
  const sticky = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(sql);
    return m ? m[0] : null;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) i += 1;
    else if (sql.startsWith('--', i)) i = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i);
    else if (sql.startsWith('/*', i)) i = sql.indexOf('*/', i) + 2;
    else if (c === "'" || ((c === 'N' || c === 'n') && sql[i + 1] === "'")) {
      let j = sql.indexOf("'", i) + 1;
      let text = '';
      while (j < sql.length) {
        if (sql[j] === "'" && sql[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (sql[j] === "'") break;
        else text += sql[j++];
      }
      push('string', text);
      i = j + 1;
    } else if (c === '[' || c === '"') {
      const end = sql.indexOf(c === '[' ? ']' : '"', i + 1);
      push('word', sql.slice(i + 1, end), true);
      i = end + 1;
    } else {
      const text = sticky(WORD) ?? sticky(VARIABLE) ?? sticky(NUMBER);
      if (text === null) {
        push('punct', c);
        i += 1;
      } else {
        push(text.startsWith('@') ? 'var' : /^\d/.test(text) ? 'number' : 'word', text);
        i += text.length;
      }
    }
  }
  return tokens;
}
