export declare const DEFAULT_SOURCES: string[];
export declare function isBlocking(issue: { severity: { name: string }; confidence: { name: string } }): boolean;
export declare function scan(options: {
  root: string;
  sources: string[];
  print?: (line: string) => void;
}): Promise<{ blocking: number; findings: number; unparsed: number }>;
