/** seifer-lab command line: the same core as the page, headless. */
export async function main(argv: string[]): Promise<number> {
  console.log(`seifer-lab: ${argv.join(' ')}`);
  return 0;
}
