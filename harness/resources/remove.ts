import type { ApiClient, SendOptions } from '../http/client';

/**
 * The one way an organization is removed: the teardown of each test, the strays at a
 * worker's end and `npm run cleanup` agree on the path and on what "gone" means.
 */
export function organizationPath(id: string): string {
  return `/api/organizations/${encodeURIComponent(id)}`;
}

/** A 2xx, or 404: someone removed it first, which is what a teardown wants. */
export function isGone(status: number): boolean {
  return status < 300 || status === 404;
}

/**
 * Sends the DELETE through the write guard (harness/judge/write-guard.ts): undefined
 * when the organization is gone, else the status that says it is not.
 */
export async function removeOrganization(
  client: Pick<ApiClient, 'send'>,
  id: string,
  credential: Pick<SendOptions, 'mode' | 'authorization'>,
): Promise<string | undefined> {
  const { response } = await client.send({
    method: 'DELETE',
    path: organizationPath(id),
    ...credential,
  });
  return isGone(response.status) ? undefined : `HTTP ${response.status}`;
}
