/**
 * Messages from the shared catalogue (src/errors.ts) speak to the command line in their hints ("Use --algorithm
 * best"). The page shows them with its own controls named instead.
 */

const FOR_THE_PAGE: readonly [RegExp, string][] = [
  [/\bUse --algorithm (\w+)/g, 'Pick $1 in the Algorithm menu'],
  [/--algorithm (\w+)/g, '$1 (the Algorithm menu)'],
  [/Give a concrete shape, e\.g\. --input-shape \S+?\.(\s|$)/g, 'Give its sizes in the Input shapes form.$1'],
  [/--input-shape \S+/g, 'the Input shapes form'],
];

export function pageWording(message: string): string {
  return FOR_THE_PAGE.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
