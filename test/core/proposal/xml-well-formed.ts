/**
 * A small XML well-formedness check for tests: balanced, properly nested tags, one root, quoted
 * attributes without raw `<` or stray `&`, no duplicate attributes, only the five XML entities or
 * character references, no text outside the root. Returns the first problem, or null.
 */
export function findXmlError(xml: string): string | null {
  const NAME = /[A-Za-z_:][\w.:-]*/y;
  const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const stack: string[] = [];
  let rootClosed = false;
  let i = 0;
  const readName = (): string | null => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const skipSpace = (): void => {
    while (i < xml.length && /\s/.test(xml[i] as string)) i++;
  };
  const validEntityAt = (pos: number): boolean => {
    ENTITY.lastIndex = pos;
    return ENTITY.test(xml);
  };
  // eslint-disable-next-line no-control-regex -- characters XML forbids
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) return 'contains a control character XML forbids';
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return `unclosed comment at ${i}`;
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) return `unclosed processing instruction at ${i}`;
      i = end + 2;
      continue;
    }
    if (xml[i] === '<') {
      const at = i;
      i++;
      if (xml[i] === '/') {
        i++;
        const name = readName();
        skipSpace();
        if (!name || xml[i] !== '>') return `bad closing tag at ${at}`;
        i++;
        const open = stack.pop();
        if (open !== name) return `</${name}> at ${at} closes <${open ?? 'nothing'}>`;
        if (stack.length === 0) rootClosed = true;
        continue;
      }
      const name = readName();
      if (!name) return `bad tag name at ${at}`;
      if (rootClosed) return `second root element <${name}> at ${at}`;
      const attrs = new Set<string>();
      for (;;) {
        const before = i;
        skipSpace();
        if (xml.startsWith('/>', i)) {
          i += 2;
          if (stack.length === 0) rootClosed = true;
          break;
        }
        if (xml[i] === '>') {
          i++;
          stack.push(name);
          break;
        }
        if (i === before) return `missing space before attribute in <${name}> at ${i}`;
        const attr = readName();
        if (!attr) return `bad attribute in <${name}> at ${i}`;
        if (attrs.has(attr)) return `duplicate attribute ${attr} in <${name}> at ${i}`;
        attrs.add(attr);
        skipSpace();
        if (xml[i] !== '=') return `attribute ${attr} without a value at ${i}`;
        i++;
        skipSpace();
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") return `unquoted attribute ${attr} at ${i}`;
        const end = xml.indexOf(quote, i + 1);
        if (end < 0) return `unterminated attribute ${attr} at ${i}`;
        const value = xml.slice(i + 1, end);
        if (value.includes('<')) return `raw < in attribute ${attr} at ${i}`;
        for (let k = value.indexOf('&'); k >= 0; k = value.indexOf('&', k + 1))
          if (!validEntityAt(i + 1 + k)) return `stray & in attribute ${attr} at ${i + 1 + k}`;
        i = end + 1;
      }
      continue;
    }
    if (xml[i] === '&' && !validEntityAt(i)) return `stray & in text at ${i}`;
    if (stack.length === 0 && !/\s/.test(xml[i] as string)) return `text outside the root element at ${i}`;
    i++;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  if (!rootClosed) return 'no root element';
  return null;
}
