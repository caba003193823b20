/**
 * Runtime probes for regexes: pure, so the build (after recheck) and the browser (team packs,
 * where recheck does not run) share them.
 */

/** Time a regex (as the engine runs it: global, every start position) on adversarial inputs. */
export function probeRuntime(source: string, flags: string, attack = '', N = 20_000): { worstMs: number } {
  const re = new RegExp(source, flags + 'g');
  const words = [...new Set(source.replace(/\\[a-zA-Z]|\(\?<?[=!:]|\(\?<\w+>|[()[\]{}|?*+^$\\.]/g, ' ').split(/\s+/).filter((w) => w.length > 1))];
  const chars = [...new Set(words.join(''))].join('') || 'a';
  const fill = (unit: string) => unit.repeat(Math.ceil(N / Math.max(1, unit.length))).slice(0, N);
  const inputs = [fill('a'), fill(' '), fill('a '), fill(words.join(' ') + ' '), fill(chars), fill(words.slice(0, 3).join(' ') + ', ')];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  if (attack) inputs.push(fill(attack));
  inputs.push(Array.from({ length: N / 6 }, () => words[Math.floor(rnd() * words.length)] ?? 'a').join(' ').slice(0, N));
  let worst = 0;
  for (const input of inputs) {
    const t0 = performance.now();
    re.lastIndex = 0;
    for (let m, k = 0; (m = re.exec(input)) && k < 100_000; k++) re.lastIndex = m.index + 1;
    worst = Math.max(worst, performance.now() - t0);
  }
  return { worstMs: worst };
}

/**
 * A static screen for regexes written outside the build (team packs): no unbounded repetition
 * of a group that itself repeats without bound ((a+)+, (\\w+\\s*)*): the shape behind
 * exponential backtracking. Returns what is wrong, or null.
 */
export function nestedRepetition(source: string): string | null {
  // stack of groups: does the group contain an unbounded quantifier?
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push(false); continue; }
    const unbounded = (j: number) => source[j] === '*' || source[j] === '+' || (source[j] === '{' && /^\{\d+,\}/.test(source.slice(j)));
    if (c === ')') {
      const inner = stack.pop() ?? false;
      if (unbounded(i + 1)) {
        if (inner) return `a group repeated without bound contains another unbounded repetition (near "${source.slice(Math.max(0, i - 20), i + 2)}"); bound one of them, e.g. {0,5}`;
        if (stack.length) stack[stack.length - 1] = true;
      } else if (inner && stack.length) stack[stack.length - 1] = true;
      continue;
    }
    if (unbounded(i) && stack.length && c !== '{') stack[stack.length - 1] = true;
    if (c === '{' && unbounded(i) && stack.length) stack[stack.length - 1] = true;
  }
  return null;
}
