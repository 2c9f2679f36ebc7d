const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const DELAY_MSECS = 300;

/**
 * Runs `task`, showing a spinner on stderr only if it takes longer than 300 ms and stderr is
 * a terminal: quick calls and pipes stay quiet.
 */
export async function withSpinner<T>(label: string, task: () => Promise<T>): Promise<T> {
  const stream = process.stderr;
  if (!stream.isTTY) return task();
  let frame = 0;
  let ticker: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    ticker = setInterval(() => {
      stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`);
    }, 80);
  }, DELAY_MSECS);
  try {
    return await task();
  } finally {
    clearTimeout(start);
    if (ticker) {
      clearInterval(ticker);
      stream.write('\r\x1b[2K');
    }
  }
}
