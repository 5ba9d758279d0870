/**
 * Entry of dist/electron/cli.mjs (`tradewind backtest|validate|backup|check|restore ...`). Runs on import, because
 * bin/tradewind.mjs imports the bundle; argument handling lives in strategy-commands.ts.
 */
import { runStrategyCli } from './strategy-commands';

const code = await runStrategyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
