import { visible } from './diagnostics.js';

/**
 * Progress on a terminal: one status line per stage and article, rewritten in place. Silent when stderr
 * is not a TTY or with --quiet, so logs and CI output stay clean.
 */
export interface Progress {
  stage(name: string, total?: number): void;
  item(label: string): void;
  done(summary?: string): void;
}

export const silentProgress: Progress = { stage() {}, item() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  let stage = '';
  let total = 0;
  let count = 0;
  const draw = (text: string): void => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
  };
  return {
    stage(name, n = 0) {
      stage = name;
      total = n;
      count = 0;
      draw(`${stage}…`);
    },
    item(label) {
      count++;
      // A file name may hold a line break or an escape sequence.
      draw(total > 0 ? `${stage} [${count}/${total}] ${visible(label)}` : `${stage} ${visible(label)}`);
    },
    done(summary) {
      stream.write('\r\x1b[2K');
      if (summary) stream.write(`${summary}\n`);
    },
  };
}
