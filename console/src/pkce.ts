/** RFC 4648 §5, without padding: what PKCE and OAuth parameters use. */
export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes: a code verifier of 43 characters (RFC 7636 §4.1 asks for 43 to 128), or a state. */
export const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** RFC 7636 §4.2, S256: the challenge sent with the authorization request is BASE64URL(SHA256(verifier)). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
