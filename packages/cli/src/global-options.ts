/** The options every command takes (`cohesity --profile work users list`). */
export interface GlobalOptions {
  profile: string;
  json?: boolean;
  debug?: boolean;
}
