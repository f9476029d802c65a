// "Billion laughs" in YAML: ten levels of nine aliases each stand for 9^9 strings in a few hundred
// bytes; a reader that expands it runs out of memory.
export function aliasBomb(underKey = 'actor: *j'): string {
  const names = 'abcdefghij';
  const levels = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < names.length; i++)
    levels.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  return `${levels.join('\n')}\n${underKey}\n`;
}
