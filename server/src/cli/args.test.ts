import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { helpText, parseArgv, type CommandSpec } from './args.ts';
import { program } from './commands.ts';
import { askHidden } from './io.ts';

const tree: CommandSpec<string> = {
  name: 'tool', summary: 'A tool.', examples: ['tool go x'],
  commands: [
    {
      name: 'go', summary: 'Go somewhere', run: 'go', examples: ['tool go FILE --fast'],
      args: [{ name: 'FILE', description: 'where' }, { name: 'EXTRA', optional: true, description: 'more' }],
      flags: [{ name: 'fast', description: 'quickly' }, { name: 'out', value: 'PATH', description: 'output' }, { name: 'who', value: 'W', required: true, description: 'who' }],
    },
    { name: 'group', summary: 'Nested', examples: ['tool group leaf'], commands: [{ name: 'leaf', summary: 'A leaf', run: 'leaf', examples: ['tool group leaf'] }] },
  ],
};

describe('parseArgv', () => {
  it('reads subcommands, positionals, switches and both value forms', () => {
    const parsed = parseArgv(['go', 'a.txt', '--fast', '--out', 'o.gz', '--who=Hoà'], tree);
    expect(parsed).toMatchObject({ kind: 'run', invocation: { path: ['tool', 'go'], args: ['a.txt'], flags: { fast: true, out: 'o.gz', who: 'Hoà' } } });
    expect(parseArgv(['group', 'leaf'], tree)).toMatchObject({ kind: 'run', invocation: { command: { run: 'leaf' } } });
  });

  it('takes everything after -- as positionals, even dashes', () => {
    expect(parseArgv(['go', '--who', 'x', '--', '--help', '-f'], tree)).toMatchObject({ kind: 'run', invocation: { args: ['--help', '-f'] } });
  });

  it('answers --help at every level, even among bad options', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['go', '--help'], ['go', '--bogus', '-h'], ['group', '--help'], ['group', 'leaf', '--help']]) {
      expect(parseArgv(argv, tree).kind).toBe('help');
    }
    const text = (parseArgv(['go', '--help'], tree) as { text: string }).text;
    expect(text).toContain('Usage: tool go FILE [EXTRA] [--fast] [--out PATH] --who W');
    expect(text).toContain('Example:\n  tool go FILE --fast');
  });

  it('reports usage errors precisely', () => {
    const message = (argv: string[]) => {
      const parsed = parseArgv(argv, tree);
      return parsed.kind === 'usage' ? parsed.message : parsed.kind;
    };
    expect(message([])).toBe('Missing command');
    expect(message(['fly'])).toBe('Unknown command "fly"');
    expect(message(['--verbose'])).toBe('Unknown option --verbose');
    expect(message(['go', 'a', '--who', 'w', '--slow'])).toBe('Unknown option --slow');
    expect(message(['go', 'a', '--who', 'w', '-f'])).toBe('Unknown option -f');
    expect(message(['go', 'a', '--who'])).toBe('--who needs a value (W)');
    expect(message(['go', 'a', '--who', '--fast'])).toBe('--who needs a value (W)');
    expect(message(['go', 'a', '--who', 'w', '--fast=yes'])).toBe('--fast takes no value');
    expect(message(['go', 'a'])).toBe('Missing --who W');
    expect(message(['go', '--who', 'w'])).toBe('Missing FILE');
    expect(message(['go', 'a', 'b', 'c', '--who', 'w'])).toBe('Unexpected argument "c"');
    expect(message(['group'])).toBe('Missing command');
  });
});

describe('the careloop command tree', () => {
  it('every command has a usage line, a summary and an example in its help', () => {
    const visit = (command: CommandSpec<unknown>, path: string[]) => {
      const text = helpText(command, path);
      expect(text).toMatch(/^Usage: careloop/);
      expect(text).toMatch(/Examples?:\n {2}\S/);
      for (const child of command.commands ?? []) visit(child, [...path, child.name]);
    };
    visit(program, ['careloop']);
    expect(parseArgv(['admin', 'create-owner', '--help'], program).kind).toBe('help');
  });
});

describe('askHidden', () => {
  it('reads a line without echo, with backspace and Vietnamese characters', async () => {
    const input = Object.assign(new PassThrough(), { raw: [] as boolean[], setRawMode(mode: boolean) { this.raw.push(mode); } });
    const output = new PassThrough();
    const answer = askHidden(input, output, 'Password: ');
    input.write('mật khẩuX\u007f');
    input.write(' tốt\r');
    expect(await answer).toBe('mật khẩu tốt');
    expect(input.raw).toEqual([true, false]);
    expect(output.read().toString()).toBe('Password: \n');
  });

  it('Ctrl-C cancels', async () => {
    const input = Object.assign(new PassThrough(), { setRawMode() {} });
    const answer = askHidden(input, new PassThrough(), 'Password: ');
    input.write('abc\u0003');
    await expect(answer).rejects.toThrow('Cancelled');
  });
});
