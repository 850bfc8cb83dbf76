import { zoo } from '../../model/zoo/index';
import type { Command } from '../command';
import { flagOption, parseCommandArgs } from '../args';
import { formatCount, table } from '../format';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'List the model zoo, one line each.',
  usage: 'seifer-lab models [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(argv, { json: { type: 'boolean' } }, this.usage);
    if (flagOption(args, 'json')) {
      io.out(
        JSON.stringify(
          zoo.map(({ build: _build, ...entry }) => entry),
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(
      table(
        ['name', 'model', 'input', 'params', 'weights', 'description'],
        zoo.map((e) => [e.name, e.title, e.inputShape.join('x'), e.referenceParams ? formatCount(e.referenceParams) : '', e.trained ? 'pretrained' : 'untrained', e.description]),
      ),
    );
    return 0;
  },
};
