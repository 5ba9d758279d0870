import { logFileFor } from './rotating-log';
import { redact } from './redact';

/** Core's log: each line to the data folder's rotating log file and, redacted, to the host's own log. */
export function fileBackedLog(dataDir: string, hostLog: (line: string) => void): (line: string) => void {
  const file = logFileFor(dataDir);
  return (line: string) => {
    file.write(line);
    hostLog(redact(line));
  };
}
