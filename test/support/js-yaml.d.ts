/** js-yaml (a transitive dependency, used by the compose-file test) ships no types; the one function used. */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
